import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { TestAdapter, TurnContext } from 'botbuilder';
import { OpenIdMetadata } from 'botframework-connector/lib/auth/openIdMetadata';
import { userIdOf } from '../dialogs/shared/identity';
import { RateLimiter } from '../lib/rateLimiter';
import { MailSink } from './helpers/mailSink';
import { message, post, startBot } from './helpers/server';

const APP_ID = '5f7c4a6e-1d2b-4c3d-9e8f-0a1b2c3d4e5f';

/** A JWT with the claims a Bot Framework channel token has, signed (or not) as given. */
function forgedToken(alg: 'none' | 'HS256', key = ''): string {
  const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${encode({ alg, typ: 'JWT' })}.${encode({ iss: 'https://api.botframework.com', aud: APP_ID, nbf: now - 60, exp: now + 3600, serviceurl: 'https://smba.trafficmanager.net/emea/' })}`;
  return alg === 'none' ? `${unsigned}.` : `${unsigned}.${crypto.createHmac('sha256', key).update(unsigned).digest('base64url')}`;
}

/** The code in the newest mail to the address, once it has arrived. */
async function codeMailedTo(sink: MailSink, address: string): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      return sink.lastCodeFor(address);
    } catch (error: unknown) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

describe('Bot Framework authentication', () => {
  it('with app credentials set, /api/messages accepts only signed requests (401 otherwise) and never logs the secret', async () => {
    const password = 'very-secret-bot-password-1234';
    const bot = await startBot({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: password, MicrosoftAppType: 'MultiTenant' });
    try {
      const unsigned = await post(bot.url, message('min konto er låst', { deliveryMode: undefined, serviceUrl: 'https://smba.trafficmanager.net/emea/' }));
      expect(unsigned.status).toBe(401);
      expect(unsigned.replies).toEqual([]);
      const forged = await post(bot.url, message('min konto er låst'), { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJpc3MiOiJtZSJ9.' });
      expect(forged.status).toBe(401);
      expect(JSON.stringify(forged.json)).not.toMatch(/stack|Error:/);
      expect(bot.logs.join('\n')).not.toContain(password);
    } finally {
      await bot.stop();
    }
  });

  it('refuses an unsigned (alg none) or HS256 token with 401 before fetching any signing key, even when the keys cannot be fetched', async () => {
    const password = 'very-secret-bot-password-1234';
    // The signing keys cannot be fetched (Bot Framework's OpenID metadata unreachable).
    const getKey = jest.spyOn(OpenIdMetadata.prototype, 'getKey').mockRejectedValue(new Error('request to https://login.botframework.com/v1/.well-known/openidconfiguration failed, reason: getaddrinfo ENOTFOUND'));
    const bot = await startBot({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: password });
    try {
      const activity = message('min konto er låst', { deliveryMode: undefined, serviceUrl: 'https://smba.trafficmanager.net/emea/' });
      for (const token of [forgedToken('none'), forgedToken('HS256', password), forgedToken('HS256', 'guess')]) {
        const forged = await post(bot.url, activity, { authorization: `Bearer ${token}` });
        expect(forged.status).toBe(401);
        expect(forged.json).toEqual({ error: 'UNAUTHORIZED', message: 'A valid Bot Framework token is required.' });
      }
      for (const header of ['Basic dXNlcjpwdw==', 'Bearer not-a-jwt', `Bearer ${forgedToken('none').replace(/\.$/, '.c2ln')}`]) {
        expect((await post(bot.url, activity, { authorization: header })).status).toBe(401);
      }
      expect(getKey).not.toHaveBeenCalled();
      expect(bot.logs.join('\n')).not.toMatch(/request_failed/);
    } finally {
      getKey.mockRestore();
      await bot.stop();
    }
  });
});

describe('local mode (no credentials) stays on this machine', () => {
  it('posts replies only to a loopback serviceUrl: any other is a 400 and nothing is sent', async () => {
    const received: { url: string; body: { text?: string } }[] = [];
    const connector = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ url: req.url ?? '', body: JSON.parse(body) as { text?: string } });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `reply-${received.length}` }));
      });
    });
    await new Promise<void>((resolve) => connector.listen(0, '127.0.0.1', () => resolve()));
    const bot = await startBot();
    try {
      const port = (connector.address() as AddressInfo).port;
      for (const serviceUrl of ['https://evil.example/', 'http://169.254.169.254/latest/', 'http://10.0.0.7:8080/', 'http://127.0.0.1.nip.io/', 'http://0.0.0.0:9/']) {
        const refused = await post(bot.url, message('hvad er jeres telefonnummer', { deliveryMode: undefined, serviceUrl }));
        expect(refused.status).toBe(400);
        expect(refused.json).toMatchObject({ error: 'BAD_REQUEST', message: expect.stringMatching(/local mode.*serviceUrl must be on this machine/) });
        // Also when the replies would come back in the response: the serviceUrl host is trusted for attachments.
        expect((await post(bot.url, message('hej', { serviceUrl }))).status).toBe(400);
      }
      for (const host of ['127.0.0.1', 'localhost']) {
        const served = await post(bot.url, message('hvad er jeres telefonnummer', { deliveryMode: undefined, serviceUrl: `http://${host}:${port}/`, conversation: { id: `loopback-${host}` } }));
        expect(served.status).toBe(200);
      }
      // Only the loopback conversations' replies were posted (the answer and its "did this help?").
      expect(new Set(received.map((r) => /^\/v3\/conversations\/([^/]+)\/activities\//.exec(r.url)?.[1]))).toEqual(new Set(['loopback-127.0.0.1', 'loopback-localhost']));
      expect(received[0]?.body.text).toMatch(/\+45 7020 3077/);
    } finally {
      await bot.stop();
      await new Promise<void>((resolve) => connector.close(() => resolve()));
    }
  });

  it('answers only requests addressed to this machine (no DNS rebinding), unless DEV_BOX_OPEN_TO_NETWORK=on', async () => {
    const request = (url: string, path: string, host: string, body?: string): Promise<number> =>
      new Promise((resolve, reject) => {
        const { port } = new URL(url);
        const req = http.request({ host: '127.0.0.1', port, path, method: body === undefined ? 'GET' : 'POST', headers: { host, 'content-type': 'application/json' } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end(body);
      });
    const activity = JSON.stringify(message('hej'));
    const bot = await startBot();
    try {
      for (const host of ['rebind.evil.example', 'rebind.evil.example:3978', '192.168.1.20:3978']) {
        expect(await request(bot.url, '/healthz', host)).toBe(403);
        expect(await request(bot.url, '/api/messages', host, activity)).toBe(403);
        expect(await request(bot.url, '/local-directline/v3/directline/tokens/generate', host, '{}')).toBe(403);
      }
      for (const host of ['localhost:3978', '127.0.0.1', '[::1]:3978']) expect(await request(bot.url, '/api/messages', host, activity)).toBe(200);
    } finally {
      await bot.stop();
    }
    const devBox = await startBot({ DEV_BOX_OPEN_TO_NETWORK: 'on' });
    try {
      expect(await request(devBox.url, '/api/messages', 'devbox.lan:3978', activity)).toBe(200);
    } finally {
      await devBox.stop();
    }
  });
});

describe('identity outside Teams', () => {
  it('the channel user is the Entra object id only in Teams', () => {
    const userOn = (channelId: string, aadObjectId?: string): string =>
      userIdOf(new TurnContext(new TestAdapter(), { type: 'message', channelId, from: { id: 'channel-user', name: '', aadObjectId }, conversation: { id: 'c', name: '', isGroup: false, conversationType: 'personal' } }));
    expect(userOn('msteams', 'aad-1')).toBe('aad-1');
    expect(userOn('msteams')).toBe('channel-user');
    for (const channel of ['webchat', 'directline', 'emulator', 'test']) expect(userOn(channel, 'aad-1')).toBe('channel-user');
  });

  it('on webchat, a second user who sends the verified user\'s aadObjectId does not inherit the verification', async () => {
    const sink = await new MailSink().start();
    const bot = await startBot({ SMTP_URL: sink.url });
    const conversation = { id: 'shared-webchat' };
    const say = async (from: { id: string; aadObjectId?: string }, text: string): Promise<string> => {
      const { status, replies } = await post(bot.url, message(text, { channelId: 'webchat', conversation, from }));
      expect(status).toBe(200);
      return replies.map((r) => r.text ?? '').join('\n');
    };
    const aadObjectId = '0b7c7a2e-9a55-4b8e-8f43-3c1d2e4f5a6b';
    const victim = { id: 'dl_victim', aadObjectId };
    const intruder = { id: 'dl_intruder', aadObjectId };
    try {
      expect(await say(victim, 'min konto er låst')).toMatch(/kunde-ID/);
      expect(await say(victim, '100001')).toMatch(/engangskode/);
      expect(await say(victim, await codeMailedTo(sink, 'kontakt@nordicbikes.dk'))).toMatch(/Skal jeg låse den op nu\?/);
      expect(await say(victim, 'nej')).toMatch(/lader den være/);
      // The victim is still verified: asking again goes straight to the lock state.
      expect(await say(victim, 'min konto er låst')).toMatch(/Skal jeg låse den op nu\?/);
      expect(await say(victim, 'nej')).toMatch(/lader den være/);
      // The intruder, with the same aadObjectId but its own channel user id, is asked who they are.
      const intruderReply = await say(intruder, 'min konto er låst');
      expect(intruderReply).toMatch(/Hvad er dit kunde-ID\?/);
      expect(intruderReply).not.toMatch(/Skal jeg låse den op nu\?/);
      const events = await bot.store.listAuditEvents({ customerId: '100001' });
      expect(new Set(events.map((e) => e.actor))).toEqual(new Set(['user:dl_victim']));
    } finally {
      await bot.stop();
      await sink.stop();
    }
  });
});

describe('rate limits', () => {
  it('per conversation: a polite 429 with Retry-After; other conversations are unaffected', async () => {
    const bot = await startBot({ RATE_LIMIT_CONVERSATION_PER_MINUTE: '3' });
    try {
      const conversation = { id: 'chatty' };
      for (let i = 0; i < 3; i++) expect((await post(bot.url, message('hej', { conversation }))).status).toBe(200);
      const limited = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message('hej', { conversation })) });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await limited.json()).toMatchObject({ error: 'RATE_LIMITED', message: expect.stringMatching(/Please wait \d+ seconds/) });
      expect((await post(bot.url, message('hej', { conversation: { id: 'calm' } }))).status).toBe(200);
    } finally {
      await bot.stop();
    }
  });

  it('per client IP', async () => {
    const bot = await startBot({ RATE_LIMIT_IP_PER_MINUTE: '5' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await post(bot.url, message('hej'))).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
      // The health check is not limited.
      expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    } finally {
      await bot.stop();
    }
  });

  it('the limiter allows again after the window, and forgets idle keys', () => {
    let now = 0;
    const limiter = new RateLimiter({ limit: 2, windowMs: 1000 }, () => now, 3);
    expect([limiter.hit('a').allowed, limiter.hit('a').allowed, limiter.hit('a').allowed]).toEqual([true, true, false]);
    now = 2500;
    expect(limiter.hit('a').allowed).toBe(true);
    for (const k of ['b', 'c', 'd', 'e']) limiter.hit(k);
    expect(limiter.hit('a').allowed).toBe(true);
  });
});
