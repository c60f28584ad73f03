import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { KnowledgeBase } from '../knowledge/knowledgeBase';
import { loadEvalSet } from '../test/eval/evaluate';
import { message, post, startBot } from '../test/helpers/server';

/**
 * `npm run bench`: matcher latency per question (p50/p99) and full-turn throughput on /api/messages
 * with expectReplies. Prints a Markdown table for BENCHMARKS.md.
 */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function benchMatcher(kb: KnowledgeBase, questions: string[]): Promise<string[]> {
  for (const q of questions) kb.understand(q, 'da'); // warm-up
  const samples: number[] = [];
  for (let round = 0; round < 20; round++) {
    for (const q of questions) {
      const t0 = performance.now();
      kb.understand(q, 'da');
      samples.push(performance.now() - t0);
    }
  }
  samples.sort((a, b) => a - b);
  return [
    `| matcher: understand() per question (${samples.length} samples) | p50 ${percentile(samples, 50).toFixed(3)} ms | p99 ${percentile(samples, 99).toFixed(3)} ms | max ${samples[samples.length - 1]!.toFixed(3)} ms |`,
  ];
}

async function benchTurns(questions: string[], concurrency: number, durationMs: number): Promise<string> {
  const bot = await startBot({ LOG_LEVEL: 'error' });
  try {
    let i = 0;
    const latencies: number[] = [];
    const end = performance.now() + durationMs;
    // Warm-up
    for (let k = 0; k < 50; k++) await post(bot.url, message(questions[k % questions.length]!));
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async (_, worker) => {
        const conversation = { id: `bench-${worker}-${Date.now()}` };
        while (performance.now() < end) {
          const q = questions[i++ % questions.length]!;
          const t0 = performance.now();
          const res = await post(bot.url, message(q, { conversation }));
          if (res.status !== 200) throw new Error(`status ${res.status}`);
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return `| /api/messages FAQ turns, ${concurrency} concurrent conversations, ${Math.round(seconds)} s | ${(latencies.length / seconds).toFixed(0)} turns/s | p50 ${percentile(latencies, 50).toFixed(2)} ms | p99 ${percentile(latencies, 99).toFixed(2)} ms |`;
  } finally {
    await bot.stop();
  }
}

async function main(): Promise<void> {
  const kb = KnowledgeBase.load(path.resolve(__dirname, '..', 'knowledge'));
  const set = loadEvalSet();
  const questions = [...set.inScope.map((c) => c.q), ...set.outOfScope.map((c) => c.q)];
  const rows: string[] = [];
  rows.push(...(await benchMatcher(kb, questions)));
  const seconds = Number(process.env.BENCH_SECONDS ?? '10');
  for (const concurrency of [1, 10, 50]) rows.push(await benchTurns(questions, concurrency, seconds * 1000));
  console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
  console.log('| what | throughput / p50 | p50 / p99 | p99 / max |\n|---|---|---|---|');
  console.log(rows.join('\n'));
}

void main();
