import type { PrismaClient } from '.prisma/sqlite-client';
import { AppError, hasErrorCode, type ErrorCode } from '../lib/errors';
import { silentLogger, type Logger } from '../lib/logger';
import { BotStateRepository } from './botState/repository';
import type { BotStateDriver } from './botState/driver';
import { StoreGuard, shortMessage, type QueryKind } from './guard';
import { closeConnection, connectPostgres, connectSqlite, isKnownRequestError, START_RETRY_MS, type Connection, type OpenStoreOptions } from './prisma/connect';
import { merchantCallbacks, merchantConversations } from './prisma/gdpr';
import { caseColumns, newCaseNumber, toAuditEvent, toCase, toMerchant, toOrder, toQuestionOutcome } from './prisma/mappers';
import {
  type AuditAction,
  type AccountStore,
  type AuditOutcome,
  type AuditEvent,
  type AuditEventInput,
  type EmailChangeRequest,
  type EmailChangeStatus,
  type Merchant,
  type NewEmailChangeRequest,
  type Order,
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

export type { OpenStoreOptions } from './prisma/connect';
export { newCaseNumber } from './prisma/mappers';

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
