import type { PrismaAccountStore } from '../store/prismaStore';
import { dropDatabase, openTestStore, testProvider } from './helpers/database';
import { message, post, useBotWithMailSink } from './helpers/server';

const LONE = '\ud800';

describe(`ill-formed strings (lone UTF-16 surrogates) on ${testProvider}`, () => {
  describe('through the real server', () => {
    const running = useBotWithMailSink();

    it('a lone surrogate or a NUL in the text, the conversation id or the user id is repaired at the boundary: the database stays up for everyone', async () => {
      const { bot, sink } = running;
      for (const body of [
        message(`hej ${LONE} min konto er låst`),
        message('min konto er låst', { conversation: { id: `bad-conv-${LONE}` } }),
        message('min konto er låst', { from: { id: `bad-user-${LONE}` } }),
        // NUL, which PostgreSQL text cannot hold.
        message('min konto er låst', { conversation: { id: `nul-conv-\u0000-x` } }),
      ]) {
        const res = await post(bot.url, body);
        expect(res.status).toBe(200);
        expect(res.replies.map((r) => r.text).join('\n')).toMatch(/kunde-ID/);
      }
      const health = await fetch(`${bot.url}/healthz`).then((r) => r.json() as Promise<{ database?: { state?: string } }>);
      expect(health.database?.state).toBe('up');
      expect(bot.store.available()).toBe(true);
      // Another merchant's code request still works, and its mail is sent.
      const conversation = { id: `other-${Date.now()}` };
      await post(bot.url, message('min konto er låst', { conversation }));
      const res = await post(bot.url, message('100001', { conversation }));
      expect(res.replies.map((r) => r.text).join('\n')).toMatch(/engangskode/);
      expect(sink.lastCodeFor('kontakt@nordicbikes.dk')).toMatch(/^\d{6}$/);
    });
  });

  describe('in the store', () => {
    let store: PrismaAccountStore;
    let url: string;
    beforeAll(async () => {
      ({ store, url } = await openTestStore('malformed'));
    });
    afterAll(async () => {
      await store.close();
      await dropDatabase(url);
    });

    it('a value the database refuses is that request’s error (STORE_REJECTED), never an outage', async () => {
      const before = (await store.listQuestionEvents({})).length;
      // Both drivers (SQLite and PostgreSQL) refuse a lone surrogate; the boundary repairs them before they get here.
      await expect(store.recordQuestions([{ outcome: 'fallback', question: `x${LONE}`, language: 'da', channel: 'test', conversationId: `c${LONE}` }])).rejects.toEqual(
        expect.objectContaining({ name: 'AppError', code: 'STORE_REJECTED' }),
      );
      expect((await store.listQuestionEvents({})).length).toBe(before);
      expect(store.available()).toBe(true);
      expect((await store.health()).state).toBe('up');
    });

    it('one bad row of a batch does not lose the other rows', async () => {
      const before = (await store.listQuestionEvents({})).length;
      // The batch as a whole succeeds: the bad row is skipped (and logged as store_rows_skipped), the others are kept.
      await store.recordQuestions([
        { outcome: 'fallback', question: 'first', language: 'da', channel: 'test', conversationId: 'batch' },
        { outcome: 'fallback', question: `bad${LONE}`, language: 'da', channel: 'test', conversationId: `batch${LONE}` },
        { outcome: 'fallback', question: 'third', language: 'da', channel: 'test', conversationId: 'batch' },
      ]);
      const stored = (await store.listQuestionEvents({})).slice(before).map((q) => q.question);
      expect(stored).toEqual(['first', 'third']);
      expect(store.available()).toBe(true);
    });
  });
});
