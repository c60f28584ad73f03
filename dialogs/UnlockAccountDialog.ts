import { MessageFactory } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { parseYesNo } from './entities';
import { actorOf } from './identity';
import { ask, CONFIRM_PROMPT, confirmPrompt, gaveUp, yesNoButtons } from './prompts';
import { endWithHumanHelp } from './humanHelp';
import { formatTime } from './format';
import { unlockTexts } from './UnlockAccountDialog.texts';
import { VERIFY_IDENTITY_DIALOG, VerifyIdentityDialog, type VerifyResult } from './VerifyIdentityDialog';
import type { GuidedDialogDeps, GuidedDialogOptions } from './dependencies';

export const UNLOCK_ACCOUNT_DIALOG = 'UnlockAccountDialog';
const FLOW = 'UnlockAccountFlow';

interface UnlockValues {
  customerId?: string;
  until?: string;
  /** A phone agent acts for the caller. */
  viaAgent?: boolean;
}

/** A merchant locked out after failed logins gets the account unlocked, after proving it is theirs. */
export class UnlockAccountDialog extends ComponentDialog {
  constructor(private readonly deps: GuidedDialogDeps) {
    super(UNLOCK_ACCOUNT_DIALOG);
    this.addDialog(new VerifyIdentityDialog(deps));
    this.addDialog(confirmPrompt());
    this.addDialog(new WaterfallDialog<GuidedDialogOptions>(FLOW, [this.verifyIdentity.bind(this), this.showLockState.bind(this), this.unlockIfWanted.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async verifyIdentity(step: WaterfallStepContext<GuidedDialogOptions>): Promise<DialogTurnResult> {
    await step.context.sendActivity(unlockTexts[step.options.language].intro);
    return step.beginDialog(VERIFY_IDENTITY_DIALOG, { language: step.options.language, customerId: step.options.customerId });
  }

  private async showLockState(step: WaterfallStepContext<GuidedDialogOptions>): Promise<DialogTurnResult> {
    const verified = step.result as VerifyResult | undefined;
    if (!verified) return step.endDialog();
    const { language } = step.options;
    const texts = unlockTexts[language];
    const merchant = await this.deps.accounts.merchant(verified.customerId);
    const lock = merchant ? this.deps.accounts.lockState(merchant) : { locked: false as const };
    if (!lock.locked) {
      await step.context.sendActivity(verified.viaAgent ? texts.caller.notLocked : texts.notLocked);
      return step.endDialog();
    }
    const values = step.values as UnlockValues;
    values.customerId = verified.customerId;
    values.until = formatTime(lock.until, language);
    values.viaAgent = verified.viaAgent;
    return step.prompt(CONFIRM_PROMPT, ask((verified.viaAgent ? texts.caller.locked : texts.locked)(values.until), language, yesNoButtons(language)));
  }

  private async unlockIfWanted(step: WaterfallStepContext<GuidedDialogOptions>): Promise<DialogTurnResult> {
    const { language } = step.options;
    const texts = unlockTexts[language];
    const values = step.values as UnlockValues;
    if (gaveUp(step)) return endWithHumanHelp(step, this.deps.contact, language);
    if (parseYesNo(String(step.result)) !== true) {
      await step.context.sendActivity((values.viaAgent ? texts.caller.keptLocked : texts.keptLocked)(values.until ?? ''));
      return step.endDialog();
    }
    const ok = await this.deps.accounts.unlock(values.customerId ?? '', actorOf(step.context));
    await step.context.sendActivity(MessageFactory.text(ok ? (values.viaAgent ? texts.caller.unlocked : texts.unlocked) : texts.failed(this.deps.contact.phone)));
    return step.endDialog();
  }
}
