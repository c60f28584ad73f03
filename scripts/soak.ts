import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { spawnBot } from '../test/helpers/process';
import { tempDir } from '../test/helpers/tmp';

/**
 * `npm run soak`: a steady load on the real bot (its own process, SQLite) for SOAK_SECONDS
 * (default 600), sampling the server's resident memory. Memory must stay bounded.
 */
const seconds = Number(process.env.SOAK_SECONDS ?? '600');
const conversations = Number(process.env.SOAK_CONVERSATIONS ?? '50');
const turnsPerSecondEach = Number(process.env.SOAK_RATE ?? '2');
const script = ['hvor finder jeg mit kunde id', 'min konto er låst', 'hjælp', 'annuller', 'why is a payment marked as suspicious', 'menu', 'tak'];
const agent = new http.Agent({ keepAlive: true, maxSockets: conversations * 2 });
let seq = 0;

function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? '0') / 1024;
}

function send(port: string, conversation: string, text: string): Promise<number> {
  const body = JSON.stringify({ type: 'message', id: `s${++seq}`, text, channelId: 'soak', deliveryMode: 'expectReplies', conversation: { id: conversation }, from: { id: 'u' }, recipient: { id: 'bot' }, locale: 'da-DK' });
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/api/messages', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function main(): Promise<void> {
  const bot = await spawnBot({
    DATABASE_URL: `file:${path.join(tempDir('soak'), 'soak.db')}`,
    NODE_ENV: 'development',
    DEMO_DATA: 'on',
    LOG_LEVEL: 'info',
    RATE_LIMIT_IP_PER_MINUTE: '100000000',
    RATE_LIMIT_CONVERSATION_PER_MINUTE: '100000',
  });
  // Production log level (one line per turn); drop the captured output so the soak measures the server, not us.
  bot.child.stdout?.removeAllListeners('data').resume();
  const pid = bot.child.pid!;
  const port = new URL(bot.url).port;
  const samples: { t: number; rss: number }[] = [{ t: 0, rss: rssMiB(pid) }];
  const started = performance.now();
  const end = started + seconds * 1000;
  let turns = 0;
  let failures = 0;
  let resets = 0;
  const sampler = setInterval(() => samples.push({ t: Math.round((performance.now() - started) / 1000), rss: rssMiB(pid) }), 30_000);
  const interval = 1000 / turnsPerSecondEach;
  await Promise.all(
    Array.from({ length: conversations }, async (_, worker) => {
      await new Promise((r) => setTimeout(r, (worker * interval) / conversations));
      for (let turn = 0; performance.now() < end; turn++) {
        const due = performance.now() + interval;
        let status = 0;
        try {
          status = await send(port, `soak-${worker}-${Math.floor(turn / script.length)}`, script[turn % script.length]!);
        } catch (error: unknown) {
          // A kept-alive socket the server closed at the same moment (ECONNRESET): counted, not fatal.
          resets++;
          if (!(error instanceof Error && 'code' in error && error.code === 'ECONNRESET')) throw error;
        }
        if (status === 200) turns++;
        else failures++;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
    }),
  );
  clearInterval(sampler);
  samples.push({ t: Math.round((performance.now() - started) / 1000), rss: rssMiB(pid) });
  bot.child.kill('SIGTERM');
  await bot.exited;
  agent.destroy();
  const max = Math.max(...samples.map((s) => s.rss));
  console.log(`Soak: ${seconds} s, ${conversations} conversations × ${turnsPerSecondEach} turns/s, ${turns} turns OK, ${failures} failed (${resets} of them connection resets).`);
  console.log(`RSS start ${samples[0]!.rss.toFixed(0)} MiB (after start-up), after 30 s ${samples[1]?.rss.toFixed(0)} MiB, end ${samples[samples.length - 1]!.rss.toFixed(0)} MiB, max ${max.toFixed(0)} MiB.`);
  console.log(`Samples (s: MiB): ${samples.map((s) => `${s.t}: ${s.rss.toFixed(0)}`).join(', ')}`);
}

void main();
