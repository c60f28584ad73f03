import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { spawnBot, type BotProcess } from '../test/helpers/process';
import { tempDir } from '../test/helpers/tmp';
import { cycle, LoadClient, loadTestEnv } from './loadClient';
import { hostileMessages } from './matcherBench';

/**
 * One client floods the bot with expensive messages (the hostile shapes of matcherBench, 10,000
 * characters each, every one in a conversation of its own, as the probe did); another client
 * asks ordinary questions meanwhile. Reports the other client's latency with and without the flood.
 * `npm run bench:flood` runs it alone; `npm run bench` includes it.
 */
const FLOOD_MESSAGES = 300;
const FLOOD_CONCURRENCY = 8;
const ORDINARY_TURNS = 100;
const ordinary = ['hvor finder jeg mit kunde id', 'why is a payment marked as suspicious', 'hvornår står pengene på min konto', 'hvad skal mit password indeholde'];

const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function ordinaryClient(client: LoadClient, url: string, runId: string): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < ORDINARY_TURNS; i++) {
    const { status, ms } = await client.send(url, `${runId}-ordinary-${Math.floor(i / 4)}`, cycle(ordinary, i));
    if (status !== 200) throw new Error(`ordinary client got ${status}`);
    latencies.push(ms);
  }
  return latencies.sort((a, b) => a - b);
}

async function flood(client: LoadClient, url: string, runId: string, stopAt: () => boolean): Promise<{ sent: number; ms: number }> {
  const shapes = Object.values(hostileMessages()).flat();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: FLOOD_CONCURRENCY }, async () => {
      while (next < FLOOD_MESSAGES && !stopAt()) {
        const i = next++;
        await client.send(url, `${runId}-flood-${i}`, cycle(shapes, i));
      }
    }),
  );
  return { sent: next, ms: performance.now() - started };
}

export async function floodBenchmark(url: string): Promise<string[]> {
  const ordinaryHttp = new LoadClient(4);
  const floodHttp = new LoadClient(FLOOD_CONCURRENCY);
  try {
    const quiet = await ordinaryClient(ordinaryHttp, url, 'quiet');
    let done = false;
    const flooding = flood(floodHttp, url, 'flood', () => done);
    const loud = await ordinaryClient(ordinaryHttp, url, 'loud');
    done = true;
    const { sent, ms } = await flooding;
    const factor = pct(loud, 50) / pct(quiet, 50);
    return [
      `**One client floods, another asks** (helpdesk bot on SQLite; the flood: up to ${FLOOD_MESSAGES} hostile 10,000-character messages, ${FLOOD_CONCURRENCY} at a time, each in its own conversation; the other client: ${ORDINARY_TURNS} ordinary questions one after another).`,
      '',
      '| the other client | p50 | p90 | max |',
      '|---|---|---|---|',
      `| alone | ${pct(quiet, 50).toFixed(2)} ms | ${pct(quiet, 90).toFixed(2)} ms | ${(quiet.at(-1) ?? NaN).toFixed(2)} ms |`,
      `| during the flood (${sent} flood messages in ${(ms / 1000).toFixed(1)} s) | ${pct(loud, 50).toFixed(2)} ms | ${pct(loud, 90).toFixed(2)} ms | ${(loud.at(-1) ?? NaN).toFixed(2)} ms |`,
      '',
      `Median during the flood: ${factor.toFixed(2)}× the median alone.`,
      '',
    ];
  } finally {
    ordinaryHttp.destroy();
    floodHttp.destroy();
  }
}

if (require.main === module) {
  void (async () => {
    let bot: BotProcess | undefined;
    try {
      bot = await spawnBot({ ...loadTestEnv, DATABASE_URL: `file:${path.join(tempDir('flood'), 'flood.db')}` });
      console.log((await floodBenchmark(bot.url)).join('\n'));
    } finally {
      bot?.child.kill('SIGTERM');
      await bot?.exited;
    }
  })();
}
