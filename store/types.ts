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

export type EmailChangeStatus = 'pending' | 'approved' | 'rejected';

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

export type AuditOutcome = 'success' | 'failure' | 'denied' | 'rate-limited' | 'not-found' | 'error';

export interface AuditEventInput {
  /** When it happened; defaults to now (tests pass their fixed clock). */
  createdAt?: Date;
  /** Who acted: "user:<channel user id>" (Entra object id in Teams), later "agent:<aad object id>", or "system". */
  actor: string;
  action: string;
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
  listCallbackRequests(filter: { status?: string }): Promise<CallbackRequest[]>;

  audit(event: AuditEventInput): Promise<void>;
  listAuditEvents(filter: { customerId?: string; action?: string }): Promise<AuditEvent[]>;
  countAuditEvents(filter: { customerId: string; action: string; since: Date; outcomes: AuditOutcome[] }): Promise<number>;
}

/** One stored bot-state document (a conversation's dialog stack and data) with its version tag. */
export interface StoredState {
  id: string;
  data: string;
  eTag: string;
}

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
  pruneActivities(olderThan: Date): Promise<number>;
}
