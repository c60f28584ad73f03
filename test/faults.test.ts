import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { message, post, startBot } from './helpers/server';
import { freshDatabaseUrl, dropDatabase, testProvider } from './helpers/database';
import { MailSink } from './helpers/mailSink';
import { spawnBot } from './helpers/process';
import { TcpProxy } from './helpers/tcpProxy';
import path from 'node:path';
import Database from 'better-sqlite3';
import { tempDir } from './helpers/tmp';

/**
 * Fault tests that touch the machine's services. They run alone (`npm run test:faults`, in band),
 * after the rest of the suite, because they stop and start the local PostgreSQL.
 */
jest.setTimeout(120_000);

const cluster = fs.existsSync('/etc/postgresql') ? fs.readdirSync('/etc/postgresql')[0] : undefined;
const canControlPostgres = cluster !== undefined && process.getuid?.() === 0;

function postgres(action: 'start' | 'stop'): void {
  execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', cluster!, 'main', action], { stdio: 'ignore' });
}

async function waitForPostgres(): Promise<void> {
  for (let i = 0; i < 60; i++) {
    try {
      execFileSync('pg_isready', ['-h', '127.0.0.1', '-p', '5432'], { stdio: 'ignore' });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  throw new Error('PostgreSQL did not come back');
}

(canControlPostgres ? describe : describe.skip)('PostgreSQL stopped and started again', () => {
  it('account dialogs say the service is unavailable, FAQ keeps working, one log line per incident, then it recovers by itself', async () => {
    const sink = await new MailSink().start();
    const url = freshDatabaseUrl('fault');
    const bot = await startBot({ DATABASE_URL: url, SMTP_URL: sink.url });
    const say = async (conversation: string, text: string): Promise<string> => {
      const { status, replies } = await post(bot.url, message(text, { conversation: { id: conversation } }));
      expect(status).toBe(200);
      return replies.map((r) => r.text).join('\n');
    };
    try {
      expect(await say('pg-1', 'min konto er låst')).toMatch(/kunde-ID/);
      postgres('stop');
      try {
        expect(await say('pg-1', '100001')).toMatch(/midlertidigt utilgængeligt/);
        expect(await say('pg-2', 'hvad er jeres telefonnummer')).toMatch(/\+45 7020 3077/);
        expect(await say('pg-3', 'min konto er låst')).toMatch(/kunde-ID/);
        expect(await say('pg-3', '100001')).toMatch(/midlertidigt utilgængeligt/);
        expect((await (await fetch(`${bot.url}/healthz`)).json()) as unknown).toMatchObject({ status: 'degraded', database: { state: 'down' } });
      } finally {
        postgres('start');
        await waitForPostgres();
      }
      const events = bot.logs.map((l) => JSON.parse(l) as { event: string });
      expect(events.filter((e) => e.event === 'store_unavailable')).toHaveLength(1);
      // Recovers without a restart.
      expect(await say('pg-4', 'min konto er låst')).toMatch(/kunde-ID/);
      expect(await say('pg-4', '100001')).toMatch(/engangskode/);
      expect(bot.logs.some((l) => l.includes('"event":"store_recovered"'))).toBe(true);
    } finally {
      await bot.stop();
      await dropDatabase(url);
      await sink.stop();
    }
  });
});

(testProvider === 'postgresql' ? describe : describe.skip)('PostgreSQL unreachable at start-up', () => {
  it('the bot starts anyway: FAQ answers, account flows "temporarily unavailable", /healthz degraded; it migrates and connects when the database answers', async () => {
    const sink = await new MailSink().start();
    // The database's address points at a closed port; later the port forwards to the real PostgreSQL.
    const proxy = await TcpProxy.reserve({ host: '127.0.0.1', port: 5432 });
    const realUrl = freshDatabaseUrl('startup');
    const bot = await spawnBot({ DATABASE_URL: proxy.rewrite(realUrl), NODE_ENV: 'development', DEMO_DATA: 'on', SMTP_URL: sink.url });
    const say = async (conversation: string, text: string): Promise<string> => {
      const { status, replies } = await post(bot.url, message(text, { conversation: { id: conversation } }));
      expect(status).toBe(200);
      return replies.map((r) => r.text).join('\n');
    };
    const health = async (): Promise<unknown> => (await fetch(`${bot.url}/healthz`)).json();
    try {
      expect(await health()).toMatchObject({ status: 'degraded', database: { state: 'down', provider: 'postgresql' } });
      expect(await say('start-1', 'hvad er jeres telefonnummer')).toMatch(/\+45 7020 3077/);
      expect(await say('start-2', 'min konto er låst')).toMatch(/kunde-ID/);
      expect(await say('start-2', '100001')).toMatch(/midlertidigt utilgængeligt/);
      expect(bot.output.join('')).toMatch(/"event":"store_unavailable".*"phase":"start"/);

      await proxy.open();
      const deadline = Date.now() + 30_000;
      while (((await health()) as { status: string }).status !== 'ok') {
        if (Date.now() > deadline) throw new Error(`the bot did not connect:\n${bot.output.join('')}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      // Migrated and the demo data loaded on the way, without a restart (the demo data may land just after /healthz says ok).
      while (!/"event":"demo_data_loaded"/.test(bot.output.join(''))) {
        if (Date.now() > deadline) throw new Error(`the demo data was not loaded:\n${bot.output.join('')}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(await say('start-3', 'min konto er låst')).toMatch(/kunde-ID/);
      expect(await say('start-3', '100001')).toMatch(/engangskode/);
      expect(bot.output.join('')).toMatch(/"event":"store_recovered"/);
      expect(bot.output.join('')).toMatch(/"event":"demo_data_loaded"/);
      const mailDeadline = Date.now() + 10_000;
      while (sink.mailsTo('kontakt@nordicbikes.dk').length === 0 && Date.now() < mailDeadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(sink.mailsTo('kontakt@nordicbikes.dk')).toHaveLength(1);
    } finally {
      bot.child.kill('SIGTERM');
      await bot.exited;
      await proxy.close();
      await dropDatabase(realUrl);
      await sink.stop();
    }
  });
});

describe('SQLite file write-locked by another process', () => {
  it('account dialogs say the service is unavailable, FAQ keeps working, one log line, then it recovers by itself', async () => {
    const sink = await new MailSink().start();
    const file = path.join(tempDir('sqlite-fault'), 'bot.db');
    const bot = await startBot({ DATABASE_URL: `file:${file}`, SMTP_URL: sink.url });
    const say = async (conversation: string, text: string): Promise<string> => {
      const { status, replies } = await post(bot.url, message(text, { conversation: { id: conversation } }));
      expect(status).toBe(200);
      return replies.map((r) => r.text).join('\n');
    };
    try {
      expect(await say('lite-1', 'min konto er låst')).toMatch(/kunde-ID/);
      // Another process (a backup, an admin's sqlite3 shell) holds the file's write lock for good:
      // the bot can still read, but no write gets through within its lock timeout.
      const locker = new Database(file);
      try {
        locker.exec('BEGIN IMMEDIATE');
        locker.exec(`INSERT INTO "AuditEvent" ("actor", "action", "channel", "outcome") VALUES ('system', 'lock-test', 'test', 'success')`);
        expect(await say('lite-1', '100001')).toMatch(/midlertidigt utilgængeligt/);
        expect(await say('lite-2', 'hvad er jeres telefonnummer')).toMatch(/\+45 7020 3077/);
        expect(await say('lite-3', 'min konto er låst')).toMatch(/kunde-ID/);
        expect(await say('lite-3', '100001')).toMatch(/midlertidigt utilgængeligt/);
        expect((await (await fetch(`${bot.url}/healthz`)).json()) as unknown).toMatchObject({ status: 'degraded', database: { state: 'down' } });
        locker.exec('ROLLBACK');
      } finally {
        locker.close();
      }
      const events = bot.logs.map((l) => JSON.parse(l) as { event: string });
      expect(events.filter((e) => e.event === 'store_unavailable')).toHaveLength(1);
      // Recovers without a restart (after the short retry interval).
      await new Promise((r) => setTimeout(r, 600));
      expect(await say('lite-4', 'min konto er låst')).toMatch(/kunde-ID/);
      expect(await say('lite-4', '100001')).toMatch(/engangskode/);
      expect(bot.logs.some((l) => l.includes('"event":"store_recovered"'))).toBe(true);
      // Exactly one code was mailed: the one after recovery.
      expect(sink.mails).toHaveLength(1);
    } finally {
      await bot.stop();
      await sink.stop();
    }
  });
});

describe('SIGTERM', () => {
  it('finishes the turn in flight, saves its state and exits 0', async () => {
    const url = freshDatabaseUrl('sigterm');
    const bot = await spawnBot({ DATABASE_URL: url, NODE_ENV: 'development', DEMO_DATA: 'on' });
    const body = JSON.stringify(message('min konto er låst', { conversation: { id: 'term-1' } }));
    const { port } = new URL(bot.url);
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: '/api/messages', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      // Half the request now, SIGTERM, then the rest: the turn is in flight when the signal arrives.
      req.write(body.slice(0, 20));
      setTimeout(() => {
        bot.child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(20)), 300);
      }, 200);
    });
    const { status, text } = await response;
    expect(status).toBe(200);
    expect(text).toMatch(/kunde-ID/);
    expect(await bot.exited).toBe(0);
    expect(bot.output.join('')).toMatch(/"event":"shutting_down"/);
    expect(bot.output.join('')).toMatch(/"event":"stopped"/);
    expect(bot.output.join('')).not.toMatch(/shutdown_timeout/);
    // Its state was saved: a new process continues the conversation.
    const next = await spawnBot({ DATABASE_URL: url, NODE_ENV: 'development' });
    try {
      const { replies } = await post(next.url, message('100003', { conversation: { id: 'term-1' } }));
      expect(replies.map((r) => r.text).join('\n')).toMatch(/engangskode/);
    } finally {
      next.child.kill('SIGTERM');
      await next.exited;
      await dropDatabase(url);
    }
  });
});
