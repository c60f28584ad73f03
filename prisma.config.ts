import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';

// Prisma's native schema engine cannot be downloaded on every machine, so the CLI uses the
// WebAssembly engine through the driver adapter (see README, "Databases").
// `prisma generate` needs the schema's env("DATABASE_URL") to resolve, or it tries to download an engine.
process.env.DATABASE_URL ??= 'file:./data/dibs.db';
// The PostgreSQL schema (prisma/postgres/schema.prisma) needs a postgresql:// URL to generate.
process.env.POSTGRES_PRISMA_URL ??= process.env.DATABASE_URL.startsWith('postgres') ? process.env.DATABASE_URL : 'postgresql://postgres@127.0.0.1:5432/test';
const url = process.env.DATABASE_URL;

export default defineConfig({
  schema: path.join('prisma', 'schema.prisma'),
  experimental: { adapter: true },
  engine: 'js',
  adapter: async () => new PrismaBetterSQLite3({ url }),
});
