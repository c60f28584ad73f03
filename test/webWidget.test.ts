import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startBot, useBotWithMailSink, type RunningBot } from './helpers/server';
import { botTexts, LocalDirectLineClient } from './helpers/directLine';
import { pdfBytes } from './helpers/documents';
import { LocalDirectLine } from '../bot/web/localDirectLine';
import { silentLogger } from '../lib/logger';
import { rootTexts } from '../dialogs/root/RootDialog.texts';

/** A stand-in for Azure's Direct Line token endpoint: records requests, answers as told. */
class FakeDirectLine {
  readonly requests: { method: string; url: string; authorization?: string; body: string }[] = [];
  mode: 'ok' | 'error' | 'garbage' = 'ok';
  private server?: http.Server;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body: Buffer.concat(chunks).toString('utf8') });
        if (this.mode === 'error') {
          // A misbehaving upstream that echoes what it got, secret included: none of it may reach the client.
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(`internal error; you sent ${req.headers.authorization}`);
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(this.mode === 'garbage' ? '<html>not json' : JSON.stringify({ conversationId: 'DL-CONV-1', token: 'fake-directline-token', expires_in: 1800 }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

const SECRET = 'dl-secret-THIS-MUST-NEVER-LEAK-0123456789';

const running = useBotWithMailSink();

describe('website widget: page and files', () => {
  it('serves the demo page with the embed, a strict CSP and nosniff', async () => {
    const res = await fetch(`${running.bot.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*(unsafe-inline|unsafe-eval|https?:)/);
    const html = await res.text();
    expect(html).toContain('<link rel="stylesheet" href="/widget.css">');
    expect(html).toContain('<script src="/widget.js" defer></script>');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline scripts
    expect(html).not.toMatch(/cdn|unpkg|jsdelivr/i);
  });

  it('serves the widget files with their content types', async () => {
    for (const [path, type] of [['/widget.js', 'application/javascript'], ['/widget.css', 'text/css'], ['/page.js', 'application/javascript'], ['/favicon.svg', 'image/svg+xml']] as const) {
      const res = await fetch(`${running.bot.url}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain(type);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
    const widget = await (await fetch(`${running.bot.url}/widget.js`)).text();
    expect(widget).toContain('api/directline/token');
    expect(widget).toContain('webchat/webchat.js');
  });

  it('serves Web Chat from the installed package, gzipped and cacheable', async () => {
    const res = await fetch(`${running.bot.url}/webchat/webchat.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    const body = await res.text();
    expect(body.length).toBeGreaterThan(1_000_000);
    expect(body).toContain('renderWebChat');
    const etag = res.headers.get('etag')!;
    const again = await fetch(`${running.bot.url}/webchat/webchat.js`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('leaves /api/messages and /healthz as they were', async () => {
    expect((await fetch(`${running.bot.url}/healthz`)).status).toBe(200);
    const res = await fetch(`${running.bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hej' });
    expect(res.status).toBe(415);
  });
});

describe('POST /api/directline/token with DIRECT_LINE_SECRET (fake Direct Line)', () => {
  let fake: FakeDirectLine;
  let bot: RunningBot;
  beforeAll(async () => {
    fake = await new FakeDirectLine().start();
    bot = await startBot({ DIRECT_LINE_SECRET: SECRET, DIRECT_LINE_ENDPOINT: `${fake.url}/v3/directline/` });
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.stop();
  });
  beforeEach(() => {
    fake.mode = 'ok';
  });

  it('exchanges the secret server-side and returns only the token', async () => {
    const res = await fetch(`${bot.url}/api/directline/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"locale":"da-DK"}' });
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(JSON.parse(text)).toEqual({ token: 'fake-directline-token', conversationId: 'DL-CONV-1', expires_in: 1800, domain: `${fake.url}/v3/directline`, webSocket: true });
    const upstream = fake.requests.at(-1)!;
    expect(upstream).toMatchObject({ method: 'POST', url: '/v3/directline/tokens/generate', authorization: `Bearer ${SECRET}` });
    expect(JSON.parse(upstream.body)).toEqual({ user: { id: expect.stringMatching(/^dl_[0-9a-f]{24}$/) } });
    expect(text).not.toContain(SECRET);
    expect(bot.logs.join('\n')).not.toContain(SECRET);
    expect(bot.logs.join('\n')).not.toContain('fake-directline-token');
  });

  it('allows the Direct Line origin in the page CSP, and never puts the secret in the page', async () => {
    const res = await fetch(`${bot.url}/`);
    expect(res.headers.get('content-security-policy')).toContain(`connect-src 'self' blob: ${fake.url} ws://${new URL(fake.url).host}`);
    const page = await res.text();
    const widget = await (await fetch(`${bot.url}/widget.js`)).text();
    expect(page + widget).not.toContain(SECRET);
  });

  it('answers an upstream failure with a clean 502, without the secret, the upstream body or a stack', async () => {
    for (const mode of ['error', 'garbage'] as const) {
      fake.mode = mode;
      const res = await fetch(`${bot.url}/api/directline/token`, { method: 'POST' });
      const text = await res.text();
      expect(res.status).toBe(502);
      expect(JSON.parse(text)).toEqual({ error: 'DIRECT_LINE_UNAVAILABLE', message: 'The chat service is not available right now. Please try again in a moment.' });
      expect(text).not.toContain(SECRET);
      expect(text).not.toMatch(/at .*\.ts|stack|internal error/);
    }
    const logs = bot.logs.join('\n');
    expect(logs).toContain('directline_token_failed');
    expect(logs).toContain('Direct Line answered 500 to the token request');
    expect(logs).not.toContain(SECRET);
  });

  it('answers an unreachable Direct Line with a 502 too', async () => {
    const down = await startBot({ DIRECT_LINE_SECRET: SECRET, DIRECT_LINE_ENDPOINT: 'http://127.0.0.1:9/v3/directline' });
    try {
      const res = await fetch(`${down.url}/api/directline/token`, { method: 'POST' });
      expect(res.status).toBe(502);
      expect(await res.text()).not.toContain(SECRET);
      expect(down.logs.join('\n')).not.toContain(SECRET);
    } finally {
      await down.stop();
    }
  });

  it('limits chat starts per client IP (RATE_LIMIT_TOKENS_PER_MINUTE) with a polite 429', async () => {
    const limited = await startBot({ RATE_LIMIT_TOKENS_PER_MINUTE: '2' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await fetch(`${limited.url}/api/directline/token`, { method: 'POST' })).status);
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await limited.stop();
    }
  });

  it('disables the local Direct Line endpoint (404)', async () => {
    for (const [method, path] of [['POST', '/tokens/generate'], ['POST', '/conversations'], ['GET', '/conversations/local-abcdefghijkl/activities']]) {
      const res = await fetch(`${bot.url}/local-directline/v3/directline${path}`, { method });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: 'NOT_FOUND' });
    }
  });

  it('refuses a foreign origin that is not in WIDGET_ORIGINS', async () => {
    const res = await fetch(`${bot.url}/api/directline/token`, { method: 'POST', headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('local Direct Line endpoint (development only)', () => {
  it('is off in production and with Bot Framework credentials', async () => {
    const { loadConfig } = await import('../bot/config');
    expect(loadConfig({ NODE_ENV: 'production', MicrosoftAppId: 'a', MicrosoftAppPassword: 'b', CODE_SECRET: 'x'.repeat(16) }).webChat.localDirectLine).toBe(false);
    expect(loadConfig({ NODE_ENV: 'development', MicrosoftAppId: 'a', MicrosoftAppPassword: 'b' }).webChat.localDirectLine).toBe(false);
    expect(loadConfig({ NODE_ENV: 'development', DIRECT_LINE_SECRET: 's' }).webChat.localDirectLine).toBe(false);
    expect(loadConfig({ NODE_ENV: 'development' }).webChat).toEqual({ directLineSecret: undefined, directLineEndpoint: 'https://directline.botframework.com/v3/directline', allowedOrigins: [], localDirectLine: true, tokensPerIpPerMinute: 30 });
    expect(() => loadConfig({ DIRECT_LINE_ENDPOINT: 'ftp://x' })).toThrow(/DIRECT_LINE_ENDPOINT/);
    expect(() => loadConfig({ WIDGET_ORIGINS: 'shop.example.dk' })).toThrow(/WIDGET_ORIGINS/);
  });

  it('limits new conversations per client IP on every route that starts one, like /api/directline/token', async () => {
    const limited = await startBot({ RATE_LIMIT_TOKENS_PER_MINUTE: '3' });
    const base = `${limited.url}/local-directline/v3/directline`;
    const json = { 'content-type': 'application/json' };
    try {
      const live = await new LocalDirectLineClient(limited.url).start();
      await live.poll();
      const generate = await fetch(`${base}/tokens/generate`, { method: 'POST', headers: json, body: '{}' });
      expect(generate.status).toBe(200);
      expect((await fetch(`${base}/conversations`, { method: 'POST', headers: json, body: '{}' })).status).toBe(201);
      // The budget of 3 is used up: by the widget's token request, /tokens/generate and a start without a token.
      for (const [path, init] of [
        [`${base}/tokens/generate`, { method: 'POST', headers: json, body: '{}' }],
        [`${base}/conversations`, { method: 'POST', headers: json, body: '{}' }],
        [`${limited.url}/api/directline/token`, { method: 'POST' }],
      ] as const) {
        const refused = await fetch(path, init);
        expect(refused.status).toBe(429);
        expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(await refused.json()).toMatchObject({ error: 'RATE_LIMITED' });
      }
      // Conversations that already exist go on: a start with its token, and a message.
      const { token } = (await generate.json()) as { token: string };
      expect((await fetch(`${base}/conversations`, { method: 'POST', headers: { ...json, authorization: `Bearer ${token}` }, body: '{}' })).status).toBe(201);
      expect(botTexts(await live.say('hvad er jeres telefonnummer')).join('\n')).toMatch(/\+45 7020 3077/);
    } finally {
      await limited.stop();
    }
  });

  it('lets a merchant site listed in WIDGET_ORIGINS fetch a token cross-origin', async () => {
    const shop = 'https://shop.example.dk';
    const bot = await startBot({ WIDGET_ORIGINS: `${shop}/, https://other.example.dk` });
    try {
      const preflight = await fetch(`${bot.url}/api/directline/token`, { method: 'OPTIONS', headers: { origin: shop, 'access-control-request-method': 'POST' } });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(shop);
      const res = await fetch(`${bot.url}/api/directline/token`, { method: 'POST', headers: { origin: shop, 'content-type': 'application/json' }, body: '{}' });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe(shop);
      expect((await fetch(`${bot.url}/widget.js`, { method: 'HEAD' })).status).toBe(200);
    } finally {
      await bot.stop();
    }
  });

  it('runs a conversation: start (welcome), post "hej", poll the echo and the reply', async () => {
    const client = await new LocalDirectLineClient(running.bot.url).start('da-DK');
    const welcome = await client.poll();
    expect(botTexts(welcome)[0]).toMatch(/DIBS' support-bot/);
    expect(welcome[0]?.suggestedActions?.actions.map((a) => a.title)).toContain('Kodeord og login');
    const activities = await client.say('hej');
    const [echo, ...replies] = activities;
    expect(echo).toMatchObject({ type: 'message', text: 'hej', channelId: 'webchat', from: { role: 'user' }, channelData: { clientActivityID: expect.any(String) } });
    expect(echo?.from.id).toMatch(/^dl_/);
    expect(botTexts(replies).join('\n')).toContain(rootTexts.da.welcome('\u0000').split('\u0000')[0] ?? 'the welcome');
    expect(replies.every((r) => r.from.role === 'bot' && r.channelId === 'webchat')).toBe(true);
    // Ids are unique and the watermark moves on: a second poll is empty.
    expect(new Set(client.seen.map((a) => a.id)).size).toBe(client.seen.length);
    expect(await client.poll()).toEqual([]);
    // The same user id for the whole conversation, whatever the client claims.
    await client.say('Hvad skal mit password indeholde?');
    const users = new Set(client.seen.filter((a) => a.from.role === 'user').map((a) => a.from.id));
    expect(users.size).toBe(1);
    expect(running.bot.logs.some((l) => l.includes('"event":"turn"') && l.includes('"channel":"webchat"'))).toBe(true);
  });

  it('answers in English when the page says en-US', async () => {
    const client = await new LocalDirectLineClient(running.bot.url).start('en-US');
    expect(botTexts(await client.poll())[0]).toMatch(/I'm DIBS' support bot|support bot/i);
    const replies = botTexts(await client.say('What must my password contain?', 'en-US'));
    expect(replies[0]).toMatch(/Your password must contain/);
  });

  it('checks tokens and conversation ids', async () => {
    const a = await new LocalDirectLineClient(running.bot.url).start();
    const b = await new LocalDirectLineClient(running.bot.url).start();
    const base = `${running.bot.url}/local-directline/v3/directline`;
    // b's token on a's conversation
    let res = await fetch(`${base}/conversations/${a.conversationId}/activities`, { headers: { authorization: `Bearer ${b.token}` } });
    expect(res.status).toBe(403);
    res = await fetch(`${base}/conversations/${a.conversationId}/activities`);
    expect(res.status).toBe(401);
    res = await fetch(`${base}/conversations/local-doesnotexist1/activities`, { headers: { authorization: `Bearer ${a.token}` } });
    expect(res.status).toBe(404);
    res = await fetch(`${base}/tokens/refresh`, { method: 'POST', headers: { authorization: `Bearer ${a.token}` } });
    expect(await res.json()).toMatchObject({ conversationId: a.conversationId, token: a.token, expires_in: 3600 });
  });

  it('answers malformed bodies with a clear 400 and keeps serving', async () => {
    const client = await new LocalDirectLineClient(running.bot.url).start();
    await client.poll();
    const path = `/conversations/${client.conversationId}/activities`;
    const cases: [unknown, RegExp][] = [
      ['{"type": "message", "text": ', /not valid JSON/],
      [{ type: 'nonsense' }, /Not an activity: type/],
      [{ type: 'message', text: 42 }, /Not an activity: text/],
      [{ type: 'message', locale: 'da-DK; drop table' }, /locale/],
      [[1, 2, 3], /Not an activity/],
    ];
    for (const [body, message] of cases) {
      const res = await client.request('POST', path, body);
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ error: 'BAD_REQUEST', message: expect.stringMatching(message) });
    }
    expect((await client.request('GET', `/conversations/${client.conversationId}/activities?watermark=abc`)).status).toBe(400);
    expect((await client.request('POST', path, 'hej', { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await client.request('POST', path, { type: 'message', text: 'x'.repeat(300 * 1024) })).status).toBe(413);
    const start = await fetch(`${running.bot.url}/local-directline/v3/directline/tokens/generate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"locale": 5}' });
    expect(start.status).toBe(400);
    const badUpload = await client.request('POST', `/conversations/${client.conversationId}/upload`, 'garbage', { 'content-type': 'multipart/form-data; boundary=xyz' });
    expect(badUpload.status).toBe(400);
    // Still serving, and the conversation still works.
    expect((await fetch(`${running.bot.url}/healthz`)).status).toBe(200);
    expect(botTexts(await client.say('Hvad skal mit password indeholde?'))[0]).toMatch(/Dit password skal indeholde/);
  });

  it('takes an upload (the e-mail change document) through to the bot as a data: URL', async () => {
    const client = await new LocalDirectLineClient(running.bot.url).start();
    await client.poll();
    expect(botTexts(await client.say('jeg skal have ændret login mail')).join('\n')).toMatch(/oprette sagen for dig her i chatten\. Skal jeg det\?/);
    expect(botTexts(await client.say('ja')).join('\n')).toMatch(/Hvad er dit kunde-ID\?/);
    expect(botTexts(await client.say('100003')).join('\n')).toMatch(/engangskode/);
    expect(botTexts(await client.say(running.sink.lastCodeFor('foto@fjordfoto.dk'))).join('\n')).toMatch(/Hvilken e-mailadresse/);
    expect(botTexts(await client.say('ny@fjordfoto.dk')).join('\n')).toMatch(/Skal login-e-mailen ændres til ny@fjordfoto\.dk\?/);
    expect(botTexts(await client.say('ja')).join('\n')).toMatch(/Vedhæft et dokument/);
    // A file that is not a PDF is checked by content…
    let upload = await client.upload([{ name: 'faktura.pdf', type: 'application/pdf', bytes: Buffer.from('not a pdf at all') }]);
    expect(upload.status).toBe(200);
    expect(botTexts(upload.activities).join('\n')).toMatch(/ikke en PDF, PNG eller JPEG/);
    // …and a real one opens the case.
    upload = await client.upload([{ name: 'faktura.pdf', type: 'application/pdf', bytes: pdfBytes }]);
    expect(upload.status).toBe(200);
    const [echo, ...replies] = upload.activities;
    expect(echo).toMatchObject({ from: { role: 'user' }, attachments: [{ name: 'faktura.pdf', contentType: 'application/pdf' }], channelData: { clientActivityID: 'c_upload' } });
    expect(echo?.attachments![0]?.contentUrl).toBeUndefined(); // the file is not kept in the transcript
    expect(botTexts(replies).join('\n')).toMatch(/Din sag har nummeret EC-\d{8}-[A-Z0-9]{6}/);
    const [request] = await running.bot.store.listEmailChangeRequests({ customerId: '100003' });
    expect(request).toMatchObject({ status: 'pending', newEmail: 'ny@fjordfoto.dk', documentMime: 'application/pdf', documentSize: pdfBytes.length });
    expect(running.sink.mailsTo('support@dibs.dk').at(-1)?.raw).toMatch(/filename=faktura\.pdf/);
  });

  it('refuses an upload far over MAX_DOCUMENT_BYTES with 413', async () => {
    const client = await new LocalDirectLineClient(running.bot.url).start();
    const huge = Buffer.alloc(running.bot.config.documents.maxBytes + 2 * 1024 * 1024, 1);
    const res = await client.upload([{ name: 'big.pdf', type: 'application/pdf', bytes: huge }]);
    expect(res.status).toBe(413);
    expect((await fetch(`${running.bot.url}/healthz`)).status).toBe(200);
  });
});

describe('LocalDirectLine memory bounds', () => {
  const reply = async () => ({ status: 200, body: { activities: [{ type: 'message', text: 'svar' }] } });

  it('caps conversations (least recently active goes first) and queued activities, and expires idle ones', async () => {
    let now = 1_000_000;
    const dl = new LocalDirectLine(reply, silentLogger, { maxConversations: 2, maxActivitiesPerConversation: 5, idleMs: 60_000, now: () => now });
    const a = dl.createConversation();
    const b = dl.createConversation();
    dl.authorize(a.token, a.conversationId); // a is now the most recently active
    const c = dl.createConversation();
    expect(dl.size).toBe(2);
    expect(() => dl.authorize(b.token, b.conversationId)).toThrow(/No such conversation/);
    const conversation = dl.authorize(a.token, a.conversationId);
    for (let i = 0; i < 10; i++) await dl.post(conversation, { type: 'message', text: `m${i}` });
    const { activities, watermark } = dl.activitiesSince(conversation, 0);
    expect(activities).toHaveLength(5);
    expect(activities.at(-1)).toMatchObject({ text: 'svar' });
    expect(Number(watermark)).toBe(20);
    now += 61_000;
    dl.createConversation();
    expect(() => dl.authorize(c.token, c.conversationId)).toThrow(/No such conversation/);
    expect(() => dl.authorize(a.token, a.conversationId)).toThrow(/No such conversation/);
    expect(dl.size).toBe(1);
  });

  it('rate-limits messages per conversation and expires tokens', async () => {
    let now = 5_000_000;
    const dl = new LocalDirectLine(reply, silentLogger, { messagesPerMinute: 3, tokenTtlSeconds: 60, idleMs: 3_600_000, now: () => now });
    const t = dl.createConversation();
    const conversation = dl.authorize(t.token);
    for (let i = 0; i < 3; i++) await dl.post(conversation, { type: 'message', text: 'x' });
    await expect(dl.post(conversation, { type: 'message', text: 'x' })).rejects.toMatchObject({ status: 429 });
    now += 61_000;
    expect(() => dl.authorize(t.token)).toThrow(/expired/);
  });
});
