import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { parseCode, parseCustomerId, parseCustomerIdCorrection } from '../shared/entities';
import { endWithHumanHelp } from '../shared/humanHelp';
import { agentOfTurn } from '../agent/agentAccess';
import { actorOf, userIdOf, verifiedCustomer } from '../shared/identity';
import { ask, gaveUp, validatedTextPrompt, inBoth, stepValues } from '../shared/prompts';
import { verifyTexts } from './VerifyIdentityDialog.texts';
import type { GuidedDialogDeps, GuidedDialogOptions } from '../shared/dependencies';

export const VERIFY_IDENTITY_DIALOG = 'VerifyIdentityDialog';
export const CUSTOMER_ID_PROMPT = 'CustomerIdPrompt';
export const CODE_PROMPT = 'CodePrompt';
const FLOW = 'VerifyIdentityFlow';

interface VerifyOptions extends GuidedDialogOptions {
  /** Set when looping back after a wrong code. */
  codeSent?: boolean;
  /** When this conversation's code was sent (epoch ms). */
  codeSentAt?: number;
  wrongCodes?: number;
}

/** Result: the verified customer ID, or undefined when verification did not succeed. */
export interface VerifyResult {
  customerId: string;
  /** A phone agent confirmed the caller: the dialogs then address the agent ("the caller's account"). */
  viaAgent?: boolean;
}

/**
 * Proves control of an account: asks for the customer ID, sends a one-time code to its login e-mail,
 * checks the code. Skipped while an earlier verification of the same customer still holds.
 * Unknown IDs and wrong codes get the same neutral wording.
 */
export class VerifyIdentityDialog extends ComponentDialog {
  constructor(private readonly deps: GuidedDialogDeps) {
    super(VERIFY_IDENTITY_DIALOG);
    this.addDialog(
      validatedTextPrompt(CUSTOMER_ID_PROMPT, (text, language) => {
        const parsed = parseCustomerId(text);
        return parsed.ok ? { ok: true } : { ok: false, problem: verifyTexts[language].customerIdProblem[parsed.problem] };
      }),
    );
    this.addDialog(validatedTextPrompt(CODE_PROMPT, (text, language) => (parseCustomerIdCorrection(text) !== undefined || parseCode(text) ? { ok: true } : { ok: false, problem: verifyTexts[language].codeFormat })));
    this.addDialog(new WaterfallDialog<VerifyOptions>(FLOW, [this.askForCustomerId.bind(this), this.sendCode.bind(this), this.checkCode.bind(this)]));
    this.initialDialogId = FLOW;
  }

  private async alreadyVerified(step: WaterfallStepContext<VerifyOptions>, customerId?: string): Promise<VerifyResult | undefined> {
    const identity = await this.deps.identity.get(step.context, {});
    const verified = verifiedCustomer(identity, this.deps.clock.now(), customerId, userIdOf(step.context), agentOfTurn(step.context)?.aadObjectId);
    if (!verified) return undefined;
    return identity.via === 'agent' ? { customerId: verified, viaAgent: true } : { customerId: verified };
  }

  private async askForCustomerId(step: WaterfallStepContext<VerifyOptions>): Promise<DialogTurnResult> {
    const { language, customerId } = step.options;
    const verified = await this.alreadyVerified(step, customerId);
    if (verified) return step.endDialog(verified);
    if (customerId) return step.next(customerId);
    return step.prompt(CUSTOMER_ID_PROMPT, ask(inBoth(verifyTexts, (t) => t.askCustomerId), language));
  }

  private async sendCode(step: WaterfallStepContext<VerifyOptions>): Promise<DialogTurnResult> {
    const { language } = step.options;
    if (gaveUp(step)) return endWithHumanHelp(step, this.deps.contact, step.options.language);
    const parsed = parseCustomerId(String(step.result));
    if (!parsed.ok) return endWithHumanHelp(step, this.deps.contact, step.options.language);
    const customerId = parsed.value;
    stepValues<{ customerId: string }>(step).customerId = customerId;
    const texts = verifyTexts[language];
    const { phone } = this.deps.contact;
    if (step.options.codeSent) {
      const left = this.deps.settings.maxCodeAttempts - (step.options.wrongCodes ?? 0);
      return step.prompt(CODE_PROMPT, ask(inBoth(verifyTexts, (t) => t.codeInvalid(left)), language, undefined, inBoth(verifyTexts, (t) => t.askCode)));
    }
    const verified = await this.alreadyVerified(step, customerId);
    if (verified) return step.endDialog(verified);
    const result = await this.deps.verification.requestCode(customerId, language, actorOf(step.context));
    if (result === 'rate-limited') {
      await step.context.sendActivity(texts.rateLimited(phone));
      return step.endDialog(undefined);
    }
    step.options.codeSentAt = this.deps.clock.now().getTime();
    return step.prompt(CODE_PROMPT, ask(inBoth(verifyTexts, (t) => t.codeSent(Math.round(this.deps.settings.codeTtlMs / 60_000))), language, undefined, inBoth(verifyTexts, (t) => t.askCode)));
  }

  private async checkCode(step: WaterfallStepContext<VerifyOptions>): Promise<DialogTurnResult> {
    const { language } = step.options;
    if (gaveUp(step)) return endWithHumanHelp(step, this.deps.contact, step.options.language);
    const customerId = String(stepValues<{ customerId: string }>(step).customerId);
    // A corrected customer ID ("forkert id, det er 100002"): verification starts again for that ID. No
    // attempt is burnt; the new ID's code goes through the same per-ID limits as any code request.
    const corrected = parseCustomerIdCorrection(String(step.result), customerId);
    if (corrected) {
      return step.replaceDialog(FLOW, { ...step.options, customerId: corrected, codeSent: false, wrongCodes: 0 } satisfies VerifyOptions);
    }
    const code = parseCode(String(step.result)) ?? '';
    const result = await this.deps.verification.checkCode(customerId, code, actorOf(step.context));
    if (result === 'verified') {
      const identity = await this.deps.identity.get(step.context, {});
      identity.customerId = customerId;
      identity.userId = userIdOf(step.context);
      identity.verifiedUntil = this.deps.clock.now().getTime() + this.deps.settings.verifiedForMs;
      delete identity.via;
      delete identity.agentId;
      await this.deps.identity.set(step.context, identity);
      await step.context.sendActivity(verifyTexts[language].verified);
      return step.endDialog({ customerId } satisfies VerifyResult);
    }
    // Past the code's lifetime (by this conversation's own clock, so known and unknown IDs look alike):
    // send a new code instead of counting wrong tries against a code that cannot work any more.
    if (this.deps.clock.now().getTime() - (step.options.codeSentAt ?? 0) > this.deps.settings.codeTtlMs) {
      await step.context.sendActivity(verifyTexts[language].codeExpired);
      return step.replaceDialog(FLOW, { ...step.options, customerId, codeSent: false, wrongCodes: 0 } satisfies VerifyOptions);
    }
    const wrongCodes = (step.options.wrongCodes ?? 0) + 1;
    if (wrongCodes >= this.deps.settings.maxCodeAttempts) {
      await step.context.sendActivity(verifyTexts[language].tooManyAttempts(this.deps.contact.phone));
      return step.endDialog(undefined);
    }
    return step.replaceDialog(FLOW, { ...step.options, customerId, codeSent: true, wrongCodes } satisfies VerifyOptions);
  }

}
