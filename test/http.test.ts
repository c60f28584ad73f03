import fs from 'node:fs';
import os from 'node:os';
import { message, post, startBot, type RunningBot } from './helpers/server';
import { realKnowledge } from './helpers/knowledge';
import { testProvider } from './helpers/database';

let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => {
  await bot.stop();
});

describe(`HTTP: /api/messages with expectReplies on a real ${testProvider} database`, () => {
  it('creates and migrates the database on first start and reports it in /healthz', async () => {
    if (testProvider === 'sqlite') expect(fs.existsSync(bot.dbFile)).toBe(true);
    const res = await fetch(`${bot.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', database: { state: 'up', provider: testProvider }, knowledge: { entries: 28 } });
  });

  it('answers every FAQ entry in both languages through the endpoint', async () => {
    const kb = realKnowledge();
    for (const entry of kb.entries) {
      for (const lang of ['da', 'en'] as const) {
        const { status, replies } = await post(bot.url, message(kb.title(entry, lang)));
        expect(status).toBe(200);
        expect(replies[0]?.text).toBe(entry.answer[lang]);
      }
    }
  });

  it('answers paraphrased questions in the language they were asked in', async () => {
    const da = await post(bot.url, message('jeg kan ikke logge ind, kontoen er spaerret'));
    expect(da.replies[0]?.text).toMatch(/låst op efter 30 minutter/);
    const en = await post(bot.url, message('why did you flag a payment as suspicious?', { locale: 'da-DK' }));
    expect(en.replies[0]?.text).toMatch(/several failed payment attempts/);
  });

  it('gives the fallback for out-of-scope questions', async () => {
    for (const q of ['hvad koster et gebyr pr. transaktion', 'can my customers pay with Klarna', 'how do I add a new user to the admin', 'hvorfor blev kundens betaling afvist', 'tell me a joke']) {
      const { replies } = await post(bot.url, message(q));
      const text = replies[0]?.text ?? '';
      // Either the honest fallback, or (rarely) a clarifying question; never a straight FAQ answer.
      expect(realKnowledge().entries.some((e) => e.answer.da === text || e.answer.en === text)).toBe(false);
    }
    const { replies } = await post(bot.url, message('what is the weather like tomorrow'));
    expect(replies[0]?.text).toMatch(/can't answer that.*\+45 7020 3077/s);
  });

  it('welcomes a new member on conversationUpdate', async () => {
    const { status, replies } = await post(bot.url, {
      ...message(undefined),
      type: 'conversationUpdate',
      membersAdded: [{ id: 'user-1' }],
    });
    expect(status).toBe(200);
    expect(replies[0]?.text).toMatch(/DIBS' support-bot/);
  });

  it('welcomes once per conversation, however many members join', async () => {
    const conversation = { id: `crowd-${process.pid}` };
    const crowd = Array.from({ length: 500 }, (_, i) => ({ id: `member-${i}` }));
    const first = await post(bot.url, { ...message(undefined, { conversation }), type: 'conversationUpdate', membersAdded: [{ id: 'bot' }, ...crowd] });
    expect(first.status).toBe(200);
    expect(first.replies).toHaveLength(1);
    expect(first.replies[0]?.text).toMatch(/DIBS' support-bot/);
    const again = await post(bot.url, { ...message(undefined, { conversation }), type: 'conversationUpdate', membersAdded: [{ id: 'late-member' }] });
    expect(again.status).toBe(200);
    expect(again.replies).toEqual([]);
    // The bot joining alone is no reason to welcome anyone.
    expect((await post(bot.url, { ...message(undefined), type: 'conversationUpdate', membersAdded: [{ id: 'bot' }] })).replies).toEqual([]);
  });

  it('logs one structured line per turn without the question text', async () => {
    bot.logs.length = 0;
    await post(bot.url, message('hvor finder jeg mit kundenummer, min mail er kontakt@nordicbikes.dk'));
    const turns = bot.logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.event === 'turn');
    expect(turns).toHaveLength(1);
    expect(turns[0]).toMatchObject({ channel: 'test', language: 'da', entry: 'customer-id-location', candidate: 'customer-id-location' });
    expect(turns[0]?.margin).toBeGreaterThan(0);
    expect(typeof turns[0]?.latencyMs).toBe('number');
    expect(typeof turns[0]?.score).toBe('number');
    expect(bot.logs.join('\n')).not.toContain('kontakt@nordicbikes.dk');
    expect(bot.logs.join('\n')).not.toContain('kundenummer');
  });
});

describe('HTTP: bad input gets a clear answer and the server keeps serving', () => {
  it('rejects malformed JSON with 400 and a fixed message, not the parser\'s', async () => {
    const { status, json } = await post(bot.url, '{"type": "message", ');
    expect(status).toBe(400);
    expect(json).toEqual({ error: 'BAD_REQUEST', message: 'The body is not valid JSON.' });
  });

  it('sends every JSON response with nosniff, restify\'s own 404 and 405 included, in the bot\'s error shape', async () => {
    const responses = {
      ok: await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message('hej')) }),
      badJson: await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type": ' }),
      notActivity: await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[]' }),
      unsupported: await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hej' }),
      health: await fetch(`${bot.url}/healthz`),
      notFound: await fetch(`${bot.url}/no/such/<script>alert(1)</script>`),
      wrongMethod: await fetch(`${bot.url}/api/messages`, { method: 'DELETE' }),
    };
    expect(Object.fromEntries(Object.entries(responses).map(([name, res]) => [name, [res.status, res.headers.get('x-content-type-options'), res.headers.get('content-type')?.split(';')[0]]]))).toEqual({
      ok: [200, 'nosniff', 'application/json'],
      badJson: [400, 'nosniff', 'application/json'],
      notActivity: [400, 'nosniff', 'application/json'],
      unsupported: [415, 'nosniff', 'application/json'],
      health: [200, 'nosniff', 'application/json'],
      notFound: [404, 'nosniff', 'application/json'],
      wrongMethod: [405, 'nosniff', 'application/json'],
    });
    expect(await responses.notFound.json()).toEqual({ error: 'NOT_FOUND', message: 'There is nothing at this address.' });
    expect(await responses.wrongMethod.json()).toEqual({ error: 'METHOD_NOT_ALLOWED', message: 'This address does not accept this method.' });
  });

  it('rejects an attachment whose fields have the wrong type with 400, instead of failing the turn', async () => {
    bot.logs.length = 0;
    for (const attachment of [{ contentType: 'image/png', contentUrl: 42 }, { contentType: 'application/pdf', contentUrl: 'data:application/pdf;base64,JVBERi0=', name: ['a.pdf'] }, { contentType: 7 }]) {
      const { status, json } = await post(bot.url, message(undefined, { attachments: [attachment] }));
      expect(status).toBe(400);
      expect(json).toMatchObject({ error: 'BAD_REQUEST', message: expect.stringMatching(/attachments\.0\.(contentUrl|name|contentType)/) });
    }
    expect(bot.logs.join('\n')).not.toMatch(/turn_failed|request_failed/);
  });

  it.each([
    ['an array', []],
    ['a string', '"hello"'],
    ['an object without type', { text: 'hej', conversation: { id: 'x' }, from: { id: 'u' }, channelId: 't', deliveryMode: 'expectReplies' }],
    ['an activity without conversation', { type: 'message', text: 'hej', from: { id: 'u' }, channelId: 't', deliveryMode: 'expectReplies' }],
    ['an activity without serviceUrl or expectReplies', { type: 'message', text: 'hej', from: { id: 'u' }, channelId: 't', conversation: { id: 'x' } }],
    ['null', 'null'],
  ])('rejects %s with 400 and a message', async (_name, body) => {
    const { status, json } = await post(bot.url, body);
    expect(status).toBe(400);
    expect(JSON.stringify(json)).toMatch(/activity|JSON|body/i);
  });

  it('accepts only JSON: multipart and text bodies get 415 before anything is read', async () => {
    const form = new FormData();
    form.append('file', new Blob([Buffer.alloc(1024 * 1024)]), 'big.bin');
    const multipart = await fetch(`${bot.url}/api/messages`, { method: 'POST', body: form });
    expect(multipart.status).toBe(415);
    const disguisedAnswers: Record<string, { status: number; error: unknown }> = {};
    for (const disguised of ['/%61pi/messages', '/api/messages/', '/API/messages']) {
      const res = await fetch(`${bot.url}${disguised}`, { method: 'POST', body: form });
      disguisedAnswers[disguised] = { status: res.status, error: ((await res.json()) as { error?: unknown }).error };
    }
    // The route percent-encoded is the route: it refuses the upload as not JSON; other spellings do not exist.
    expect(disguisedAnswers).toEqual({
      '/%61pi/messages': { status: 415, error: 'UNSUPPORTED_MEDIA_TYPE' },
      '/api/messages/': { status: 404, error: 'NOT_FOUND' },
      '/API/messages': { status: 404, error: 'NOT_FOUND' },
    });
    const leftovers = fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('upload_'));
    expect(leftovers).toEqual([]);
    const text = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hej' });
    expect(text.status).toBe(415);
    expect(await text.json()).toMatchObject({ error: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('rejects a body over the size cap with 413', async () => {
    const { status } = await post(bot.url, message('a'.repeat(bot.config.limits.maxBodyBytes + 10)));
    expect(status).toBe(413);
  });

  it('answers empty, attachment-only, huge, emoji and control-character messages', async () => {
    expect((await post(bot.url, message(''))).replies[0]?.text).toMatch(/kun læse tekst/);
    expect((await post(bot.url, message(undefined, { attachments: [{ contentType: 'image/png', contentUrl: 'http://x.invalid/a.png' }] }))).replies[0]?.text).toMatch(/kun læse tekst/);
    expect((await post(bot.url, message('å'.repeat(10_000)))).status).toBe(200);
    expect((await post(bot.url, message('z'.repeat(10_001)))).replies[0]?.text).toMatch(/for lang/);
    expect((await post(bot.url, message('💳💳 \u0000\u001b[31m min konto er låst \u202e'))).replies[0]?.text).toMatch(/låst op efter 30 minutter/);
  });

  it('accepts activities that are not messages without replying', async () => {
    const answers: Record<string, { status: number; replies: number }> = {};
    for (const type of ['typing', 'event', 'messageReaction', 'endOfConversation', 'installationUpdate', 'somethingNew']) {
      const { status, replies } = await post(bot.url, { ...message(undefined), type });
      answers[type] = { status, replies: replies.length };
    }
    expect(answers).toEqual({
      typing: { status: 200, replies: 0 },
      event: { status: 200, replies: 0 },
      messageReaction: { status: 200, replies: 0 },
      endOfConversation: { status: 200, replies: 0 },
      installationUpdate: { status: 200, replies: 0 },
      somethingNew: { status: 200, replies: 0 },
    });
  });

  it('still answers after all of that', async () => {
    const { replies } = await post(bot.url, message('hvad er jeres telefonnummer'));
    expect(replies[0]?.text).toMatch(/\+45 7020 3077/);
  });
});
