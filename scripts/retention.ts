import { loadConfig } from '../bot/config';
import { runRetention } from '../bot/retention';
import { systemClock } from '../lib/clock';
import { errorCodeOf, errorMessageOf } from '../lib/errors';
import { createLogger } from '../lib/logger';
import { openStore } from '../store/openStore';

/**
 * `npm run retention`: deletes conversation state, stored questions, answer feedback and delivery
 * records older than RETENTION_DAYS once (the running bot also does this every hour), prints the
 * counts, and audits the run.
 */
async function main(): Promise<number> {
  const config = loadConfig();
  const logger = createLogger({ level: 'warn', sink: (line) => process.stderr.write(line + '\n') });
  const store = await openStore(config.databaseUrl, logger);
  try {
    const r = await runRetention(store, systemClock, config.retention.days);
    console.log(
      `Deleted data older than ${config.retention.days} days (before ${r.cutoff.toISOString()}): ` +
        `${r.conversations} conversation states, ${r.questions} question events, ${r.feedback} feedback entries, ${r.activities} delivery records.`,
    );
    return 0;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Retention failed (${errorCodeOf(error)}): ${errorMessageOf(error)}`);
    process.exit(1);
  },
);
