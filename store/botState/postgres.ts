import type pg from 'pg';
import type { BotStateDriver, StateRow } from './driver';
import { postgresSql as sql, type BotStateSql } from './sql';

/**
 * The bot-state statements on node-postgres, through the pool the Prisma adapter uses. Each is a named
 * prepared statement: parsed and planned once per pooled connection, then only bound and executed.
 */
export function postgresBotStateDriver(pool: pg.Pool): BotStateDriver {
  const query = <R extends pg.QueryResultRow>(name: keyof BotStateSql, values: unknown[]): Promise<pg.QueryResult<R>> =>
    pool.query<R>({ name: `bot_state_${name}`, text: sql[name], values });
  const changed = async (name: keyof BotStateSql, values: unknown[]): Promise<number> => (await query(name, values)).rowCount ?? 0;
  return {
    readState: async (id) => (await query<StateRow>('readState', [id])).rows[0],
    writeState: (id, data, eTag, expectedETag) =>
      expectedETag === undefined ? changed('overwriteState', [id, data, eTag]) : changed('writeState', [id, data, eTag, expectedETag]),
    deleteState: (id) => changed('deleteState', [id]),
    claimActivity: (key, conversationId) => changed('claimActivity', [key, conversationId]),
    claimActivityWithState: async (key, conversationId, stateId) =>
      (await query<{ data: string | null; eTag: string | null }>('claimActivityWithState', [key, conversationId, stateId])).rows[0],
    pruneActivities: (olderThan) => changed('pruneActivities', [olderThan]),
    pruneStates: (olderThan) => changed('pruneStates', [olderThan]),
  };
}
