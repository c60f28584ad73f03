import crypto from 'node:crypto';
import type { Clock } from '../lib/clock';
import { hasErrorCode } from '../lib/errors';
import type { Language } from '../knowledge/schema';
import type { AccountStore, AuditActor } from '../store/types';
import type { Mailer } from './mailer';
import { mailTexts } from './mailTexts';

export interface VerificationSettings {
  secret: string;
  codeTtlMs: number;
  maxAttempts: number;
  maxCodesPerWindow: number;
  windowMs: number;
  /**
   * Every code request and code check answers after at least this long, known customer ID or not, mail
   * server up or not: the time of the reply tells nothing about the account (default RESPONSE_FLOOR_MS).
   */
  responseFloorMs?: number;
}

/** The default for `responseFloorMs`: above what a code request to a local mail server takes. */
export const RESPONSE_FLOOR_MS = 250;

/** What the service can be handed for tests: the code generator and the wait. */
export interface VerificationHooks {
  generateCode?: () => string;
  wait?: (ms: number) => Promise<void>;
}

const randomCode = (): string => crypto.randomInt(0, 1_000_000).toString().padStart(6, '0');
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Who is asking, for the audit log. */
export interface Actor {
  actor: AuditActor;
  channel: string;
  conversationId: string;
}

/**
 * "sent" is also the answer for an unknown customer ID, and when the mail server fails (the code is
 * then withdrawn, and audited): the caller must not be able to tell. "rate-limited": too many codes
 * for this customer ID lately, counted alike for known and unknown IDs.
 */
export type CodeRequestResult = 'sent' | 'rate-limited';
/** An unknown customer ID, a wrong, used-up or expired code all give "invalid" (no account enumeration). */
export type CodeCheckResult = 'verified' | 'invalid';

/** One-time codes by e-mail: 6 digits, stored as HMAC, expiring, with limited attempts and rate limits. */
export class VerificationService {
  constructor(
    private readonly store: AccountStore,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
    private readonly settings: VerificationSettings,
    private readonly hooks: VerificationHooks = {},
  ) {}

  /** Mails still being sent after their request answered (a slow mail server); `settle()` waits for them. */
  private readonly mailing = new Set<Promise<void>>();

  /** Waits for mails still being sent (tests, shutdown). */
  async settle(): Promise<void> {
    await Promise.all([...this.mailing]);
  }

  /** Runs `work`, answering no sooner than the response floor after the start. */
  private async floored<T>(work: () => Promise<T>): Promise<T> {
    const started = Date.now();
    try {
      return await work();
    } finally {
      const left = (this.settings.responseFloorMs ?? RESPONSE_FLOOR_MS) - (Date.now() - started);
      if (left > 0) await (this.hooks.wait ?? sleep)(left);
    }
  }

  private hash(customerId: string, code: string): string {
    return crypto.createHmac('sha256', this.settings.secret).update(`${customerId}:${code}`).digest('hex');
  }

  async requestCode(customerId: string, language: Language, who: Actor): Promise<CodeRequestResult> {
    return this.floored(async () => {
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
      const code = (this.hooks.generateCode ?? randomCode)();
      const record = await this.store.createVerificationCode({
        customerId,
        conversationId: who.conversationId,
        codeHash: this.hash(customerId, code),
        expiresAt: new Date(now.getTime() + this.settings.codeTtlMs),
        createdAt: now,
      });
      const mail = mailTexts.code[language](code, Math.round(this.settings.codeTtlMs / 60_000));
      // The mail goes out beside the reply, not before it: the reply waits at most until the response
      // floor, so a slow or failing mail server makes no difference a caller could time.
      const sending = this.mailer
        .send({ to: merchant.loginEmail, ...mail })
        .then(() => audit('success'))
        .catch(async (error: unknown) => {
          // Leave nothing half-done: the code that never arrived cannot be used.
          await this.store.consumeVerificationCode(record.id).catch(() => undefined);
          await audit('error', hasErrorCode(error, 'MAIL_SEND_FAILED') ? 'mail not sent' : 'mail failed').catch(() => undefined);
        })
        .finally(() => this.mailing.delete(sending));
      this.mailing.add(sending);
      // Floor 0 (tests only: no timing protection) waits for the mail itself.
      const floor = this.settings.responseFloorMs ?? RESPONSE_FLOOR_MS;
      await (floor > 0 ? Promise.race([sending, (this.hooks.wait ?? sleep)(floor)]) : sending);
      return 'sent';
    });
  }

  async checkCode(customerId: string, code: string, who: Actor): Promise<CodeCheckResult> {
    return this.floored(() => this.check(customerId, code, who));
  }

  private async check(customerId: string, code: string, who: Actor): Promise<CodeCheckResult> {
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
