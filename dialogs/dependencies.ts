import type { StatePropertyAccessor } from 'botbuilder';
import type { AccountService } from '../accounts/accountService';
import type { VerificationService } from '../accounts/verification';
import type { FetchPolicy } from '../accounts/documents';
import type { ContactData, Language } from '../knowledge/schema';
import type { Clock } from '../lib/clock';
import type { IdentityState } from './identity';

/** What the guided dialogs need, handed in through their constructors. */
export interface GuidedDialogDeps {
  verification: VerificationService;
  accounts: AccountService;
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
