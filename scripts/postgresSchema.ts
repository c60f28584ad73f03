import fs from 'node:fs';
import path from 'node:path';

/**
 * One set of models, two providers. prisma/schema.prisma (SQLite) is the source; this writes
 * prisma/postgres/schema.prisma with the PostgreSQL provider and its own generated client.
 * `npm run db:sync-postgres` after editing the models; a test fails when the two drift apart.
 */
export const sqliteSchemaFile = path.resolve(__dirname, '..', 'prisma', 'schema.prisma');
export const postgresSchemaFile = path.resolve(__dirname, '..', 'prisma', 'postgres', 'schema.prisma');

export function postgresSchemaFrom(sqliteSchema: string): string {
  const replaced = sqliteSchema
    .replace('output     = "../node_modules/.prisma/sqlite-client"', 'output     = "../../node_modules/.prisma/postgres-client"')
    .replace(/provider = "sqlite"/, 'provider = "postgresql"')
    // Only the CLI reads this URL (the app passes a driver adapter); see prisma.config.ts.
    .replace('url      = env("DATABASE_URL")', 'url      = env("POSTGRES_PRISMA_URL")');
  if (replaced === sqliteSchema || !replaced.includes('postgres-client') || !replaced.includes('"postgresql"') || !replaced.includes('POSTGRES_PRISMA_URL')) {
    throw new Error('prisma/schema.prisma no longer has the expected generator output or datasource provider lines');
  }
  return `// GENERATED from prisma/schema.prisma by scripts/postgresSchema.ts – do not edit by hand.\n${replaced}`;
}

if (require.main === module) {
  const input = process.argv[2] ? path.resolve(process.argv[2]) : sqliteSchemaFile;
  const output = process.argv[3] ? path.resolve(process.argv[3]) : postgresSchemaFile;
  fs.mkdirSync(path.dirname(output), { recursive: true });
  fs.writeFileSync(output, postgresSchemaFrom(fs.readFileSync(input, 'utf8')));
  console.log(`wrote ${path.relative(process.cwd(), output)}`);
}
