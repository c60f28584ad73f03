import type { DialogContext, PromptOptions } from 'botbuilder-dialogs';
import type { Language } from '../knowledge/schema';
import { switchPromptLanguage } from './prompts';

/** The running dialogs, outermost first, each with its dialog context. */
export function dialogStack(inner: DialogContext): DialogContext[] {
  const stack: DialogContext[] = [];
  for (let dc: DialogContext | undefined = inner; dc?.activeDialog; dc = dc.child) stack.push(dc);
  return stack;
}

/** The ids of the running dialogs, outermost first. */
export function dialogIdsOnStack(inner: DialogContext): string[] {
  return dialogStack(inner).map((dc) => dc.activeDialog!.id);
}

/** The id of the dialog the innermost running dialog is (a prompt, when one waits). */
export function activePromptId(inner: DialogContext): string | undefined {
  return dialogStack(inner).at(-1)?.activeDialog?.id;
}

/**
 * The language the waiting flow speaks: its innermost prompt's (see prompts.ask), else the innermost
 * dialog options' `language`.
 */
export function flowLanguage(inner: DialogContext): Language | undefined {
  for (const dc of dialogStack(inner).reverse()) {
    const options = dc.activeDialog?.state?.options as { language?: Language; validations?: { language?: Language } } | undefined;
    const language = options?.validations?.language ?? options?.language;
    if (language) return language;
  }
  return undefined;
}

/**
 * The merchant now writes in another language: every running dialog's options and the waiting prompt
 * follow, so the next prompt and the rest of the flow speak it.
 */
export function switchFlowLanguage(inner: DialogContext, language: Language): void {
  for (const dc of dialogStack(inner)) {
    for (const instance of dc.stack) {
      const options = instance.state?.options as (PromptOptions & { language?: Language }) | undefined;
      if (!options) continue;
      if (!switchPromptLanguage(options, language) && typeof options.language === 'string') options.language = language;
    }
  }
}
