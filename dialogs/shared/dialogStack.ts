import type { DialogContext, PromptOptions } from 'botbuilder-dialogs';
import type { Language } from '../../knowledge/schema';
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

/** The state a dialog instance keeps: its options, and for a component dialog its own inner stack. */
interface InstanceState {
  options?: PromptOptions & { language?: Language };
  /** ComponentDialog keeps its inner dialogs here (botbuilder-dialogs' persisted dialog state). */
  dialogs?: { dialogStack?: { state?: InstanceState }[] };
}

/**
 * The merchant now writes in another language: every running dialog's options and every waiting prompt
 * follow, also those of a flow under another dialog (a handoff on top), so the rest of the flow speaks it.
 */
export function switchFlowLanguage(inner: DialogContext, language: Language): void {
  const visit = (state: InstanceState | undefined): void => {
    const options = state?.options;
    if (options && !switchPromptLanguage(options, language) && typeof options.language === 'string') options.language = language;
    for (const child of state?.dialogs?.dialogStack ?? []) visit(child.state);
  };
  for (const instance of inner.stack) visit(instance.state as InstanceState);
}
