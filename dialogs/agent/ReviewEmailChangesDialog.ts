import { AgentDialog } from './agentDialog';
import { MessageFactory } from 'botbuilder';
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { rejectionReasonSchema, type EarlierDecision, type ReviewOutcome } from '../../accounts/emailChangeReview';
import type { Language } from '../../knowledge/schema';
import { maskEmail } from '../../lib/logger';
import { formatSize, pendingEmailChangesCard } from './agentCards';
import { formatDate, formatTime } from '../shared/format';
import { actorOf } from '../shared/identity';
import { ask, gaveUp, validatedTextPrompt, inBoth } from '../shared/prompts';
import { reviewTexts } from './ReviewEmailChangesDialog.texts';
import type { AgentDeps, GuidedDialogOptions } from '../shared/dependencies';

export const REVIEW_EMAIL_CHANGES_DIALOG = 'ReviewEmailChangesDialog';
export const REJECT_REASON_PROMPT = 'RejectReasonPrompt';
const FLOW = 'ReviewEmailChangesFlow';

/** The list shows the oldest cases first, at most this many on one card. */
export const PENDING_SHOWN = 10;
/**
 * Documents up to this size are sent inline as a data: URL. Teams refuses bot messages over about
 * 100 KB; base64 makes a file a third larger, so 60 KB stays well inside.
 */
export const INLINE_DOCUMENT_MAX_BYTES = 60 * 1024;

export interface ReviewOptions extends GuidedDialogOptions {
  kind: 'pending' | 'document' | 'approve' | 'reject';
  caseNumber?: string;
}

/**
 * Phone agents review merchants' login e-mail change requests ("afventende"): the pending cases on
 * a card, the document of one case, approve (the address changes, both addresses are told) or reject
 * with a reason (asked for; sent to the merchant). A case someone else decided is reported as such.
 */
export class ReviewEmailChangesDialog extends AgentDialog {
  constructor(private readonly agents: AgentDeps) {
    super(REVIEW_EMAIL_CHANGES_DIALOG);
    this.addDialog(validatedTextPrompt(REJECT_REASON_PROMPT, (text, language) => (rejectionReasonSchema.safeParse(text).success ? { ok: true } : { ok: false, problem: reviewTexts[language].reasonProblem })));
    this.addDialog(new WaterfallDialog<ReviewOptions>(FLOW, [this.act.bind(this), this.reject.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async act(step: WaterfallStepContext<ReviewOptions>): Promise<DialogTurnResult> {
    const { language, kind } = step.options;
    const caseNumber = step.options.caseNumber ?? '';
    const texts = reviewTexts[language];
    const agent = actorOf(step.context);
    switch (kind) {
      case 'pending': {
        const pending = await this.agents.review.pending(agent);
        if (pending.length === 0) await step.context.sendActivity(texts.none);
        else await step.context.sendActivity(MessageFactory.attachment(pendingEmailChangesCard(pending.slice(0, PENDING_SHOWN), pending.length, language, this.agents.timeZone), texts.summary(Math.min(pending.length, PENDING_SHOWN), pending.length)));
        return step.endDialog();
      }
      case 'document': {
        const found = await this.agents.review.document(caseNumber, agent);
        if (!found) await step.context.sendActivity(texts.notFound(caseNumber));
        else if (found.document.bytes.length > INLINE_DOCUMENT_MAX_BYTES) {
          await step.context.sendActivity(texts.documentTooLarge(caseNumber, found.document.name, formatSize(found.document.bytes.length, language)));
        } else {
          const { name, mime, bytes } = found.document;
          const attachment = { name, contentType: mime, contentUrl: `data:${mime};base64,${bytes.toString('base64')}` };
          await step.context.sendActivity(MessageFactory.attachment(attachment, texts.documentHere(caseNumber, name)));
        }
        return step.endDialog();
      }
      case 'approve':
        await step.context.sendActivity(this.describe(await this.agents.review.approve(caseNumber, agent), caseNumber, language));
        return step.endDialog();
      case 'reject': {
        const current = await this.agents.review.pendingCase(caseNumber);
        if (current.kind !== 'pending') {
          await step.context.sendActivity(current.kind === 'not-found' ? texts.notFound(caseNumber) : this.alreadyDecided(current, language));
          return step.endDialog();
        }
        return step.prompt(REJECT_REASON_PROMPT, ask(inBoth(reviewTexts, (t) => t.askReason(caseNumber)), language));
      }
    }
  }

  private async reject(step: WaterfallStepContext<ReviewOptions>): Promise<DialogTurnResult> {
    const { language } = step.options;
    const caseNumber = step.options.caseNumber ?? '';
    if (gaveUp(step)) {
      await step.context.sendActivity(reviewTexts[language].reasonGaveUp(caseNumber));
      return step.endDialog();
    }
    const outcome = await this.agents.review.reject(caseNumber, String(step.result), actorOf(step.context));
    await step.context.sendActivity(this.describe(outcome, caseNumber, language));
    return step.endDialog();
  }

  private describe(outcome: ReviewOutcome, caseNumber: string, language: Language): string {
    const texts = reviewTexts[language];
    switch (outcome.kind) {
      case 'approved':
        return texts.approved(caseNumber, outcome.companyName, maskEmail(outcome.request.newEmail)) + (outcome.merchantNotified ? '' : `\n${texts.merchantNotNotified}`);
      case 'rejected':
        return texts.rejected(caseNumber, outcome.companyName) + (outcome.merchantNotified ? '' : `\n${texts.merchantNotNotified}`);
      case 'already-decided':
        return this.alreadyDecided(outcome, language);
      case 'not-found':
        return texts.notFound(caseNumber);
    }
  }

  private alreadyDecided({ request, decidedByName }: EarlierDecision, language: Language): string {
    const at = request.decidedAt ? reviewTexts[language].decidedAt(formatDate(request.decidedAt, language, this.agents.timeZone), formatTime(request.decidedAt, language, this.agents.timeZone)) : '';
    return reviewTexts[language].alreadyDecided(request.caseNumber, request.status === 'approved', decidedByName, at).replace(/\s+\./, '.');
  }
}
