import { PrismaClient } from '.prisma/sqlite-client';
import { PrismaClient as PostgresPrismaClient } from '.prisma/postgres-client';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import Database from 'better-sqlite3';
import pg from 'pg';
import { AppError } from '../../lib/errors';
import type { BotStateDriver } from '../botState/driver';
import { postgresBotStateDriver } from '../botState/postgres';
import { sqliteBotStateDriver } from '../botState/sqlite';
import { migratePostgres, migrateSqlite, postgresTarget, sqlitePath } from '../migrate';

/**
 * How long a query waits for another process's write lock (a CLI, a backup). better-sqlite3 waits
 * synchronously, so this is kept short: a longer lock counts as an outage.
 */
export const SQLITE_BUSY_TIMEOUT_MS = 1000;

/** Per-connection SQLite settings (journal_mode=WAL is persistent and set by the migrator). */
export const SQLITE_CONNECTION_PRAGMAS = ['PRAGMA synchronous = NORMAL', `PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`];


/**
 * Prisma errors about the request itself (a constraint, a missing record), as opposed to the database
 * being unreachable. Raw-query failures (P2010) and everything else count as an outage.
 */
export const requestErrorCodes = new Set(['P2000', 'P2001', 'P2002', 'P2003', 'P2004', 'P2011', 'P2025']);
export function isKnownRequestError(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? (error as { code: unknown }).code : undefined;
  return typeof code === 'string' && requestErrorCodes.has(code);
}


/** What a connection gives the store: the Prisma client, and the bot-state statements on its driver. */
export interface Connection {
  client: PrismaClient;
  botState: BotStateDriver;
  /** Closes what the Prisma client does not (the shared pg pool). */
  close(): Promise<void>;
}

/** How a store opens when its database cannot be reached. */
export interface OpenStoreOptions {
  /**
   * Open anyway, without the database (for the bot's start: FAQ answers need no database), and reach
   * and migrate it every `retryMs` until it answers. Default: fail (the command-line tools).
   */
  startDegraded?: boolean;
  retryMs?: number;
}

/** A store opened without its database tries again this often. */
export const START_RETRY_MS = 2000;

/** Migrates the SQLite file and opens a client on it, with the bot-state statements on its connection. */
export async function connectSqlite(url: string): Promise<Connection> {
  migrateSqlite(url);
  const adapter = new SharedSqliteAdapter({ url: `file:${sqlitePath(url)}` });
  const client = new PrismaClient({ adapter });
  // WAL with synchronous=NORMAL: a commit no longer waits for fsync (better-sqlite3 blocks the event
  // loop while it does). Committed data survives a crash of the process; only a power loss can drop
  // the last commits. busy_timeout lets a second process (a CLI) wait for the write lock briefly.
  // (The first query also opens the adapter's connection.)
  for (const pragma of SQLITE_CONNECTION_PRAGMAS) await client.$queryRawUnsafe(pragma);
  const db = adapter.database;
  if (!db) throw new AppError('STORE_UNAVAILABLE', 'the SQLite adapter did not open its connection');
  return { client, botState: sqliteBotStateDriver(db), close: () => client.$disconnect() };
}

/**
 * The Prisma better-sqlite3 adapter, keeping the connection it opens: the bot-state statements run on
 * that same connection (a second one in this process would wait, synchronously, for this one's write lock).
 */
export class SharedSqliteAdapter extends PrismaBetterSQLite3 {
  database: Database.Database | undefined;

  override async connect(): ReturnType<PrismaBetterSQLite3['connect']> {
    const adapter = await super.connect();
    const db: unknown = Reflect.get(adapter, 'client');
    if (db instanceof Database) this.database = db;
    return adapter;
  }
}

/** Migrates PostgreSQL and opens a client on it; the bot-state statements use the Prisma adapter's pool. */
export async function connectPostgres(url: string): Promise<Connection> {
  await migratePostgres(url);
  const { connectionString, schema } = postgresTarget(url);
  // search_path too, so the bot-state statements find the schema's tables like the model queries do.
  // TimeZone=UTC: the bot-state statements stamp rows with CURRENT_TIMESTAMP into columns without a time
  // zone, and retention compares them with UTC instants, whatever the server's own time zone is.
  const pool = new pg.Pool({ connectionString, max: 10, connectionTimeoutMillis: 5000, options: `-c search_path=${schema} -c TimeZone=UTC` });
  // An idle connection that the server drops is an error of the pool, not of a query: the next query fails
  // (and is an outage) or reconnects.
  pool.on('error', () => undefined);
  const adapter = new PrismaPg(pool, { schema });
  // Both clients are generated from the same models (scripts/postgresSchema.ts), so their APIs are identical.
  const client = new PostgresPrismaClient({ adapter }) as unknown as PrismaClient;
  return { client, botState: postgresBotStateDriver(pool), close: async () => {
    await client.$disconnect();
    await pool.end();
  } };
}

export function closeConnection(connection: Connection): Promise<void> {
  return connection.close();
}
