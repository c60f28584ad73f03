import { createMailer } from '../accounts/mailer';
import { VerificationService } from '../accounts/verification';
import { FixedClock } from '../lib/clock';
import { silentLogger } from '../lib/logger';
import { DEMO_NOW, demoStore } from './helpers/accounts';
import { MailSink } from './helpers/mailSink';

describe('VerificationService', () => {
  it('parallel code requests for one customer ID cannot get past the limit', async () => {
    const sink = await new MailSink().start();
    const store = await demoStore(DEMO_NOW);
    try {
      const mailer = createMailer({ smtpUrl: sink.url, from: 'bot@dibs.dk', outboxDir: '/nonexistent' }, silentLogger);
      const service = new VerificationService(store, mailer, new FixedClock(DEMO_NOW), { secret: 'test-secret-of-enough-length', codeTtlMs: 600_000, maxAttempts: 5, maxCodesPerWindow: 3, windowMs: 1_800_000 });
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => service.requestCode('100001', 'da', { actor: `user:${i}`, channel: 'test', conversationId: `race-${i}` })),
      );
      expect(results.filter((r) => r === 'sent').length).toBeLessThanOrEqual(3);
      expect(sink.mailsTo('kontakt@nordicbikes.dk').length).toBeLessThanOrEqual(3);
    } finally {
      await store.close();
      await sink.stop();
    }
  });
});
