import type { StatePropertyAccessor } from 'botbuilder';
import type { AccountService } from '../accounts/accountService';
import type { CallbackService } from '../accounts/callbacks';
import type { OpeningHours } from '../knowledge/openingHours';
import type { VerificationService } from '../accounts/verification';
import type { FetchPolicy } from '../accounts/documents';
import type { ContactData, Language } from '../knowledge/schema';
import type { Clock } from '../lib/clock';
import type { IdentityState } from './identity';

/** What the guided dialogs need, handed in through their constructors. */
export interface GuidedDialogDeps {
  verification: VerificationService;
  accounts: AccountService;
  callbacks: CallbackService;
  /** Support's opening hours; without them the handoff gives the phone number and hours as text. */
  openingHours?: OpeningHours;
  identity: StatePropertyAccessor<IdentityState>;
  clock: Clock;
  contact: ContactData;
  settings: { maxCodeAttempts: number; codeTtlMs: number; verifiedForMs: number; documents: Omit<FetchPolicy, 'headers' | 'timeoutMs'> };
}

/** Options every guided dialog starts with. IDs may come from the message that started it. */
export interface GuidedDialogOptions {
  language: Language;
  customerId?: string;
  orderId?: string;
}
