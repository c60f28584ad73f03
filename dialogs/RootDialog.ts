import { ActivityTypes, MessageFactory, type Activity, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { ComponentDialog, Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { KnowledgeBase } from '../knowledge/knowledgeBase';
import { languageOfLocale } from '../knowledge/language';
import type { Candidate } from '../knowledge/matcher';
import type { FaqEntry, Language, SmallTalkKind } from '../knowledge/schema';
import { joinList, rootTexts } from './RootDialog.texts';
import { turnInsights } from './turnInsights';

export const ROOT_DIALOG = 'RootDialog';
const TOPIC_PREFIX = 'topic:';

/** What the root dialog remembers between turns of a conversation. */
export interface RootState {
  language?: Language;
  /** Choices offered as a numbered list in the last reply ("1", "2" pick them): entry ids, or "topic:<id>". */
  offered: string[];
  /** Fallbacks in a row. */
  fallbacksInRow: number;
}

export interface RootDialogOptions {
  maxMessageChars: number;
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
  constructor(
    private readonly kb: KnowledgeBase,
    private readonly state: StatePropertyAccessor<RootState>,
    private readonly options: RootDialogOptions,
  ) {
    super(ROOT_DIALOG);
  }

  protected override async onBeginDialog(inner: DialogContext): Promise<DialogTurnResult> {
    return this.onContinueDialog(inner);
  }

  protected override async onContinueDialog(inner: DialogContext): Promise<DialogTurnResult> {
    if (inner.context.activity.type === ActivityTypes.Message) await this.handleMessage(inner.context);
    return Dialog.EndOfTurn;
  }

  /** The language a reply should use when the text itself does not tell. */
  private async fallbackLanguage(context: TurnContext): Promise<Language> {
    const state = await this.load(context);
    return state.language ?? languageOfLocale(context.activity.locale) ?? 'da';
  }

  private async load(context: TurnContext): Promise<RootState> {
    return this.state.get(context, { offered: [], fallbacksInRow: 0 });
  }

  private async handleMessage(context: TurnContext): Promise<void> {
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
    if (pickedEntry) return this.answer(context, state, pickedEntry, fallback, 1);

    // A clicked button or a typed title.
    const titled = this.kb.entryByTitle(text);
    if (titled) return this.answer(context, state, titled, this.kb.detector.detect(text, fallback), 1);

    const topic = this.kb.topicByLabel(text);
    if (topic) return this.listTopic(context, state, topic.id, this.kb.detector.detect(text, fallback));

    const understood = this.kb.understand(text, fallback);
    state.language = understood.language;
    insights.language = understood.language;
    if (understood.kind === 'smalltalk') return this.smallTalk(context, state, understood.smallTalk, understood.language);

    const { decision } = understood.match;
    switch (decision.kind) {
      case 'answer':
        return this.answer(context, state, decision.best.entry, understood.language, decision.best.confidence);
      case 'clarify':
        return this.clarify(context, state, decision.candidates, understood.language);
      case 'fallback':
        insights.outcome = `fallback:${decision.reason}`;
        insights.score = decision.candidates[0]?.confidence;
        return this.fallback(context, state, understood.language);
    }
  }

  private topicsText(language: Language): string {
    return joinList(
      this.kb.topics.map((t) => t.label[language].toLowerCase()),
      language,
    );
  }

  private async answer(context: TurnContext, state: RootState, entry: FaqEntry, language: Language, confidence: number): Promise<void> {
    Object.assign(turnInsights(context), { outcome: 'answer', entry: entry.id, score: confidence, language });
    state.language = language;
    state.fallbacksInRow = 0;
    const followUps = entry.followUps.map((id) => this.kb.entry(id)).filter((e): e is FaqEntry => e !== undefined);
    state.offered = [];
    const reply = followUps.length > 0
      ? MessageFactory.suggestedActions(followUps.map((e) => this.kb.title(e, language)), entry.answer[language])
      : MessageFactory.text(entry.answer[language]);
    reply.locale = language === 'da' ? 'da-DK' : 'en-US';
    await context.sendActivity(reply);
  }

  private async clarify(context: TurnContext, state: RootState, candidates: Candidate[], language: Language): Promise<void> {
    Object.assign(turnInsights(context), { outcome: 'clarify', entry: candidates.map((c) => c.entry.id).join('|'), score: candidates[0]?.confidence });
    const texts = rootTexts[language];
    const titles = candidates.map((c) => this.kb.title(c.entry, language));
    state.offered = candidates.map((c) => c.entry.id);
    const list = titles.map((t, i) => `${i + 1}. ${t}`).join('\n');
    await context.sendActivity(withLocale(MessageFactory.suggestedActions(titles, `${texts.clarify}\n${list}\n${texts.clarifyHint}`), language));
  }

  private async fallback(context: TurnContext, state: RootState, language: Language): Promise<void> {
    state.fallbacksInRow += 1;
    state.offered = [];
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
    }
  }

  private topicLabels(language: Language): string[] {
    return this.kb.topics.map((t) => t.label[language]);
  }
}

function withLocale(activity: Partial<Activity>, language: Language): Partial<Activity> {
  activity.locale = language === 'da' ? 'da-DK' : 'en-US';
  return activity;
}
