import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { AccountService } from '../../accounts/accountService';
import type { CallbackService } from '../../accounts/callbacks';
import type { OpeningHours } from '../../knowledge/openingHours';
import type { VerificationService } from '../../accounts/verification';
import type { FetchPolicy } from '../../accounts/documents';
import type { ContactData, Language } from '../../knowledge/schema';
import type { Clock } from '../../lib/clock';
import type { CallbackRequest } from '../../store/types';
import type { IdentityState } from './identity';
import type { AgentGate } from '../agent/agentAccess';
import type { AgentDesk } from '../../accounts/agentDesk';
import type { EmailChangeReview } from '../../accounts/emailChangeReview';
import type { AgentChecklist } from '../../knowledge/agentChecklist';

/** Tells the support agents about a new case (e.g. a post in their Teams channel). */
export interface CaseNotifier {
  /**
   * Called in the turn that created the callback request (so the conversation's state can be read).
   * Never throws and never delays the merchant: failures are logged by the implementation.
   */
  callbackRequested(context: TurnContext, request: CallbackRequest): Promise<void>;
}

/** What the guided dialogs need, handed in through their constructors. */
export interface GuidedDialogDeps {
  verification: VerificationService;
  accounts: AccountService;
  callbacks: CallbackService;
  /** Where new callback cases are also announced to the agents; none = e-mail only. */
  caseNotifier?: CaseNotifier;
  /** Support's opening hours; without them the handoff gives the phone number and hours as text. */
  openingHours?: OpeningHours;
  /** Support's time zone (the knowledge base's), in which every date and time is shown. */
  readonly timeZone: string;
  identity: StatePropertyAccessor<IdentityState>;
  clock: Clock;
  contact: ContactData;
  settings: { maxCodeAttempts: number; codeTtlMs: number; verifiedForMs: number; documents: Omit<FetchPolicy, 'headers' | 'timeoutMs'> };
}

/** What the phone agents' dialogs (Teams) need besides the guided dialogs' dependencies. */
export interface AgentDeps {
  /** Decides, once per turn, whether the turn's user is an agent. */
  gate: AgentGate;
  desk: AgentDesk;
  review: EmailChangeReview;
  checklist: AgentChecklist;
  /** Support's time zone (the knowledge base's), in which every date and time is shown. */
  readonly timeZone: string;
  /** The merchant the agent last looked up in this conversation (the "current call"). */
  lastLookup: StatePropertyAccessor<AgentDeskState>;
}

export interface AgentDeskState {
  customerId?: string;
}

/** Options every guided dialog starts with. IDs may come from the message that started it. */
export interface GuidedDialogOptions {
  language: Language;
  customerId?: string;
  orderId?: string;
  /** Started right after the FAQ answer that describes it: the flow adds no intro of its own. */
  afterAnswer?: boolean;
}
