import { ActivityTypes, MessageFactory, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { ComponentDialog, Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { KnowledgeBase } from '../../knowledge/knowledgeBase';
import { languageOfLocale } from '../../knowledge/language';
import type { Language } from '../../knowledge/schema';
import { isStoreFailure } from '../../lib/errors';
import type { AgentRouting } from '../agent/agentRouting';
import { feedbackEntryOf } from '../shared/cards';
import { commonTexts } from '../shared/common.texts';
import { feedbackTexts } from '../shared/feedback.texts';
import type { QuestionLog } from '../shared/questionLog';
import { turnInsights } from '../shared/turnInsights';
import { QuestionAnalytics } from './analytics';
import { FaqReplies, type VerifiedCheck } from './faqReplies';
import { AnswerFeedback, feedbackVote } from './feedback';
import { FlowStarter, rememberFlowResult, type GuidedDialog } from './flows';
import { Interruptions } from './interruptions';
import { rootTexts } from './RootDialog.texts';
import { withLocale } from '../shared/replies';
import { SmallTalkReplies } from './smallTalk';
import { loadRootState, TOPIC_PREFIX, type RootState } from './state';
import { checkTurn, cleanText, conversationContext, matchContextOf } from './turnChecks';
import { contextualOrderId } from './orderContext';
import { agentOfTurn } from '../agent/agentAccess';

export const ROOT_DIALOG = 'RootDialog';
export type { RootState } from './state';
export type { GuidedDialog } from './flows';
export { cleanText } from './turnChecks';

export interface RootDialogOptions {
  maxMessageChars: number;
  /**
   * False during a database outage. Then the conversation's dialog state could not be read, so a
   * message the FAQ cannot answer may belong to an account flow: the bot says the service is down.
   */
  accountsAvailable?: () => boolean;
  /** Whether the turn's user has a verification that still holds; none = never (FAQ-only tests). */
  verified?: VerifiedCheck;
  /** Time source (tests fix it). */
  now?: () => number;
  /** Where question outcomes and answer feedback go for the support report; none = not recorded. */
  questionLog?: QuestionLog;
  /** Phone agents in Teams: who is one this turn, their commands and dialogs. None = no agent features. */
  agents?: AgentRouting;
}

/**
 * The conversation's root: it stays on the dialog stack for the whole conversation. Every message
 * passes the turn checks (turnChecks.ts); with a guided flow running it is the flow's answer or an
 * interruption (interruptions.ts); otherwise it is read against the FAQ (faqReplies.ts), small talk
 * (smallTalk.ts) or a vote on the last answer (feedback.ts). What the report learns is in analytics.ts.
 */
export class RootDialog extends ComponentDialog {
  private readonly analytics: QuestionAnalytics;
  private readonly flows: FlowStarter;
  private readonly smallTalk: SmallTalkReplies;
  private readonly feedback: AnswerFeedback;
  private readonly faq: FaqReplies;
  private readonly interruptions: Interruptions;
  private readonly now: () => number;

  constructor(
    private readonly kb: KnowledgeBase,
    private readonly state: StatePropertyAccessor<RootState>,
    private readonly options: RootDialogOptions,
    guidedDialogs: GuidedDialog[] = [],
  ) {
    super(ROOT_DIALOG);
    for (const { dialog } of guidedDialogs) this.addDialog(dialog);
    for (const dialog of options.agents?.dialogs ?? []) this.addDialog(dialog);
    this.now = options.now ?? Date.now;
    this.analytics = new QuestionAnalytics(kb, options.questionLog, this.now);
    this.flows = new FlowStarter(guidedDialogs, this.analytics);
    this.smallTalk = new SmallTalkReplies(kb);
    this.feedback = new AnswerFeedback(this.analytics);
    this.faq = new FaqReplies(kb, this.analytics, this.feedback, this.flows, this.smallTalk, options.verified ?? (async () => false));
    this.interruptions = new Interruptions({ kb, flows: this.flows, faq: this.faq, smallTalk: this.smallTalk, analytics: this.analytics, agents: options.agents, maxMessageChars: options.maxMessageChars });
  }

  protected override async onBeginDialog(inner: DialogContext): Promise<DialogTurnResult> {
    return this.onContinueDialog(inner);
  }

  protected override async onContinueDialog(inner: DialogContext): Promise<DialogTurnResult> {
    if (inner.context.activity.type !== ActivityTypes.Message) return Dialog.EndOfTurn;
    await this.options.agents?.resolve(inner.context);
    const state = await loadRootState(this.state, inner.context);
    try {
      if (await checkTurn(inner, state, this.now(), await this.fallbackLanguage(inner.context))) return Dialog.EndOfTurn;
      if (inner.activeDialog) {
        const text = cleanText(inner.context.activity.text ?? '');
        if (!(await this.interruptions.handle(inner, state, text, await this.fallbackLanguage(inner.context)))) {
          rememberFlowResult(state, await inner.continueDialog());
        }
      } else {
        await this.handleMessage(inner, state);
      }
    } catch (error: unknown) {
      if (!isStoreFailure(error)) throw error;
      // Account dialogs stop politely; FAQ answers keep working.
      turnInsights(inner.context).outcome = 'store-unavailable';
      await inner.cancelAllDialogs();
      const language = await this.fallbackLanguage(inner.context);
      await inner.context.sendActivity(commonTexts[language].unavailable(this.kb.contact.phone));
    }
    return Dialog.EndOfTurn;
  }

  /** The language a reply should use when the text itself does not tell. */
  private async fallbackLanguage(context: TurnContext): Promise<Language> {
    const state = await loadRootState(this.state, context);
    return state.language ?? languageOfLocale(context.activity.locale) ?? 'da';
  }

  /** A message with no flow running. */
  private async handleMessage(inner: DialogContext, state: RootState): Promise<void> {
    const context = inner.context;
    const insights = turnInsights(context);
    const text = cleanText(context.activity.text ?? '');
    const fallback = await this.fallbackLanguage(context);

    // "Did this help?" is answered by the very next message only; anything else just moves on.
    const asked = state.feedbackFor;
    const offeredFor = state.offeredFor;
    state.feedbackFor = undefined;
    state.offeredFor = undefined;
    const vote = feedbackVote(context.activity.value, text, asked !== undefined);
    if (vote) {
      // A click on an older answer's card (Teams keeps every card clickable) is not a vote on the latest answer.
      const clickedFor = feedbackEntryOf(context.activity.value);
      return this.feedback.receive(context, state, vote, clickedFor === undefined || clickedFor === asked?.entryId ? asked : undefined, fallback);
    }

    // Phone agents' commands ("kunde 100001"): only for a turn whose user is an agent (AgentGate), never because of the text.
    const agentRoute = this.options.agents?.route(context, text);
    if (agentRoute) {
      await this.flows.startAgentRoute(inner, state, agentRoute);
      return;
    }

    // A bare @mention in a Teams chat ("@DIBS Helpdesk", stripped to nothing) is a hello.
    if (text.length === 0 && (context.activity.entities ?? []).some((e) => e.type === 'mention')) {
      return this.smallTalk.reply(context, state, 'greeting', fallback);
    }
    if (text.length === 0 || text.length > this.options.maxMessageChars) {
      insights.outcome = text.length === 0 ? 'no-text' : 'too-long';
      insights.language = fallback;
      await context.sendActivity(text.length === 0 ? rootTexts[fallback].noText : rootTexts[fallback].tooLong(this.options.maxMessageChars));
      return;
    }

    // A number picks from the list offered in the previous reply.
    const picked = /^\d{1,2}$/.test(text) ? state.offered[Number(text) - 1] : undefined;
    if (picked?.startsWith(TOPIC_PREFIX)) return this.faq.listTopic(context, state, picked.slice(TOPIC_PREFIX.length), fallback);
    const pickedEntry = picked ? this.kb.entry(picked) : undefined;
    if (pickedEntry) return this.faq.answer(inner, state, pickedEntry, fallback, 1, offeredFor ?? this.kb.title(pickedEntry, fallback));

    // A clicked button or a typed title.
    const titled = this.kb.entryByTitle(text);
    if (titled) return this.faq.answer(inner, state, titled, this.kb.detector.detect(text, fallback), 1, this.analytics.redacted(text));

    // The "ask it differently" button after a 👎.
    const rephrase = (['da', 'en'] as const).find((l) => this.kb.fold(feedbackTexts[l].rephrase) === this.kb.fold(text));
    if (rephrase) {
      Object.assign(insights, { outcome: 'feedback:rephrase', language: rephrase });
      state.language = rephrase;
      await context.sendActivity(withLocale(MessageFactory.text(feedbackTexts[rephrase].rephraseHint), rephrase));
      return;
    }

    const topic = this.kb.topicByLabel(text);
    if (topic) return this.faq.listTopic(context, state, topic.id, this.kb.detector.detect(text, fallback));

    // Another order right after a merchant's own lookup ("10023", "og 10026?"): the same lookup again. Never
    // for a phone agent: the next caller's customer ID is not the previous caller's order.
    const recent = conversationContext(state, this.kb.data.matching.context.turns);
    const nextOrder = recent?.orderId && !agentOfTurn(context) ? contextualOrderId(text, { minDigits: this.kb.data.matching.numberMinDigits, saysNothing: (rest) => this.kb.analysis(rest).terms.length === 0 }) : undefined;
    const lookup = nextOrder ? this.kb.entries.find((e) => e.dialog === 'transaction-status') : undefined;
    if (nextOrder && lookup && this.flows.has('transaction-status')) {
      return this.faq.answer(inner, state, lookup, this.kb.detector.detect(text, fallback), 1, this.analytics.redacted(text), { orderId: nextOrder });
    }

    const understood = this.kb.understand(text, fallback, matchContextOf(state, this.kb.data.matching.context.turns));
    state.language = understood.language;
    insights.language = understood.language;
    if (understood.kind === 'smalltalk' && understood.smallTalk === 'handoff' && this.flows.has('handoff')) {
      return this.flows.startHandoff(inner, state, understood.language, false);
    }
    if (understood.kind === 'smalltalk') return this.smallTalk.reply(context, state, understood.smallTalk, understood.language);

    const { decision } = understood.match;
    Object.assign(insights, { candidate: decision.candidates[0]?.entry.id, margin: understood.match.margin });
    switch (decision.kind) {
      case 'answer':
        return this.faq.answer(inner, state, decision.best.entry, understood.language, decision.best.confidence, this.analytics.redacted(text));
      case 'clarify':
        return this.faq.clarify(context, state, decision.candidates, understood.language, this.analytics.redacted(text));
      case 'fallback':
        if (this.options.accountsAvailable && !this.options.accountsAvailable()) {
          insights.outcome = 'store-unavailable';
          await context.sendActivity(commonTexts[understood.language].unavailable(this.kb.contact.phone));
          return;
        }
        insights.outcome = `fallback:${decision.reason}`;
        insights.score = decision.candidates[0]?.confidence;
        this.analytics.record(context, 'fallback', understood.language, { question: this.analytics.redacted(text), score: decision.candidates[0]?.confidence });
        return this.faq.fallback(inner, state, understood.language);
    }
  }
}
