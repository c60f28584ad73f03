import { AgentDialog } from './agentDialog';
import { MessageFactory } from 'botbuilder';
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { merchantCard } from './agentCards';
import { actorOf } from '../shared/identity';
import { merchantCardTexts } from './MerchantCardDialog.texts';
import type { AgentDeps, GuidedDialogDeps, GuidedDialogOptions } from '../shared/dependencies';

export const MERCHANT_CARD_DIALOG = 'MerchantCardDialog';
const FLOW = 'MerchantCardFlow';

export interface MerchantCardOptions extends GuidedDialogOptions {
  customerId: string;
}

/**
 * A phone agent looks a merchant up ("kunde 100001"): a card with the company, masked e-mails, lock
 * state, open cases and the caller checklist. Looking up another merchant starts a new call: an
 * earlier caller confirmation in this conversation no longer holds.
 */
export class MerchantCardDialog extends AgentDialog {
  constructor(
    private readonly deps: GuidedDialogDeps,
    private readonly agents: AgentDeps,
  ) {
    super(MERCHANT_CARD_DIALOG);
    this.addDialog(new WaterfallDialog<MerchantCardOptions>(FLOW, [this.showCard.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async showCard(step: WaterfallStepContext<MerchantCardOptions>): Promise<DialogTurnResult> {
    const { language, customerId } = step.options;
    const texts = merchantCardTexts[language];
    const overview = await this.agents.desk.overview(customerId, actorOf(step.context));
    // A lookup starts a new call, also one with a mistyped ID: the earlier caller's confirmation ends.
    await this.agents.lastLookup.set(step.context, overview ? { customerId } : {});
    const identity = await this.deps.identity.get(step.context, {});
    if (identity.via === 'agent' && (!overview || identity.customerId !== customerId)) await this.deps.identity.set(step.context, {});
    if (!overview) {
      await step.context.sendActivity(texts.unknownCustomer(customerId));
      return step.endDialog();
    }
    const reply = MessageFactory.attachment(merchantCard(overview, this.agents.checklist, language, this.agents.timeZone), texts.summary(overview.merchant.companyName, customerId));
    await step.context.sendActivity(reply);
    return step.endDialog();
  }
}
