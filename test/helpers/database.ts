import crypto from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { openStore } from '../../store/openStore';
import type { PrismaAccountStore } from '../../store/prismaStore';
import type { Logger } from '../../lib/logger';
import { silentLogger } from '../../lib/logger';
import { tempDir } from './tmp';

/**
 * Which database the store, dialog and HTTP tests run on: SQLite (default) or, with
 * TEST_DATABASE=postgresql, the PostgreSQL at TEST_POSTGRES_URL (each test gets its own schema).
 */
export const testProvider: 'sqlite' | 'postgresql' = process.env.TEST_DATABASE === 'postgresql' ? 'postgresql' : 'sqlite';
const postgresBase = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

/** A DATABASE_URL for a brand-new, empty test database. */
export function freshDatabaseUrl(prefix: string): string {
  if (testProvider === 'sqlite') return `file:${path.join(tempDir(prefix), 'test.db')}`;
  const schema = `t_${prefix.replace(/\W/g, '')}_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  return `${postgresBase}${postgresBase.includes('?') ? '&' : '?'}schema=${schema}`;
}

/** Drops a PostgreSQL test schema (SQLite files live in temp folders). */
export async function dropDatabase(url: string): Promise<void> {
  if (!url.startsWith('postgres')) return;
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema');
  parsed.searchParams.delete('schema');
  if (!schema?.startsWith('t_')) return;
  const client = new pg.Client({ connectionString: parsed.toString() });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** Opens a store on a fresh database; closing it also removes the database. */
export async function openTestStore(prefix: string, logger: Logger = silentLogger): Promise<{ store: PrismaAccountStore; url: string }> {
  const url = freshDatabaseUrl(prefix);
  const store = await openStore(url, logger);
  const close = store.close.bind(store);
  store.close = async () => {
    await close();
    await dropDatabase(url);
  };
  return { store, url };
}
