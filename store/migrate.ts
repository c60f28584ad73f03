import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { AppError } from '../lib/errors';

/**
 * Applies the SQL migrations under prisma/migrations to a SQLite database, recording them in
 * Prisma's own `_prisma_migrations` table (same columns and checksums), so `prisma migrate status`
 * and `prisma migrate deploy` agree with what ran here. It needs no Prisma engine download, and
 * runs at start so a new SQLite file is created and migrated on first start.
 */
export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
}

/** prisma/migrations of this project, found upwards from this file (works from sources and from dist/). */
export const defaultMigrationsDir = findUp(path.join('prisma', 'migrations'), __dirname);
export const postgresMigrationsDir = findUp(path.join('prisma', 'postgres', 'migrations'), __dirname);

function findUp(relative: string, from: string): string {
  let dir = from;
  for (;;) {
    const candidate = path.join(dir, relative);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(from, '..', relative);
    dir = parent;
  }
}

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir: string): Migration[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: crypto.createHash('sha256').update(sql).digest('hex') };
    });
}

/** Path of the SQLite file behind a `file:` URL. */
export function sqlitePath(url: string): string {
  return url.replace(/^file:/, '').replace(/\?.*$/s, '');
}

export function migrateSqlite(url: string, dir: string = defaultMigrationsDir): MigrationReport {
  const file = sqlitePath(url);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" TEXT PRIMARY KEY NOT NULL,
      "checksum" TEXT NOT NULL,
      "finished_at" DATETIME,
      "migration_name" TEXT NOT NULL,
      "logs" TEXT,
      "rolled_back_at" DATETIME,
      "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
      "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
    )`);
    const done = new Map(
      (db.prepare('SELECT migration_name, checksum FROM "_prisma_migrations" WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL').all() as {
        migration_name: string;
        checksum: string;
      }[]).map((r) => [r.migration_name, r.checksum]),
    );
    const applied: string[] = [];
    for (const m of readMigrations(dir)) {
      const previous = done.get(m.name);
      if (previous !== undefined) {
        if (previous !== m.checksum) {
          throw new AppError('STORE_MIGRATION_FAILED', `migration ${m.name} was changed after it was applied`);
        }
        continue;
      }
      const run = db.transaction(() => {
        db.exec(m.sql);
        db.prepare(
          'INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)',
        ).run(crypto.randomUUID(), m.checksum, Date.now(), m.name, Date.now());
      });
      try {
        run();
      } catch (error: unknown) {
        throw new AppError('STORE_MIGRATION_FAILED', `migration ${m.name} failed`, { cause: error });
      }
      applied.push(m.name);
    }
    return { applied, alreadyApplied: done.size };
  } finally {
    db.close();
  }
}

/** A PostgreSQL URL split into what pg needs and the schema (Prisma's `?schema=` parameter, default public). */
export function postgresTarget(url: string): { connectionString: string; schema: string } {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema') ?? 'public';
  parsed.searchParams.delete('schema');
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) throw new AppError('CONFIG_INVALID', 'DATABASE_URL: the schema parameter must be a plain identifier');
  return { connectionString: parsed.toString(), schema };
}

/**
 * Applies prisma/postgres/migrations to PostgreSQL, recorded in `_prisma_migrations` like Prisma does.
 * An advisory lock lets several instances start at once. (Prisma's own `migrate deploy` cannot run
 * here through the WebAssembly engine with adapter-pg; see README, "Databases".)
 */
export async function migratePostgres(url: string, dir: string = postgresMigrationsDir): Promise<MigrationReport> {
  const { connectionString, schema } = postgresTarget(url);
  // A bounded wait: an unreachable host must not hold up the bot's start (it starts without the database).
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error: unknown) {
    throw new AppError('STORE_UNAVAILABLE', 'PostgreSQL is not reachable', { cause: error });
  }
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query(`SET search_path TO "${schema}"`);
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [`dibs-migrate:${schema}`]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
    const rows = await client.query<{ migration_name: string; checksum: string }>(
      'SELECT migration_name, checksum FROM "_prisma_migrations" WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL',
    );
    const done = new Map(rows.rows.map((r) => [r.migration_name, r.checksum]));
    const applied: string[] = [];
    for (const m of readMigrations(dir)) {
      const previous = done.get(m.name);
      if (previous !== undefined) {
        if (previous !== m.checksum) throw new AppError('STORE_MIGRATION_FAILED', `migration ${m.name} was changed after it was applied`);
        continue;
      }
      try {
        await client.query('BEGIN');
        await client.query(m.sql);
        await client.query(
          'INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ($1, $2, now(), $3, now(), 1)',
          [crypto.randomUUID(), m.checksum, m.name],
        );
        await client.query('COMMIT');
      } catch (error: unknown) {
        await client.query('ROLLBACK');
        throw new AppError('STORE_MIGRATION_FAILED', `migration ${m.name} failed`, { cause: error });
      }
      applied.push(m.name);
    }
    return { applied, alreadyApplied: done.size };
  } finally {
    await client.end();
  }
}
