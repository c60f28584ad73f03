import { errorCodeOf } from '../lib/errors';
import type { Logger } from '../lib/logger';
import type { AnalyticsStore, AnswerFeedbackInput, QuestionEventInput } from '../store/types';

/**
 * Writes question outcomes and answer feedback for the support report without holding up the turn:
 * each write runs in the background, and a failed write (a database outage) is logged and dropped.
 * `flush()` waits for the writes still running (tests, and a graceful shutdown).
 */
export class QuestionLog {
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly store: Pick<AnalyticsStore, 'recordQuestion' | 'recordFeedback'>,
    private readonly logger: Logger,
  ) {}

  question(event: QuestionEventInput): void {
    this.track('question', event.outcome, () => this.store.recordQuestion(event));
  }

  feedback(feedback: AnswerFeedbackInput): void {
    this.track('feedback', feedback.helpful ? 'up' : 'down', () => this.store.recordFeedback(feedback));
  }

  /** Resolves when every write started so far has finished (successfully or not). */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
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
