import type { HandoffResult } from '../merchant/guidedFlowDialog';
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { parseCustomerId, parseYesNo } from './entities';
import { endWithHumanHelp } from './humanHelp';
import { actorOf } from './identity';
import { ask, CONFIRM_PROMPT, confirmPrompt, gaveUp, validatedTextPrompt, yesNoButtons, inBoth, stepValues } from './prompts';
import { formatDayAndTime, formatTime } from './format';
import { handoffTexts } from './HandoffDialog.texts';
import type { GuidedDialogDeps, GuidedDialogOptions } from './dependencies';

export const HANDOFF_DIALOG = 'HandoffDialog';
export const NAME_PROMPT = 'NamePrompt';
export const PHONE_PROMPT = 'PhonePrompt';
export const OPTIONAL_CUSTOMER_ID_PROMPT = 'OptionalCustomerIdPrompt';
export const TOPIC_PROMPT = 'TopicPrompt';
const FLOW = 'HandoffFlow';

export interface HandoffOptions extends GuidedDialogOptions {
  /** Started because the bot could not answer several times in a row. */
  afterFallbacks?: boolean;
}

interface HandoffValues {
  openNow?: boolean;
  nextOpen?: string;
  name?: string;
  phone?: string;
  customerId?: string | null;
}

const skipWords = new Set(['spring over', 'skip', 'ved ikke', "don't know", 'dont know', 'nej', 'no', '-']);

/** A phone number as people type it: digits with spaces, dashes, dots, brackets and an optional +. */
export function parsePhone(text: string): string | undefined {
  const trimmed = text.trim();
  if (!/^\+?[\d\s().-]{8,24}$/.test(trimmed)) return undefined;
  const digits = trimmed.replace(/\D/g, '');
  return digits.length >= 8 && digits.length <= 15 ? trimmed.replace(/\s+/g, ' ') : undefined;
}

/**
 * Puts a merchant in touch with a person: whether support is open now (opening hours and Danish
 * holidays from data), when it next opens, the phone number, and a callback request that is stored
 * as a case and e-mailed to support.
 */
export class HandoffDialog extends ComponentDialog {
  constructor(private readonly deps: GuidedDialogDeps) {
    super(HANDOFF_DIALOG);
    this.addDialog(confirmPrompt());
    this.addDialog(validatedTextPrompt(NAME_PROMPT, (text, language) => (text.length >= 1 && text.length <= 100 ? { ok: true } : { ok: false, problem: handoffTexts[language].nameTooLong })));
    this.addDialog(validatedTextPrompt(PHONE_PROMPT, (text, language) => (parsePhone(text) ? { ok: true } : { ok: false, problem: handoffTexts[language].invalidPhone })));
    this.addDialog(
      validatedTextPrompt(OPTIONAL_CUSTOMER_ID_PROMPT, (text, language) =>
        skipWords.has(text.toLowerCase()) || parseCustomerId(text).ok ? { ok: true } : { ok: false, problem: handoffTexts[language].askCustomerId },
      ),
    );
    this.addDialog(validatedTextPrompt(TOPIC_PROMPT, (text, language) => (text.length >= 2 && text.length <= 500 ? { ok: true } : { ok: false, problem: handoffTexts[language].topicLength })));
    this.addDialog(
      new WaterfallDialog<HandoffOptions>(FLOW, [
        this.tellWhenSupportIsOpen.bind(this),
        this.askForName.bind(this),
        this.askForPhone.bind(this),
        this.askForCustomerId.bind(this),
        this.askForTopic.bind(this),
        this.bookCallback.bind(this),
      ]),
    );
    this.initialDialogId = FLOW;
  }

  private async tellWhenSupportIsOpen(step: WaterfallStepContext<HandoffOptions>): Promise<DialogTurnResult> {
    const { language } = step.options;
    const texts = handoffTexts[language];
    const { phone, hours } = this.deps.contact;
    const values = stepValues<HandoffValues>(step);
    if (step.options.afterFallbacks) await step.context.sendActivity(texts.afterFallbacks);
    const status = this.deps.openingHours?.status(this.deps.clock.now());
    if (!status) {
      await step.context.sendActivity(texts.phoneAndHours(phone, hours[language]));
    } else if (status.open && status.closesAt) {
      values.openNow = true;
      await step.context.sendActivity(texts.openNow(phone, formatTime(status.closesAt, language, this.deps.timeZone)));
    } else if (status.nextOpen) {
      values.nextOpen = formatDayAndTime(status.nextOpen, language, this.deps.timeZone);
      await step.context.sendActivity(texts.closedNow(phone, values.nextOpen, status.holiday?.name[language]));
    }
    return step.prompt(CONFIRM_PROMPT, ask(inBoth(handoffTexts, (t) => t.offerCallback), language, yesNoButtons));
  }

  private async askForName(step: WaterfallStepContext<HandoffOptions>): Promise<DialogTurnResult> {
    const { language } = step.options;
    if (gaveUp(step) || parseYesNo(String(step.result)) !== true) {
      await step.context.sendActivity(handoffTexts[language].noCallback(this.deps.contact.phone));
      return step.endDialog();
    }
    return step.prompt(NAME_PROMPT, ask(inBoth(handoffTexts, (t) => t.askName), language));
  }

  private async askForPhone(step: WaterfallStepContext<HandoffOptions>): Promise<DialogTurnResult> {
    const { language } = step.options;
    if (gaveUp(step)) return endWithHumanHelp(step, this.deps.contact, language);
    stepValues<HandoffValues>(step).name = String(step.result).trim();
    return step.prompt(PHONE_PROMPT, ask(inBoth(handoffTexts, (t) => t.askPhone), language));
  }

  private async askForCustomerId(step: WaterfallStepContext<HandoffOptions>): Promise<DialogTurnResult> {
    const { language } = step.options;
    if (gaveUp(step)) return endWithHumanHelp(step, this.deps.contact, language);
    stepValues<HandoffValues>(step).phone = parsePhone(String(step.result));
    if (step.options.customerId) return step.next(step.options.customerId);
    return step.prompt(OPTIONAL_CUSTOMER_ID_PROMPT, ask(inBoth(handoffTexts, (t) => t.askCustomerId), language, inBoth(handoffTexts, (t) => [t.skip])));
  }

  private async askForTopic(step: WaterfallStepContext<HandoffOptions>): Promise<DialogTurnResult> {
    const { language } = step.options;
    if (gaveUp(step)) return endWithHumanHelp(step, this.deps.contact, language);
    const parsed = parseCustomerId(String(step.result));
    stepValues<HandoffValues>(step).customerId = parsed.ok ? parsed.value : null;
    return step.prompt(TOPIC_PROMPT, ask(inBoth(handoffTexts, (t) => t.askTopic), language));
  }

  private async bookCallback(step: WaterfallStepContext<HandoffOptions>): Promise<DialogTurnResult> {
    const { language } = step.options;
    if (gaveUp(step)) return endWithHumanHelp(step, this.deps.contact, language);
    const values = stepValues<HandoffValues>(step);
    const { request } = await this.deps.callbacks.request(
      { name: values.name ?? '', phone: values.phone ?? '', customerId: values.customerId ?? null, topic: String(step.result).trim(), language },
      actorOf(step.context),
    );
    await this.deps.caseNotifier?.callbackRequested(step.context, request);
    const nextOpen = values.openNow ? undefined : values.nextOpen;
    await step.context.sendActivity(handoffTexts[language].callbackBooked(request.caseNumber, nextOpen));
    return step.endDialog({ callbackBooked: true } satisfies HandoffResult);
  }
}
