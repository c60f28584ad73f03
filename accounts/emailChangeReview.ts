import { z } from 'zod';
import type { Clock } from '../lib/clock';
import { hasErrorCode } from '../lib/errors';
import { maskEmail } from '../lib/logger';
import type { AccountStore, AgentStore, AuditAction, EmailChangeDocument, EmailChangeRequest } from '../store/types';
import type { Mailer } from './mailer';
import { mailTexts } from './mailTexts';
import type { Actor } from './verification';

/** A rejection's reason: sent to the merchant, so it must say something. */
export const rejectionReasonSchema = z.string().trim().min(3, 'too short').max(500, 'too long');

/** A pending case as the agents' list shows it. */
export interface PendingEmailChange {
  request: EmailChangeRequest;
  companyName: string;
}

/** Who decided a case before: the agent's name when known. */
export interface EarlierDecision {
  request: EmailChangeRequest;
  decidedByName?: string;
}

export type ReviewOutcome =
  | { kind: 'approved'; request: EmailChangeRequest; companyName: string; previousEmail: string; merchantNotified: boolean }
  | { kind: 'rejected'; request: EmailChangeRequest; companyName: string; merchantNotified: boolean }
  | ({ kind: 'already-decided' } & EarlierDecision)
  | { kind: 'not-found' };

/**
 * Agents' review of merchants' login e-mail change requests: list the pending ones, look at the
 * document, approve (the address changes and both the old and the new address are told) or reject
 * (the merchant is told why). A case decided by someone else in the meantime is reported, not
 * decided twice. Every step is audited with the agent.
 */
export class EmailChangeReview {
  constructor(
    private readonly store: AccountStore & AgentStore,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
    /** Support's phone number for the merchant mails (read on each use: the knowledge base may be reloaded). */
    private readonly supportPhone: () => string,
  ) {}

  async pending(agent: Actor): Promise<PendingEmailChange[]> {
    const requests = await this.store.listEmailChangeRequests({ status: 'pending' });
    await this.store.audit({ ...agent, action: 'email-change.list-pending', outcome: 'success', detail: `${requests.length} pending` });
    const names = new Map<string, string>();
    for (const request of requests) {
      if (!names.has(request.customerId)) names.set(request.customerId, (await this.store.findMerchant(request.customerId))?.companyName ?? '');
    }
    return requests.map((request) => ({ request, companyName: names.get(request.customerId) ?? '' }));
  }

  /** The case, or why it cannot be decided now. */
  async pendingCase(caseNumber: string): Promise<{ kind: 'pending'; request: EmailChangeRequest } | ({ kind: 'already-decided' } & EarlierDecision) | { kind: 'not-found' }> {
    const request = await this.store.findEmailChangeRequest(caseNumber);
    if (!request) return { kind: 'not-found' };
    if (request.status !== 'pending') return { kind: 'already-decided', ...(await this.earlier(request)) };
    return { kind: 'pending', request };
  }

  async document(caseNumber: string, agent: Actor): Promise<{ request: EmailChangeRequest; document: EmailChangeDocument } | undefined> {
    const request = await this.store.findEmailChangeRequest(caseNumber);
    const document = request ? await this.store.getEmailChangeDocument(caseNumber) : undefined;
    await this.store.audit({ ...agent, customerId: request?.customerId, action: 'email-change.document-view', outcome: request && document ? 'success' : 'not-found', detail: `case ${caseNumber}` });
    return request && document ? { request, document } : undefined;
  }

  async approve(caseNumber: string, agent: Actor): Promise<ReviewOutcome> {
    const result = await this.store.decideEmailChangeRequest({ caseNumber, status: 'approved', decidedBy: agent.actor, decidedAt: this.clock.now() });
    if (!result) return this.notDecided(caseNumber, 'email-change.approve', agent);
    const { request, previousEmail } = result;
    await this.store.audit({ ...agent, customerId: request.customerId, action: 'email-change.approve', outcome: 'success', detail: `case ${caseNumber}` });
    const merchant = await this.store.findMerchant(request.customerId);
    const companyName = merchant?.companyName ?? '';
    const mail = mailTexts.emailChangeApproved({
      caseNumber,
      customerId: request.customerId,
      companyName,
      oldEmail: maskEmail(previousEmail),
      newEmail: maskEmail(request.newEmail),
      phone: this.supportPhone(),
    });
    let merchantNotified = true;
    for (const to of new Set([previousEmail, request.newEmail])) {
      merchantNotified = (await this.notify(to, mail, request, agent)) && merchantNotified;
    }
    return { kind: 'approved', request, companyName, previousEmail, merchantNotified };
  }

  async reject(caseNumber: string, reason: string, agent: Actor): Promise<ReviewOutcome> {
    const why = rejectionReasonSchema.parse(reason);
    const result = await this.store.decideEmailChangeRequest({ caseNumber, status: 'rejected', reason: why, decidedBy: agent.actor, decidedAt: this.clock.now() });
    if (!result) return this.notDecided(caseNumber, 'email-change.reject', agent);
    const { request } = result;
    await this.store.audit({ ...agent, customerId: request.customerId, action: 'email-change.reject', outcome: 'success', detail: `case ${caseNumber}` });
    const merchant = await this.store.findMerchant(request.customerId);
    const companyName = merchant?.companyName ?? '';
    const mail = mailTexts.emailChangeRejected({ caseNumber, customerId: request.customerId, companyName, reason: why, phone: this.supportPhone() });
    const merchantNotified = merchant ? await this.notify(merchant.loginEmail, mail, request, agent) : false;
    return { kind: 'rejected', request, companyName, merchantNotified };
  }

  private async notDecided(caseNumber: string, action: AuditAction, agent: Actor): Promise<ReviewOutcome> {
    const request = await this.store.findEmailChangeRequest(caseNumber);
    await this.store.audit({ ...agent, customerId: request?.customerId, action, outcome: request ? 'denied' : 'not-found', detail: request ? `case ${caseNumber} already ${request.status}` : `case ${caseNumber}` });
    return request ? { kind: 'already-decided', ...(await this.earlier(request)) } : { kind: 'not-found' };
  }

  private async earlier(request: EmailChangeRequest): Promise<EarlierDecision> {
    const agentId = request.decidedBy?.startsWith('agent:') ? request.decidedBy.slice('agent:'.length) : undefined;
    const decidedByName = agentId ? (await this.store.findAgent(agentId))?.name : undefined;
    return { request, decidedByName };
  }

  /** Sends one mail to the merchant; a failure is audited and reported, the decision stands. */
  private async notify(to: string, mail: { subject: string; text: string }, request: EmailChangeRequest, agent: Actor): Promise<boolean> {
    try {
      await this.mailer.send({ to, ...mail });
      return true;
    } catch (error: unknown) {
      if (!hasErrorCode(error, 'MAIL_SEND_FAILED')) throw error;
      await this.store.audit({ ...agent, customerId: request.customerId, action: 'email-change.merchant-notified', outcome: 'error', detail: `case ${request.caseNumber}` });
      return false;
    }
  }
}
