import type Database from 'better-sqlite3';
import { sqliteTimestamp } from '../sqliteTimestamp';
import type { BotStateDriver, StateRow } from './driver';
import { sqliteSql as sql } from './sql';

/**
 * The bot-state statements on better-sqlite3, prepared once, on the same connection as the Prisma
 * adapter: they see its transactions exactly as the raw Prisma queries did, and never wait for a
 * write lock held by this process. better-sqlite3 runs synchronously; the results are wrapped in
 * promises so both drivers share one interface.
 */
export function sqliteBotStateDriver(db: Database.Database): BotStateDriver {
  // The Prisma adapter turns safe integers on for the connection; these statements return no integers
  // but their change counts, which better-sqlite3 reports as numbers either way.
  const prepare = (text: string): Database.Statement => db.prepare(text).safeIntegers(false);
  const readState = prepare(sql.readState);
  const writeState = prepare(sql.writeState);
  const overwriteState = prepare(sql.overwriteState);
  const deleteState = prepare(sql.deleteState);
  const claimActivity = prepare(sql.claimActivity);
  const claimActivityWithState = prepare(sql.claimActivityWithState);
  const pruneActivities = prepare(sql.pruneActivities);
  const pruneStates = prepare(sql.pruneStates);
  // Synchronous work as a settled promise: a driver error rejects instead of throwing.
  const settle = <T>(work: () => T): Promise<T> => {
    try {
      return Promise.resolve(work());
    } catch (error: unknown) {
      return Promise.reject(error);
    }
  };
  return {
    readState: (id) => settle(() => readState.get(id) as StateRow | undefined),
    writeState: (id, data, eTag, expectedETag) =>
      settle(() => (expectedETag === undefined ? overwriteState.run(id, data, eTag) : writeState.run(id, data, eTag, expectedETag)).changes),
    deleteState: (id) => settle(() => deleteState.run(id).changes),
    claimActivity: (key, conversationId) => settle(() => claimActivity.run(key, conversationId).changes),
    claimActivityWithState: (key, conversationId, stateId) =>
      settle(() => claimActivityWithState.get(key, conversationId, stateId, stateId) as { data: string | null; eTag: string | null } | undefined),
    pruneActivities: (olderThan) => settle(() => pruneActivities.run(sqliteTimestamp(olderThan)).changes),
    pruneStates: (olderThan) => settle(() => pruneStates.run(sqliteTimestamp(olderThan)).changes),
  };
}
