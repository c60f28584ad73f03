import { GuidedFlowDialog } from './guidedFlowDialog';
import type { Attachment, TurnContext } from 'botbuilder';
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import { DocumentError, readAttachment, sniffDocumentType, uploadedFileOf, type DocumentType } from '../../accounts/documents';
import { maskEmail } from '../../lib/logger';
import type { Language } from '../../knowledge/schema';
import { parseYesNo } from '../shared/entities';
import { endWithHumanHelp } from '../shared/humanHelp';
import { actorOf } from '../shared/identity';
import { agentOfTurn } from '../agent/agentAccess';
import { ask, CONFIRM_PROMPT, confirmPrompt, gaveUp, validatedAttachmentPrompt, validatedTextPrompt, yesNoButtons, type Check, inBoth, stepValues } from '../shared/prompts';
import { changeEmailTexts } from './ChangeLoginEmailDialog.texts';
import { VERIFY_IDENTITY_DIALOG, VerifyIdentityDialog, type VerifyResult } from './VerifyIdentityDialog';
import type { GuidedDialogDeps, GuidedDialogOptions } from '../shared/dependencies';

export const CHANGE_LOGIN_EMAIL_DIALOG = 'ChangeLoginEmailDialog';
export const NEW_EMAIL_PROMPT = 'NewEmailPrompt';
export const DOCUMENT_PROMPT = 'DocumentPrompt';
const FLOW = 'ChangeLoginEmailFlow';

/** A new login address: a well-formed e-mail, stored lower-case. */
export const newEmailSchema = z.string().trim().toLowerCase().email().max(254);

interface ChangeEmailValues {
  customerId?: string;
  newEmail?: string;
  /** A phone agent acts for the caller. */
  viaAgent?: boolean;
}

interface UploadedDocument {
  bytes: Buffer;
  type: DocumentType;
  name: string;
}
const uploadKey = Symbol('uploadedDocument');

/**
 * A merchant asks for a new login e-mail: verify, new address (validated, confirmed), company document
 * (type checked by content), then a pending case that support approves. Nothing changes before approval.
 */
export class ChangeLoginEmailDialog extends GuidedFlowDialog {
  constructor(private readonly deps: GuidedDialogDeps) {
    super(CHANGE_LOGIN_EMAIL_DIALOG);
    this.addDialog(new VerifyIdentityDialog(deps));
    this.addDialog(confirmPrompt());
    this.addDialog(validatedTextPrompt(NEW_EMAIL_PROMPT, (text, language) => (newEmailSchema.safeParse(text).success ? { ok: true } : { ok: false, problem: changeEmailTexts[language].invalidEmail })));
    this.addDialog(validatedAttachmentPrompt(DOCUMENT_PROMPT, (attachments, context, language) => this.checkDocument(attachments, context, language), (language) => changeEmailTexts[language].noDocument(this.maxMb)));
    this.addDialog(
      new WaterfallDialog<GuidedDialogOptions>(FLOW, [
        this.offerCase.bind(this),
        this.verifyIdentity.bind(this),
        this.askForNewEmail.bind(this),
        this.confirmNewEmail.bind(this),
        this.askForDocument.bind(this),
        this.openCase.bind(this),
      ]),
    );
    this.initialDialogId = FLOW;
  }

  private get maxMb(): number {
    return Math.round(this.deps.settings.documents.maxBytes / (1024 * 1024));
  }

  private async checkDocument(attachments: Attachment[], context: TurnContext, language: Language): Promise<Check> {
    const texts = changeEmailTexts[language];
    const attachment = uploadedFileOf(attachments) ?? attachments[0];
    if (!attachment) return { ok: false, problem: texts.noDocument(this.maxMb) };
    const serviceHost = hostOf(context.activity.serviceUrl);
    const { maxBytes, allowedHosts } = this.deps.settings.documents;
    try {
      const bytes = await readAttachment(attachment, { maxBytes, allowedHosts: serviceHost ? [...allowedHosts, serviceHost] : allowedHosts });
      const type = sniffDocumentType(bytes);
      if (!type) return { ok: false, problem: texts.documentProblem('wrong-type', this.maxMb) };
      context.turnState.set(uploadKey, { bytes, type, name: attachment.name ?? 'dokument' } satisfies UploadedDocument);
      return { ok: true };
    } catch (error: unknown) {
      if (error instanceof DocumentError) return { ok: false, problem: texts.documentProblem(error.problem, this.maxMb) };
      throw error;
    }
  }

  /** After the FAQ answer (send a mail to support), the merchant is asked whether the bot should open the case instead. */
  private async offerCase(step: WaterfallStepContext<GuidedDialogOptions>): Promise<DialogTurnResult> {
    if (!step.options.afterAnswer || step.options.customerId || agentOfTurn(step.context)) return step.next(true);
    return step.prompt(CONFIRM_PROMPT, ask(inBoth(changeEmailTexts, (t) => t.intro), step.options.language, yesNoButtons));
  }

  private async verifyIdentity(step: WaterfallStepContext<GuidedDialogOptions>): Promise<DialogTurnResult> {
    const { language } = step.options;
    if (gaveUp(step)) return endWithHumanHelp(step, this.deps.contact, language);
    if (step.result !== true && parseYesNo(String(step.result)) !== true) {
      await step.context.sendActivity(changeEmailTexts[language].declined);
      return step.endDialog();
    }
    return step.beginDialog(VERIFY_IDENTITY_DIALOG, { language, customerId: step.options.customerId });
  }

  private async askForNewEmail(step: WaterfallStepContext<GuidedDialogOptions>): Promise<DialogTurnResult> {
    const verified = step.result as VerifyResult | undefined;
    if (!verified) return step.endDialog();
    const { language } = step.options;
    Object.assign(step.values, { customerId: verified.customerId, viaAgent: verified.viaAgent } satisfies ChangeEmailValues);
    const merchant = await this.deps.accounts.merchant(verified.customerId);
    return step.prompt(NEW_EMAIL_PROMPT, ask(inBoth(changeEmailTexts, (t) => (verified.viaAgent ? t.caller.askNewEmail : t.askNewEmail)(maskEmail(merchant?.loginEmail ?? ''))), language));
  }

  private async confirmNewEmail(step: WaterfallStepContext<GuidedDialogOptions>): Promise<DialogTurnResult> {
    const { language } = step.options;
    if (gaveUp(step)) return endWithHumanHelp(step, this.deps.contact, step.options.language);
    const values = stepValues<ChangeEmailValues>(step);
    const newEmail = newEmailSchema.parse(String(step.result));
    values.newEmail = newEmail;
    const merchant = await this.deps.accounts.merchant(values.customerId ?? '');
    if (merchant && merchant.loginEmail.toLowerCase() === values.newEmail) {
      await step.context.sendActivity(changeEmailTexts[language].sameEmail);
      return step.replaceDialog(FLOW, { ...step.options, customerId: values.customerId });
    }
    return step.prompt(CONFIRM_PROMPT, ask(inBoth(changeEmailTexts, (t) => t.confirm(newEmail)), language, yesNoButtons));
  }

  private async askForDocument(step: WaterfallStepContext<GuidedDialogOptions>): Promise<DialogTurnResult> {
    const { language } = step.options;
    if (gaveUp(step)) return endWithHumanHelp(step, this.deps.contact, step.options.language);
    const values = stepValues<ChangeEmailValues>(step);
    if (parseYesNo(String(step.result)) !== true) {
      await step.context.sendActivity(changeEmailTexts[language].notConfirmed);
      return step.replaceDialog(FLOW, { ...step.options, customerId: values.customerId });
    }
    return step.prompt(DOCUMENT_PROMPT, ask(inBoth(changeEmailTexts, (t) => t.askDocument(this.maxMb)), language));
  }

  private async openCase(step: WaterfallStepContext<GuidedDialogOptions>): Promise<DialogTurnResult> {
    const { language } = step.options;
    if (gaveUp(step)) return endWithHumanHelp(step, this.deps.contact, step.options.language);
    const upload = step.context.turnState.get(uploadKey) as UploadedDocument | undefined;
    const values = stepValues<ChangeEmailValues>(step);
    if (!upload || !values.customerId || !values.newEmail) return endWithHumanHelp(step, this.deps.contact, step.options.language);
    const texts = changeEmailTexts[language];
    const { request, supportNotified } = await this.deps.accounts.requestEmailChange(
      { customerId: values.customerId, newEmail: values.newEmail, document: upload.bytes, documentType: upload.type, documentName: upload.name },
      actorOf(step.context),
    );
    const opened = values.viaAgent ? texts.caller.caseOpened : texts.caseOpened;
    await step.context.sendActivity(opened(request.caseNumber, values.newEmail) + (supportNotified ? '' : `\n${texts.supportNotNotified}`));
    return step.endDialog();
  }

}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return undefined;
  }
}
