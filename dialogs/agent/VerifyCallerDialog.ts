import { AgentDialog } from './agentDialog';
import { MessageFactory } from 'botbuilder';
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { agentOfTurn } from './agentAccess';
import { actorOf, userIdOf, type IdentityState } from '../shared/identity';
import { merchantCardTexts } from './MerchantCardDialog.texts';
import { verifyCallerTexts } from './VerifyCallerDialog.texts';
import type { AgentDeps, GuidedDialogDeps, GuidedDialogOptions } from '../shared/dependencies';

export const VERIFY_CALLER_DIALOG = 'VerifyCallerDialog';
const FLOW = 'VerifyCallerFlow';

/**
 * A phone agent confirms that the caller passed the checklist on the merchant card ("Opkalder
 * bekræftet"). In place of a one-time code, this writes a verification for the merchant that holds
 * for VERIFIED_MINUTES, only for this agent, only while they are an agent; the guided dialogs then
 * skip the code step.
 */
export class VerifyCallerDialog extends AgentDialog {
  constructor(
    private readonly deps: GuidedDialogDeps,
    private readonly agents: AgentDeps,
  ) {
    super(VERIFY_CALLER_DIALOG);
    this.addDialog(new WaterfallDialog<GuidedDialogOptions>(FLOW, [this.confirm.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async confirm(step: WaterfallStepContext<GuidedDialogOptions>): Promise<DialogTurnResult> {
    const { language } = step.options;
    const texts = verifyCallerTexts[language];
    // AgentDialog has checked this turn's user is an agent; the check here only narrows the type.
    const agent = agentOfTurn(step.context);
    if (!agent) return step.endDialog();
    // The checklist is on the card: the caller can only be confirmed for the merchant looked up last.
    const looked = (await this.agents.lastLookup.get(step.context, {})).customerId;
    const customerId = step.options.customerId ?? looked;
    if (!customerId || customerId !== looked) {
      await step.context.sendActivity(texts.lookUpFirst);
      return step.endDialog();
    }
    const merchant = await this.agents.desk.callerVerified(customerId, actorOf(step.context));
    if (!merchant) {
      await step.context.sendActivity(texts.unknownCustomer(customerId));
      return step.endDialog();
    }
    const identity: IdentityState = {
      customerId,
      userId: userIdOf(step.context),
      verifiedUntil: this.deps.clock.now().getTime() + this.deps.settings.verifiedForMs,
      via: 'agent',
      agentId: agent.aadObjectId,
    };
    await this.deps.identity.set(step.context, identity);
    const buttons = merchantCardTexts[language].buttons;
    const minutes = Math.round(this.deps.settings.verifiedForMs / 60_000);
    await step.context.sendActivity(MessageFactory.suggestedActions([buttons.unlock, buttons.changeEmail, buttons.transactionStatus], texts.verified(merchant.companyName, customerId, minutes)));
    return step.endDialog();
  }
}
