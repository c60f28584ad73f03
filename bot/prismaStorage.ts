import type { ConversationState, Storage, StoreItems, TurnContext } from 'botbuilder';
import { AppError, isStoreFailure } from '../lib/errors';
import type { BotStateStore, StoredState } from '../store/types';

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
  /**
   * States read ahead by `claimAndLoad`, each waiting for the `read` of its turn, which follows within
   * the same few microtasks. Should another turn of the same conversation read in that instant, it gets
   * this snapshot instead of the database's: a real version with its own eTag, so at worst its write is
   * refused as a conflict, exactly as when two turns of one conversation overlap anyway.
   */
  private readonly prefetched = new Map<string, StoredState | undefined>();

  constructor(private readonly store: BotStateStore) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    const toRead: string[] = [];
    for (const key of keys) {
      if (!this.prefetched.has(key)) toRead.push(key);
      else {
        const row = this.prefetched.get(key);
        this.prefetched.delete(key);
        if (row) items[key] = this.item(row);
      }
    }
    if (toRead.length === 0) return items;
    let rows;
    try {
      rows = await this.store.readStates(toRead);
    } catch (error: unknown) {
      // Database down: carry on with fresh state so FAQ answers keep working (the store logs the outage once).
      if (isStoreFailure(error)) return items;
      throw error;
    }
    for (const row of rows) items[row.id] = this.item(row);
    return items;
  }

  /**
   * Records a message's delivery and loads its conversation's state into `state`, with one query.
   * False for a redelivery (nothing is loaded then). The state's version is remembered as for `read`,
   * so the turn's write stays conditional on it.
   */
  async claimAndLoad(context: TurnContext, state: ConversationState, activityKey: string, conversationId: string): Promise<boolean> {
    // Already loaded this turn (by a middleware), or no key to load by: only the delivery is recorded.
    const stateKey = state.get(context) === undefined && context.activity.channelId ? state.getStorageKey(context) : undefined;
    if (stateKey === undefined) return this.store.claimActivity(activityKey, conversationId);
    const claimed = await this.store.claimActivityWithState(activityKey, conversationId, stateKey);
    if (!claimed.first) return false;
    this.prefetched.set(stateKey, claimed.state);
    try {
      await state.load(context);
    } finally {
      // Never served to a later turn.
      this.prefetched.delete(stateKey);
    }
    return true;
  }

  private item(row: StoredState): object {
    const item = { ...(JSON.parse(row.data) as object), eTag: row.eTag };
    this.versions.set(item, row.eTag);
    return item;
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
        if (isStoreFailure(error)) continue;
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
