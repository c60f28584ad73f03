import os from 'node:os';
import readline from 'node:readline/promises';
import { GdprService, runGdprCommand } from '../accounts/gdpr';
import { loadConfig } from '../bot/config';
import { systemClock } from '../lib/clock';
import { errorCodeOf, errorMessageOf } from '../lib/errors';
import { createLogger } from '../lib/logger';
import { openStore } from '../store/openStore';
import type { AuditActor } from '../store/types';

/**
 * `npm run gdpr -- export <customerId> [--out file.json]` and `npm run gdpr -- erase <customerId> [--yes]`.
 * Audited as `operator:<os user>`. Exit code 1 for an unknown customer, bad arguments or an aborted erase.
 */
async function main(): Promise<number> {
  const config = loadConfig();
  const logger = createLogger({ level: 'warn', sink: (line) => process.stderr.write(line + '\n') });
  const store = await openStore(config.databaseUrl, logger);
  try {
    const service = new GdprService(store, config.verification.secret, systemClock);
    return await runGdprCommand(process.argv.slice(2), service, operator(), {
      out: (text) => process.stdout.write(text + '\n'),
      err: (text) => process.stderr.write(text + '\n'),
      confirm: async (question) => {
        const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
        // Stdin closed without an answer (e.g. not a terminal): no answer is no.
        const closed = new Promise<string>((resolve) => rl.once('close', () => resolve('')));
        try {
          return (await Promise.race([rl.question(question), closed])).trim().toLowerCase() === 'yes';
        } catch {
          return false;
        } finally {
          rl.close();
        }
      },
    });
  } finally {
    await store.close();
  }
}

function operator(): AuditActor {
  try {
    return `operator:${os.userInfo().username}`;
  } catch {
    return 'system';
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`GDPR command failed (${errorCodeOf(error)}): ${errorMessageOf(error)}\n`);
    process.exit(1);
  },
);
