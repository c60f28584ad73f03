import crypto from 'node:crypto';
import { InputHints, MessageFactory, type Activity, type Attachment, type TurnContext } from 'botbuilder';
import { AttachmentPrompt, TextPrompt, type PromptOptions, type PromptRecognizerResult, type PromptValidator, type PromptValidatorContext, type WaterfallStepContext } from 'botbuilder-dialogs';
import { adaptiveCardAttachment, confirmAnswerOf, confirmCard, confirmQuestionOf, isTeams } from './cards';
import type { Language } from '../../knowledge/schema';
import { commonTexts } from './common.texts';
import { parseYesNo } from './entities';

/** After this many invalid answers at one prompt, the bot offers human help instead of asking again. */
export const PROMPT_FAILURE_LIMIT = 3;

const gaveUpKey = Symbol('promptGaveUp');

/** A text in both languages: prompts keep both, so a flow can follow the merchant into the other language. */
export type InBoth<T = string> = Record<Language, T>;

/** Words a text in both languages from a dialog's texts: `inBoth(verifyTexts, (t) => t.askCustomerId)`. */
export function inBoth<Texts, T>(texts: Record<Language, Texts>, word: (texts: Texts) => T): InBoth<T> {
  return { da: word(texts.da), en: word(texts.en) };
}

/** What a prompt knows when it validates: the language, and the question (with its buttons) in both languages. */
export interface PromptContextData {
  language: Language;
  questions: InBoth;
  buttons?: InBoth<string[]>;
  /** What a retry asks after saying what was wrong, when the question itself would not fit ("the code was wrong"). */
  reask?: InBoth;
}

export type Check = { ok: true } | { ok: false; problem: string };

function promptData(options: PromptOptions): PromptContextData {
  return options.validations as PromptContextData;
}

function promptActivity(data: PromptContextData): Partial<Activity> {
  const question = data.questions[data.language];
  const buttons = data.buttons?.[data.language];
  return buttons ? MessageFactory.suggestedActions(buttons, question) : MessageFactory.text(question);
}

/** Options for a validated prompt: the question in both languages (with optional buttons), asked in `language`. */
export function ask(questions: InBoth, language: Language, buttons?: InBoth<string[]>, reask?: InBoth): PromptOptions {
  const data: PromptContextData = { language, questions, ...(buttons ? { buttons } : {}), ...(reask ? { reask } : {}) };
  return { prompt: promptActivity(data), validations: data };
}

/**
 * Switches a waiting prompt's options to another language (the merchant wrote in it): its question,
 * buttons and messages follow. Returns false for options that are not a validated prompt's.
 */
export function switchPromptLanguage(options: PromptOptions | undefined, language: Language): boolean {
  const data = options?.validations as Partial<PromptContextData> | undefined;
  if (!options || !data?.questions || data.language === language) return false;
  data.language = language;
  options.prompt = promptActivity(data as PromptContextData);
  delete options.retryPrompt;
  return true;
}

/** The running step's values, typed once here instead of a cast in every step. */
export function stepValues<T extends object>(step: WaterfallStepContext): Partial<T> {
  return step.values as Partial<T>;
}

function onInvalid(p: PromptValidatorContext<unknown>, problem: string, limit = PROMPT_FAILURE_LIMIT): boolean {
  if (p.attemptCount >= limit) {
    p.context.turnState.set(gaveUpKey, true);
    return true;
  }
  const data = promptData(p.options);
  const retry: Partial<Activity> = { ...promptActivity(data), type: 'message', text: `${problem}\n${(data.reask ?? data.questions)[data.language]}` };
  p.options.retryPrompt = retry;
  return false;
}

/** A text prompt whose answer is checked; the re-prompt says what was wrong. */
export function validatedTextPrompt(id: string, check: (text: string, language: Language) => Check): TextPrompt {
  return new TextPrompt(id, textValidator(check));
}

function textValidator(check: (text: string, language: Language) => Check): PromptValidator<string> {
  return async (p) => {
    const text = (p.recognized.value ?? '').trim();
    const result = check(text, promptData(p.options).language);
    return result.ok ? true : onInvalid(p, result.problem);
  };
}

/**
 * An attachment prompt whose upload is checked (and read) by `check`. A wrong file never ends the flow:
 * the merchant has already verified and typed their data, so the prompt says what it accepts and waits
 * (only "annuller" or the idle time-out ends it).
 */
export function validatedAttachmentPrompt(id: string, check: (attachments: Attachment[], context: TurnContext, language: Language) => Promise<Check>, noAttachment: (language: Language) => string): AttachmentPrompt {
  return new AttachmentPrompt(id, async (p) => {
    const language = promptData(p.options).language;
    if (!p.recognized.succeeded || !p.recognized.value?.length) return onInvalid(p, noAttachment(language), Infinity);
    const result = await check(p.recognized.value, p.context, language);
    return result.ok ? true : onInvalid(p, result.problem, Infinity);
  });
}

/** True when the user failed the prompt PROMPT_FAILURE_LIMIT times in this turn. */
export function gaveUp(step: WaterfallStepContext): boolean {
  return step.context.turnState.get(gaveUpKey) === true;
}

export const CONFIRM_PROMPT = 'ConfirmPrompt';

/**
 * The yes/no prompt. Outside Teams: the question with Ja/Nej (Yes/No) suggested actions. In Teams: an
 * Adaptive Card with Ja/Nej buttons; a click arrives as a message with `value` and no text, and is read
 * here as the answer ("Ja"/"Nej"), exactly as if it had been typed.
 */
class ConfirmTextPrompt extends TextPrompt {
  protected override async onPrompt(context: TurnContext, state: object, options: PromptOptions, isRetry: boolean): Promise<void> {
    if (!isTeams(context)) return super.onPrompt(context, state, options, isRetry);
    const prompt = isRetry && options.retryPrompt ? options.retryPrompt : options.prompt;
    const question = (typeof prompt === 'string' ? prompt : prompt?.text) ?? promptData(options).questions[promptData(options).language];
    const texts = commonTexts[promptData(options).language];
    // One id per question (kept for its re-asks), so a click on a card of an earlier question is not taken as this answer.
    const questionState = state as { cardQuestion?: string };
    questionState.cardQuestion ??= crypto.randomUUID().slice(0, 8);
    const reply = MessageFactory.attachment(adaptiveCardAttachment(confirmCard(question, { yes: texts.yes, no: texts.no }, questionState.cardQuestion)), undefined, undefined, InputHints.ExpectingInput);
    await context.sendActivity(reply);
  }

  protected override async onRecognize(context: TurnContext, state: object, options: PromptOptions): Promise<PromptRecognizerResult<string>> {
    const answer = confirmAnswerOf(context.activity.value);
    if (!answer) return super.onRecognize(context, state, options);
    const asked = (state as { cardQuestion?: string }).cardQuestion;
    const clicked = confirmQuestionOf(context.activity.value);
    if (asked !== undefined && clicked !== undefined && clicked !== asked) return { succeeded: false };
    const texts = commonTexts[promptData(options).language];
    return { succeeded: true, value: answer === 'yes' ? texts.yes : texts.no };
  }
}

/** Yes/no prompt in Danish and English (an Adaptive Card in Teams). */
export function confirmPrompt(): TextPrompt {
  return new ConfirmTextPrompt(
    CONFIRM_PROMPT,
    textValidator((text, language) => (parseYesNo(text) === undefined ? { ok: false, problem: commonTexts[language].answerYesNo } : { ok: true })),
  );
}

/** Buttons for a yes/no question. */
export const yesNoButtons: InBoth<string[]> = inBoth(commonTexts, (t) => [t.yes, t.no]);
