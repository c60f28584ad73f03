import { ActionTypes, ActivityTypes, MessageFactory, type Activity, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { ComponentDialog, Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { hasErrorCode } from '../lib/errors';
import type { KnowledgeBase } from '../knowledge/knowledgeBase';
import { languageOfLocale } from '../knowledge/language';
import type { Candidate } from '../knowledge/matching/matcher';
import type { FaqEntry, Language, SmallTalkKind } from '../knowledge/schema';
import { joinList, rootTexts } from './RootDialog.texts';
import { turnInsights } from './turnInsights';
import { commonTexts, promptHelp } from './common.texts';
import { extractCustomerId, extractOrderId } from './entities';
import { FREE_TEXT_PROMPT_IDS } from './prompts';
import type { GuidedDialogOptions } from './dependencies';
import { userIdOf } from './identity';
import type { DialogPointer } from '../knowledge/schema';
import { redact } from '../knowledge/redact';
import type { QuestionOutcome } from '../store/types';
import { adaptiveCardAttachment, feedbackAnswerOf, feedbackCard, feedbackEntryOf, isTeams } from './cards';
import { feedbackTexts } from './feedback.texts';
import { parseYesNo } from './entities';
import type { QuestionLog } from './questionLog';
import { agentOfTurn } from './agentAccess';
import { agentDeskTexts } from './agentDesk.texts';
import type { AgentRouting } from './agentRouting';

export const ROOT_DIALOG = 'RootDialog';
const TOPIC_PREFIX = 'topic:';

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
}

/** What a 👍/👎 is about: the answered entry, its confidence, the redacted question and the reply language. */
export interface FeedbackSubject {
  entryId: string;
  score: number;
  question: string;
  language: Language;
}

type Vote = 'up' | 'down';

/** A guided flow left alone this long is dropped: the merchant starts fresh instead of landing in an old prompt. */
export const DIALOG_IDLE_MS = 30 * 60_000;

export interface RootDialogOptions {
  maxMessageChars: number;
  /**
   * False during a database outage. Then the conversation's dialog state could not be read, so a
   * message the FAQ cannot answer may belong to an account flow: the bot says the service is down.
   */
  accountsAvailable?: () => boolean;
  /** Time source (tests fix it). */
  now?: () => number;
  /** Where question outcomes and answer feedback go for the support report; none = not recorded. */
  questionLog?: QuestionLog;
  /** Phone agents in Teams: who is one this turn, their commands and dialogs. None = no agent features. */
  agents?: AgentRouting;
}

/** A guided dialog the root can start, with the FAQ dialog pointer that starts it. */
export interface GuidedDialog {
  pointer: DialogPointer;
  dialog: Dialog;
}

/** Text that is data for a prompt (an ID, a code, an address, yes/no), never an FAQ question. */
function looksLikeData(text: string): boolean {
  return /^[\s\d#.,:-]+$/.test(text) || /\d{4,}|\d{3}[\s-]\d{3}/.test(text) || /\S+@\S+\.\S+/.test(text) || text.split(/\s+/).length <= 2;
}

/** Removes control characters (keeps line breaks and tabs) and trims. */
export function cleanText(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF]/g, '').trim();
}

/**
 * The conversation's root: answers FAQ questions, small talk, menus and fallbacks.
 * It stays on the dialog stack for the whole conversation.
 */
export class RootDialog extends ComponentDialog {
  private readonly dialogIds = new Map<DialogPointer, string>();

  constructor(
    private readonly kb: KnowledgeBase,
    private readonly state: StatePropertyAccessor<RootState>,
    private readonly options: RootDialogOptions,
    guidedDialogs: GuidedDialog[] = [],
  ) {
    super(ROOT_DIALOG);
    for (const { pointer, dialog } of guidedDialogs) {
      this.addDialog(dialog);
      this.dialogIds.set(pointer, dialog.id);
    }
    for (const dialog of options.agents?.dialogs ?? []) this.addDialog(dialog);
  }

  protected override async onBeginDialog(inner: DialogContext): Promise<DialogTurnResult> {
    return this.onContinueDialog(inner);
  }

  /**
   * Every message passes here. With a guided dialog running, interruptions (cancel, help, an FAQ
   * question) are handled first, in this one place; otherwise the message goes to the FAQ.
   */
  protected override async onContinueDialog(inner: DialogContext): Promise<DialogTurnResult> {
    if (inner.context.activity.type !== ActivityTypes.Message) return Dialog.EndOfTurn;
    await this.options.agents?.resolve(inner.context);
    const state = await this.load(inner.context);
    const now = (this.options.now ?? Date.now)();
    if (inner.activeDialog && now - (state.lastMessageAt ?? now) > DIALOG_IDLE_MS) await inner.cancelAllDialogs();
    state.lastMessageAt = now;
    try {
      if (inner.activeDialog && state.dialogByAgent && !agentOfTurn(inner.context)) {
        // An agent's flow for a caller whose agent was removed meanwhile (or the database cannot tell): stop, change nothing.
        state.dialogByAgent = false;
        await inner.cancelAllDialogs();
        await inner.context.sendActivity(agentDeskTexts[await this.fallbackLanguage(inner.context)].noLongerAgent);
      } else if (inner.activeDialog && state.dialogOwner !== undefined && state.dialogOwner !== userIdOf(inner.context)) {
        // Group chat: someone else's flow is running; nobody may answer its prompts for them.
        const language = await this.fallbackLanguage(inner.context);
        await inner.context.sendActivity(commonTexts[language].someoneElsesFlow);
      } else if (inner.activeDialog) {
        if (!(await this.interrupt(inner))) await inner.continueDialog();
      } else {
        await this.handleMessage(inner);
      }
    } catch (error: unknown) {
      if (!hasErrorCode(error, 'STORE_UNAVAILABLE')) throw error;
      // Account dialogs stop politely; FAQ answers keep working.
      turnInsights(inner.context).outcome = 'store-unavailable';
      await inner.cancelAllDialogs();
      const language = await this.fallbackLanguage(inner.context);
      await inner.context.sendActivity(commonTexts[language].unavailable(this.kb.contact.phone));
    }
    return Dialog.EndOfTurn;
  }

  /** Handles cancel, help and FAQ questions during a guided dialog. Returns whether it did. */
  private async interrupt(inner: DialogContext): Promise<boolean> {
    const context = inner.context;
    const text = cleanText(context.activity.text ?? '');
    if (text.length === 0) return false;
    const language = await this.fallbackLanguage(context);
    if (text.length > this.options.maxMessageChars) {
      await context.sendActivity(rootTexts[language].tooLong(this.options.maxMessageChars));
      return true;
    }
    // A phone agent's command (a new merchant, "caller verified", an action) ends the running flow:
    // a flow for the previous caller must never take the next caller's data.
    if (this.options.agents?.route(context, text)) {
      await inner.cancelAllDialogs();
      await this.handleMessage(inner);
      return true;
    }
    // Exact small talk always counts. Anything else is read once: a request for a person in any
    // wording, or an FAQ question; not when the prompt takes free text or the text looks like data.
    const exact = this.kb.exactSmallTalk(text);
    const readAsQuestion = !exact && !looksLikeData(text) && !FREE_TEXT_PROMPT_IDS.has(activePromptId(inner) ?? '');
    const understood = readAsQuestion ? this.kb.understand(text, language) : undefined;
    const smallTalk = exact ?? (understood?.kind === 'smalltalk' ? understood.smallTalk : undefined);
    // Asking for a person while already booking a callback is an answer to the callback's question.
    const inHandoff = dialogIdsOnStack(inner).includes(this.dialogIds.get('handoff') ?? '');
    if (smallTalk === 'handoff' && this.dialogIds.has('handoff') && !inHandoff) {
      await inner.cancelAllDialogs();
      return this.startHandoff(inner, language, false).then(() => true);
    }
    if (smallTalk === 'cancel') {
      turnInsights(context).outcome = 'cancel';
      await inner.cancelAllDialogs();
      await context.sendActivity(commonTexts[language].cancelled);
      return true;
    }
    if (smallTalk === 'help') {
      turnInsights(context).outcome = 'help-in-dialog';
      const promptId = activePromptId(inner);
      const help = promptId ? promptHelp[language][promptId] : undefined;
      if (help) await context.sendActivity(help);
      await inner.repromptDialog();
      return true;
    }
    if (!understood || understood.kind !== 'faq' || understood.match.decision.kind !== 'answer') return false;
    const { entry, confidence } = understood.match.decision.best;
    Object.assign(turnInsights(context), { outcome: 'answer-in-dialog', entry: entry.id, score: confidence, language: understood.language });
    this.recordAnswer(context, entry, confidence, understood.language, this.redacted(text));
    await context.sendActivity(withLocale(MessageFactory.text(entry.answer[understood.language]), understood.language));
    await context.sendActivity(commonTexts[understood.language].resumeHint);
    await inner.repromptDialog();
    return true;
  }

  /** The language a reply should use when the text itself does not tell. */
  private async fallbackLanguage(context: TurnContext): Promise<Language> {
    const state = await this.load(context);
    return state.language ?? languageOfLocale(context.activity.locale) ?? 'da';
  }

  private async load(context: TurnContext): Promise<RootState> {
    return this.state.get(context, { offered: [], fallbacksInRow: 0 });
  }

  private async handleMessage(inner: DialogContext): Promise<void> {
    const context = inner.context;
    const state = await this.load(context);
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
      return this.receiveFeedback(context, state, vote, clickedFor === undefined || clickedFor === asked?.entryId ? asked : undefined, fallback);
    }

    // Phone agents' commands ("kunde 100001"): only for a turn whose user is an agent (AgentGate), never because of the text.
    const agentRoute = this.options.agents?.route(context, text);
    if (agentRoute) {
      Object.assign(insights, { outcome: `agent:${agentRoute.kind}`, language: agentRoute.options.language });
      Object.assign(state, { language: agentRoute.options.language, offered: [], dialogOwner: userIdOf(context), dialogByAgent: true });
      await inner.beginDialog(agentRoute.dialogId, agentRoute.options);
      return;
    }

    // A bare @mention in a Teams chat ("@DIBS Helpdesk", stripped to nothing) is a hello.
    if (text.length === 0 && (context.activity.entities ?? []).some((e) => e.type === 'mention')) {
      return this.smallTalk(context, state, 'greeting', fallback);
    }
    if (text.length === 0) {
      insights.outcome = 'no-text';
      insights.language = fallback;
      await context.sendActivity(rootTexts[fallback].noText);
      return;
    }
    if (text.length > this.options.maxMessageChars) {
      insights.outcome = 'too-long';
      insights.language = fallback;
      await context.sendActivity(rootTexts[fallback].tooLong(this.options.maxMessageChars));
      return;
    }

    // A number picks from the list offered in the previous reply.
    const picked = /^\d{1,2}$/.test(text) ? state.offered[Number(text) - 1] : undefined;
    if (picked?.startsWith(TOPIC_PREFIX)) return this.listTopic(context, state, picked.slice(TOPIC_PREFIX.length), fallback);
    const pickedEntry = picked ? this.kb.entry(picked) : undefined;
    if (pickedEntry) return this.answer(inner, state, pickedEntry, fallback, 1, offeredFor ?? this.kb.title(pickedEntry, fallback));

    // A clicked button or a typed title.
    const titled = this.kb.entryByTitle(text);
    if (titled) return this.answer(inner, state, titled, this.kb.detector.detect(text, fallback), 1, this.redacted(text));

    // The "ask it differently" button after a 👎.
    const rephrase = (['da', 'en'] as const).find((l) => this.kb.fold(feedbackTexts[l].rephrase) === this.kb.fold(text));
    if (rephrase) {
      Object.assign(insights, { outcome: 'feedback:rephrase', language: rephrase });
      state.language = rephrase;
      await context.sendActivity(withLocale(MessageFactory.text(feedbackTexts[rephrase].rephraseHint), rephrase));
      return;
    }

    const topic = this.kb.topicByLabel(text);
    if (topic) return this.listTopic(context, state, topic.id, this.kb.detector.detect(text, fallback));

    const understood = this.kb.understand(text, fallback);
    state.language = understood.language;
    insights.language = understood.language;
    if (understood.kind === 'smalltalk' && understood.smallTalk === 'handoff' && this.dialogIds.has('handoff')) {
      return this.startHandoff(inner, understood.language, false);
    }
    if (understood.kind === 'smalltalk') return this.smallTalk(context, state, understood.smallTalk, understood.language);

    const { decision } = understood.match;
    Object.assign(insights, { candidate: decision.candidates[0]?.entry.id, margin: understood.match.margin });
    switch (decision.kind) {
      case 'answer':
        return this.answer(inner, state, decision.best.entry, understood.language, decision.best.confidence, this.redacted(text));
      case 'clarify':
        return this.clarify(context, state, decision.candidates, understood.language, this.redacted(text));
      case 'fallback':
        if (this.options.accountsAvailable && !this.options.accountsAvailable()) {
          insights.outcome = 'store-unavailable';
          await context.sendActivity(commonTexts[understood.language].unavailable(this.kb.contact.phone));
          return;
        }
        insights.outcome = `fallback:${decision.reason}`;
        insights.score = decision.candidates[0]?.confidence;
        this.record(context, 'fallback', understood.language, { question: this.redacted(text), score: decision.candidates[0]?.confidence });
        return this.fallback(inner, state, understood.language);
    }
  }

  private topicsText(language: Language): string {
    return joinList(
      this.kb.topics.map((t) => t.label[language].toLowerCase()),
      language,
    );
  }

  /**
   * Sends an entry's answer; an entry that points to a guided dialog then starts it, any other is
   * followed by "did this help?". `question` is the redacted question it answers.
   */
  private async answer(inner: DialogContext, state: RootState, entry: FaqEntry, language: Language, confidence: number, question: string): Promise<void> {
    const context = inner.context;
    Object.assign(turnInsights(context), { outcome: 'answer', entry: entry.id, score: confidence, language });
    this.recordAnswer(context, entry, confidence, language, question);
    state.language = language;
    state.fallbacksInRow = 0;
    const followUps = entry.followUps.map((id) => this.kb.entry(id)).filter((e): e is FaqEntry => e !== undefined);
    state.offered = [];
    const reply = followUps.length > 0
      ? MessageFactory.suggestedActions(followUps.map((e) => this.kb.title(e, language)), entry.answer[language])
      : MessageFactory.text(entry.answer[language]);
    await context.sendActivity(withLocale(reply, language));
    if (entry.short && agentOfTurn(context)) await context.sendActivity(withLocale(MessageFactory.text(agentDeskTexts[language].shortAnswer(entry.short[language])), language));
    const dialogId = entry.dialog ? this.dialogIds.get(entry.dialog) : undefined;
    if (dialogId) {
      const text = context.activity.text ?? '';
      const options: GuidedDialogOptions = { language, customerId: extractCustomerId(text), orderId: extractOrderId(text) };
      turnInsights(context).outcome = `dialog:${entry.dialog}`;
      state.dialogOwner = userIdOf(context);
      state.dialogByAgent = agentOfTurn(context) !== undefined;
      await inner.beginDialog(dialogId, options);
      return;
    }
    state.feedbackFor = { entryId: entry.id, score: confidence, question, language };
    await context.sendActivity(withLocale(feedbackQuestion(context, language, followUps.map((e) => this.kb.title(e, language)), entry.id), language));
  }

  /** Stores a 👍/👎 on the answer it was asked about, and says thanks or offers a rephrase or a person. */
  private async receiveFeedback(context: TurnContext, state: RootState, vote: Vote, asked: FeedbackSubject | undefined, fallback: Language): Promise<void> {
    const language = asked?.language ?? fallback;
    Object.assign(turnInsights(context), { outcome: `feedback:${vote}`, entry: asked?.entryId, score: asked?.score, language });
    state.offered = [];
    // A vote with no question pending (an old card's button) is acknowledged but not stored: we no longer know what it is about.
    if (asked) {
      this.options.questionLog?.feedback({
        entryId: asked.entryId,
        question: asked.question,
        score: asked.score,
        helpful: vote === 'up',
        language,
        ...this.origin(context),
      });
    }
    const texts = feedbackTexts[language];
    // Suggested actions everywhere; in Teams group chats the Teams rendering turns them into card buttons.
    const reply = vote === 'up' ? MessageFactory.text(texts.thanks) : MessageFactory.suggestedActions([texts.rephrase, texts.handoff], texts.sorry);
    await context.sendActivity(withLocale(reply, language));
  }

  /** Records an answered question: counts only, or the redacted text too when the answer was a weak match. */
  private recordAnswer(context: TurnContext, entry: FaqEntry, confidence: number, language: Language, question: string): void {
    if (confidence < this.kb.data.matching.lowConfidenceBelow) this.record(context, 'low-confidence', language, { question, entryId: entry.id, score: confidence });
    else this.record(context, 'answered', language, { entryId: entry.id, score: confidence });
  }

  private record(context: TurnContext, outcome: QuestionOutcome, language: Language, details: { question?: string; entryId?: string; score?: number } = {}): void {
    this.options.questionLog?.question({ outcome, language, ...details, ...this.origin(context) });
  }

  /** Channel, conversation and time of this turn, for stored analytics. */
  private origin(context: TurnContext): { channel: string; conversationId: string; createdAt: Date } {
    return { channel: context.activity.channelId, conversationId: context.activity.conversation?.id ?? '', createdAt: new Date((this.options.now ?? Date.now)()) };
  }

  /** The question without personal data (digits, e-mails, card numbers), as it may be stored. */
  private redacted(text: string): string {
    return redact(text, this.kb.data.matching.maxQuestionChars);
  }

  private async clarify(context: TurnContext, state: RootState, candidates: Candidate[], language: Language, question: string): Promise<void> {
    Object.assign(turnInsights(context), { outcome: 'clarify', entry: candidates.map((c) => c.entry.id).join('|'), score: candidates[0]?.confidence });
    this.record(context, 'clarify', language, { question, entryId: candidates[0]?.entry.id, score: candidates[0]?.confidence });
    state.offeredFor = question;
    const texts = rootTexts[language];
    const titles = candidates.map((c) => this.kb.title(c.entry, language));
    state.offered = candidates.map((c) => c.entry.id);
    const list = titles.map((t, i) => `${i + 1}. ${t}`).join('\n');
    await context.sendActivity(withLocale(MessageFactory.suggestedActions(titles, `${texts.clarify}\n${list}\n${texts.clarifyHint}`), language));
  }

  /** Starts the human handoff (opening hours, phone, callback request). */
  private async startHandoff(inner: DialogContext, language: Language, afterFallbacks: boolean): Promise<void> {
    const state = await this.load(inner.context);
    state.fallbacksInRow = 0;
    state.offered = [];
    turnInsights(inner.context).outcome = afterFallbacks ? 'handoff:after-fallbacks' : 'handoff:asked';
    this.record(inner.context, 'handoff', language);
    state.dialogOwner = userIdOf(inner.context);
    state.dialogByAgent = false;
    await inner.beginDialog(this.dialogIds.get('handoff')!, { language, afterFallbacks });
  }

  private async fallback(inner: DialogContext, state: RootState, language: Language): Promise<void> {
    const context = inner.context;
    state.fallbacksInRow += 1;
    state.offered = [];
    if (state.fallbacksInRow >= this.kb.data.matching.handoffAfterFallbacks && this.dialogIds.has('handoff')) {
      return this.startHandoff(inner, language, true);
    }
    const { phone, hours } = this.kb.contact;
    const text = rootTexts[language].fallback(this.topicsText(language), phone, hours[language]);
    await context.sendActivity(withLocale(MessageFactory.suggestedActions(this.kb.topics.map((t) => t.label[language]), text), language));
  }

  private async listTopic(context: TurnContext, state: RootState, topicId: string, language: Language): Promise<void> {
    Object.assign(turnInsights(context), { outcome: 'topic', entry: topicId, language });
    const topic = this.kb.topics.find((t) => t.id === topicId);
    const entries = this.kb.entriesOfTopic(topicId);
    state.language = language;
    state.offered = entries.map((e) => e.id);
    const list = entries.map((e, i) => `${i + 1}. ${this.kb.title(e, language)}`).join('\n');
    const text = `${rootTexts[language].topicIntro(topic?.label[language] ?? topicId)}\n${list}\n${rootTexts[language].clarifyHint}`;
    await context.sendActivity(withLocale(MessageFactory.text(text), language));
  }

  private async smallTalk(context: TurnContext, state: RootState, kind: SmallTalkKind, language: Language): Promise<void> {
    Object.assign(turnInsights(context), { outcome: `smalltalk:${kind}`, language });
    const texts = rootTexts[language];
    state.fallbacksInRow = 0;
    state.offered = [];
    switch (kind) {
      case 'greeting':
        await context.sendActivity(withLocale(MessageFactory.suggestedActions(this.topicLabels(language), texts.welcome(this.topicsText(language))), language));
        return;
      case 'help':
        await context.sendActivity(withLocale(MessageFactory.suggestedActions(this.topicLabels(language), texts.help(this.topicsText(language))), language));
        return;
      case 'menu':
        state.offered = this.kb.topics.map((t) => TOPIC_PREFIX + t.id);
        await context.sendActivity(withLocale(MessageFactory.suggestedActions(this.topicLabels(language), `${texts.menu}\n${this.kb.topics.map((t, i) => `${i + 1}. ${t.label[language]}`).join('\n')}`), language));
        return;
      case 'thanks':
        await context.sendActivity(withLocale(MessageFactory.text(texts.thanks), language));
        return;
      case 'goodbye':
        await context.sendActivity(withLocale(MessageFactory.text(texts.goodbye), language));
        return;
      case 'cancel':
        await context.sendActivity(withLocale(MessageFactory.text(commonTexts[language].nothingToCancel), language));
        return;
      case 'handoff':
        // Only reached when no handoff dialog is registered (unit tests of the FAQ alone).
        await context.sendActivity(withLocale(MessageFactory.text(`${this.kb.contact.phone} (${this.kb.contact.hours[language]})`), language));
        return;
    }
  }

  private topicLabels(language: Language): string[] {
    return this.kb.topics.map((t) => t.label[language]);
  }
}

/** The ids of the running dialogs, outermost first. */
function dialogIdsOnStack(inner: DialogContext): string[] {
  const ids: string[] = [];
  for (let dc: DialogContext | undefined = inner; dc; dc = dc.child) if (dc.activeDialog) ids.push(dc.activeDialog.id);
  return ids;
}

/** The id of the prompt the innermost running dialog waits on. */
function activePromptId(inner: DialogContext): string | undefined {
  let dc: DialogContext = inner;
  while (dc.child) dc = dc.child;
  return dc.activeDialog?.id;
}

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

/**
 * "Did this help?" with 👍/👎, and the answer's follow-up questions again (a chat shows the last
 * message's suggested actions). In Teams the thumbs are Adaptive Card buttons that send { feedback }.
 */
function feedbackQuestion(context: TurnContext, language: Language, followUps: string[], entryId: string): Partial<Activity> {
  const texts = feedbackTexts[language];
  if (!isTeams(context)) return MessageFactory.suggestedActions([texts.up, texts.down, ...followUps], texts.question);
  const activity = MessageFactory.attachment(adaptiveCardAttachment(feedbackCard(texts.question, { up: texts.up, down: texts.down }, entryId)));
  if (followUps.length > 0) activity.suggestedActions = { to: [], actions: followUps.map((title) => ({ type: ActionTypes.ImBack, title, value: title })) };
  return activity;
}

function withLocale(activity: Partial<Activity>, language: Language): Partial<Activity> {
  activity.locale = language === 'da' ? 'da-DK' : 'en-US';
  return activity;
}
