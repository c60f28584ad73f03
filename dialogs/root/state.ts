import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Language } from '../../knowledge/schema';

/** What the root dialog remembers between turns of a conversation. */
export interface RootState {
  language?: Language;
  /** Choices offered as a numbered list in the last reply ("1", "2" pick them): entry ids, or "topic:<id>". */
  offered: string[];
  /** Fallbacks in a row. */
  fallbacksInRow: number;
  /** Who started the running guided dialog, and when this conversation last had a message (epoch ms). */
  dialogOwner?: string;
  /** The running guided dialog was started by a phone agent (it may act for a caller without a code). */
  dialogByAgent?: boolean;
  lastMessageAt?: number;
  /** The FAQ answer the last reply asked "did this help?" about. Only the very next message can answer it. */
  feedbackFor?: FeedbackSubject;
  /** The redacted question that a clarification's numbered choices answer (feedback on the picked entry quotes it). */
  offeredFor?: string;
  /** What the next messages may lean on ("og hvis …", "can I turn that off?", "og ordre 10025?"). */
  context?: ConversationContext;
}

/**
 * The conversation's recent past, for messages that do not stand on their own. The last answer's topic
 * and follow-ups come from its FAQ entry. It lasts `matching.context.turns` messages (see knowledge/matching.yaml).
 */
export interface ConversationContext {
  /** The FAQ entry last answered. */
  entryId?: string;
  /** The order last looked up (a bare order ID then means another lookup). */
  orderId?: string;
  /** Messages since this context was set. */
  age: number;
}

/** What a 👍/👎 is about: the answered entry, its confidence, the redacted question and the reply language. */
export interface FeedbackSubject {
  entryId: string;
  score: number;
  question: string;
  language: Language;
}

export const TOPIC_PREFIX = 'topic:';

export function loadRootState(accessor: StatePropertyAccessor<RootState>, context: TurnContext): Promise<RootState> {
  return accessor.get(context, { offered: [], fallbacksInRow: 0 });
}
