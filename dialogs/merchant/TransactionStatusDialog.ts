import { GuidedFlowDialog } from './guidedFlowDialog';
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Language } from '../../knowledge/schema';
import type { Order, OrderStatus } from '../../store/types';
import { adaptiveCardAttachment, isTeams, transactionStatusCard, type AdaptiveCard, type Fact, type Tone } from '../shared/cards';
import { parseOrderId } from '../shared/entities';
import { endWithHumanHelp } from '../shared/humanHelp';
import { actorOf, isVerified } from '../shared/identity';
import type { FlowResult } from '../root/flows';
import { ask, gaveUp, inBoth, stepValues, validatedTextPrompt } from '../shared/prompts';
import { formatAmount, formatDate, formatDateTime } from '../shared/format';
import { suspiciousReasonDa, transactionTexts } from './TransactionStatusDialog.texts';
import { VERIFY_IDENTITY_DIALOG, VerifyIdentityDialog, type VerifyResult } from './VerifyIdentityDialog';
import type { GuidedDialogDeps, GuidedDialogOptions } from '../shared/dependencies';

export const TRANSACTION_STATUS_DIALOG = 'TransactionStatusDialog';
export const ORDER_ID_PROMPT = 'OrderIdPrompt';
const FLOW = 'TransactionStatusFlow';

interface StatusValues {
  customerId: string;
  /** A phone agent looks up for the caller. */
  viaAgent?: boolean;
}

/** A merchant puzzled by an order gets its status in plain words, with what to do next. */
export class TransactionStatusDialog extends GuidedFlowDialog {
  constructor(private readonly deps: GuidedDialogDeps) {
    super(TRANSACTION_STATUS_DIALOG);
    this.addDialog(new VerifyIdentityDialog(deps));
    this.addDialog(validatedTextPrompt(ORDER_ID_PROMPT, (text, language) => (parseOrderId(text) ? { ok: true } : { ok: false, problem: transactionTexts[language].invalidOrderId })));
    this.addDialog(new WaterfallDialog<GuidedDialogOptions>(FLOW, [this.verifyIdentity.bind(this), this.askForOrderId.bind(this), this.explainStatus.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async verifyIdentity(step: WaterfallStepContext<GuidedDialogOptions>): Promise<DialogTurnResult> {
    // Right after the FAQ answer (which says what happens), or for a merchant already verified, no intro.
    if (!step.options.afterAnswer && !(await isVerified(this.deps.identity, step.context, this.deps.clock.now()))) {
      await step.context.sendActivity(transactionTexts[step.options.language].intro);
    }
    return step.beginDialog(VERIFY_IDENTITY_DIALOG, { language: step.options.language, customerId: step.options.customerId });
  }

  private async askForOrderId(step: WaterfallStepContext<GuidedDialogOptions>): Promise<DialogTurnResult> {
    const verified = step.result as VerifyResult | undefined;
    if (!verified) return step.endDialog();
    Object.assign(stepValues<StatusValues>(step), { customerId: verified.customerId, viaAgent: verified.viaAgent });
    if (step.options.orderId) return step.next(step.options.orderId);
    return step.prompt(ORDER_ID_PROMPT, ask(inBoth(transactionTexts, (t) => t.askOrderId), step.options.language));
  }

  private async explainStatus(step: WaterfallStepContext<GuidedDialogOptions>): Promise<DialogTurnResult> {
    const { language } = step.options;
    if (gaveUp(step)) return endWithHumanHelp(step, this.deps.contact, language);
    const id = parseOrderId(String(step.result)) ?? String(step.result);
    const values = stepValues<StatusValues>(step);
    const customerId = String(values.customerId);
    const order = await this.deps.accounts.lookupOrder(customerId, id, actorOf(step.context));
    const viaAgent = values.viaAgent === true;
    if (!order) await step.context.sendActivity((viaAgent ? transactionTexts[language].notFoundForCaller : transactionTexts[language].notFound)(id));
    else if (isTeams(step.context)) await step.context.sendActivity({ type: 'message', attachments: [adaptiveCardAttachment(orderStatusCard(order, language, this.deps.contact.phone, this.deps.timeZone))] });
    else await step.context.sendActivity(describeOrder(order, language, this.deps.contact.phone, this.deps.timeZone));
    // The order is what "og ordre 10025?" or a bare "10026" lean on next (see dialogs/root/flows.ts).
    return step.endDialog({ orderId: id } satisfies FlowResult);
  }
}

/** An order's status in plain words, with what to do next. */
export function describeOrder(order: Order, language: Language, phone: string, timeZone: string): string {
  const texts = transactionTexts[language];
  const when = order.cancelledAt ?? order.capturedAt ?? order.authorisedAt ?? order.createdAt;
  const reason = order.suspiciousReason ?? '';
  return texts.status[order.status]({
    orderId: order.orderId,
    transactionId: order.transactionId ?? '–',
    amount: formatAmount(order.amountMinor, order.currency, language),
    card: order.cardType ?? texts.unknownCard,
    acquirer: order.acquirer ?? texts.unknownAcquirer,
    date: formatDate(when, language, timeZone),
    reason: language === 'da' ? (suspiciousReasonDa[reason] ?? reason) : reason,
    phone,
  });
}

const statusTone: Record<OrderStatus, Tone> = {
  captured: 'good',
  authorised: 'neutral',
  suspicious: 'attention',
  cancelled: 'warning',
  'awaiting-acquirer': 'warning',
  'no-transaction': 'neutral',
};

/** The status card Teams shows: order, transaction, status, amount, card type, acquirer, dates, and the explanation. */
export function orderStatusCard(order: Order, language: Language, phone: string, timeZone: string): AdaptiveCard {
  const { card } = transactionTexts[language];
  const labels = card.facts;
  const optional: [string, string | null][] = [
    [labels.transaction, order.transactionId],
    [labels.amount, formatAmount(order.amountMinor, order.currency, language)],
    [labels.card, order.cardType],
    [labels.acquirer, order.acquirer],
    [labels.created, formatDateTime(order.createdAt, language, timeZone)],
    [labels.authorised, order.authorisedAt && formatDateTime(order.authorisedAt, language, timeZone)],
    [labels.captured, order.capturedAt && formatDateTime(order.capturedAt, language, timeZone)],
    [labels.cancelled, order.cancelledAt && formatDateTime(order.cancelledAt, language, timeZone)],
  ];
  const facts: Fact[] = [{ title: labels.order, value: order.orderId }, ...optional.flatMap(([title, value]) => (value ? [{ title, value }] : []))];
  return transactionStatusCard({
    title: card.title(order.orderId),
    status: card.status(card.statusLabel[order.status]),
    tone: statusTone[order.status],
    facts,
    explanation: describeOrder(order, language, phone, timeZone),
  });
}
