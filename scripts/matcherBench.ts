import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { KnowledgeBase } from '../knowledge/knowledgeBase';
import { loadKnowledge, type KnowledgeData } from '../knowledge/loader';
import { foldText } from '../knowledge/normalize';
import { loadPart } from '../test/eval/corpus';

/**
 * The matcher's own cost, in-process: start-up (loading and training), ordinary questions, hostile
 * 10,000-character messages, and the same matcher over synthetic knowledge bases 10× and 100× the
 * size. Part of `npm run bench`; `npm run bench:matcher` runs it alone. Prints Markdown.
 */
const knowledgeDir = path.resolve(__dirname, '..', 'knowledge');

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN);
}

/** Times `run` on every input, `rounds` times after one warm-up round; sorted latencies in ms. */
function time(inputs: string[], rounds: number, run: (text: string) => void): number[] {
  for (const text of inputs) run(text);
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const text of inputs) {
      const t0 = performance.now();
      run(text);
      samples.push(performance.now() - t0);
    }
  }
  return samples.sort((a, b) => a - b);
}

const ms = (x: number): string => `${x.toFixed(3)} ms`;

/** A deterministic pseudo-random generator (the bench must be repeatable). */
function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

/** Messages of MAX 10,000 characters in the shapes that cost a naive matcher most. */
export function hostileMessages(): Record<string, string[]> {
  const rnd = random(20261201);
  const letters = 'abcdefghijklmnopqrstuvwxyzæøå';
  const pick = (): string => letters[Math.floor(rnd() * letters.length)] ?? 'a';
  const vary = (base: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${base.slice(0, 9_990)} ${i}`);
  const n = 50;
  const randomWords = (): string => Array.from({ length: 2000 }, () => Array.from({ length: 2 + Math.floor(rnd() * 10) }, pick).join('')).join(' ').slice(0, 10_000);
  return {
    'one long word': vary('a'.repeat(10_000), n),
    'one long word of random letters': Array.from({ length: n }, () => Array.from({ length: 10_000 }, pick).join('')),
    'one word repeated': vary('konto '.repeat(1700), n),
    'random words': Array.from({ length: n }, randomWords),
    'misspelt words': vary('kodeordt transaktoin betalnig indloeserr mistaenkeligg '.repeat(190), n),
    '10,000 digits': vary('1'.repeat(10_000), n),
    'mixed scripts': vary('пароль密码كلمة password कूटशब्द '.repeat(320), n),
    emoji: vary('😀🔥💳'.repeat(1700), n),
    'lone surrogates': vary('min konto \ud800 er låst \udfff '.repeat(400), n),
  };
}

/**
 * The real knowledge base `copies` times over. Each copy spells its words with its own letter
 * substitution (stop words stay), so it has a vocabulary of its own with the same shape as the real
 * one: as many words, as long, as varied in their first letters.
 */
export function syntheticKnowledge(data: KnowledgeData, copies: number): { data: KnowledgeData; rename: (text: string, copy: number) => string } {
  const stop = new Set([...data.language.stopWords.da, ...data.language.stopWords.en].map(foldText));
  const alphabet = 'abcdefghijklmnopqrstuvwxyz';
  const ciphers = Array.from({ length: copies }, (_, copy) => {
    const rnd = random(1000 + copy);
    const letters = alphabet.split('');
    for (let i = letters.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [letters[i], letters[j]] = [letters[j] ?? 'a', letters[i] ?? 'a'];
    }
    return new Map(alphabet.split('').map((a, i) => [a, letters[i] ?? a]));
  });
  const rename = (text: string, copy: number): string => {
    const cipher = ciphers[copy];
    if (copy === 0 || !cipher) return text;
    return foldText(text)
      .split(' ')
      .map((w) => (stop.has(w) || /\d/.test(w) ? w : w.replace(/[a-z]/g, (ch) => cipher.get(ch) ?? ch)))
      .join(' ');
  };
  const entries = Array.from({ length: copies }, (_, copy) =>
    data.entries.map((e) => ({
      ...e,
      id: copy === 0 ? e.id : `${e.id}-c${copy}`,
      questions: { da: e.questions.da.map((q) => rename(q, copy)), en: e.questions.en.map((q) => rename(q, copy)) },
      followUps: e.followUps.map((f) => (copy === 0 ? f : `${f}-c${copy}`)),
    })),
  ).flat();
  return { data: { ...data, entries }, rename };
}

/**
 * Loading and training in a fresh process (the code is compiled before the clock starts, the JIT is
 * cold): until it can answer, and then the warm-up the bot runs in the background once it listens.
 */
function coldStartMs(storeDir?: string): { load: number; warmUp: number } {
  const store = storeDir === undefined ? '{}' : `(() => { const s = new (require(${JSON.stringify(path.join(__dirname, '..', 'knowledge', 'matching', 'modelStore'))}).FileModelStore)(${JSON.stringify(storeDir)}); return { modelStore: s, analysisStore: s }; })()`;
  const code = `const { KnowledgeBase } = require(${JSON.stringify(path.join(__dirname, '..', 'knowledge', 'knowledgeBase'))});
const t0 = performance.now(); const kb = KnowledgeBase.load(${JSON.stringify(knowledgeDir)}, ${store}); const t1 = performance.now(); kb.warmUpNow();
process.stdout.write(JSON.stringify([t1 - t0, performance.now() - t1]));`;
  const run = spawnSync(process.execPath, ['-r', require.resolve('tsx/cjs'), '-e', code], { encoding: 'utf8' });
  const [load, warmUp] = run.status === 0 ? (JSON.parse(run.stdout) as number[]) : [];
  if (load === undefined || warmUp === undefined || !Number.isFinite(load) || !Number.isFinite(warmUp)) throw new Error(`start-up run failed (status ${run.status}): ${run.stderr.slice(0, 500)}`);
  return { load, warmUp };
}

/** The median of three runs. */
const median3 = (runs: number[]): number => [...runs].sort((a, b) => a - b)[1] ?? NaN;

export function matcherBenchmark(): string[] {
  const lines: string[] = [];
  const cold = [coldStartMs(), coldStartMs(), coldStartMs()];
  // The same with the trained model and the analysed texts kept from the previous start (MATCHER_CACHE_DIR): the first run stores them.
  const storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'matcher-bench-'));
  coldStartMs(storeDir);
  const stored = [coldStartMs(storeDir), coldStartMs(storeDir), coldStartMs(storeDir)];
  fs.rmSync(storeDir, { recursive: true, force: true });
  // Start-up: the first load also compiles the code; the median of the next three is what a restart costs.
  const loads: number[] = [];
  let kb = KnowledgeBase.load(knowledgeDir);
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    kb = KnowledgeBase.load(knowledgeDir);
    loads.push(performance.now() - t0);
  }
  loads.sort((a, b) => a - b);
  kb.warmUpNow();
  const questions = [...loadPart('examples'), ...loadPart('tuning'), ...loadPart('locked')].map((c) => c.q);
  const ordinary = time(questions, 5, (q) => kb.understand(q, 'da'));
  lines.push(
    `Matcher start-up (load the YAML, build the vocabulary and spelling index, train the model; ${kb.entries.length} entries, ${kb.matcher.size.terms} terms): in a fresh process median ${median3(cold.map((r) => r.load)).toFixed(0)} ms of 3, then ${median3(cold.map((r) => r.warmUp)).toFixed(0)} ms of warm-up in the background (the neighbour groups' models); with the models and the analysed texts kept from the previous start (MATCHER_CACHE_DIR) ${median3(stored.map((r) => r.load)).toFixed(0)} ms, then ${median3(stored.map((r) => r.warmUp)).toFixed(0)} ms; again in a warm process median ${loads[1]?.toFixed(0)} ms of 3.`,
  );
  lines.push('');
  lines.push(`Ordinary questions (the evaluation corpus, ${questions.length} questions × 5): p50 ${ms(percentile(ordinary, 50))}, p99 ${ms(percentile(ordinary, 99))}, max ${ms(ordinary.at(-1) ?? NaN)}.`);
  lines.push('');
  lines.push('| hostile message (10,000 characters) | p50 | p99 | max | decision |');
  lines.push('|---|---|---|---|---|');
  let worst = 0;
  for (const [shape, inputs] of Object.entries(hostileMessages())) {
    const samples = time(inputs, 10, (q) => kb.understand(q, 'da'));
    const u = kb.understand(inputs[0] ?? '', 'da');
    const decision = u.kind === 'faq' ? u.match.decision.kind : u.smallTalk;
    worst = Math.max(worst, percentile(samples, 99));
    lines.push(`| ${shape} | ${ms(percentile(samples, 50))} | ${ms(percentile(samples, 99))} | ${ms(samples.at(-1) ?? NaN)} | ${decision} |`);
  }
  lines.push('');
  lines.push(`Worst p99 over the hostile shapes: ${ms(worst)}.`);
  lines.push('');
  lines.push('| knowledge base | entries | terms | start-up and warm-up | p50 | p99 |');
  lines.push('|---|---|---|---|---|---|');
  const real = loadKnowledge(knowledgeDir);
  const rnd = random(7);
  for (const copies of [1, 10, 100]) {
    const { data, rename } = syntheticKnowledge(real, copies);
    const t0 = performance.now();
    const big = new KnowledgeBase(data);
    big.warmUpNow();
    const built = performance.now() - t0;
    const asked = questions.slice(0, 600).map((q) => rename(q, Math.floor(rnd() * copies)));
    const samples = time(asked, 3, (q) => big.understand(q, 'da'));
    lines.push(`| ${copies}× | ${big.entries.length} | ${big.matcher.size.terms} | ${(built / 1000).toFixed(1)} s | ${ms(percentile(samples, 50))} | ${ms(percentile(samples, 99))} |`);
  }
  lines.push('');
  return lines;
}

if (require.main === module) process.stdout.write(matcherBenchmark().join('\n') + '\n');
