import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { KnowledgeBase } from '../knowledge/knowledgeBase';
import { loadEvalSet } from '../test/eval/evaluate';
import { dropDatabase } from '../test/helpers/database';
import { spawnBot, type BotProcess } from '../test/helpers/process';
import { tempDir } from '../test/helpers/tmp';
import { LoadClient, loadTestEnv, mixedScript } from './loadClient';

/**
 * `npm run bench`: matcher latency, then /api/messages throughput and latency with expectReplies
 * for the real bot (SQLite and PostgreSQL) and a minimal echo bot on the same stack, each server in
 * its own process. Set BENCH_SECONDS (default 10) per measurement. Prints Markdown for BENCHMARKS.md.
 */
const seconds = Number(process.env.BENCH_SECONDS ?? '10');
const postgresUrl = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const client = new LoadClient(256);

/** One turn; a non-200 answer fails the benchmark. Resolves with the latency in ms. */
async function send(url: string, conversation: string, text: string): Promise<number> {
  const { status, ms } = await client.send(url, conversation, text);
  if (status !== 200) throw new Error(`status ${status}`);
  return ms;
}

interface LoadResult {
  turnsPerSecond: number;
  p50: number;
  p99: number;
}

/** Closed loop: `conversations` clients, each sending its next turn as soon as the last one is answered. */
async function closedLoop(url: string, conversations: number, runId: string): Promise<LoadResult> {
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: conversations }, async (_, worker) => {
      for (let round = 0; performance.now() < end; round++) {
        const conversation = `${runId}-c${worker}-${round}`;
        for (const text of mixedScript) {
          if (performance.now() >= end) break;
          latencies.push(await send(url, conversation, text));
        }
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { turnsPerSecond: latencies.length / ((performance.now() - started) / 1000), p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** Open loop: `conversations` users, each sending a turn every `intervalMs` (like people typing). */
async function openLoop(url: string, conversations: number, intervalMs: number, runId: string): Promise<LoadResult> {
  const latencies: number[] = [];
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: conversations }, async (_, worker) => {
      await new Promise((r) => setTimeout(r, (worker * intervalMs) / conversations));
      for (let turn = 0; performance.now() < end; turn++) {
        const due = performance.now() + intervalMs;
        latencies.push(await send(url, `${runId}-o${worker}-${Math.floor(turn / mixedScript.length)}`, mixedScript[turn % mixedScript.length]!));
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { turnsPerSecond: latencies.length / ((performance.now() - started) / 1000), p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}


async function withServer<T>(start: () => Promise<BotProcess>, work: (url: string) => Promise<T>): Promise<T> {
  const server = await start();
  try {
    for (let i = 0; i < 100; i++) await send(server.url, `warmup-${i % 10}`, mixedScript[i % mixedScript.length]!);
    return await work(server.url);
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
}

function row(what: string, r: LoadResult, extra = ''): string {
  return `| ${what} | ${r.turnsPerSecond.toFixed(0)} | ${r.p50.toFixed(2)} ms | ${r.p99.toFixed(2)} ms |${extra}`;
}

async function main(): Promise<void> {
  const lines: string[] = [];
  lines.push(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${seconds} s per measurement; load generator in its own process.`);
  lines.push('');

  // Matcher alone.
  const kb = KnowledgeBase.load(path.resolve(__dirname, '..', 'knowledge'));
  const set = loadEvalSet();
  const questions = [...set.inScope.map((c) => c.q), ...set.outOfScope.map((c) => c.q)];
  for (const q of questions) kb.understand(q, 'da');
  const samples: number[] = [];
  for (let round = 0; round < 20; round++)
    for (const q of questions) {
      const t0 = performance.now();
      kb.understand(q, 'da');
      samples.push(performance.now() - t0);
    }
  samples.sort((a, b) => a - b);
  lines.push(`Matcher, understand() per question (${samples.length} samples): p50 ${percentile(samples, 50).toFixed(3)} ms, p99 ${percentile(samples, 99).toFixed(3)} ms.`);
  lines.push('');
  lines.push('| server, load | turns/s | p50 | p99 | vs echo |');
  lines.push('|---|---|---|---|---|');

  const echoScript = path.resolve(__dirname, 'echoBot.ts');
  const echo = await withServer(() => spawnBot({}, 30_000, echoScript), async (url) => ({
    closed: await closedLoop(url, 50, 'echo'),
    open: await openLoop(url, 50, 1000, 'echo-open'),
  }));
  lines.push(row('echo bot, 50 conversations closed loop', echo.closed) + ' 1.00 |');
  lines.push(row('echo bot, 50 conversations × 1 turn/s', echo.open) + ' – |');

  const sqliteUrl = `file:${path.join(tempDir('bench'), 'bench.db')}`;
  const sqlite = await withServer(() => spawnBot({ ...loadTestEnv, DATABASE_URL: sqliteUrl }), async (url) => ({
    closed1: await closedLoop(url, 1, 'sq1'),
    closed: await closedLoop(url, 50, 'sq50'),
    open: await openLoop(url, 50, 1000, 'sqopen'),
  }));
  lines.push(row('helpdesk bot, SQLite, 1 conversation closed loop', sqlite.closed1) + ' – |');
  lines.push(row('helpdesk bot, SQLite, 50 conversations closed loop', sqlite.closed) + ` ${(sqlite.closed.turnsPerSecond / echo.closed.turnsPerSecond).toFixed(2)} |`);
  lines.push(row('helpdesk bot, SQLite, 50 conversations × 1 turn/s', sqlite.open) + ' – |');

  const pgUrl = `${postgresUrl}${postgresUrl.includes('?') ? '&' : '?'}schema=t_bench_${process.pid}`;
  try {
    const pgResult = await withServer(() => spawnBot({ ...loadTestEnv, DATABASE_URL: pgUrl }), async (url) => ({
      closed: await closedLoop(url, 50, 'pg50'),
      open: await openLoop(url, 50, 1000, 'pgopen'),
    }));
    lines.push(row('helpdesk bot, PostgreSQL, 50 conversations closed loop', pgResult.closed) + ` ${(pgResult.closed.turnsPerSecond / echo.closed.turnsPerSecond).toFixed(2)} |`);
    lines.push(row('helpdesk bot, PostgreSQL, 50 conversations × 1 turn/s', pgResult.open) + ' – |');
  } catch (error: unknown) {
    lines.push(`| helpdesk bot, PostgreSQL | not measured: ${error instanceof Error ? error.message.split('\n')[0] : String(error)} | | | |`);
  } finally {
    await dropDatabase(pgUrl).catch(() => undefined);
  }
  console.log(lines.join('\n'));
  client.destroy();
}

void main();
