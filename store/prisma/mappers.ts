import crypto from 'node:crypto';
import type { Prisma } from '.prisma/sqlite-client';
import { AppError } from '../../lib/errors';
import {
  auditActions,
  auditOutcomes,
  emailChangeStatuses,
  orderStatuses,
  questionOutcomes,
  type AuditAction,
  type AuditActor,
  type AuditEvent,
  type AuditOutcome,
  type EmailChangeRequest,
  type Merchant,
  type Order,
  type OrderStatus,
  type QuestionOutcome,
} from '../types';

/** Prisma's rows to the domain types (store/types.ts): only the Prisma repositories see the generated types. */

export type MerchantRow = Prisma.MerchantGetPayload<object>;
export type OrderRow = Prisma.OrderGetPayload<object>;
export type CaseRow = Omit<Prisma.EmailChangeRequestGetPayload<object>, 'document' | 'id'>;

export const caseColumns = {
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

export function toMerchant(row: MerchantRow): Merchant {
  return {
    customerId: row.customerId,
    companyName: row.companyName,
    loginEmail: row.loginEmail,
    infoEmail: row.infoEmail,
    lockedUntil: row.lockedUntil,
    failedLoginAttempts: row.failedLoginAttempts,
  };
}

export function toOrderStatus(value: string): OrderStatus {
  return knownValue(orderStatuses, value, 'order status');
}

export function toOrder(row: OrderRow): Order {
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
export function knownValue<T extends string>(values: readonly T[], value: string, what: string): T {
  const known = values.find((v) => v === value);
  if (known === undefined) throw new AppError('VALIDATION_FAILED', `unknown ${what} in store: ${value}`);
  return known;
}

export function toQuestionOutcome(value: string): QuestionOutcome {
  return knownValue(questionOutcomes, value, 'question outcome');
}

export function toAuditAction(value: string): AuditAction {
  return knownValue(auditActions, value, 'audit action');
}

export function toAuditOutcome(value: string): AuditOutcome {
  return knownValue(auditOutcomes, value, 'audit outcome');
}

export function isAuditActor(value: string): value is AuditActor {
  return value === 'system' || /^(?:user|agent|operator):/.test(value);
}

export function toAuditActor(value: string): AuditActor {
  if (!isAuditActor(value)) throw new AppError('VALIDATION_FAILED', 'unknown kind of audit actor in store');
  return value;
}

export function toAuditEvent(r: Prisma.AuditEventGetPayload<object>): AuditEvent {
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

export function toCase(row: CaseRow): EmailChangeRequest {
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
