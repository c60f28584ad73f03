/**
 * The per-turn bot-state and delivery statements, SQLite and PostgreSQL side by side. Same tables as the
 * Prisma schemas ("BotState", "ProcessedActivity", created by the migrations generated from them). Rows
 * are stamped with the database's own CURRENT_TIMESTAMP (UTC text on SQLite; on PostgreSQL the session
 * runs with TimeZone=UTC), so retention compares them with UTC instants.
 */
export interface BotStateSql {
  /** The state under one id. */
  readState: string;
  /**
   * Writes a state in one statement: inserts it, or updates the stored one when its eTag is the
   * expected one. One row changed, or none when another writer changed it first (or, with a tag that
   * is never stored, when it exists already: create only).
   */
  writeState: string;
  /** Writes a state whatever version is stored (no expected eTag, or "*"). */
  overwriteState: string;
  deleteState: string;
  /** Records a delivered activity id; no row changed when it was recorded before. */
  claimActivity: string;
  /**
   * `claimActivity`, returning the state under an id in the same statement (one round trip per
   * message turn); no row when the activity was claimed before.
   */
  claimActivityWithState: string;
  pruneActivities: string;
  pruneStates: string;
}

export const sqliteSql: BotStateSql = {
  readState: 'SELECT "id", "data", "eTag" FROM "BotState" WHERE "id" = ?',
  writeState: `INSERT INTO "BotState" ("id", "data", "eTag", "updatedAt") VALUES (?, ?, ?, CURRENT_TIMESTAMP)
    ON CONFLICT ("id") DO UPDATE SET "data" = excluded."data", "eTag" = excluded."eTag", "updatedAt" = excluded."updatedAt" WHERE "BotState"."eTag" = ?`,
  overwriteState: `INSERT INTO "BotState" ("id", "data", "eTag", "updatedAt") VALUES (?, ?, ?, CURRENT_TIMESTAMP)
    ON CONFLICT ("id") DO UPDATE SET "data" = excluded."data", "eTag" = excluded."eTag", "updatedAt" = excluded."updatedAt"`,
  deleteState: 'DELETE FROM "BotState" WHERE "id" = ?',
  claimActivity: `INSERT INTO "ProcessedActivity" ("id", "conversationId", "createdAt") VALUES (?, ?, CURRENT_TIMESTAMP) ON CONFLICT ("id") DO NOTHING`,
  claimActivityWithState: `INSERT INTO "ProcessedActivity" ("id", "conversationId", "createdAt") VALUES (?, ?, CURRENT_TIMESTAMP) ON CONFLICT ("id") DO NOTHING
    RETURNING (SELECT "data" FROM "BotState" WHERE "id" = ?) AS "data", (SELECT "eTag" FROM "BotState" WHERE "id" = ?) AS "eTag"`,
  // Compared as SQLite's CURRENT_TIMESTAMP text (sqliteTimestamp).
  pruneActivities: 'DELETE FROM "ProcessedActivity" WHERE "createdAt" < ?',
  pruneStates: 'DELETE FROM "BotState" WHERE "updatedAt" < ?',
};

export const postgresSql: BotStateSql = {
  readState: 'SELECT "id", "data", "eTag" FROM "BotState" WHERE "id" = $1',
  writeState: `INSERT INTO "BotState" ("id", "data", "eTag", "updatedAt") VALUES ($1, $2, $3, CURRENT_TIMESTAMP)
    ON CONFLICT ("id") DO UPDATE SET "data" = excluded."data", "eTag" = excluded."eTag", "updatedAt" = excluded."updatedAt" WHERE "BotState"."eTag" = $4`,
  overwriteState: `INSERT INTO "BotState" ("id", "data", "eTag", "updatedAt") VALUES ($1, $2, $3, CURRENT_TIMESTAMP)
    ON CONFLICT ("id") DO UPDATE SET "data" = excluded."data", "eTag" = excluded."eTag", "updatedAt" = excluded."updatedAt"`,
  deleteState: 'DELETE FROM "BotState" WHERE "id" = $1',
  claimActivity: `INSERT INTO "ProcessedActivity" ("id", "conversationId", "createdAt") VALUES ($1, $2, CURRENT_TIMESTAMP) ON CONFLICT ("id") DO NOTHING`,
  claimActivityWithState: `INSERT INTO "ProcessedActivity" ("id", "conversationId", "createdAt") VALUES ($1, $2, CURRENT_TIMESTAMP) ON CONFLICT ("id") DO NOTHING
    RETURNING (SELECT "data" FROM "BotState" WHERE "id" = $3) AS "data", (SELECT "eTag" FROM "BotState" WHERE "id" = $3) AS "eTag"`,
  pruneActivities: 'DELETE FROM "ProcessedActivity" WHERE "createdAt" < $1',
  pruneStates: 'DELETE FROM "BotState" WHERE "updatedAt" < $1',
};
