import crypto from 'node:crypto';
import { InputHints, MessageFactory, type Activity, type Attachment, type TurnContext } from 'botbuilder';
import { AttachmentPrompt, TextPrompt, type PromptOptions, type PromptRecognizerResult, type PromptValidator, type PromptValidatorContext, type WaterfallStepContext } from 'botbuilder-dialogs';
import { adaptiveCardAttachment, confirmAnswerOf, confirmCard, confirmQuestionOf, isTeams } from './cards';
import type { Language } from '../knowledge/schema';
import { commonTexts } from './common.texts';
import { parseYesNo } from './entities';

/** Prompts whose answer is free text (a name, a description): never taken for an FAQ question. */
export const FREE_TEXT_PROMPT_IDS: ReadonlySet<string> = new Set(['NamePrompt', 'TopicPrompt', 'RejectReasonPrompt']);

/** After this many invalid answers at one prompt, the bot offers human help instead of asking again. */
export const PROMPT_FAILURE_LIMIT = 3;

const gaveUpKey = Symbol('promptGaveUp');

/** What a prompt knows when it validates: the language and the question to repeat. */
export interface PromptContextData {
  language: Language;
  question: string;
}

export type Check = { ok: true } | { ok: false; problem: string };

function promptData(options: PromptOptions): PromptContextData {
  return options.validations as PromptContextData;
}

/** Options for a validated prompt: the question (with optional buttons), language in `validations`. */
export function ask(question: string, language: Language, buttons?: string[]): PromptOptions {
  const prompt: Partial<Activity> = buttons ? MessageFactory.suggestedActions(buttons, question) : MessageFactory.text(question);
  return { prompt, validations: { language, question } satisfies PromptContextData };
}

function onInvalid(p: PromptValidatorContext<unknown>, problem: string): boolean {
  if (p.attemptCount >= PROMPT_FAILURE_LIMIT) {
    p.context.turnState.set(gaveUpKey, true);
    return true;
  }
  const { question } = promptData(p.options);
  const previous = p.options.prompt as Partial<Activity> | undefined;
  const retry: Partial<Activity> = { ...(typeof previous === 'object' ? previous : {}), type: 'message', text: `${problem}\n${question}` };
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

/** An attachment prompt whose upload is checked (and read) by `check`. */
export function validatedAttachmentPrompt(id: string, check: (attachments: Attachment[], context: TurnContext, language: Language) => Promise<Check>, noAttachment: (language: Language) => string): AttachmentPrompt {
  return new AttachmentPrompt(id, async (p) => {
    const language = promptData(p.options).language;
    if (!p.recognized.succeeded || !p.recognized.value?.length) return onInvalid(p, noAttachment(language));
    const result = await check(p.recognized.value, p.context, language);
    return result.ok ? true : onInvalid(p, result.problem);
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
    const question = (typeof prompt === 'string' ? prompt : prompt?.text) ?? promptData(options).question;
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
export function yesNoButtons(language: Language): string[] {
  return [commonTexts[language].yes, commonTexts[language].no];
}
