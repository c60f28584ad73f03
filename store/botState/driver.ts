/** A state row as the drivers return it. */
export interface StateRow {
  id: string;
  data: string;
  eTag: string;
}

/**
 * The bot-state statements on one database driver (store/botState/sqlite.ts, postgres.ts). Counts are
 * changed rows; errors are the driver's own (the repository turns them into typed errors).
 */
export interface BotStateDriver {
  readState(id: string): Promise<StateRow | undefined>;
  /** With `expectedETag`, only over the stored version with that tag (or when there is none). */
  writeState(id: string, data: string, eTag: string, expectedETag: string | undefined): Promise<number>;
  deleteState(id: string): Promise<number>;
  claimActivity(key: string, conversationId: string): Promise<number>;
  /** Undefined when the activity was claimed before; otherwise the state's columns (null when it has none). */
  claimActivityWithState(key: string, conversationId: string, stateId: string): Promise<{ data: string | null; eTag: string | null } | undefined>;
  pruneActivities(olderThan: Date): Promise<number>;
  pruneStates(olderThan: Date): Promise<number>;
}
