import type { Clock } from '../lib/clock';
import { errorCodeOf } from '../lib/errors';
import type { Logger } from '../lib/logger';
import type { AccountStore, AnalyticsStore, BotStateStore, RetentionResult } from '../store/types';

/**
 * Data retention: conversation state (with its recent transcript), stored questions, answer
 * feedback and delivery records are deleted once they are older than the configured number of
 * days. Runs at start and then periodically; every run is audited (counts only, no personal data).
 */

const DAY_MS = 24 * 60 * 60 * 1000;

export type RetentionStore = Pick<AnalyticsStore, 'pruneOlderThan'> & Pick<BotStateStore, 'pruneStates' | 'pruneActivities'> & Pick<AccountStore, 'audit'>;

export interface RetentionRun extends RetentionResult {
  cutoff: Date;
}

/** Deletes everything older than `days` days and audits the run. Throws if the database fails. */
export async function runRetention(store: RetentionStore, clock: Clock, days: number): Promise<RetentionRun> {
  const now = clock.now();
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  let result: RetentionResult;
  try {
    const analytics = await store.pruneOlderThan(cutoff);
    result = { ...analytics, conversations: await store.pruneStates(cutoff), activities: await store.pruneActivities(cutoff) };
  } catch (error: unknown) {
    await store
      .audit({ createdAt: now, actor: 'system', action: 'retention.prune', channel: 'system', outcome: 'error', detail: `days=${days} cutoff=${cutoff.toISOString()} code=${errorCodeOf(error)}` })
      .catch(() => undefined);
    throw error;
  }
  await store.audit({
    createdAt: now,
    actor: 'system',
    action: 'retention.prune',
    channel: 'system',
    outcome: 'success',
    detail: `days=${days} cutoff=${cutoff.toISOString()} questions=${result.questions} feedback=${result.feedback} conversations=${result.conversations} activities=${result.activities}`,
  });
  return { ...result, cutoff };
}

export interface RetentionSchedule {
  /** The run at start (resolves when it is done; never rejects). */
  readonly firstRun: Promise<void>;
  /** Stops the timer; resolves when a run in progress has finished. */
  stop(): Promise<void>;
}

export interface RetentionOptions {
  store: RetentionStore;
  clock: Clock;
  logger: Logger;
  days: number;
  intervalMs: number;
}

/** Runs retention now and then every `intervalMs` (timer unref'd). Failures are logged, never thrown. */
export function startRetention(options: RetentionOptions): RetentionSchedule {
  const { store, clock, logger, days } = options;
  let running: Promise<void> | undefined;

  const runOnce = (): Promise<void> => {
    if (running) return running; // the previous run is still busy: skip this tick
    running = runRetention(store, clock, days)
      .then((r) => {
        logger.info('retention_pruned', { days, cutoff: r.cutoff.toISOString(), questions: r.questions, feedback: r.feedback, conversations: r.conversations, activities: r.activities });
      })
      .catch((error: unknown) => {
        logger.error('retention_failed', { days, code: errorCodeOf(error) });
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  const firstRun = runOnce();
  const timer = setInterval(() => void runOnce(), options.intervalMs);
  timer.unref();
  return {
    firstRun,
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
