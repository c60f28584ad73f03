import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { spawnBot } from '../test/helpers/process';
import { tempDir } from '../test/helpers/tmp';
import { cycle, LoadClient, loadTestEnv, mixedScript } from './loadClient';

/**
 * `npm run soak`: a steady load on the real bot (its own process, SQLite) for SOAK_SECONDS
 * (default 600), sampling the server's resident memory. Memory must stay bounded.
 */
const seconds = Number(process.env.SOAK_SECONDS ?? '600');
const conversations = Number(process.env.SOAK_CONVERSATIONS ?? '50');
const turnsPerSecondEach = Number(process.env.SOAK_RATE ?? '2');
const client = new LoadClient(conversations * 2);

function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? '0') / 1024;
}

async function main(): Promise<void> {
  const bot = await spawnBot({ ...loadTestEnv, DATABASE_URL: `file:${path.join(tempDir('soak'), 'soak.db')}` });
  // Production log level (one line per turn); drop the captured output so the soak measures the server, not us.
  bot.child.stdout?.removeAllListeners('data').resume();
  const pid = bot.child.pid!;
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
          ({ status } = await client.send(bot.url, `soak-${worker}-${Math.floor(turn / mixedScript.length)}`, cycle(mixedScript, turn)));
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
  client.destroy();
  const max = Math.max(...samples.map((s) => s.rss));
  console.log(`Soak: ${seconds} s, ${conversations} conversations × ${turnsPerSecondEach} turns/s, ${turns} turns OK, ${failures} failed (${resets} of them connection resets).`);
  console.log(`RSS start ${samples[0]?.rss.toFixed(0)} MiB (after start-up), after ${samples[1]?.t} s ${samples[1]?.rss.toFixed(0)} MiB, end ${samples.at(-1)?.rss.toFixed(0)} MiB, max ${max.toFixed(0)} MiB.`);
  console.log(`Samples (s: MiB): ${samples.map((s) => `${s.t}: ${s.rss.toFixed(0)}`).join(', ')}`);
}

void main();
