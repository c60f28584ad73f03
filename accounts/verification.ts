import crypto from 'node:crypto';
import type { Clock } from '../lib/clock';
import { hasErrorCode } from '../lib/errors';
import type { Language } from '../knowledge/schema';
import type { AccountStore } from '../store/types';
import type { Mailer } from './mailer';
import { mailTexts } from './mailTexts';

export interface VerificationSettings {
  secret: string;
  codeTtlMs: number;
  maxAttempts: number;
  maxCodesPerWindow: number;
  windowMs: number;
}

/** Who is asking, for the audit log. */
export interface Actor {
  actor: string;
  channel: string;
  conversationId: string;
}

/**
 * "sent" is also the answer for an unknown customer ID: the caller must not be able to tell.
 * "rate-limited": too many codes for this customer ID lately. "mail-failed": nothing was kept.
 */
export type CodeRequestResult = 'sent' | 'rate-limited' | 'mail-failed';
/** An unknown customer ID, a wrong, used-up or expired code all give "invalid" (no account enumeration). */
export type CodeCheckResult = 'verified' | 'invalid';

/** One-time codes by e-mail: 6 digits, stored as HMAC, expiring, with limited attempts and rate limits. */
export class VerificationService {
  constructor(
    private readonly store: AccountStore,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
    private readonly settings: VerificationSettings,
  ) {}

  private hash(customerId: string, code: string): string {
    return crypto.createHmac('sha256', this.settings.secret).update(`${customerId}:${code}`).digest('hex');
  }

  async requestCode(customerId: string, language: Language, who: Actor): Promise<CodeRequestResult> {
    const now = this.clock.now();
    const audit = (outcome: 'success' | 'not-found' | 'rate-limited' | 'error', detail?: string): Promise<void> =>
      this.store.audit({ ...who, customerId, action: 'verification.code-requested', outcome, detail, createdAt: now });
    // Every request is recorded before counting, so parallel requests count each other (fail closed),
    // and unknown customer IDs are limited exactly like known ones.
    await this.store.audit({ ...who, customerId, action: 'verification.code-request', outcome: 'success', createdAt: now });
    const recent = await this.store.countAuditEvents({
      customerId,
      action: 'verification.code-request',
      since: new Date(now.getTime() - this.settings.windowMs),
      outcomes: ['success'],
    });
    if (recent > this.settings.maxCodesPerWindow) {
      await audit('rate-limited');
      return 'rate-limited';
    }
    const merchant = await this.store.findMerchant(customerId);
    if (!merchant) {
      await audit('not-found');
      return 'sent';
    }
    const code = crypto.randomInt(0, 1_000_000).toString().padStart(6, '0');
    const record = await this.store.createVerificationCode({
      customerId,
      conversationId: who.conversationId,
      codeHash: this.hash(customerId, code),
      expiresAt: new Date(now.getTime() + this.settings.codeTtlMs),
      createdAt: now,
    });
    const mail = mailTexts.code[language](code, Math.round(this.settings.codeTtlMs / 60_000));
    try {
      await this.mailer.send({ to: merchant.loginEmail, ...mail });
    } catch (error: unknown) {
      // Leave nothing half-done: the code that never arrived cannot be used.
      await this.store.consumeVerificationCode(record.id);
      await audit('error', 'mail not sent');
      if (hasErrorCode(error, 'MAIL_SEND_FAILED')) return 'mail-failed';
      throw error;
    }
    await audit('success');
    return 'sent';
  }

  async checkCode(customerId: string, code: string, who: Actor): Promise<CodeCheckResult> {
    const audit = (outcome: 'success' | 'failure' | 'denied', detail: string): Promise<void> =>
      this.store.audit({ ...who, customerId, action: 'verification.attempt', outcome, detail });
    const record = await this.store.latestVerificationCode(customerId, who.conversationId);
    if (!record) {
      await audit('failure', 'no active code');
      return 'invalid';
    }
    if (record.expiresAt.getTime() <= this.clock.now().getTime()) {
      await this.store.consumeVerificationCode(record.id);
      await audit('failure', 'expired');
      return 'invalid';
    }
    const attempts = await this.store.addVerificationAttempt(record.id);
    if (attempts > this.settings.maxAttempts) {
      await this.store.consumeVerificationCode(record.id);
      await audit('denied', 'too many attempts');
      return 'invalid';
    }
    const expected = Buffer.from(record.codeHash, 'hex');
    const actual = Buffer.from(this.hash(customerId, code), 'hex');
    if (expected.length === actual.length && crypto.timingSafeEqual(expected, actual)) {
      await this.store.consumeVerificationCode(record.id);
      await audit('success', 'verified');
      return 'verified';
    }
    if (attempts >= this.settings.maxAttempts) await this.store.consumeVerificationCode(record.id);
    await audit('failure', 'wrong code');
    return 'invalid';
  }
}
