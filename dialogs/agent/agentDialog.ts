import { ComponentDialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { languageOfLocale } from '../../knowledge/language';
import type { Language } from '../../knowledge/schema';
import { agentOfTurn } from './agentAccess';
import { agentDeskTexts } from './agentDesk.texts';

/**
 * A phone agent's dialog. Every turn of it, the first and every later one (a confirmation, a reason),
 * must come from a user who is an agent right now (AgentGate decides once per turn): an agent removed
 * meanwhile gets the dialog stopped, and nothing is looked up or changed. In the style of the Bot
 * Framework samples' CancelAndHelpDialog: the check sits here once, not in each step.
 */
export abstract class AgentDialog extends ComponentDialog {
  protected override async onBeginDialog(inner: DialogContext, options?: { language?: Language }): Promise<DialogTurnResult> {
    if (agentOfTurn(inner.context)) return super.onBeginDialog(inner, options);
    return this.stop(inner, options?.language);
  }

  protected override async onContinueDialog(inner: DialogContext): Promise<DialogTurnResult> {
    if (agentOfTurn(inner.context)) return super.onContinueDialog(inner);
    const flow = inner.stack[0]?.state as { options?: { language?: Language } } | undefined;
    return this.stop(inner, flow?.options?.language);
  }

  private async stop(inner: DialogContext, language: Language | undefined): Promise<DialogTurnResult> {
    const lang = language ?? languageOfLocale(inner.context.activity.locale) ?? 'da';
    await inner.context.sendActivity(agentDeskTexts[lang].noLongerAgent);
    return inner.cancelAllDialogs();
  }
}
