import { MessageFactory } from 'botbuilder';
import type { DialogContext } from 'botbuilder-dialogs';
import type { KnowledgeBase } from '../../knowledge/knowledgeBase';
import type { MatchContext } from '../../knowledge/matching/matcher';
import type { Language, SmallTalkKind } from '../../knowledge/schema';
import type { AgentRouting } from '../agent/agentRouting';
import { commonTexts } from '../shared/common.texts';
import { fitsPrompt, promptHelpText, promptRegistry } from '../shared/promptRegistry';
import { turnInsights } from '../shared/turnInsights';
import type { QuestionAnalytics } from './analytics';
import type { FaqReplies } from './faqReplies';
import type { FlowStarter } from './flows';
import { rootTexts } from './RootDialog.texts';
import { activePromptId, dialogIdsOnStack, flowLanguage, switchFlowLanguage } from '../shared/dialogStack';
import { withLocale } from '../shared/replies';
import type { SmallTalkReplies } from './smallTalk';
import type { RootState } from './state';
import { matchContextOf } from './turnChecks';

export interface InterruptionDeps {
  kb: KnowledgeBase;
  flows: FlowStarter;
  faq: FaqReplies;
  smallTalk: SmallTalkReplies;
  analytics: QuestionAnalytics;
  agents?: AgentRouting;
  maxMessageChars: number;
}

/**
 * A message while a guided flow waits: the prompt's answer, or an interruption. The waiting prompt
 * declares what it accepts (dialogs/shared/promptRegistry.ts); a message of that shape goes to it. Any other
 * message is read, whatever its length: cancel, help, the menu, a person, an FAQ question, another
 * flow, and for agents a new merchant. After an interruption the flow asks again, in the merchant's
 * latest language, or ends where that was asked ("annuller", "menu", another flow, a new merchant).
 */
export class Interruptions {
  constructor(private readonly deps: InterruptionDeps) {}

  /** Handles the message if it interrupts the flow. Returns whether it did (false: it is the prompt's answer). */
  async handle(inner: DialogContext, state: RootState, text: string, language: Language): Promise<boolean> {
    const { context } = inner;
    if (text.length > this.deps.maxMessageChars) {
      await context.sendActivity(rootTexts[language].tooLong(this.deps.maxMessageChars));
      return true;
    }
    // A phone agent's command ends the running flow: a flow for the previous caller must never take the next caller's data.
    const route = this.deps.agents?.route(context, text);
    if (route) {
      await inner.cancelAllDialogs();
      await this.deps.flows.startAgentRoute(inner, state, route);
      return true;
    }
    if (text.length === 0) return false;
    const promptId = activePromptId(inner);
    const declaration = promptId ? promptRegistry.get(promptId) : undefined;
    const hasAttachments = (context.activity.attachments ?? []).length > 0;
    const isData = declaration ? fitsPrompt(declaration, text, hasAttachments) : true;
    if (isData && declaration?.accepts !== 'free-text') return false;
    const exact = this.deps.kb.exactSmallTalk(text);
    if (exact) return this.smallTalk(inner, state, exact, language);
    if (isData) return false;
    const understood = this.deps.kb.understand(text, language, this.matchContext(state));
    if (understood.kind === 'smalltalk') return this.smallTalk(inner, state, understood.smallTalk, understood.language);
    if (understood.match.decision.kind !== 'answer') return false;
    const { entry, confidence } = understood.match.decision.best;
    const question = this.deps.analytics.redacted(text);
    const entryFlow = entry.dialog ? this.deps.flows.dialogId(entry.dialog) : undefined;
    if (entryFlow && !dialogIdsOnStack(inner).includes(entryFlow)) {
      // Another flow: this one ends, that one starts.
      await inner.cancelAllDialogs();
      await this.deps.faq.answer(inner, state, entry, understood.language, confidence, question);
      return true;
    }
    // The flow already running ("ja, lås den op" at its own question): the prompt reads it.
    if (entryFlow) return false;
    await this.deps.faq.answerInFlow(context, state, entry, understood.language, confidence, question);
    await this.resume(inner, state, understood.language, true);
    return true;
  }

  private async smallTalk(inner: DialogContext, state: RootState, kind: SmallTalkKind, language: Language): Promise<boolean> {
    const { context } = inner;
    switch (kind) {
      case 'handoff': {
        // Asking for a person while already booking a callback is an answer to the callback's question.
        const handoff = this.deps.flows.dialogId('handoff');
        if (!handoff || dialogIdsOnStack(inner).includes(handoff)) return false;
        // On top of the flow: when the merchant wants no callback, the flow goes on where it was (in the language asked in).
        this.switchLanguage(inner, state, language);
        await this.deps.flows.startHandoff(inner, state, language, false);
        return true;
      }
      case 'cancel':
        turnInsights(context).outcome = 'cancel';
        await inner.cancelAllDialogs();
        await context.sendActivity(withLocale(MessageFactory.text(commonTexts[language].cancelled), language));
        return true;
      case 'menu':
        await inner.cancelAllDialogs();
        await this.deps.smallTalk.reply(context, state, 'menu', language);
        return true;
      case 'goodbye':
        await inner.cancelAllDialogs();
        await this.deps.smallTalk.reply(context, state, 'goodbye', language);
        return true;
      case 'help': {
        turnInsights(context).outcome = 'help-in-dialog';
        this.switchLanguage(inner, state, language);
        const help = promptHelpText(activePromptId(inner), language);
        if (help) await context.sendActivity(withLocale(MessageFactory.text(help), language));
        await inner.repromptDialog();
        return true;
      }
      case 'greeting':
      case 'thanks':
        turnInsights(context).outcome = `smalltalk-in-dialog:${kind}`;
        await this.resume(inner, state, language, false);
        return true;
    }
  }

  /** The flow asks again; after an answer, with "let's continue where we left off". */
  private async resume(inner: DialogContext, state: RootState, language: Language, hint: boolean): Promise<void> {
    this.switchLanguage(inner, state, language);
    if (hint) await inner.context.sendActivity(withLocale(MessageFactory.text(commonTexts[language].resumeHint), language));
    await inner.repromptDialog();
  }

  private switchLanguage(inner: DialogContext, state: RootState, language: Language): void {
    state.language = language;
    if (flowLanguage(inner) !== language) switchFlowLanguage(inner, language);
  }

  private matchContext(state: RootState): MatchContext {
    return matchContextOf(state, this.deps.kb.data.matching.context.turns);
  }
}
