import { AppError } from '../lib/errors';
import { demoData } from '../prisma/demoData';
import { PrismaAccountStore } from './prismaStore';
import type { AccountStore } from './types';

/** Opens the account store behind a DATABASE_URL. */
export async function openStore(databaseUrl: string): Promise<PrismaAccountStore> {
  if (databaseUrl.startsWith('file:')) return PrismaAccountStore.openSqlite(databaseUrl);
  throw new AppError('CONFIG_INVALID', 'DATABASE_URL: PostgreSQL is not supported by this build yet; use a file: URL (SQLite)');
}

/** Loads the documented demo merchants into an empty database. Returns whether it did. */
export async function loadDemoDataIfEmpty(store: AccountStore & { seed(data: ReturnType<typeof demoData>): Promise<void> }): Promise<boolean> {
  if ((await store.countMerchants()) > 0) return false;
  await store.seed(demoData());
  return true;
}
