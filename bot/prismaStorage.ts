import type { Storage, StoreItems } from 'botbuilder';
import { AppError, hasErrorCode } from '../lib/errors';
import type { BotStateStore } from '../store/types';

/** Thrown when another instance changed the same state first: the turn must be repeated. */
export class StateConflictError extends AppError {
  constructor(readonly key: string) {
    super('STATE_CONFLICT', 'bot state was changed by another instance');
    this.name = 'StateConflictError';
  }
}

/**
 * Bot Framework Storage on the account store's database, with optimistic concurrency by eTag.
 * Every instance behind a load balancer sees the same conversations.
 */
export class PrismaStorage implements Storage {
  constructor(private readonly store: BotStateStore) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    if (keys.length === 0) return items;
    let rows;
    try {
      rows = await this.store.readStates(keys);
    } catch (error: unknown) {
      // Database down: carry on with fresh state so FAQ answers keep working (the store logs the outage once).
      if (hasErrorCode(error, 'STORE_UNAVAILABLE')) return items;
      throw error;
    }
    for (const row of rows) {
      items[row.id] = { ...(JSON.parse(row.data) as object), eTag: row.eTag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...data } = (item ?? {}) as { eTag?: string } & Record<string, unknown>;
      let written: string | undefined;
      try {
        written = await this.store.writeState(key, JSON.stringify(data), eTag);
      } catch (error: unknown) {
        // Database down: keep the stored state as it was, so the conversation resumes when it is back.
        if (hasErrorCode(error, 'STORE_UNAVAILABLE')) continue;
        throw error;
      }
      if (written === undefined) throw new StateConflictError(key);
    }
  }

  async delete(keys: string[]): Promise<void> {
    await this.store.deleteStates(keys);
  }
}
