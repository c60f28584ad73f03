import { ActivityTypes, type Activity, type Middleware, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { applyPrivacy } from '../lib/privacy';

/**
 * The conversation's recent transcript, kept in conversation state so a handoff can show the agents
 * what was said. Bounded (last TRANSCRIPT_MAX_LINES messages, each at most TRANSCRIPT_MAX_CHARS),
 * redacted (card-like numbers, one-time codes, e-mail addresses masked), and saved with the normal
 * state save at the end of the turn, so it costs no extra database write. Retention deletes it with
 * the state.
 */

/** Enough for the callback questions themselves (about 12 lines) and what was asked before them. */
export const TRANSCRIPT_MAX_LINES = 20;
export { TRANSCRIPT_MAX_CHARS, REDACTED_CODE, REDACTED_CPR, TRANSCRIPT_REDACTED_CARD as REDACTED_CARD } from '../lib/privacy';

export interface TranscriptLine {
  from: 'user' | 'bot';
  text: string;
  /** ISO time the line was recorded. */
  at: string;
}

/**
 * Card-like numbers (13–19 digits), CPR numbers and numbers of exactly 6 digits (the shape of a one-time code;
 * a 6-digit customer ID goes too, the case carries the customer ID) are replaced; e-mail addresses
 * are masked (k*****@nordicbikes.dk). The result is cut to TRANSCRIPT_MAX_CHARS. (The `transcript` policy of lib/privacy.ts.)
 */
export function redactTranscriptText(text: string): string {
  return applyPrivacy('transcript', text);
}

/** Records the user's messages and the bot's text replies of message turns. */
export class TranscriptMiddleware implements Middleware {
  constructor(
    private readonly transcript: StatePropertyAccessor<TranscriptLine[]>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    // Only conversations with a person: not proactive posts, typing or conversation updates.
    if (context.activity.type !== ActivityTypes.Message) return next();
    const lines = await this.transcript.get(context, []);
    const add = (from: TranscriptLine['from'], activity: Partial<Activity>): void => {
      const hasText = typeof activity.text === 'string' && activity.text.trim() !== '';
      // A merchant's upload is noted without its name; the bot's cards without text are left out.
      const text = hasText ? activity.text : from === 'user' && activity.attachments?.length ? '[vedhæftet fil]' : undefined;
      if (text === undefined) return;
      lines.push({ from, text: redactTranscriptText(text), at: this.now().toISOString() });
      if (lines.length > TRANSCRIPT_MAX_LINES) lines.splice(0, lines.length - TRANSCRIPT_MAX_LINES);
    };
    add('user', context.activity);
    context.onSendActivities(async (_ctx, activities, sendNext) => {
      for (const activity of activities) {
        if (activity.type === ActivityTypes.Message) add('bot', { text: activity.text, attachments: activity.attachments });
      }
      return sendNext();
    });
    await next();
  }
}
