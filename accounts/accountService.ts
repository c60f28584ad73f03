import crypto from 'node:crypto';
import type { Clock } from '../lib/clock';
import type { AccountStore, EmailChangeRequest, Merchant, Order } from '../store/types';
import type { Mailer } from './mailer';
import { mailTexts } from './mailTexts';
import type { Actor } from './verification';
import type { DocumentType } from './documents';

export type LockState = { locked: false } | { locked: true; until: Date };

/** Account actions for verified merchants. Every action leaves an audit event. */
export class AccountService {
  constructor(
    private readonly store: AccountStore,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
    private readonly supportAddress: string,
  ) {}

  /** The merchant's data; callers must have verified the customer ID first. */
  merchant(customerId: string): Promise<Merchant | undefined> {
    return this.store.findMerchant(customerId);
  }

  lockState(merchant: Merchant): LockState {
    const until = merchant.lockedUntil;
    return until && until.getTime() > this.clock.now().getTime() ? { locked: true, until } : { locked: false };
  }

  async unlock(customerId: string, who: Actor): Promise<boolean> {
    const merchant = await this.store.unlockMerchant(customerId);
    await this.store.audit({ ...who, customerId, action: 'account.unlock', outcome: merchant ? 'success' : 'not-found' });
    return merchant !== undefined;
  }

  async lookupOrder(customerId: string, orderOrTransactionId: string, who: Actor): Promise<Order | undefined> {
    const order = await this.store.findOrder(customerId, orderOrTransactionId);
    await this.store.audit({ ...who, customerId, action: 'transaction.lookup', outcome: order ? 'success' : 'not-found', detail: `id ${orderOrTransactionId}` });
    return order;
  }

  /** Opens a pending case and notifies support with the document attached. The address changes only on approval. */
  async requestEmailChange(
    input: { customerId: string; newEmail: string; document: Buffer; documentType: DocumentType; documentName: string },
    who: Actor,
  ): Promise<{ request: EmailChangeRequest; supportNotified: boolean; error?: unknown }> {
    const merchant = await this.store.findMerchant(input.customerId);
    const extension = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg' }[input.documentType];
    const safeName = `${input.documentName.replace(/\.[^.]*$/, '').replace(/[^\p{L}\p{N}_-]+/gu, '_').slice(0, 60) || 'dokument'}.${extension}`;
    const request = await this.store.createEmailChangeRequest({
      customerId: input.customerId,
      newEmail: input.newEmail,
      documentName: safeName,
      documentMime: input.documentType,
      document: input.document,
      documentSha256: crypto.createHash('sha256').update(input.document).digest('hex'),
    });
    await this.store.audit({ ...who, customerId: input.customerId, action: 'email-change.requested', outcome: 'success', detail: `case ${request.caseNumber}` });
    const mail = mailTexts.emailChangeCase({
      caseNumber: request.caseNumber,
      customerId: input.customerId,
      companyName: merchant?.companyName ?? '',
      newEmail: input.newEmail,
      documentName: safeName,
      channel: who.channel,
      viaAgent: who.actor.startsWith('agent:'),
    });
    try {
      await this.mailer.send({ to: this.supportAddress, ...mail, attachments: [{ filename: safeName, content: input.document, contentType: input.documentType }] });
    } catch (error: unknown) {
      // The case is stored and pending either way; agents also see it in their list.
      await this.store.audit({ ...who, customerId: input.customerId, action: 'email-change.support-notified', outcome: 'error', detail: `case ${request.caseNumber}` });
      return { request, supportNotified: false, error };
    }
    return { request, supportNotified: true };
  }
}
