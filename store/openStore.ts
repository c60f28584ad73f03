import { AppError } from '../lib/errors';
import { silentLogger, type Logger } from '../lib/logger';
import { demoData } from '../prisma/demoData';
import { PrismaAccountStore } from './prismaStore';
import type { AccountStore } from './types';

/** Opens the account store behind a DATABASE_URL. */
export async function openStore(databaseUrl: string, logger: Logger = silentLogger): Promise<PrismaAccountStore> {
  if (databaseUrl.startsWith('file:')) return PrismaAccountStore.openSqlite(databaseUrl, logger);
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return PrismaAccountStore.openPostgres(databaseUrl, logger);
  throw new AppError('CONFIG_INVALID', 'DATABASE_URL: must be a file: (SQLite) or postgresql:// URL');
}

/** Loads the documented demo merchants into an empty database. Returns whether it did. */
export async function loadDemoDataIfEmpty(store: AccountStore & { seed(data: ReturnType<typeof demoData>): Promise<void> }): Promise<boolean> {
  if ((await store.countMerchants()) > 0) return false;
  try {
    await store.seed(demoData());
  } catch (error: unknown) {
    // Another instance started at the same moment and loaded it first.
    if ((await store.countMerchants()) > 0) return false;
    throw error;
  }
  return true;
}
