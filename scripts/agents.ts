import os from 'node:os';
import { AGENTS_USAGE, parseAgentsArgs, runAgentsCommand } from '../accounts/agents';
import { loadDatabaseUrl } from '../bot/config';
import { errorMessageOf } from '../lib/errors';
import { openStore } from '../store/openStore';

/**
 * `npm run agents -- add <aadObjectId> "<name>" | list | remove <aadObjectId>`: manages the phone
 * agents (DATABASE_URL picks the database). Thin: the logic is in accounts/agents.ts.
 */
async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseAgentsArgs(argv);
  if (!parsed.ok) {
    console.error(`agents: ${parsed.problem}\n${AGENTS_USAGE}`);
    return 1;
  }
  const store = await openStore(loadDatabaseUrl());
  try {
    return await runAgentsCommand(parsed.command, {
      store,
      operator: os.userInfo().username,
      out: (line) => console.log(line),
      err: (line) => console.error(line),
    });
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`agents: ${errorMessageOf(error)}`);
    process.exitCode = 1;
  },
);
