import type { TurnContext } from 'botbuilder';
import type { KnowledgeBase } from '../../knowledge/knowledgeBase';
import { redact } from '../../knowledge/redact';
import type { FaqEntry, Language } from '../../knowledge/schema';
import type { QuestionOutcome } from '../../store/types';
import type { QuestionLog } from '../shared/questionLog';
import type { FeedbackSubject } from './state';

/**
 * What the support report learns from the root dialog: question outcomes and answer feedback. Only
 * redacted questions are stored (no digits, e-mails or card numbers), and only where a person should
 * look at them (fallbacks, weak answers, clarifications, feedback).
 */
export class QuestionAnalytics {
  constructor(
    private readonly kb: KnowledgeBase,
    private readonly log: QuestionLog | undefined,
    private readonly now: () => number,
  ) {}

  /** The question without personal data, as it may be stored. */
  redacted(text: string): string {
    return redact(text, this.kb.data.matching.maxQuestionChars);
  }

  /** An answered question: counts only, or the redacted text too when the answer was a weak match. */
  answered(context: TurnContext, entry: FaqEntry, confidence: number, language: Language, question: string): void {
    if (confidence < this.kb.data.matching.lowConfidenceBelow) this.record(context, 'low-confidence', language, { question, entryId: entry.id, score: confidence });
    else this.record(context, 'answered', language, { entryId: entry.id, score: confidence });
  }

  record(context: TurnContext, outcome: QuestionOutcome, language: Language, details: { question?: string; entryId?: string; score?: number } = {}): void {
    this.log?.question({ outcome, language, ...details, ...this.origin(context) });
  }

  /** A 👍/👎 on the answer it was asked about. */
  feedback(context: TurnContext, subject: FeedbackSubject, helpful: boolean): void {
    this.log?.feedback({ entryId: subject.entryId, question: subject.question, score: subject.score, helpful, language: subject.language, ...this.origin(context) });
  }

  /** Channel, conversation and time of this turn. */
  private origin(context: TurnContext): { channel: string; conversationId: string; createdAt: Date } {
    return { channel: context.activity.channelId, conversationId: context.activity.conversation?.id ?? '', createdAt: new Date(this.now()) };
  }
}
