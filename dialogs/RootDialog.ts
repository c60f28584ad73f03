import { ActivityTypes, MessageFactory, type Activity, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { ComponentDialog, Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { hasErrorCode } from '../lib/errors';
import type { KnowledgeBase } from '../knowledge/knowledgeBase';
import { languageOfLocale } from '../knowledge/language';
import type { Candidate } from '../knowledge/matcher';
import type { FaqEntry, Language, SmallTalkKind } from '../knowledge/schema';
import { joinList, rootTexts } from './RootDialog.texts';
import { turnInsights } from './turnInsights';
import { commonTexts, promptHelp } from './common.texts';
import { extractCustomerId, extractOrderId } from './entities';
import { FREE_TEXT_PROMPT_IDS } from './prompts';
import type { GuidedDialogOptions } from './dependencies';
import { userIdOf } from './identity';
import type { DialogPointer } from '../knowledge/schema';

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
  lastMessageAt?: number;
}

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
    const state = await this.load(inner.context);
    const now = (this.options.now ?? Date.now)();
    if (inner.activeDialog && now - (state.lastMessageAt ?? now) > DIALOG_IDLE_MS) await inner.cancelAllDialogs();
    state.lastMessageAt = now;
    try {
      if (inner.activeDialog && state.dialogOwner !== undefined && state.dialogOwner !== userIdOf(inner.context)) {
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
    const smallTalk = this.kb.smallTalkKind(text);
    if (smallTalk === 'handoff' && this.dialogIds.has('handoff')) {
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
    if (looksLikeData(text) || FREE_TEXT_PROMPT_IDS.has(activePromptId(inner) ?? '')) return false;
    const understood = this.kb.understand(text, language);
    if (understood.kind !== 'faq' || understood.match.decision.kind !== 'answer') return false;
    const { entry, confidence } = understood.match.decision.best;
    Object.assign(turnInsights(context), { outcome: 'answer-in-dialog', entry: entry.id, score: confidence, language: understood.language });
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
    if (pickedEntry) return this.answer(inner, state, pickedEntry, fallback, 1);

    // A clicked button or a typed title.
    const titled = this.kb.entryByTitle(text);
    if (titled) return this.answer(inner, state, titled, this.kb.detector.detect(text, fallback), 1);

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
    switch (decision.kind) {
      case 'answer':
        return this.answer(inner, state, decision.best.entry, understood.language, decision.best.confidence);
      case 'clarify':
        return this.clarify(context, state, decision.candidates, understood.language);
      case 'fallback':
        if (this.options.accountsAvailable && !this.options.accountsAvailable()) {
          insights.outcome = 'store-unavailable';
          await context.sendActivity(commonTexts[understood.language].unavailable(this.kb.contact.phone));
          return;
        }
        insights.outcome = `fallback:${decision.reason}`;
        insights.score = decision.candidates[0]?.confidence;
        return this.fallback(inner, state, understood.language);
    }
  }

  private topicsText(language: Language): string {
    return joinList(
      this.kb.topics.map((t) => t.label[language].toLowerCase()),
      language,
    );
  }

  /** Sends an entry's answer; an entry that points to a guided dialog then starts it. */
  private async answer(inner: DialogContext, state: RootState, entry: FaqEntry, language: Language, confidence: number): Promise<void> {
    const context = inner.context;
    Object.assign(turnInsights(context), { outcome: 'answer', entry: entry.id, score: confidence, language });
    state.language = language;
    state.fallbacksInRow = 0;
    const followUps = entry.followUps.map((id) => this.kb.entry(id)).filter((e): e is FaqEntry => e !== undefined);
    state.offered = [];
    const reply = followUps.length > 0
      ? MessageFactory.suggestedActions(followUps.map((e) => this.kb.title(e, language)), entry.answer[language])
      : MessageFactory.text(entry.answer[language]);
    await context.sendActivity(withLocale(reply, language));
    const dialogId = entry.dialog ? this.dialogIds.get(entry.dialog) : undefined;
    if (dialogId) {
      const text = context.activity.text ?? '';
      const options: GuidedDialogOptions = { language, customerId: extractCustomerId(text), orderId: extractOrderId(text) };
      turnInsights(context).outcome = `dialog:${entry.dialog}`;
      state.dialogOwner = userIdOf(context);
      await inner.beginDialog(dialogId, options);
    }
  }

  private async clarify(context: TurnContext, state: RootState, candidates: Candidate[], language: Language): Promise<void> {
    Object.assign(turnInsights(context), { outcome: 'clarify', entry: candidates.map((c) => c.entry.id).join('|'), score: candidates[0]?.confidence });
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
    state.dialogOwner = userIdOf(inner.context);
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

/** The id of the prompt the innermost running dialog waits on. */
function activePromptId(inner: DialogContext): string | undefined {
  let dc: DialogContext = inner;
  while (dc.child) dc = dc.child;
  return dc.activeDialog?.id;
}

function withLocale(activity: Partial<Activity>, language: Language): Partial<Activity> {
  activity.locale = language === 'da' ? 'da-DK' : 'en-US';
  return activity;
}
