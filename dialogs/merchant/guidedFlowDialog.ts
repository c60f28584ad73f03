import { MessageFactory } from 'botbuilder';
import { ComponentDialog, type DialogContext, type DialogReason, type DialogTurnResult } from 'botbuilder-dialogs';
import { languageOfLocale } from '../../knowledge/language';
import { commonTexts } from '../shared/common.texts';
import { withLocale } from '../shared/replies';
import { flowLanguage } from '../shared/dialogStack';

/** What the handoff ends with: a callback booked means the merchant's matter is now with a person. */
export interface HandoffResult {
  callbackBooked: boolean;
}

function isBookedCallback(result: unknown): boolean {
  return typeof result === 'object' && result !== null && (result as Partial<HandoffResult>).callbackBooked === true;
}

/**
 * A merchant's guided flow (unlock, e-mail change, order status). When the root put a dialog on top of
 * it (the handoff to a person, asked for mid-flow) and that ends, the flow goes on where it was, with
 * "let's continue where we left off"; after a booked callback it ends, as the matter is with a person.
 */
export abstract class GuidedFlowDialog extends ComponentDialog {
  override async resumeDialog(outer: DialogContext, reason: DialogReason, result?: unknown): Promise<DialogTurnResult> {
    if (isBookedCallback(result)) return outer.endDialog();
    const inner = this.createChildContext(outer);
    const language = (inner && flowLanguage(inner)) ?? languageOfLocale(outer.context.activity.locale) ?? 'da';
    await outer.context.sendActivity(withLocale(MessageFactory.text(commonTexts[language].resumeHint), language));
    return super.resumeDialog(outer, reason, result);
  }
}
