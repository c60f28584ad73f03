import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { dropDatabase } from '../test/helpers/database';
import { spawnBot, type BotProcess } from '../test/helpers/process';
import { tempDir } from '../test/helpers/tmp';
import { cycle, LoadClient, loadTestEnv, mixedScript } from './loadClient';
import { matcherBenchmark } from './matcherBench';
import { floodBenchmark } from './floodBench';

/**
 * `npm run bench`: matcher latency, then /api/messages throughput and latency with expectReplies
 * for the real bot (SQLite and PostgreSQL), a minimal echo bot on the same stack, and the echo run
 * through a botbuilder-dialogs waterfall (state in memory, then in SQLite through the bot's Prisma
 * Storage), each server in its own process. Each server is warmed up with 5 s of load first.
 * Set BENCH_SECONDS (default 10) per closed-loop measurement (open loop: at least 30 s) and
 * BENCH_ROUNDS (default 3) closed-loop rounds; BENCH_PART=throughput skips the matcher and flood
 * benchmarks. Every closed-loop server is reported as a ratio of the dialog echo with its state in
 * memory (the least a botbuilder-dialogs bot does on a turn), and of the plain echo. Prints Markdown
 * for BENCHMARKS.md.
 */
const seconds = Number(process.env.BENCH_SECONDS ?? '10');
const rounds = Number(process.env.BENCH_ROUNDS ?? '3');
const warmupSeconds = 5;
// At 50 turns/s, 30 s give 1,500 latencies: enough for a p99 that is not just the fifth-worst turn.
const openLoopSeconds = Math.max(seconds, 30);
const postgresUrl = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const throughputOnly = process.env.BENCH_PART === 'throughput';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
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
async function closedLoop(url: string, conversations: number, runId: string, duration = seconds): Promise<LoadResult> {
  const latencies: number[] = [];
  const end = performance.now() + duration * 1000;
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
  const end = started + openLoopSeconds * 1000;
  await Promise.all(
    Array.from({ length: conversations }, async (_, worker) => {
      await new Promise((r) => setTimeout(r, (worker * intervalMs) / conversations));
      for (let turn = 0; performance.now() < end; turn++) {
        const due = performance.now() + intervalMs;
        latencies.push(await send(url, `${runId}-o${worker}-${Math.floor(turn / mixedScript.length)}`, cycle(mixedScript, turn)));
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { turnsPerSecond: latencies.length / ((performance.now() - started) / 1000), p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}


/** Starts a server and warms it up under load until V8 has optimised its hot code (a few thousand turns). */
async function started(start: () => Promise<BotProcess>, name: string): Promise<BotProcess> {
  const server = await start();
  await closedLoop(server.url, 50, `warmup-${name}`, warmupSeconds);
  return server;
}

async function stop(server: BotProcess): Promise<void> {
  server.child.kill('SIGTERM');
  await server.exited;
}

function row(what: string, r: LoadResult, extra = ''): string {
  return `| ${what} | ${r.turnsPerSecond.toFixed(0)} | ${r.p50.toFixed(2)} ms | ${r.p99.toFixed(2)} ms |${extra}`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? NaN) + upper) / 2;
}

async function main(): Promise<void> {
  const lines: string[] = [];
  const floodLines: string[] = [];
  lines.push(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${seconds} s per closed-loop run, ${rounds} rounds, ${openLoopSeconds} s per open-loop run, after 5 s of warm-up load per server; load generator in its own process.`);
  lines.push('');

  // Matcher alone (start-up, ordinary and hostile messages, synthetic 10× and 100× knowledge bases).
  if (!throughputOnly) lines.push(...matcherBenchmark());
  lines.push('| server, load | turns/s | p50 | p99 | vs dialog echo | vs echo |');
  lines.push('|---|---|---|---|---|---|');

  const echoScript = path.resolve(__dirname, 'echoBot.ts');
  const sqliteUrl = `file:${path.join(tempDir('bench'), 'bench.db')}`;
  const pgUrl = `${postgresUrl}${postgresUrl.includes('?') ? '&' : '?'}schema=t_bench_${process.pid}`;
  // All servers run side by side (an idle one costs nothing) and the closed-loop runs take turns, round
  // after round, so a drift in this shared VM's speed hits every server alike; ratios are per round.
  type ServerName = 'echo' | 'dialogs' | 'dialogs-sqlite' | 'sqlite' | 'postgresql';
  const servers: { name: ServerName; label: string; server?: BotProcess; error?: string; runs: LoadResult[] }[] = [
    { name: 'echo', label: 'echo bot', runs: [] },
    { name: 'dialogs', label: 'echo through a dialog, state in memory', runs: [] },
    { name: 'dialogs-sqlite', label: 'echo through a dialog, state in SQLite (the bot\'s Storage)', runs: [] },
    { name: 'sqlite', label: 'helpdesk bot, SQLite', runs: [] },
    { name: 'postgresql', label: 'helpdesk bot, PostgreSQL', runs: [] },
  ];
  const starts: Record<ServerName, () => Promise<BotProcess>> = {
    echo: () => spawnBot({}, 30_000, echoScript),
    dialogs: () => spawnBot({ ECHO_MODE: 'dialogs' }, 30_000, echoScript),
    'dialogs-sqlite': () => spawnBot({ ECHO_MODE: 'dialogs-prisma', DATABASE_URL: `file:${path.join(tempDir('bench'), 'dialogs.db')}` }, 30_000, echoScript),
    sqlite: () => spawnBot({ ...loadTestEnv, DATABASE_URL: sqliteUrl }),
    postgresql: () => spawnBot({ ...loadTestEnv, DATABASE_URL: pgUrl }),
  };
  try {
    for (const s of servers) {
      try {
        s.server = await started(starts[s.name], s.name);
      } catch (error: unknown) {
        s.error = error instanceof Error ? error.message.split('\n')[0] : String(error);
      }
    }
    for (let round = 0; round < rounds; round++)
      for (const s of servers) if (s.server) s.runs.push(await closedLoop(s.server.url, 50, `${s.name}-r${round}`));
    const [echo, dialogEcho] = servers;
    if (!echo || !dialogEcho) throw new Error('no echo servers to compare with');
    /** The median of the per-round ratios of `s` to `reference` (each round's servers ran back to back). */
    const ratio = (s: (typeof servers)[number], reference: (typeof servers)[number]): string =>
      s === reference ? '1.00' : median(s.runs.map((r, i) => r.turnsPerSecond / (reference.runs[i]?.turnsPerSecond ?? NaN))).toFixed(2);
    for (const s of servers) {
      if (!s.server) {
        lines.push(`| ${s.label} | not measured: ${s.error ?? 'no server'} | | | | |`);
        continue;
      }
      // The middle run by throughput (its own latencies with it).
      const typical = [...s.runs].sort((a, b) => a.turnsPerSecond - b.turnsPerSecond)[Math.floor((s.runs.length - 1) / 2)];
      if (!typical) {
        lines.push(`| ${s.label} | not measured: no run (BENCH_ROUNDS=${rounds}) | | | | |`);
        continue;
      }
      const spread = ` (${s.runs.map((r) => r.turnsPerSecond.toFixed(0)).join(' / ')})`;
      lines.push(row(`${s.label}, 50 conversations closed loop, middle of ${rounds} runs${spread}`, typical) + ` ${ratio(s, dialogEcho)} | ${ratio(s, echo)} |`);
    }
    // Latency under a realistic load, 50 conversations × 1 turn/s, each server on its own: the others
    // are stopped as soon as they are no longer needed.
    for (const s of servers) {
      if (!s.server) continue;
      if (s.name === 'sqlite') lines.push(row('helpdesk bot, SQLite, 1 conversation closed loop', await closedLoop(s.server.url, 1, 'sq1')) + ' – | – |');
      if (s.name === 'sqlite' && !throughputOnly) floodLines.push(...(await floodBenchmark(s.server.url)));
      if (['echo', 'sqlite', 'postgresql'].includes(s.name)) lines.push(row(`${s.label}, 50 conversations × 1 turn/s`, await openLoop(s.server.url, 50, 1000, `${s.name}-open`)) + ' – | – |');
      await stop(s.server);
      s.server = undefined;
    }
  } finally {
    for (const s of servers) if (s.server) await stop(s.server);
    await dropDatabase(pgUrl).catch(() => undefined);
  }
  console.log([...lines, '', ...floodLines].join('\n'));
  client.destroy();
}

void main();
