import { FixedClock } from '../lib/clock';
import { AppError } from '../lib/errors';
import type { PrismaAccountStore } from '../store/prismaStore';
import { accountClient, demoStore } from './helpers/accounts';
import { MailSink } from './helpers/mailSink';
import { playTranscript } from './helpers/transcript';

const NOW = new Date('2026-11-27T10:00:00Z');

/** The real store, with an outage switch: while down, every call fails as the database would. */
function withOutage(store: PrismaAccountStore): { store: PrismaAccountStore; down: (on: boolean) => void } {
  let isDown = false;
  const proxy = new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (isDown) return Promise.reject(new AppError('STORE_UNAVAILABLE', 'database unreachable'));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: proxy, down: (on) => (isDown = on) };
}

describe('account store outage', () => {
  let sink: MailSink;
  let real: PrismaAccountStore;
  beforeAll(async () => {
    sink = await new MailSink().start();
    real = await demoStore(NOW);
  });
  afterAll(async () => {
    await real.close();
    await sink.stop();
  });

  it('account dialogs say the service is temporarily unavailable, FAQ answers keep working, and it recovers', async () => {
    const { store, down } = withOutage(real);
    const client = accountClient(store, sink, new FixedClock(NOW));
    await playTranscript(client, [['min konto er låst', [/30 minutter/, /låse/, /kunde-ID/]]]);
    down(true);
    await playTranscript(client, [
      ['100001', /midlertidigt utilgængeligt.*\+45 7020 3077/s],
      ['hvad er jeres telefonnummer', [/\+45 7020 3077/, 'Hjalp det?']],
    ]);
    down(false);
    await playTranscript(client, [
      ['min konto er låst', [/30 minutter/, /låse/, /kunde-ID/]],
      ['100001', /engangskode/],
    ]);
  });
});

describe('mail server outage', () => {
  it('says the code could not be sent, and leaves no usable code behind', async () => {
    const store = await demoStore(NOW);
    try {
      const deadSmtp = { url: 'smtp://127.0.0.1:9' } as MailSink;
      const client = accountClient(store, deadSmtp, new FixedClock(NOW));
      await playTranscript(client, [
        ['min konto er låst', [/30 minutter/, /låse/, /kunde-ID/]],
        ['100001', /kunne ikke sende koden lige nu.*\+45 7020 3077/s],
      ]);
      const events = await store.listAuditEvents({ customerId: '100001' });
      expect(events.map((e) => `${e.action}:${e.outcome}`)).toEqual(['verification.code-request:success', 'verification.code-requested:error']);
      expect(await store.latestVerificationCode('100001', events[0]!.conversationId!)).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});
