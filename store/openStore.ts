import { AppError } from '../lib/errors';
import { silentLogger, type Logger } from '../lib/logger';
import { demoData } from '../prisma/demoData';
import { PrismaAccountStore, type OpenStoreOptions } from './prismaStore';
import type { AccountStore } from './types';

/**
 * Opens the account store behind a DATABASE_URL. By default an unreachable database is an error; with
 * `startDegraded` (the bot) the store opens without it and connects, migrating first, once it answers.
 */
export async function openStore(databaseUrl: string, logger: Logger = silentLogger, options: OpenStoreOptions = {}): Promise<PrismaAccountStore> {
  if (databaseUrl.startsWith('file:')) return PrismaAccountStore.openSqlite(databaseUrl, logger, options);
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return PrismaAccountStore.openPostgres(databaseUrl, logger, options);
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
