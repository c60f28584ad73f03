import { ActionTypes, MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import type { Language } from '../../knowledge/schema';
import { adaptiveCardAttachment, feedbackAnswerOf, feedbackCard, isTeams } from '../shared/cards';
import { parseYesNo } from '../shared/entities';
import { feedbackTexts } from '../shared/feedback.texts';
import { turnInsights } from '../shared/turnInsights';
import type { QuestionAnalytics } from './analytics';
import { withLocale } from '../shared/replies';
import type { FeedbackSubject, RootState } from './state';

export type Vote = 'up' | 'down';

/**
 * A 👍/👎 on the last answer: a Teams card button ({ feedback: 'up' | 'down' }), a thumb typed or
 * clicked ("👍", "👍 Ja"), or, only right after the question, a plain yes or no ("ja", "nej").
 */
export function feedbackVote(value: unknown, text: string, asked: boolean): Vote | undefined {
  const clicked = feedbackAnswerOf(value);
  if (clicked) return clicked;
  const up = text.includes('👍');
  if (up !== text.includes('👎')) {
    const rest = text.replace(/[👍👎\u{1F3FB}-\u{1F3FF}\uFE0F]/gu, '').trim();
    if (rest === '' || parseYesNo(rest) === up) return up ? 'up' : 'down';
  }
  if (!asked) return undefined;
  const yesNo = parseYesNo(text);
  return yesNo === undefined ? undefined : yesNo ? 'up' : 'down';
}

/** "Did this help?" after an FAQ answer, and what the bot does with the answer to it. */
export class AnswerFeedback {
  constructor(private readonly analytics: QuestionAnalytics) {}

  /**
   * "Did this help?" with 👍/👎, and the answer's follow-up questions again (a chat shows the last
   * message's suggested actions). In Teams the thumbs are Adaptive Card buttons that send { feedback };
   * bot/teamsRendering.ts moves the follow-ups onto that one card.
   */
  question(context: TurnContext, language: Language, followUps: string[], entryId: string): Partial<Activity> {
    const texts = feedbackTexts[language];
    if (!isTeams(context)) return withLocale(MessageFactory.suggestedActions([texts.up, texts.down, ...followUps], texts.question), language);
    const activity = MessageFactory.attachment(adaptiveCardAttachment(feedbackCard(texts.question, { up: texts.up, down: texts.down }, entryId)));
    if (followUps.length > 0) activity.suggestedActions = { to: [], actions: followUps.map((title) => ({ type: ActionTypes.ImBack, title, value: title })) };
    return withLocale(activity, language);
  }

  /** Stores a 👍/👎 on the answer it was asked about, and says thanks or offers a rephrase or a person. */
  async receive(context: TurnContext, state: RootState, vote: Vote, asked: FeedbackSubject | undefined, fallback: Language): Promise<void> {
    const language = asked?.language ?? fallback;
    Object.assign(turnInsights(context), { outcome: `feedback:${vote}`, entry: asked?.entryId, score: asked?.score, language });
    state.offered = [];
    // A vote with no question pending (an old card's button) is acknowledged but not stored: we no longer know what it is about.
    if (asked) this.analytics.feedback(context, asked, vote === 'up');
    const texts = feedbackTexts[language];
    // Suggested actions everywhere; in Teams group chats the Teams rendering turns them into card buttons.
    const reply = vote === 'up' ? MessageFactory.text(texts.thanks) : MessageFactory.suggestedActions([texts.rephrase, texts.handoff], texts.sorry);
    await context.sendActivity(withLocale(reply, language));
  }
}
