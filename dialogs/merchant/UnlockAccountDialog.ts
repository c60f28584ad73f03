import { GuidedFlowDialog } from './guidedFlowDialog';
import { MessageFactory } from 'botbuilder';
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { parseYesNo } from '../shared/entities';
import { actorOf, isVerified } from '../shared/identity';
import { agentOfTurn } from '../agent/agentAccess';
import { ask, CONFIRM_PROMPT, confirmPrompt, gaveUp, yesNoButtons, inBoth, stepValues } from '../shared/prompts';
import { endWithHumanHelp } from '../shared/humanHelp';
import { formatTime } from '../shared/format';
import { unlockTexts } from './UnlockAccountDialog.texts';
import { VERIFY_IDENTITY_DIALOG, VerifyIdentityDialog, type VerifyResult } from './VerifyIdentityDialog';
import type { GuidedDialogDeps, GuidedDialogOptions } from '../shared/dependencies';

export const UNLOCK_ACCOUNT_DIALOG = 'UnlockAccountDialog';
const FLOW = 'UnlockAccountFlow';

interface UnlockValues {
  customerId?: string;
  until?: string;
  /** A phone agent acts for the caller. */
  viaAgent?: boolean;
}

/** A merchant locked out after failed logins gets the account unlocked, after proving it is theirs. */
export class UnlockAccountDialog extends GuidedFlowDialog {
  constructor(private readonly deps: GuidedDialogDeps) {
    super(UNLOCK_ACCOUNT_DIALOG);
    this.addDialog(new VerifyIdentityDialog(deps));
    this.addDialog(confirmPrompt());
    this.addDialog(new WaterfallDialog<GuidedDialogOptions>(FLOW, [this.verifyIdentity.bind(this), this.showLockState.bind(this), this.unlockIfWanted.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async verifyIdentity(step: WaterfallStepContext<GuidedDialogOptions>): Promise<DialogTurnResult> {
    // The offer, unless the merchant is already verified (then the lock state follows at once) or an agent asks.
    if (!agentOfTurn(step.context) && !(await isVerified(this.deps.identity, step.context, this.deps.clock.now()))) {
      await step.context.sendActivity(unlockTexts[step.options.language].intro);
    }
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
    const values = stepValues<UnlockValues>(step);
    values.customerId = verified.customerId;
    const until = formatTime(lock.until, language, this.deps.timeZone);
    values.until = until;
    values.viaAgent = verified.viaAgent;
    return step.prompt(CONFIRM_PROMPT, ask(inBoth(unlockTexts, (t) => (verified.viaAgent ? t.caller.locked : t.locked)(until)), language, yesNoButtons));
  }

  private async unlockIfWanted(step: WaterfallStepContext<GuidedDialogOptions>): Promise<DialogTurnResult> {
    const { language } = step.options;
    const texts = unlockTexts[language];
    const values = stepValues<UnlockValues>(step);
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
