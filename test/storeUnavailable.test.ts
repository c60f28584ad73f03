import { FixedClock } from '../lib/clock';
import { AppError } from '../lib/errors';
import type { PrismaAccountStore } from '../store/prismaStore';
import { accountClient, demoStore } from './helpers/accounts';
import { MailSink } from './helpers/mailSink';
import { playTranscript } from './helpers/transcript';
import { createLogger } from '../lib/logger';
import { loadDemoDataIfEmpty, openStore } from '../store/openStore';
import { dropDatabase, freshDatabaseUrl, testProvider } from './helpers/database';
import { TcpProxy } from './helpers/tcpProxy';

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
  it('answers a known and an unknown customer ID alike, and leaves no usable code behind', async () => {
    const store = await demoStore(NOW);
    try {
      const deadSmtp = { url: 'smtp://127.0.0.1:9' } as MailSink;
      const replies: string[] = [];
      for (const customerId of ['100001', '999999']) {
        const client = accountClient(store, deadSmtp, new FixedClock(NOW));
        await playTranscript(client, [
          ['min konto er låst', [/30 minutter/, /låse/, /kunde-ID/]],
          [customerId, (r) => replies.push(r.text ?? '')],
        ]);
      }
      expect(replies[0]).toMatch(/Hvis kunde-ID'et er registreret hos os, har jeg nu sendt en 6-cifret engangskode/);
      expect(replies[1]).toBe(replies[0]);
      // The failed mail is audited, and its code withdrawn, beside the reply.
      const deadline = Date.now() + 10_000;
      let events = await store.listAuditEvents({ customerId: '100001' });
      while (!events.some((e) => e.outcome === 'error') && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        events = await store.listAuditEvents({ customerId: '100001' });
      }
      expect(events.map((e) => `${e.action}:${e.outcome}`)).toEqual(['verification.code-request:success', 'verification.code-requested:error']);
      expect(await store.latestVerificationCode('100001', events[0]!.conversationId!)).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});

(testProvider === 'postgresql' ? describe : describe.skip)('PostgreSQL unreachable when the store opens', () => {
  it('opens without it (startDegraded), reports it down, then migrates and connects once it answers', async () => {
    const proxy = await TcpProxy.reserve({ host: '127.0.0.1', port: 5432 });
    const realUrl = freshDatabaseUrl('startup');
    const url = proxy.rewrite(realUrl);
    const logs: string[] = [];
    const logger = createLogger({ level: 'debug', sink: (line) => logs.push(line) });
    // The command-line tools still fail at once.
    await expect(openStore(url)).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    const store = await openStore(url, logger, { startDegraded: true, retryMs: 100 });
    try {
      expect(store.available()).toBe(false);
      expect(await store.health()).toEqual({ state: 'down', provider: 'postgresql' });
      await expect(store.findMerchant('100001')).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
      await expect(store.readStates(['webchat/conversations/x/'])).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
      const startLines = logs.map((l) => JSON.parse(l) as { event: string; phase?: string; message?: string }).filter((l) => l.event === 'store_unavailable');
      expect(startLines).toEqual([expect.objectContaining({ phase: 'start', code: 'STORE_UNAVAILABLE' })]);
      expect(logs.join('\n').length).toBeLessThan(2000);

      await proxy.open();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([store.whenConnected(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('not connected within 10 s')), 10_000)))]);
      clearTimeout(timer);
      expect(store.available()).toBe(true);
      expect(await store.health()).toEqual({ state: 'up', provider: 'postgresql' });
      // Migrated on the way: the tables are there and empty, and take writes.
      expect(await store.countMerchants()).toBe(0);
      expect(await loadDemoDataIfEmpty(store)).toBe(true);
      expect(await store.findMerchant('100001')).toMatchObject({ companyName: 'Nordic Bikes ApS' });
      expect(logs.some((l) => l.includes('"event":"store_recovered"'))).toBe(true);
    } finally {
      await store.close();
      await proxy.close();
      await dropDatabase(realUrl);
    }
  });
});
