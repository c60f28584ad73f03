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
 *
 * botbuilder's BotState sets `eTag: '*'` on the items it writes back, so the version a turn read is
 * remembered here per item object (BotState hands the same object back to `write`). A write is then
 * conditional on that version; an item this instance never read may only be created, never overwrite.
 */
export class PrismaStorage implements Storage {
  private readonly versions = new WeakMap<object, string>();

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
      const item = { ...(JSON.parse(row.data) as object), eTag: row.eTag };
      this.versions.set(item, row.eTag);
      items[row.id] = item;
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, value] of Object.entries(changes)) {
      const item = (value ?? {}) as { eTag?: string } & Record<string, unknown>;
      const { eTag, ...data } = item;
      // The version this turn read; for an item it did not read, the caller's own tag, if it sent one.
      const expected = this.versions.get(item) ?? (eTag && eTag !== '*' ? eTag : CREATE_ONLY);
      let written: string | undefined;
      try {
        written = await this.store.writeState(key, JSON.stringify(data), expected);
      } catch (error: unknown) {
        // Database down: keep the stored state as it was, so the conversation resumes when it is back.
        if (hasErrorCode(error, 'STORE_UNAVAILABLE')) continue;
        throw error;
      }
      if (written === undefined) throw new StateConflictError(key);
      this.versions.set(item, written);
    }
  }

  async delete(keys: string[]): Promise<void> {
    await this.store.deleteStates(keys);
  }
}

/** Expected version meaning "must not exist yet": a new conversation's first write. */
const CREATE_ONLY = 'create-only:not-a-version';
