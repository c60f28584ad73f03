import crypto from 'node:crypto';
import { PrismaClient, type Prisma } from '.prisma/sqlite-client';
import { PrismaClient as PostgresPrismaClient } from '.prisma/postgres-client';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import Database from 'better-sqlite3';
import pg from 'pg';
import { AppError, hasErrorCode, type ErrorCode } from '../lib/errors';
import { silentLogger, type Logger } from '../lib/logger';
import { BotStateRepository } from './botState/repository';
import type { BotStateDriver } from './botState/driver';
import { postgresBotStateDriver } from './botState/postgres';
import { sqliteBotStateDriver } from './botState/sqlite';
import { StoreGuard, shortMessage, type QueryKind } from './guard';
import { migratePostgres, migrateSqlite, postgresTarget, sqlitePath } from './migrate';
import {
  auditActions,
  auditOutcomes,
  orderStatuses,
  emailChangeStatuses,
  type AuditAction,
  type AuditActor,
  questionOutcomes,
  type AccountStore,
  type AuditOutcome,
  type AuditEvent,
  type AuditEventInput,
  type EmailChangeRequest,
  type EmailChangeStatus,
  type Merchant,
  type NewEmailChangeRequest,
  type Order,
  type OrderStatus,
  type BotStateStore,
  type CallbackRequest,
  type NewCallbackRequest,
  type StoreHealth,
  type StoredState,
  type ClaimedActivity,
  type VerificationCode,
  type Agent,
  type AgentStore,
  type AnalyticsStore,
  type AnswerFeedback,
  type AnswerFeedbackInput,
  type EmailChangeDecision,
  type EmailChangeDecisionResult,
  type EmailChangeDocument,
  type MerchantDataExport,
  type MerchantErasure,
  type QuestionEvent,
  type QuestionEventInput,
  type QuestionOutcome,
  type AnalyticsRetention,
} from './types';

type MerchantRow = Prisma.MerchantGetPayload<object>;
type OrderRow = Prisma.OrderGetPayload<object>;
type CaseRow = Omit<Prisma.EmailChangeRequestGetPayload<object>, 'document' | 'id'>;

const caseColumns = {
  caseNumber: true,
  customerId: true,
  newEmail: true,
  documentName: true,
  documentMime: true,
  documentSize: true,
  documentSha256: true,
  status: true,
  decisionReason: true,
  decidedBy: true,
  decidedAt: true,
  createdAt: true,
} as const;

function toMerchant(row: MerchantRow): Merchant {
  return {
    customerId: row.customerId,
    companyName: row.companyName,
    loginEmail: row.loginEmail,
    infoEmail: row.infoEmail,
    lockedUntil: row.lockedUntil,
    failedLoginAttempts: row.failedLoginAttempts,
  };
}

function toOrderStatus(value: string): OrderStatus {
  return knownValue(orderStatuses, value, 'order status');
}

function toOrder(row: OrderRow): Order {
  return {
    orderId: row.orderId,
    customerId: row.customerId,
    transactionId: row.transactionId,
    amountMinor: row.amountMinor,
    currency: row.currency,
    cardType: row.cardType,
    acquirer: row.acquirer,
    status: toOrderStatus(row.status),
    suspicious: row.suspicious,
    suspiciousReason: row.suspiciousReason,
    createdAt: row.createdAt,
    authorisedAt: row.authorisedAt,
    capturedAt: row.capturedAt,
    cancelledAt: row.cancelledAt,
  };
}

/** A stored value of a closed set; one the code does not know is a typed error, never a silent default. */
function knownValue<T extends string>(values: readonly T[], value: string, what: string): T {
  const known = values.find((v) => v === value);
  if (known === undefined) throw new AppError('VALIDATION_FAILED', `unknown ${what} in store: ${value}`);
  return known;
}

/**
 * How long a query waits for another process's write lock (a CLI, a backup). better-sqlite3 waits
 * synchronously, so this is kept short: a longer lock counts as an outage.
 */
const SQLITE_BUSY_TIMEOUT_MS = 1000;

/** Per-connection SQLite settings (journal_mode=WAL is persistent and set by the migrator). */
const SQLITE_CONNECTION_PRAGMAS = ['PRAGMA synchronous = NORMAL', `PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`];


function toQuestionOutcome(value: string): QuestionOutcome {
  return knownValue(questionOutcomes, value, 'question outcome');
}

function toAuditAction(value: string): AuditAction {
  return knownValue(auditActions, value, 'audit action');
}

function toAuditOutcome(value: string): AuditOutcome {
  return knownValue(auditOutcomes, value, 'audit outcome');
}

function isAuditActor(value: string): value is AuditActor {
  return value === 'system' || /^(?:user|agent|operator):/.test(value);
}

function toAuditActor(value: string): AuditActor {
  if (!isAuditActor(value)) throw new AppError('VALIDATION_FAILED', 'unknown kind of audit actor in store');
  return value;
}

function toAuditEvent(r: Prisma.AuditEventGetPayload<object>): AuditEvent {
  return {
    id: r.id,
    actor: toAuditActor(r.actor),
    action: toAuditAction(r.action),
    customerId: r.customerId ?? undefined,
    channel: r.channel,
    conversationId: r.conversationId ?? undefined,
    outcome: toAuditOutcome(r.outcome),
    detail: r.detail ?? undefined,
    createdAt: r.createdAt,
  };
}

function toCase(row: CaseRow): EmailChangeRequest {
  return { ...row, status: knownValue(emailChangeStatuses, row.status, 'e-mail change status') };
}

/** A case number that is unique without coordination between instances, e.g. EC-20261127-4F7K2Q. */
export function newCaseNumber(now: Date = new Date(), prefix = 'EC'): string {
  const day = now.toISOString().slice(0, 10).replace(/-/g, '');
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.randomBytes(6);
  const suffix = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
  return `${prefix}-${day}-${suffix}`;
}

/**
 * Prisma errors about the request itself (a constraint, a missing record), as opposed to the database
 * being unreachable. Raw-query failures (P2010) and everything else count as an outage.
 */
const requestErrorCodes = new Set(['P2000', 'P2001', 'P2002', 'P2003', 'P2004', 'P2011', 'P2025']);
function isKnownRequestError(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? (error as { code: unknown }).code : undefined;
  return typeof code === 'string' && requestErrorCodes.has(code);
}


/**
 * The merchant's own conversations (audited as `user:` outside Teams, where staff work; not a chat in
 * which staff looked the merchant up): their ids and bot-state keys ("<channel>/conversations/<id>/").
 */
async function merchantConversations(
  db: Pick<Prisma.TransactionClient, 'auditEvent' | 'callbackRequest'>,
  customerId: string,
): Promise<{ conversationIds: string[]; stateIds: string[] }> {
  const audited = await db.auditEvent.findMany({ where: { customerId, actor: { startsWith: 'user:' }, channel: { not: 'msteams' }, conversationId: { not: null } }, select: { channel: true, conversationId: true } });
  const called = await db.callbackRequest.findMany({ where: { customerId }, select: { channel: true, conversationId: true } });
  const conversations = [...audited, ...called].flatMap((c) => (c.conversationId ? [{ channel: c.channel, conversationId: c.conversationId }] : []));
  return {
    conversationIds: [...new Set(conversations.map((c) => c.conversationId))],
    stateIds: [...new Set(conversations.map((c) => `${c.channel}/conversations/${c.conversationId}/`))],
  };
}

/** The merchant's callback requests: with its customer ID, or without one in one of its own conversations. */
function merchantCallbacks(customerId: string, conversationIds: string[]): Prisma.CallbackRequestWhereInput {
  return { OR: [{ customerId }, { customerId: null, conversationId: { in: conversationIds } }] };
}

/** What a connection gives the store: the Prisma client, and the bot-state statements on its driver. */
interface Connection {
  client: PrismaClient;
  botState: BotStateDriver;
  /** Closes what the Prisma client does not (the shared pg pool). */
  close(): Promise<void>;
}

export class PrismaAccountStore implements AccountStore, BotStateStore, AgentStore, AnalyticsStore {
  /** The outage state shared by the Prisma repositories and the bot state. */
  private readonly guard: StoreGuard;
  /** The per-turn bot state and delivery ledger, on the driver. */
  readonly botState: BotStateRepository;

  /** Set once the database was reached and migrated: at once, or later for a store opened without it. */
  private connection: Connection | undefined;
  /** A store opened without its database: the next connection attempt, and who waits for it. */
  private reconnectTimer: NodeJS.Timeout | undefined;
  private readonly waitingForConnection: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  private closed = false;

  private constructor(
    connection: Connection | undefined,
    readonly provider: 'sqlite' | 'postgresql',
    private readonly logger: Logger,
  ) {
    this.connection = connection;
    // The outage probe: a write that changes nothing.
    this.guard = new StoreGuard(provider, logger, () => this.botStateDriver().pruneActivities(new Date(0)), isKnownRequestError);
    this.botState = new BotStateRepository(this.guard, () => this.connection?.botState);
  }

  private botStateDriver(): BotStateDriver {
    if (!this.connection) throw new AppError('STORE_UNAVAILABLE', 'the database has not been reached since start');
    return this.connection.botState;
  }

  /** The Prisma client; until the database has been reached, every query fails as in an outage. */
  private get prisma(): PrismaClient {
    if (!this.connection) throw new AppError('STORE_UNAVAILABLE', 'the database has not been reached since start');
    return this.connection.client;
  }

  /** Runs a query with typed errors and the outage bookkeeping (see StoreGuard). */
  private guarded<T>(kind: QueryKind, work: () => Promise<T>): Promise<T> {
    return this.guard.run(kind, work);
  }

  private writable(): Promise<boolean> {
    return this.guard.writable();
  }

  /** Opens (creating and migrating if needed) the SQLite database behind a `file:` URL. */
  static openSqlite(url: string, logger: Logger = silentLogger, options: OpenStoreOptions = {}): Promise<PrismaAccountStore> {
    return PrismaAccountStore.open('sqlite', () => connectSqlite(url), logger, options);
  }

  /** Opens (migrating if needed) PostgreSQL behind a `postgresql://` URL; `?schema=` picks the schema. */
  static openPostgres(url: string, logger: Logger = silentLogger, options: OpenStoreOptions = {}): Promise<PrismaAccountStore> {
    return PrismaAccountStore.open('postgresql', () => connectPostgres(url), logger, options);
  }

  private static async open(provider: PrismaAccountStore['provider'], connect: () => Promise<Connection>, logger: Logger, options: OpenStoreOptions): Promise<PrismaAccountStore> {
    if (!options.startDegraded) return new PrismaAccountStore(await connect(), provider, logger);
    const store = new PrismaAccountStore(undefined, provider, logger);
    const firstFailure = await store.connect(connect, options.retryMs ?? START_RETRY_MS, true);
    // A migration that fails, or a bad URL, is not an outage: the process must not start on it.
    if (firstFailure !== undefined) throw firstFailure;
    return store;
  }

  /**
   * One attempt to reach and migrate the database. While it cannot be reached, the store runs without
   * it (the account flows say "temporarily unavailable") and tries again every `retryMs`. Resolves with
   * an error that is not an outage (a failed migration), which ends the attempts.
   */
  private async connect(connect: () => Promise<Connection>, retryMs: number, atStart: boolean): Promise<unknown> {
    let connection: Connection;
    try {
      connection = await connect();
    } catch (error: unknown) {
      if (hasErrorCode(error, 'STORE_MIGRATION_FAILED') || hasErrorCode(error, 'CONFIG_INVALID')) {
        for (const waiting of this.waitingForConnection.splice(0)) waiting.reject(error);
        return error;
      }
      if (atStart) this.logger.error('store_unavailable', { code: 'STORE_UNAVAILABLE' satisfies ErrorCode, provider: this.provider, message: shortMessage(error), phase: 'start', retryInMs: retryMs });
      if (!this.closed) {
        this.reconnectTimer = setTimeout(() => void this.connect(connect, retryMs, false), retryMs);
        this.reconnectTimer.unref();
      }
      return undefined;
    }
    if (this.closed) {
      await closeConnection(connection);
      return undefined;
    }
    this.connection = connection;
    if (!atStart) this.logger.info('store_recovered', { provider: this.provider, phase: 'start' });
    for (const waiting of this.waitingForConnection.splice(0)) waiting.resolve();
    return undefined;
  }

  /**
   * Resolves once the database has been reached and migrated (at once for a store that opened with it);
   * rejects if a later attempt finds a migration that fails.
   */
  whenConnected(): Promise<void> {
    if (this.connection) return Promise.resolve();
    return new Promise((resolve, reject) => this.waitingForConnection.push({ resolve, reject }));
  }

  available(): boolean {
    return this.connection !== undefined && !this.guard.isDown();
  }

  async health(): Promise<StoreHealth> {
    try {
      // During an outage the probe is a write that changes nothing, since reads may work while writes fail.
      if (this.guard.isDown()) await this.pruneActivities(new Date(0));
      else await this.prisma.$queryRawUnsafe('SELECT 1');
      return { state: 'up', provider: this.provider };
    } catch {
      return { state: 'down', provider: this.provider };
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    if (this.connection) await closeConnection(this.connection);
  }

  findMerchant(customerId: string): Promise<Merchant | undefined> {
    return this.guarded('read', async () => {
      const row = await this.prisma.merchant.findUnique({ where: { customerId } });
      return row ? toMerchant(row) : undefined;
    });
  }

  countMerchants(): Promise<number> {
    return this.guarded('read', () => this.prisma.merchant.count());
  }

  unlockMerchant(customerId: string): Promise<Merchant | undefined> {
    return this.guarded('write', async () => {
      const result = await this.prisma.merchant.updateMany({ where: { customerId }, data: { lockedUntil: null, failedLoginAttempts: 0 } });
      if (result.count === 0) return undefined;
      return this.findMerchant(customerId);
    });
  }

  findOrder(customerId: string, orderOrTransactionId: string): Promise<Order | undefined> {
    return this.guarded('read', async () => {
      const row = await this.prisma.order.findFirst({
        where: { customerId, OR: [{ orderId: orderOrTransactionId }, { transactionId: orderOrTransactionId }] },
      });
      return row ? toOrder(row) : undefined;
    });
  }

  createVerificationCode(input: { customerId: string; conversationId: string; codeHash: string; expiresAt: Date; createdAt: Date }): Promise<VerificationCode> {
    return this.guarded('write', () => this.prisma.verificationCode.create({ data: input }));
  }

  latestVerificationCode(customerId: string, conversationId: string): Promise<VerificationCode | undefined> {
    return this.guarded('read', async () => {
      const row = await this.prisma.verificationCode.findFirst({
        where: { customerId, conversationId, consumedAt: null },
        orderBy: { id: 'desc' },
      });
      return row ?? undefined;
    });
  }

  addVerificationAttempt(id: number): Promise<number> {
    return this.guarded('write', async () => {
      const row = await this.prisma.verificationCode.update({ where: { id }, data: { attempts: { increment: 1 } } });
      return row.attempts;
    });
  }

  consumeVerificationCode(id: number): Promise<void> {
    return this.guarded('write', async () => {
      await this.prisma.verificationCode.update({ where: { id }, data: { consumedAt: new Date() } });
    });
  }

  createEmailChangeRequest(input: NewEmailChangeRequest): Promise<EmailChangeRequest> {
    return this.guarded('write', async () => {
      const row = await this.prisma.emailChangeRequest.create({
        data: {
          caseNumber: newCaseNumber(),
          customerId: input.customerId,
          newEmail: input.newEmail,
          documentName: input.documentName,
          documentMime: input.documentMime,
          documentSize: input.document.length,
          documentSha256: input.documentSha256,
          document: new Uint8Array(input.document),
        },
        select: caseColumns,
      });
      return toCase(row);
    });
  }

  findEmailChangeRequest(caseNumber: string): Promise<EmailChangeRequest | undefined> {
    return this.guarded('read', async () => {
      const row = await this.prisma.emailChangeRequest.findUnique({ where: { caseNumber }, select: caseColumns });
      return row ? toCase(row) : undefined;
    });
  }

  listEmailChangeRequests(filter: { status?: EmailChangeStatus; customerId?: string }): Promise<EmailChangeRequest[]> {
    return this.guarded('read', async () => {
      const rows = await this.prisma.emailChangeRequest.findMany({ where: filter, select: caseColumns, orderBy: { id: 'asc' } });
      return rows.map(toCase);
    });
  }

  createCallbackRequest(input: NewCallbackRequest): Promise<CallbackRequest> {
    return this.guarded('write', async () => {
      const { id: _id, ...row } = await this.prisma.callbackRequest.create({ data: { ...input, caseNumber: newCaseNumber(new Date(), 'CB') } });
      return row;
    });
  }

  listCallbackRequests(filter: { status?: string; customerId?: string }): Promise<CallbackRequest[]> {
    return this.guarded('read', async () => {
      const rows = await this.prisma.callbackRequest.findMany({ where: filter, orderBy: { id: 'asc' } });
      return rows.map(({ id: _id, ...row }) => row);
    });
  }

  audit(event: AuditEventInput): Promise<void> {
    return this.guarded('write', async () => {
      await this.prisma.auditEvent.create({ data: event });
    });
  }

  countAuditEvents(filter: { customerId: string; action: AuditAction; since: Date; outcomes: AuditOutcome[] }): Promise<number> {
    return this.guarded('read', () =>
      this.prisma.auditEvent.count({ where: { customerId: filter.customerId, action: filter.action, createdAt: { gte: filter.since }, outcome: { in: filter.outcomes } } }));
  }

  listAuditEvents(filter: { customerId?: string; action?: AuditAction }): Promise<AuditEvent[]> {
    return this.guarded('read', async () => {
      const rows = await this.prisma.auditEvent.findMany({ where: filter, orderBy: { id: 'asc' } });
      return rows.map(toAuditEvent);
    });
  }

  // Agents and their decisions.

  findAgent(aadObjectId: string): Promise<Agent | undefined> {
    return this.guarded('read', async () => (await this.prisma.agent.findUnique({ where: { aadObjectId } })) ?? undefined);
  }

  listAgents(): Promise<Agent[]> {
    return this.guarded('read', () => this.prisma.agent.findMany({ orderBy: { name: 'asc' } }));
  }

  upsertAgent(input: { aadObjectId: string; name: string; createdBy: string }): Promise<Agent> {
    return this.guarded('write', () =>
      this.prisma.agent.upsert({ where: { aadObjectId: input.aadObjectId }, create: input, update: { name: input.name } }),
    );
  }

  removeAgent(aadObjectId: string): Promise<boolean> {
    return this.guarded('write', async () => (await this.prisma.agent.deleteMany({ where: { aadObjectId } })).count === 1);
  }

  getEmailChangeDocument(caseNumber: string): Promise<EmailChangeDocument | undefined> {
    return this.guarded('read', async () => {
      const row = await this.prisma.emailChangeRequest.findUnique({
        where: { caseNumber },
        select: { documentName: true, documentMime: true, document: true },
      });
      return row ? { name: row.documentName, mime: row.documentMime, bytes: Buffer.from(row.document) } : undefined;
    });
  }

  decideEmailChangeRequest(decision: EmailChangeDecision): Promise<EmailChangeDecisionResult | undefined> {
    return this.guarded('write', () =>
      this.prisma.$transaction(async (tx) => {
        // Only a pending case can be decided; the conditional update makes two agents racing decide it once.
        const claimed = await tx.emailChangeRequest.updateMany({
          where: { caseNumber: decision.caseNumber, status: 'pending' },
          data: { status: decision.status, decisionReason: decision.reason ?? null, decidedBy: decision.decidedBy, decidedAt: decision.decidedAt },
        });
        if (claimed.count !== 1) return undefined;
        const row = await tx.emailChangeRequest.findUniqueOrThrow({ where: { caseNumber: decision.caseNumber }, select: caseColumns });
        const merchant = await tx.merchant.findUniqueOrThrow({ where: { customerId: row.customerId } });
        if (decision.status === 'approved') {
          await tx.merchant.update({ where: { customerId: row.customerId }, data: { loginEmail: row.newEmail } });
        }
        return { request: toCase(row), previousEmail: merchant.loginEmail };
      }),
    );
  }

  // Support analytics.

  recordQuestions(events: QuestionEventInput[]): Promise<void> {
    return this.guarded('write', async () => {
      if (events.length === 0) return;
      try {
        await this.prisma.questionEvent.createMany({ data: events });
      } catch (error: unknown) {
        if (events.length === 1 || !(await this.writable())) throw error;
        // One row the database refuses must not lose the others: write them one by one, skip the bad ones.
        let skipped = 0;
        for (const event of events) {
          try {
            await this.prisma.questionEvent.create({ data: event });
          } catch {
            skipped += 1;
          }
        }
        if (skipped === events.length) throw error;
        this.logger.warn('store_rows_skipped', { code: 'STORE_REJECTED' satisfies ErrorCode, provider: this.provider, skipped, of: events.length });
      }
    });
  }

  recordFeedback(feedback: AnswerFeedbackInput): Promise<void> {
    return this.guarded('write', async () => {
      await this.prisma.answerFeedback.create({ data: feedback });
    });
  }

  listQuestionEvents(filter: { since?: Date; outcomes?: QuestionOutcome[] }): Promise<QuestionEvent[]> {
    return this.guarded('read', async () => {
      const rows = await this.prisma.questionEvent.findMany({
        where: { createdAt: filter.since ? { gte: filter.since } : undefined, outcome: filter.outcomes ? { in: filter.outcomes } : undefined },
        orderBy: { id: 'asc' },
      });
      return rows.map((r) => ({
        id: r.id,
        outcome: toQuestionOutcome(r.outcome),
        question: r.question ?? undefined,
        entryId: r.entryId ?? undefined,
        score: r.score ?? undefined,
        language: r.language,
        channel: r.channel,
        conversationId: r.conversationId,
        createdAt: r.createdAt,
      }));
    });
  }

  listFeedback(filter: { since?: Date }): Promise<AnswerFeedback[]> {
    return this.guarded('read', () =>
      this.prisma.answerFeedback.findMany({ where: { createdAt: filter.since ? { gte: filter.since } : undefined }, orderBy: { id: 'asc' } }));
  }

  pruneOlderThan(cutoff: Date): Promise<AnalyticsRetention> {
    return this.guarded('write', async () => {
      const questions = (await this.prisma.questionEvent.deleteMany({ where: { createdAt: { lt: cutoff } } })).count;
      const feedback = (await this.prisma.answerFeedback.deleteMany({ where: { createdAt: { lt: cutoff } } })).count;
      return { questions, feedback };
    });
  }

  exportMerchantData(customerId: string): Promise<MerchantDataExport | undefined> {
    return this.guarded('read', async () => {
      const merchant = await this.prisma.merchant.findUnique({ where: { customerId } });
      if (!merchant) return undefined;
      const { conversationIds } = await merchantConversations(this.prisma, customerId);
      const [orders, cases, callbacks, audit] = await Promise.all([
        this.prisma.order.findMany({ where: { customerId }, orderBy: { id: 'asc' } }),
        this.prisma.emailChangeRequest.findMany({ where: { customerId }, orderBy: { id: 'asc' } }),
        this.prisma.callbackRequest.findMany({ where: merchantCallbacks(customerId, conversationIds), orderBy: { id: 'asc' } }),
        this.prisma.auditEvent.findMany({ where: { customerId }, orderBy: { id: 'asc' } }),
      ]);
      return {
        merchant: toMerchant(merchant),
        orders: orders.map(toOrder),
        emailChangeRequests: cases.map(({ id: _id, document, ...row }) => ({ ...toCase(row), documentBase64: Buffer.from(document).toString('base64') })),
        callbackRequests: callbacks.map(({ id: _id, ...row }) => row),
        auditEvents: audit.map(toAuditEvent),
      };
    });
  }

  eraseMerchantData(customerId: string, pseudonym: string): Promise<MerchantErasure> {
    return this.guarded('write', () =>
      this.prisma.$transaction(async (tx) => {
        const where = { customerId };
        const { conversationIds, stateIds } = await merchantConversations(tx, customerId);
        const orders = (await tx.order.deleteMany({ where })).count;
        const verificationCodes = (await tx.verificationCode.deleteMany({ where })).count;
        const emailChangeRequests = (await tx.emailChangeRequest.deleteMany({ where })).count;
        const callbackRequests = (await tx.callbackRequest.deleteMany({ where: merchantCallbacks(customerId, conversationIds) })).count;
        const conversations = (await tx.botState.deleteMany({ where: { id: { in: stateIds } } })).count;
        const merchants = (await tx.merchant.deleteMany({ where })).count;
        const auditEventsPseudonymised = (await tx.auditEvent.updateMany({ where, data: { customerId: pseudonym } })).count;
        return { merchants, orders, verificationCodes, emailChangeRequests, callbackRequests, conversations, auditEventsPseudonymised };
      }),
    );
  }

  // The bot state and the delivery ledger run on every turn: on the driver (store/botState/).

  readStates(ids: string[]): Promise<StoredState[]> {
    return this.botState.readStates(ids);
  }

  writeState(id: string, data: string, expectedETag?: string): Promise<string | undefined> {
    return this.botState.writeState(id, data, expectedETag);
  }

  deleteStates(ids: string[]): Promise<void> {
    return this.botState.deleteStates(ids);
  }

  claimActivity(key: string, conversationId: string): Promise<boolean> {
    return this.botState.claimActivity(key, conversationId);
  }

  claimActivityWithState(key: string, conversationId: string, stateId: string): Promise<ClaimedActivity> {
    return this.botState.claimActivityWithState(key, conversationId, stateId);
  }

  pruneActivities(olderThan: Date): Promise<number> {
    return this.botState.pruneActivities(olderThan);
  }

  pruneStates(olderThan: Date): Promise<number> {
    return this.botState.pruneStates(olderThan);
  }

  /** For the demo seed and tests: raw access stays inside the store. */
  async seed(data: { merchants: Merchant[]; orders: Order[] }): Promise<void> {
    await this.guarded('write', async () => {
      await this.prisma.$transaction([
        ...data.merchants.map((m) => this.prisma.merchant.create({ data: m })),
        ...data.orders.map((o) => this.prisma.order.create({ data: o })),
      ]);
    });
  }
}

/** How a store opens when its database cannot be reached. */
export interface OpenStoreOptions {
  /**
   * Open anyway, without the database (for the bot's start: FAQ answers need no database), and reach
   * and migrate it every `retryMs` until it answers. Default: fail (the command-line tools).
   */
  startDegraded?: boolean;
  retryMs?: number;
}

/** A store opened without its database tries again this often. */
const START_RETRY_MS = 2000;

/** Migrates the SQLite file and opens a client on it, with the bot-state statements on its connection. */
async function connectSqlite(url: string): Promise<Connection> {
  migrateSqlite(url);
  const adapter = new SharedSqliteAdapter({ url: `file:${sqlitePath(url)}` });
  const client = new PrismaClient({ adapter });
  // WAL with synchronous=NORMAL: a commit no longer waits for fsync (better-sqlite3 blocks the event
  // loop while it does). Committed data survives a crash of the process; only a power loss can drop
  // the last commits. busy_timeout lets a second process (a CLI) wait for the write lock briefly.
  // (The first query also opens the adapter's connection.)
  for (const pragma of SQLITE_CONNECTION_PRAGMAS) await client.$queryRawUnsafe(pragma);
  const db = adapter.database;
  if (!db) throw new AppError('STORE_UNAVAILABLE', 'the SQLite adapter did not open its connection');
  return { client, botState: sqliteBotStateDriver(db), close: () => client.$disconnect() };
}

/**
 * The Prisma better-sqlite3 adapter, keeping the connection it opens: the bot-state statements run on
 * that same connection (a second one in this process would wait, synchronously, for this one's write lock).
 */
class SharedSqliteAdapter extends PrismaBetterSQLite3 {
  database: Database.Database | undefined;

  override async connect(): ReturnType<PrismaBetterSQLite3['connect']> {
    const adapter = await super.connect();
    const db: unknown = Reflect.get(adapter, 'client');
    if (db instanceof Database) this.database = db;
    return adapter;
  }
}

/** Migrates PostgreSQL and opens a client on it; the bot-state statements use the Prisma adapter's pool. */
async function connectPostgres(url: string): Promise<Connection> {
  await migratePostgres(url);
  const { connectionString, schema } = postgresTarget(url);
  // search_path too, so the bot-state statements find the schema's tables like the model queries do.
  // TimeZone=UTC: the bot-state statements stamp rows with CURRENT_TIMESTAMP into columns without a time
  // zone, and retention compares them with UTC instants, whatever the server's own time zone is.
  const pool = new pg.Pool({ connectionString, max: 10, connectionTimeoutMillis: 5000, options: `-c search_path=${schema} -c TimeZone=UTC` });
  // An idle connection that the server drops is an error of the pool, not of a query: the next query fails
  // (and is an outage) or reconnects.
  pool.on('error', () => undefined);
  const adapter = new PrismaPg(pool, { schema });
  // Both clients are generated from the same models (scripts/postgresSchema.ts), so their APIs are identical.
  const client = new PostgresPrismaClient({ adapter }) as unknown as PrismaClient;
  return { client, botState: postgresBotStateDriver(pool), close: async () => {
    await client.$disconnect();
    await pool.end();
  } };
}

function closeConnection(connection: Connection): Promise<void> {
  return connection.close();
}
