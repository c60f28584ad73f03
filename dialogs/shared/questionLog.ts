import { errorCodeOf } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import type { AnalyticsStore, AnswerFeedbackInput, QuestionEventInput } from '../../store/types';

/** Question events are written in batches of at most this many, */
const MAX_BATCH = 200;
/** and at the latest this long after the first one of a batch was recorded. */
const FLUSH_AFTER_MS = 1000;

/**
 * Writes question outcomes and answer feedback for the support report without holding up the turn.
 * Question events (one per question) are buffered and written together, at most a second late, so a
 * turn costs no database round trip of its own; feedback (rare) is written at once, in the background.
 * A failed write (a database outage) is logged and dropped. `flush()` writes the buffer and waits for
 * every write still running (tests, and a graceful shutdown).
 */
export class QuestionLog {
  private readonly pending = new Set<Promise<void>>();
  private buffer: QuestionEventInput[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Pick<AnalyticsStore, 'recordQuestions' | 'recordFeedback'>,
    private readonly logger: Logger,
  ) {}

  question(event: QuestionEventInput): void {
    this.buffer.push({ ...event, createdAt: event.createdAt ?? new Date() });
    if (this.buffer.length >= MAX_BATCH) this.writeBuffer();
    else this.timer ??= setTimeout(() => this.writeBuffer(), FLUSH_AFTER_MS).unref();
  }

  feedback(feedback: AnswerFeedbackInput): void {
    this.track('feedback', feedback.helpful ? 'up' : 'down', () => this.store.recordFeedback(feedback));
  }

  /** Writes what is buffered and resolves when every write started so far has finished (successfully or not). */
  async flush(): Promise<void> {
    this.writeBuffer();
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private writeBuffer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    this.track('question', `${batch.length} events`, () => this.store.recordQuestions(batch));
  }

  private track(kind: 'question' | 'feedback', outcome: string, write: () => Promise<void>): void {
    let promise: Promise<void>;
    try {
      promise = write();
    } catch (error: unknown) {
      promise = Promise.reject(error);
    }
    const tracked = promise
      .catch((error: unknown) => {
        // No question text here: only what kind of record was lost and why.
        this.logger.warn('analytics_not_recorded', { kind, outcome, code: errorCodeOf(error) });
      })
      .finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }
}
