import crypto from 'node:crypto';
import { AppError } from '../../lib/errors';
import type { StoreGuard } from '../guard';
import type { BotStateStore, ClaimedActivity, StoredState } from '../types';
import type { BotStateDriver } from './driver';

/**
 * The per-turn bot state and the delivery ledger, on the database driver (no ORM on the hot path).
 * Writes are compare-and-set on the eTag. Until the database has been reached (a store opened without
 * it), every call fails as in an outage.
 */
export class BotStateRepository implements BotStateStore {
  constructor(
    private readonly guard: StoreGuard,
    private readonly driver: () => BotStateDriver | undefined,
  ) {}

  private get db(): BotStateDriver {
    const driver = this.driver();
    if (!driver) throw new AppError('STORE_UNAVAILABLE', 'the database has not been reached since start');
    return driver;
  }

  readStates(ids: string[]): Promise<StoredState[]> {
    return this.guard.run('read', async () => {
      const rows = await Promise.all(ids.map((id) => this.db.readState(id)));
      return rows.flatMap((row) => (row ? [{ id: row.id, data: row.data, eTag: row.eTag }] : []));
    });
  }

  writeState(id: string, data: string, expectedETag?: string): Promise<string | undefined> {
    return this.guard.run('write', async () => {
      const eTag = crypto.randomUUID();
      // Inserted, or updated over the expected version: one row. None: another writer got there first.
      const changed = await this.db.writeState(id, data, eTag, expectedETag === '*' ? undefined : expectedETag);
      return changed === 1 ? eTag : undefined;
    });
  }

  deleteStates(ids: string[]): Promise<void> {
    return this.guard.run('write', async () => {
      for (const id of ids) await this.db.deleteState(id);
    });
  }

  claimActivity(key: string, conversationId: string): Promise<boolean> {
    return this.guard.run('write', async () => (await this.db.claimActivity(key, conversationId)) === 1);
  }

  claimActivityWithState(key: string, conversationId: string, stateId: string): Promise<ClaimedActivity> {
    return this.guard.run('write', async () => {
      const row = await this.db.claimActivityWithState(key, conversationId, stateId);
      if (!row) return { first: false };
      return { first: true, state: row.data !== null && row.eTag !== null ? { id: stateId, data: row.data, eTag: row.eTag } : undefined };
    });
  }

  pruneActivities(olderThan: Date): Promise<number> {
    return this.guard.run('write', () => this.db.pruneActivities(olderThan));
  }

  /** Deletes conversation states not written since the cut-off (retention). */
  pruneStates(olderThan: Date): Promise<number> {
    return this.guard.run('write', () => this.db.pruneStates(olderThan));
  }
}
