import { MessageFactory, type TurnContext } from 'botbuilder';
import type { KnowledgeBase } from '../../knowledge/knowledgeBase';
import type { Language, SmallTalkKind } from '../../knowledge/schema';
import { commonTexts } from '../shared/common.texts';
import { turnInsights } from '../shared/turnInsights';
import { joinList, rootTexts } from './RootDialog.texts';
import { withLocale } from '../shared/replies';
import { TOPIC_PREFIX, type RootState } from './state';

/** Greetings, help, the menu, thanks and goodbyes: what the bot says to small talk, with the topics as buttons. */
export class SmallTalkReplies {
  constructor(private readonly kb: KnowledgeBase) {}

  async reply(context: TurnContext, state: RootState, kind: SmallTalkKind, language: Language): Promise<void> {
    Object.assign(turnInsights(context), { outcome: `smalltalk:${kind}`, language });
    const texts = rootTexts[language];
    state.fallbacksInRow = 0;
    state.offered = [];
    switch (kind) {
      case 'greeting':
        return this.send(context, MessageFactory.suggestedActions(this.topicLabels(language), texts.welcome(this.topicsText(language))), language);
      case 'help':
        return this.send(context, MessageFactory.suggestedActions(this.topicLabels(language), texts.help(this.topicsText(language))), language);
      case 'menu':
        state.offered = this.kb.topics.map((t) => TOPIC_PREFIX + t.id);
        return this.send(context, MessageFactory.suggestedActions(this.topicLabels(language), `${texts.menu}\n${this.kb.topics.map((t, i) => `${i + 1}. ${t.label[language]}`).join('\n')}`), language);
      case 'thanks':
        return this.send(context, MessageFactory.text(texts.thanks), language);
      case 'goodbye':
        return this.send(context, MessageFactory.text(texts.goodbye), language);
      case 'cancel':
        return this.send(context, MessageFactory.text(commonTexts[language].nothingToCancel), language);
      case 'handoff':
        // Only reached when no handoff dialog is registered (unit tests of the FAQ alone).
        return this.send(context, MessageFactory.text(`${this.kb.contact.phone} (${this.kb.contact.hours[language]})`), language);
    }
  }

  /** The topics in a sentence ("konto, betalinger og …"). */
  topicsText(language: Language): string {
    return joinList(
      this.kb.topics.map((t) => t.label[language].toLowerCase()),
      language,
    );
  }

  topicLabels(language: Language): string[] {
    return this.kb.topics.map((t) => t.label[language]);
  }

  private async send(context: TurnContext, activity: ReturnType<typeof MessageFactory.text>, language: Language): Promise<void> {
    await context.sendActivity(withLocale(activity, language));
  }
}
