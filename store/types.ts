/** Domain types of the account store. Dialogs see these, never Prisma's generated types. */

export interface Merchant {
  customerId: string;
  companyName: string;
  loginEmail: string;
  infoEmail: string;
  lockedUntil: Date | null;
  failedLoginAttempts: number;
}

export const orderStatuses = ['captured', 'authorised', 'cancelled', 'suspicious', 'awaiting-acquirer', 'no-transaction'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export interface Order {
  orderId: string;
  customerId: string;
  transactionId: string | null;
  amountMinor: number;
  currency: string;
  cardType: string | null;
  acquirer: string | null;
  status: OrderStatus;
  suspicious: boolean;
  suspiciousReason: string | null;
  createdAt: Date;
  authorisedAt: Date | null;
  capturedAt: Date | null;
  cancelledAt: Date | null;
}

export interface VerificationCode {
  id: number;
  customerId: string;
  conversationId: string;
  codeHash: string;
  expiresAt: Date;
  attempts: number;
  consumedAt: Date | null;
  createdAt: Date;
}

export const emailChangeStatuses = ['pending', 'approved', 'rejected'] as const;
export type EmailChangeStatus = (typeof emailChangeStatuses)[number];

export interface EmailChangeRequest {
  caseNumber: string;
  customerId: string;
  newEmail: string;
  documentName: string;
  documentMime: string;
  documentSize: number;
  documentSha256: string;
  status: EmailChangeStatus;
  decisionReason: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  createdAt: Date;
}

export interface NewEmailChangeRequest {
  customerId: string;
  newEmail: string;
  documentName: string;
  documentMime: string;
  document: Buffer;
  documentSha256: string;
}

export interface CallbackRequest {
  caseNumber: string;
  name: string;
  phone: string;
  customerId: string | null;
  topic: string;
  language: string;
  channel: string;
  conversationId: string;
  status: string;
  createdAt: Date;
}

export type NewCallbackRequest = Omit<CallbackRequest, 'caseNumber' | 'status' | 'createdAt'>;

export const auditOutcomes = ['success', 'failure', 'denied', 'rate-limited', 'not-found', 'error'] as const;
export type AuditOutcome = (typeof auditOutcomes)[number];

/**
 * Everything the audit trail records, by the service that writes it. The trail is append-only: an event
 * is never changed after it is written.
 *
 * One code request writes two events, on purpose. `verification.code-request` is written *before* the
 * request is decided, always with outcome `success`, and is what the rate limit counts: parallel requests
 * for one customer ID see each other and fail closed, and unknown IDs are counted like known ones.
 * `verification.code-requested` is the request's outcome (`success` once the mail is out, `not-found`,
 * `rate-limited`, `error` when the mail failed), written when it is known, which for a mail is after the
 * reply. One event updated with its outcome would make the trail mutable and would leave the rate limit
 * counting rows whose meaning changes under it.
 */
export const auditActions = [
  // accounts/verification.ts
  'verification.code-request',
  'verification.code-requested',
  'verification.attempt',
  // accounts/accountService.ts
  'account.unlock',
  'transaction.lookup',
  'email-change.requested',
  'email-change.support-notified',
  // accounts/callbacks.ts
  'handoff.callback-requested',
  // accounts/agentDesk.ts
  'agent.merchant-lookup',
  'agent.caller-verified',
  // accounts/emailChangeReview.ts
  'email-change.list-pending',
  'email-change.document-view',
  'email-change.approve',
  'email-change.reject',
  'email-change.merchant-notified',
  // accounts/agents.ts (npm run agents)
  'agent.add',
  'agent.rename',
  'agent.remove',
  // accounts/gdpr.ts (npm run gdpr)
  'gdpr.export',
  'gdpr.erase',
  // bot/retention.ts
  'retention.prune',
] as const;
export type AuditAction = (typeof auditActions)[number];

/**
 * Who acted: `user:<channel user id>` (the Entra object id in Teams), `agent:<Entra object id>` for a
 * phone agent acting for a caller, `operator:<OS user>` for the command-line tools, `system` for the
 * bot's own jobs (retention).
 */
export type AuditActor = `user:${string}` | `agent:${string}` | `operator:${string}` | 'system';

export interface AuditEventInput {
  /** When it happened; defaults to now (tests pass their fixed clock). */
  createdAt?: Date;
  actor: AuditActor;
  action: AuditAction;
  customerId?: string;
  channel: string;
  conversationId?: string;
  outcome: AuditOutcome;
  /** Free text without personal data. */
  detail?: string;
}

export interface AuditEvent extends AuditEventInput {
  id: number;
  createdAt: Date;
}

/** A support agent: may act for callers in Teams. */
export interface Agent {
  aadObjectId: string;
  name: string;
  createdBy: string;
  createdAt: Date;
}

export interface EmailChangeDocument {
  name: string;
  mime: string;
  bytes: Buffer;
}

export interface EmailChangeDecision {
  caseNumber: string;
  status: 'approved' | 'rejected';
  /** Required for a rejection; sent to the merchant. */
  reason?: string;
  /** Who decided, e.g. "agent:<aad object id>". */
  decidedBy: string;
  decidedAt: Date;
}

/** The outcome of a decision: the updated case and, on approval, the login e-mail it replaced. */
export interface EmailChangeDecisionResult {
  request: EmailChangeRequest;
  previousEmail: string;
}

export const questionOutcomes = ['answered', 'clarify', 'low-confidence', 'fallback', 'handoff'] as const;
export type QuestionOutcome = (typeof questionOutcomes)[number];

export interface QuestionEventInput {
  outcome: QuestionOutcome;
  /** Redacted question text; stored only for questions the bot could not answer with confidence. */
  question?: string;
  entryId?: string;
  score?: number;
  language: string;
  channel: string;
  conversationId: string;
  createdAt?: Date;
}

export interface QuestionEvent extends QuestionEventInput {
  id: number;
  createdAt: Date;
}

export interface AnswerFeedbackInput {
  entryId: string;
  /** Redacted question text. */
  question: string;
  score: number;
  helpful: boolean;
  language: string;
  channel: string;
  conversationId: string;
  createdAt?: Date;
}

export interface AnswerFeedback extends AnswerFeedbackInput {
  id: number;
  createdAt: Date;
}

/** Analytics rows deleted by a retention run. */
export interface AnalyticsRetention {
  questions: number;
  feedback: number;
}

/** Rows deleted by a retention run: analytics, conversation states and delivery records. */
export interface RetentionResult extends AnalyticsRetention {
  conversations: number;
  activities: number;
}

/** Everything stored about one merchant (GDPR export). Document bytes are base64. */
export interface MerchantDataExport {
  merchant: Merchant;
  orders: Order[];
  emailChangeRequests: (EmailChangeRequest & { documentBase64: string })[];
  callbackRequests: CallbackRequest[];
  auditEvents: AuditEvent[];
}

export interface MerchantErasure {
  merchants: number;
  orders: number;
  verificationCodes: number;
  emailChangeRequests: number;
  callbackRequests: number;
  /** Conversation states (with their recent transcript) of the merchant's own conversations. */
  conversations: number;
  /** Audit events keep their action and time, with the customer id replaced. */
  auditEventsPseudonymised: number;
}

/** Agents and their decisions on merchants' e-mail change requests. */
export interface AgentStore {
  findAgent(aadObjectId: string): Promise<Agent | undefined>;
  listAgents(): Promise<Agent[]>;
  /** Adds or renames an agent. */
  upsertAgent(input: { aadObjectId: string; name: string; createdBy: string }): Promise<Agent>;
  /** False when there was no such agent. */
  removeAgent(aadObjectId: string): Promise<boolean>;
  getEmailChangeDocument(caseNumber: string): Promise<EmailChangeDocument | undefined>;
  /**
   * Decides a pending request; an approval also sets the merchant's login e-mail, in one transaction.
   * Undefined when the case does not exist or is no longer pending.
   */
  decideEmailChangeRequest(decision: EmailChangeDecision): Promise<EmailChangeDecisionResult | undefined>;
}

/** Support analytics: question outcomes and answer feedback, with retention and GDPR tools. */
export interface AnalyticsStore {
  /** Several events in one write (the bot batches them, so a turn does not wait for its own insert). */
  recordQuestions(events: QuestionEventInput[]): Promise<void>;
  recordFeedback(feedback: AnswerFeedbackInput): Promise<void>;
  listQuestionEvents(filter: { since?: Date; outcomes?: QuestionOutcome[] }): Promise<QuestionEvent[]>;
  listFeedback(filter: { since?: Date }): Promise<AnswerFeedback[]>;
  /** Deletes question events and feedback older than the cut-off (bot state: BotStateStore.pruneStates). */
  pruneOlderThan(cutoff: Date): Promise<AnalyticsRetention>;
  exportMerchantData(customerId: string): Promise<MerchantDataExport | undefined>;
  eraseMerchantData(customerId: string, pseudonym: string): Promise<MerchantErasure>;
}

export type StoreHealth = { state: 'up'; provider: 'sqlite' | 'postgresql' } | { state: 'down'; provider: 'sqlite' | 'postgresql' };

/** The account store: a small repository interface over merchants, orders, codes, cases and audit. */
export interface AccountStore {
  readonly provider: 'sqlite' | 'postgresql';
  health(): Promise<StoreHealth>;
  /** False while the last database call failed (an outage), without asking the database again. */
  available(): boolean;
  close(): Promise<void>;

  findMerchant(customerId: string): Promise<Merchant | undefined>;
  countMerchants(): Promise<number>;
  /** Clears the lock and the failed attempts. Returns the updated merchant. */
  unlockMerchant(customerId: string): Promise<Merchant | undefined>;

  findOrder(customerId: string, orderOrTransactionId: string): Promise<Order | undefined>;

  createVerificationCode(input: { customerId: string; conversationId: string; codeHash: string; expiresAt: Date; createdAt: Date }): Promise<VerificationCode>;
  /** The newest unconsumed code of this customer in this conversation. */
  latestVerificationCode(customerId: string, conversationId: string): Promise<VerificationCode | undefined>;
  /** Adds one attempt and returns the new count. */
  addVerificationAttempt(id: number): Promise<number>;
  consumeVerificationCode(id: number): Promise<void>;

  createEmailChangeRequest(input: NewEmailChangeRequest): Promise<EmailChangeRequest>;
  findEmailChangeRequest(caseNumber: string): Promise<EmailChangeRequest | undefined>;
  listEmailChangeRequests(filter: { status?: EmailChangeStatus; customerId?: string }): Promise<EmailChangeRequest[]>;

  createCallbackRequest(input: NewCallbackRequest): Promise<CallbackRequest>;
  listCallbackRequests(filter: { status?: string; customerId?: string }): Promise<CallbackRequest[]>;

  audit(event: AuditEventInput): Promise<void>;
  listAuditEvents(filter: { customerId?: string; action?: AuditAction }): Promise<AuditEvent[]>;
  countAuditEvents(filter: { customerId: string; action: AuditAction; since: Date; outcomes: AuditOutcome[] }): Promise<number>;
}

/** One stored bot-state document (a conversation's dialog stack and data) with its version tag. */
export interface StoredState {
  id: string;
  data: string;
  eTag: string;
}

/** A claimed activity id: a redelivery, or a first delivery with the conversation's state (if it has any). */
export type ClaimedActivity = { first: false } | { first: true; state: StoredState | undefined };

/**
 * Bot state and delivery bookkeeping in the same database, shared by every instance.
 * Writes are compare-and-set on the eTag, so concurrent instances never silently overwrite each other.
 */
export interface BotStateStore {
  readStates(ids: string[]): Promise<StoredState[]>;
  /**
   * Writes `data`. With `expectedETag` (not "*"), only if the stored version still has that tag.
   * Returns the new tag, or undefined when another writer got there first.
   */
  writeState(id: string, data: string, expectedETag?: string): Promise<string | undefined>;
  deleteStates(ids: string[]): Promise<void>;
  /** Records an activity id; false when it was recorded before (a redelivery). */
  claimActivity(key: string, conversationId: string): Promise<boolean>;
  /**
   * `claimActivity`, and on a first delivery also the state stored under `stateId`, in one round trip
   * (a message turn needs both before anything else).
   */
  claimActivityWithState(key: string, conversationId: string, stateId: string): Promise<ClaimedActivity>;
  pruneActivities(olderThan: Date): Promise<number>;
  /** Deletes conversation states not written since the cut-off (retention). */
  pruneStates(olderThan: Date): Promise<number>;
}
