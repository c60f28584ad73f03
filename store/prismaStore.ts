import crypto from 'node:crypto';
import { PrismaClient, type Prisma } from '.prisma/sqlite-client';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { AppError } from '../lib/errors';
import { migrateSqlite, sqlitePath } from './migrate';
import {
  orderStatuses,
  type AccountStore,
  type AuditEvent,
  type AuditEventInput,
  type EmailChangeRequest,
  type EmailChangeStatus,
  type Merchant,
  type NewEmailChangeRequest,
  type Order,
  type OrderStatus,
  type StoreHealth,
  type VerificationCode,
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
  const status = orderStatuses.find((s) => s === value);
  if (!status) throw new AppError('VALIDATION_FAILED', `unknown order status in store: ${value}`);
  return status;
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

function toCase(row: CaseRow): EmailChangeRequest {
  const status: EmailChangeStatus = row.status === 'approved' || row.status === 'rejected' ? row.status : 'pending';
  return { ...row, status };
}

/** A case number that is unique without coordination between instances, e.g. EC-20261127-4F7K2Q. */
export function newCaseNumber(now: Date = new Date()): string {
  const day = now.toISOString().slice(0, 10).replace(/-/g, '');
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.randomBytes(6);
  const suffix = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
  return `EC-${day}-${suffix}`;
}

/** Wraps driver errors (database gone, file unreadable) in a typed STORE_UNAVAILABLE error. */
async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error: unknown) {
    if (error instanceof AppError) throw error;
    throw new AppError('STORE_UNAVAILABLE', 'the account store failed', { cause: error });
  }
}

export class PrismaAccountStore implements AccountStore {
  readonly provider = 'sqlite' as const;

  private constructor(private readonly prisma: PrismaClient) {}

  /** Opens (creating and migrating if needed) the SQLite database behind a `file:` URL. */
  static openSqlite(url: string): PrismaAccountStore {
    migrateSqlite(url);
    const adapter = new PrismaBetterSQLite3({ url: `file:${sqlitePath(url)}` });
    return new PrismaAccountStore(new PrismaClient({ adapter }));
  }

  async health(): Promise<StoreHealth> {
    try {
      await this.prisma.$queryRawUnsafe('SELECT 1');
      return { state: 'up', provider: this.provider };
    } catch {
      return { state: 'down', provider: this.provider };
    }
  }

  async close(): Promise<void> {
    await this.prisma.$disconnect();
  }

  findMerchant(customerId: string): Promise<Merchant | undefined> {
    return guarded(async () => {
      const row = await this.prisma.merchant.findUnique({ where: { customerId } });
      return row ? toMerchant(row) : undefined;
    });
  }

  countMerchants(): Promise<number> {
    return guarded(() => this.prisma.merchant.count());
  }

  unlockMerchant(customerId: string): Promise<Merchant | undefined> {
    return guarded(async () => {
      const result = await this.prisma.merchant.updateMany({ where: { customerId }, data: { lockedUntil: null, failedLoginAttempts: 0 } });
      if (result.count === 0) return undefined;
      return this.findMerchant(customerId);
    });
  }

  findOrder(customerId: string, orderOrTransactionId: string): Promise<Order | undefined> {
    return guarded(async () => {
      const row = await this.prisma.order.findFirst({
        where: { customerId, OR: [{ orderId: orderOrTransactionId }, { transactionId: orderOrTransactionId }] },
      });
      return row ? toOrder(row) : undefined;
    });
  }

  createVerificationCode(input: { customerId: string; conversationId: string; codeHash: string; expiresAt: Date; createdAt: Date }): Promise<VerificationCode> {
    return guarded(() => this.prisma.verificationCode.create({ data: input }));
  }

  latestVerificationCode(customerId: string, conversationId: string): Promise<VerificationCode | undefined> {
    return guarded(async () => {
      const row = await this.prisma.verificationCode.findFirst({
        where: { customerId, conversationId, consumedAt: null },
        orderBy: { id: 'desc' },
      });
      return row ?? undefined;
    });
  }

  countVerificationCodesSince(customerId: string, since: Date): Promise<number> {
    return guarded(() => this.prisma.verificationCode.count({ where: { customerId, createdAt: { gte: since } } }));
  }

  addVerificationAttempt(id: number): Promise<number> {
    return guarded(async () => {
      const row = await this.prisma.verificationCode.update({ where: { id }, data: { attempts: { increment: 1 } } });
      return row.attempts;
    });
  }

  consumeVerificationCode(id: number): Promise<void> {
    return guarded(async () => {
      await this.prisma.verificationCode.update({ where: { id }, data: { consumedAt: new Date() } });
    });
  }

  createEmailChangeRequest(input: NewEmailChangeRequest): Promise<EmailChangeRequest> {
    return guarded(async () => {
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
    return guarded(async () => {
      const row = await this.prisma.emailChangeRequest.findUnique({ where: { caseNumber }, select: caseColumns });
      return row ? toCase(row) : undefined;
    });
  }

  listEmailChangeRequests(filter: { status?: EmailChangeStatus; customerId?: string }): Promise<EmailChangeRequest[]> {
    return guarded(async () => {
      const rows = await this.prisma.emailChangeRequest.findMany({ where: filter, select: caseColumns, orderBy: { id: 'asc' } });
      return rows.map(toCase);
    });
  }

  audit(event: AuditEventInput): Promise<void> {
    return guarded(async () => {
      await this.prisma.auditEvent.create({ data: event });
    });
  }

  listAuditEvents(filter: { customerId?: string; action?: string }): Promise<AuditEvent[]> {
    return guarded(async () => {
      const rows = await this.prisma.auditEvent.findMany({ where: filter, orderBy: { id: 'asc' } });
      return rows.map((r) => ({
        id: r.id,
        actor: r.actor,
        action: r.action,
        customerId: r.customerId ?? undefined,
        channel: r.channel,
        conversationId: r.conversationId ?? undefined,
        outcome: r.outcome as AuditEvent['outcome'],
        detail: r.detail ?? undefined,
        createdAt: r.createdAt,
      }));
    });
  }

  /** For the demo seed and tests: raw access stays inside the store. */
  async seed(data: { merchants: Merchant[]; orders: Order[] }): Promise<void> {
    await guarded(async () => {
      await this.prisma.$transaction([
        ...data.merchants.map((m) => this.prisma.merchant.create({ data: m })),
        ...data.orders.map((o) => this.prisma.order.create({ data: o })),
      ]);
    });
  }
}
