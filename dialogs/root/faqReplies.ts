import { MessageFactory, type TurnContext } from 'botbuilder';
import type { DialogContext } from 'botbuilder-dialogs';
import type { KnowledgeBase } from '../../knowledge/knowledgeBase';
import type { Candidate } from '../../knowledge/matching/matcher';
import type { FaqEntry, Language } from '../../knowledge/schema';
import { agentOfTurn } from '../agent/agentAccess';
import type { GuidedDialogOptions } from '../shared/dependencies';
import { agentDeskTexts } from '../agent/agentDesk.texts';
import { turnInsights } from '../shared/turnInsights';
import type { QuestionAnalytics } from './analytics';
import type { AnswerFeedback } from './feedback';
import type { FlowStarter } from './flows';
import { rootTexts } from './RootDialog.texts';
import { withLocale } from '../shared/replies';
import type { SmallTalkReplies } from './smallTalk';
import type { RootState } from './state';

/** Whether this turn's user has a verification that still holds (then a flow goes straight on). */
export type VerifiedCheck = (context: TurnContext) => Promise<boolean>;

/** The root's replies to FAQ questions: an answer, "did you mean …?", a topic's list, the fallback. */
export class FaqReplies {
  constructor(
    private readonly kb: KnowledgeBase,
    private readonly analytics: QuestionAnalytics,
    private readonly feedback: AnswerFeedback,
    private readonly flows: FlowStarter,
    private readonly smallTalk: SmallTalkReplies,
    private readonly verified: VerifiedCheck,
  ) {}

  /**
   * Sends an entry's answer; an entry that points to a guided dialog then starts it, any other is
   * followed by "did this help?". `question` is the redacted question it answers. One voice: a flow's
   * answer is not shown to a phone agent (it speaks to the merchant), nor, for an entry marked
   * `answerBeforeDialog: unless-verified`, to a merchant whose verification still holds.
   */
  async answer(inner: DialogContext, state: RootState, entry: FaqEntry, language: Language, confidence: number, question: string, flowOptions: Partial<GuidedDialogOptions> = {}): Promise<void> {
    const context = inner.context;
    Object.assign(turnInsights(context), { outcome: 'answer', entry: entry.id, score: confidence, language });
    this.analytics.answered(context, entry, confidence, language, question);
    state.language = language;
    state.fallbacksInRow = 0;
    state.offered = [];
    state.context = { entryId: entry.id, age: 0 };
    const agent = agentOfTurn(context) !== undefined;
    if (entry.dialog && this.flows.has(entry.dialog)) {
      const show = !agent && (entry.answerBeforeDialog === 'always' || !(await this.verified(context)));
      if (show) await context.sendActivity(withLocale(MessageFactory.text(entry.answer[language]), language));
      await this.flows.startFromEntry(inner, state, entry, language, context.activity.text ?? '', { ...flowOptions, afterAnswer: true });
      return;
    }
    const followUps = this.followUpTitles(entry, language);
    const reply = followUps.length > 0 ? MessageFactory.suggestedActions(followUps, entry.answer[language]) : MessageFactory.text(entry.answer[language]);
    await context.sendActivity(withLocale(reply, language));
    if (entry.short && agent) await context.sendActivity(withLocale(MessageFactory.text(agentDeskTexts[language].shortAnswer(entry.short[language])), language));
    state.feedbackFor = { entryId: entry.id, score: confidence, question, language };
    await context.sendActivity(this.feedback.question(context, language, followUps, entry.id));
  }

  /** An answer given while a guided flow waits: no feedback question, and the flow's prompt follows. */
  async answerInFlow(context: TurnContext, state: RootState, entry: FaqEntry, language: Language, confidence: number, question: string): Promise<void> {
    Object.assign(turnInsights(context), { outcome: 'answer-in-dialog', entry: entry.id, score: confidence, language });
    this.analytics.answered(context, entry, confidence, language, question);
    state.context = { entryId: entry.id, age: 0 };
    await context.sendActivity(withLocale(MessageFactory.text(entry.answer[language]), language));
  }

  async clarify(context: TurnContext, state: RootState, candidates: Candidate[], language: Language, question: string): Promise<void> {
    Object.assign(turnInsights(context), { outcome: 'clarify', entry: candidates.map((c) => c.entry.id).join('|'), score: candidates[0]?.confidence });
    this.analytics.record(context, 'clarify', language, { question, entryId: candidates[0]?.entry.id, score: candidates[0]?.confidence });
    state.offeredFor = question;
    const texts = rootTexts[language];
    const titles = candidates.map((c) => this.kb.title(c.entry, language));
    state.offered = candidates.map((c) => c.entry.id);
    const list = titles.map((t, i) => `${i + 1}. ${t}`).join('\n');
    await context.sendActivity(withLocale(MessageFactory.suggestedActions(titles, `${texts.clarify}\n${list}\n${texts.clarifyHint}`), language));
  }

  /** "I can't answer that", with the topics and the phone; after a few in a row, the handoff. */
  async fallback(inner: DialogContext, state: RootState, language: Language): Promise<void> {
    state.fallbacksInRow += 1;
    state.offered = [];
    if (state.fallbacksInRow >= this.kb.data.matching.handoffAfterFallbacks && this.flows.has('handoff')) {
      return this.flows.startHandoff(inner, state, language, true);
    }
    const { phone, hours } = this.kb.contact;
    const text = rootTexts[language].fallback(this.smallTalk.topicsText(language), phone, hours[language]);
    await inner.context.sendActivity(withLocale(MessageFactory.suggestedActions(this.smallTalk.topicLabels(language), text), language));
  }

  /** A topic's questions as a numbered list ("1", "2" pick them). */
  async listTopic(context: TurnContext, state: RootState, topicId: string, language: Language): Promise<void> {
    Object.assign(turnInsights(context), { outcome: 'topic', entry: topicId, language });
    const topic = this.kb.topics.find((t) => t.id === topicId);
    const entries = this.kb.entriesOfTopic(topicId);
    state.language = language;
    state.offered = entries.map((e) => e.id);
    const list = entries.map((e, i) => `${i + 1}. ${this.kb.title(e, language)}`).join('\n');
    const text = `${rootTexts[language].topicIntro(topic?.label[language] ?? topicId)}\n${list}\n${rootTexts[language].clarifyHint}`;
    await context.sendActivity(withLocale(MessageFactory.text(text), language));
  }

  private followUpTitles(entry: FaqEntry, language: Language): string[] {
    return entry.followUps
      .map((id) => this.kb.entry(id))
      .filter((e): e is FaqEntry => e !== undefined)
      .map((e) => this.kb.title(e, language));
  }
}
