import { createMailer } from '../accounts/mailer';
import { VerificationService, type Actor, type VerificationSettings } from '../accounts/verification';
import { FixedClock } from '../lib/clock';
import { silentLogger } from '../lib/logger';
import type { PrismaAccountStore } from '../store/prismaStore';
import { DEMO_NOW, demoStore } from './helpers/accounts';
import { MailSink } from './helpers/mailSink';

const SETTINGS: VerificationSettings = { secret: 'test-secret-of-enough-length', codeTtlMs: 600_000, maxAttempts: 5, maxCodesPerWindow: 3, windowMs: 1_800_000, responseFloorMs: 0 };
const who = (i: number | string): Actor => ({ actor: `user:${i}`, channel: 'test', conversationId: `conv-${i}` });

describe('VerificationService', () => {
  let sink: MailSink;
  let store: PrismaAccountStore;
  beforeAll(async () => {
    sink = await new MailSink().start();
  });
  beforeEach(async () => {
    store = await demoStore(DEMO_NOW);
  });
  afterEach(async () => {
    await store.close();
  });
  afterAll(async () => {
    await sink.stop();
  });
  const service = (settings: Partial<VerificationSettings> = {}, generateCode?: () => string, smtpUrl = sink.url) =>
    new VerificationService(store, createMailer({ smtpUrl, from: 'bot@dibs.dk', outboxDir: '/nonexistent' }, silentLogger), new FixedClock(DEMO_NOW), { ...SETTINGS, ...settings }, { generateCode });

  it('lets exactly the limit of code requests through per customer ID, each with its mail, then refuses', async () => {
    const verification = service();
    const before = sink.mailsTo('kontakt@nordicbikes.dk').length;
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await verification.requestCode('100001', 'da', who(`seq-${i}`)));
    await verification.settle();
    expect(results).toEqual(['sent', 'sent', 'sent', 'rate-limited', 'rate-limited']);
    expect(sink.mailsTo('kontakt@nordicbikes.dk').length - before).toBe(3);
  });

  it('parallel code requests for one customer ID cannot get past the limit (they count each other: fail closed)', async () => {
    const verification = service();
    const before = sink.mailsTo('kontakt@nordicbikes.dk').length;
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => verification.requestCode('100001', 'da', who(`race-${i}`))));
    await verification.settle();
    const sent = results.filter((r) => r === 'sent').length;
    expect(sent).toBeLessThanOrEqual(3);
    expect(results.filter((r) => r === 'rate-limited')).toHaveLength(12 - sent);
    expect(sink.mailsTo('kontakt@nordicbikes.dk').length - before).toBe(sent);
    // Every request was counted, and each request's audited outcome is the answer it got.
    const events = await store.listAuditEvents({ customerId: '100001' });
    expect(events.filter((e) => e.action === 'verification.code-request')).toHaveLength(12);
    const outcomeOf = (conversationId: string) => events.find((e) => e.action === 'verification.code-requested' && e.conversationId === conversationId)?.outcome;
    expect(results.map((_, i) => outcomeOf(`conv-race-${i}`))).toEqual(results.map((r) => (r === 'sent' ? 'success' : 'rate-limited')));
    // Once the window has passed, the limit lets requests through again: it does not just refuse everything.
    const later = new VerificationService(store, createMailer({ smtpUrl: sink.url, from: 'bot@dibs.dk', outboxDir: '/nonexistent' }, silentLogger), new FixedClock(new Date(DEMO_NOW.getTime() + SETTINGS.windowMs + 1)), SETTINGS);
    expect(await later.requestCode('100001', 'da', who('after-the-window'))).toBe('sent');
  });

  it('mails the generated code, and only that code verifies (once)', async () => {
    const verification = service({}, () => '424242');
    expect(await verification.requestCode('100002', 'da', who('inject'))).toBe('sent');
    await verification.settle();
    expect(sink.lastCodeFor('ordre@hyggehome.dk')).toBe('424242');
    expect(await verification.checkCode('100002', '424243', who('inject'))).toBe('invalid');
    expect(await verification.checkCode('100002', '424242', who('inject'))).toBe('verified');
    expect(await verification.checkCode('100002', '424242', who('inject'))).toBe('invalid');
  });

  it('known and unknown customer IDs take the same time to answer, also with the mail server down (median of several tries)', async () => {
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
    const time = async (verification: VerificationService, customerId: string, i: number) => {
      const started = process.hrtime.bigint();
      await verification.requestCode(customerId, 'da', who(`${customerId}-${i}`));
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    for (const smtpUrl of [sink.url, 'smtp://127.0.0.1:9']) {
      // A generous limit and the default floor, as in production.
      const verification = service({ responseFloorMs: undefined, maxCodesPerWindow: 100 }, undefined, smtpUrl);
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 5; i++) {
        known.push(await time(verification, '100001', i));
        unknown.push(await time(verification, '999999', i));
      }
      await verification.settle();
      // Both wait for the response floor; a difference of a few milliseconds is noise, not the 100 ms of a mail.
      expect(Math.abs(median(known) - median(unknown))).toBeLessThan(40);
    }
  });
});
