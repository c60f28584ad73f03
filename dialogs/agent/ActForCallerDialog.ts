import { AgentDialog } from './agentDialog';
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { agentOfTurn } from './agentAccess';
import type { AgentAction } from './agentCommands';
import { actForCallerTexts } from './ActForCallerDialog.texts';
import { CHANGE_LOGIN_EMAIL_DIALOG } from '../merchant/ChangeLoginEmailDialog';
import { userIdOf, verifiedCustomer } from '../shared/identity';
import { TRANSACTION_STATUS_DIALOG } from '../merchant/TransactionStatusDialog';
import { UNLOCK_ACCOUNT_DIALOG } from '../merchant/UnlockAccountDialog';
import type { AgentDeps, GuidedDialogDeps, GuidedDialogOptions } from '../shared/dependencies';

export const ACT_FOR_CALLER_DIALOG = 'ActForCallerDialog';
const FLOW = 'ActForCallerFlow';

export interface ActForCallerOptions extends GuidedDialogOptions {
  action: AgentAction;
}

/** The guided dialog that does each action; they are the merchants' own dialogs, registered in the root. */
const dialogOfAction: Record<AgentAction, string> = {
  unlock: UNLOCK_ACCOUNT_DIALOG,
  'change-email': CHANGE_LOGIN_EMAIL_DIALOG,
  'transaction-status': TRANSACTION_STATUS_DIALOG,
};

/**
 * A phone agent unlocks an account, starts a login e-mail change or looks up a transaction for a
 * caller they have confirmed ("Lås konto op"). Runs the same guided dialog a merchant gets; its
 * identity step is skipped because of the agent's confirmation. Without one, nothing happens: no
 * one-time code goes to the merchant on an agent's behalf.
 */
export class ActForCallerDialog extends AgentDialog {
  constructor(
    private readonly deps: GuidedDialogDeps,
    private readonly agents: AgentDeps,
  ) {
    super(ACT_FOR_CALLER_DIALOG);
    this.addDialog(new WaterfallDialog<ActForCallerOptions>(FLOW, [this.startAction.bind(this), this.finish.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async startAction(step: WaterfallStepContext<ActForCallerOptions>): Promise<DialogTurnResult> {
    const { language, action } = step.options;
    const texts = actForCallerTexts[language];
    // AgentDialog has checked this turn's user is an agent; the check here only narrows the type.
    const agent = agentOfTurn(step.context);
    if (!agent) return step.endDialog();
    const identity = await this.deps.identity.get(step.context, {});
    const verified = identity.via === 'agent' ? verifiedCustomer(identity, this.deps.clock.now(), undefined, userIdOf(step.context), agent.aadObjectId) : undefined;
    if (!verified) {
      await step.context.sendActivity(texts.notVerified);
      return step.endDialog();
    }
    const asked = step.options.customerId ?? (await this.agents.lastLookup.get(step.context, {})).customerId ?? verified;
    if (asked !== verified) {
      await step.context.sendActivity(texts.otherCustomer(verified, asked));
      return step.endDialog();
    }
    return step.beginDialog(dialogOfAction[action], { language, customerId: verified } satisfies GuidedDialogOptions);
  }


  private async finish(step: WaterfallStepContext<ActForCallerOptions>): Promise<DialogTurnResult> {
    return step.endDialog(step.result);
  }
}
