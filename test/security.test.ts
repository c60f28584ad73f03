import { RateLimiter } from '../lib/rateLimiter';
import { message, post, startBot } from './helpers/server';

describe('Bot Framework authentication', () => {
  it('with app credentials set, /api/messages accepts only signed requests (401 otherwise) and never logs the secret', async () => {
    const password = 'very-secret-bot-password-1234';
    const bot = await startBot({ MicrosoftAppId: '5f7c4a6e-1d2b-4c3d-9e8f-0a1b2c3d4e5f', MicrosoftAppPassword: password, MicrosoftAppType: 'MultiTenant' });
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
