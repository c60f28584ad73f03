import type { Language } from '../../knowledge/schema';
import { DOCUMENT_PROMPT, NEW_EMAIL_PROMPT } from '../merchant/ChangeLoginEmailDialog';
import { changeEmailTexts } from '../merchant/ChangeLoginEmailDialog.texts';
import { commonTexts } from './common.texts';
import { parseOrderId, parseYesNo } from './entities';
import { NAME_PROMPT, OPTIONAL_CUSTOMER_ID_PROMPT, PHONE_PROMPT, TOPIC_PROMPT } from './HandoffDialog';
import { handoffTexts } from './HandoffDialog.texts';
import { CONFIRM_PROMPT, inBoth, type InBoth } from './prompts';
import { REJECT_REASON_PROMPT } from '../agent/ReviewEmailChangesDialog';
import { reviewTexts } from '../agent/ReviewEmailChangesDialog.texts';
import { ORDER_ID_PROMPT } from '../merchant/TransactionStatusDialog';
import { transactionTexts } from '../merchant/TransactionStatusDialog.texts';
import { CODE_PROMPT, CUSTOMER_ID_PROMPT } from '../merchant/VerifyIdentityDialog';
import { verifyTexts } from '../merchant/VerifyIdentityDialog.texts';

/**
 * What a prompt accepts. A message of that shape is the prompt's answer (and the prompt says what is
 * wrong with it, if anything); any other message is first read as a question or an intent, whatever
 * its length. Free text is always the answer (a name, a reason), except exact small talk ("annuller").
 */
export type PromptShape = 'customer-id' | 'code' | 'order-id' | 'email' | 'file' | 'yes-no' | 'phone' | 'free-text';

export interface PromptDeclaration {
  accepts: PromptShape;
  /** What "hjælp" says while the prompt waits. */
  help: InBoth;
}

/** Every prompt of the guided dialogs, keyed by the prompt's own exported id. */
export const promptRegistry: ReadonlyMap<string, PromptDeclaration> = new Map<string, PromptDeclaration>([
  [CUSTOMER_ID_PROMPT, { accepts: 'customer-id', help: inBoth(verifyTexts, (t) => t.help.customerId) }],
  [CODE_PROMPT, { accepts: 'code', help: inBoth(verifyTexts, (t) => t.help.code) }],
  [CONFIRM_PROMPT, { accepts: 'yes-no', help: inBoth(commonTexts, (t) => t.help.confirm) }],
  [NEW_EMAIL_PROMPT, { accepts: 'email', help: inBoth(changeEmailTexts, (t) => t.help.newEmail) }],
  [DOCUMENT_PROMPT, { accepts: 'file', help: inBoth(changeEmailTexts, (t) => t.help.document) }],
  [ORDER_ID_PROMPT, { accepts: 'order-id', help: inBoth(transactionTexts, (t) => t.help.orderId) }],
  [NAME_PROMPT, { accepts: 'free-text', help: inBoth(handoffTexts, (t) => t.help.name) }],
  [PHONE_PROMPT, { accepts: 'phone', help: inBoth(handoffTexts, (t) => t.help.phone) }],
  [OPTIONAL_CUSTOMER_ID_PROMPT, { accepts: 'customer-id', help: inBoth(handoffTexts, (t) => t.help.customerId) }],
  [TOPIC_PROMPT, { accepts: 'free-text', help: inBoth(handoffTexts, (t) => t.help.topic) }],
  [REJECT_REASON_PROMPT, { accepts: 'free-text', help: inBoth(reviewTexts, (t) => t.help.reason) }],
]);

/** A datum typed with a few words around it ("ups, forkert kunde-id, det er 100001") has at most this many words. */
const MAX_DATA_WORDS = 8;
/** A phone number has at least this many digits. */
const MIN_PHONE_DIGITS = 6;

const digits = (text: string): number => text.match(/\d/g)?.length ?? 0;
const words = (text: string): number => text.split(/\s+/).filter(Boolean).length;

const shapes: Record<PromptShape, (text: string, hasAttachments: boolean) => boolean> = {
  // A number among a few words ("100001", "det er 100001", "ups, forkert kunde-id, det er 100001").
  'customer-id': (text) => digits(text) >= 1 && words(text) <= MAX_DATA_WORDS,
  code: (text) => digits(text) >= 1 && words(text) <= MAX_DATA_WORDS,
  'order-id': (text) => parseOrderId(text) !== undefined || (digits(text) >= 1 && words(text) <= MAX_DATA_WORDS),
  email: (text) => text.includes('@'),
  file: (_text, hasAttachments) => hasAttachments,
  'yes-no': (text) => parseYesNo(text) !== undefined,
  phone: (text) => digits(text) >= MIN_PHONE_DIGITS,
  'free-text': () => true,
};

/** Whether a message has the shape a prompt accepts (then it is the prompt's answer). */
export function fitsPrompt(declaration: PromptDeclaration, text: string, hasAttachments: boolean): boolean {
  return shapes[declaration.accepts](text, hasAttachments);
}

export function promptHelpText(promptId: string | undefined, language: Language): string | undefined {
  return promptId ? promptRegistry.get(promptId)?.help[language] : undefined;
}
