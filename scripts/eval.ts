import path from 'node:path';
import { KnowledgeBase } from '../knowledge/knowledgeBase';
import { formatExplanation } from '../knowledge/matching/explain';
import { EVAL_PARTS, EVAL_STYLES, loadPart, type EvalPart, type LoadedCase } from '../test/eval/corpus';
import { describeOutcome, evaluate, longAndStory, rates, type EvalReport, type Tally } from '../test/eval/evaluate';
import { CROSS_VALIDATION_FOLDS, crossValidate } from '../test/eval/crossValidate';

/**
 * `npm run eval`: how well the bot understands single messages, on both parts of the corpus.
 *   npm run eval                      tables for the tuning and the locked part, by style and language
 *   npm run eval -- --misses          also every miss and the confusions of the examples and the tuning part
 *   npm run eval -- --part tuning     one part only
 *   npm run eval -- --part tuning --file dev3   one batch of a part only (a fresh batch, before its misses are read)
 *   npm run eval -- --part examples --by-writer   each example file answered by a matcher trained on the other files only
 *   npm run eval -- --explain "text"  why the bot answers this text the way it does
 * The locked part is reported in figures only: it is for measuring, never for fixing.
 */
const args = process.argv.slice(2);
/** Cross-validate the examples one file (one writer) at a time instead of by hash. */
const byWriter = args.includes('--by-writer');
const knowledgeDir = path.resolve(__dirname, '..', 'knowledge');
const kb = KnowledgeBase.load(knowledgeDir);

const explainAt = args.indexOf('--explain');
if (explainAt >= 0) {
  const text = args.slice(explainAt + 1).join(' ');
  if (text.trim().length === 0) {
    process.stderr.write('Usage: npm run eval -- --explain "the question"\n');
    process.exit(2);
  }
  process.stdout.write(formatExplanation(kb.explain(text, 'da')) + '\n');
  process.exit(0);
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

function row(label: string, t: Tally): string {
  const r = rates(t);
  const inScope = t.inScope > 0 ? `${t.correct}/${t.inScope} = ${pct(r.top1)}` : '–';
  const wrong = t.inScope > 0 ? `${t.wrong} = ${pct(r.wrong)}` : '–';
  const clarified = t.inScope > 0 ? `${t.clarifiedWithRight}` : '–';
  const rejected = t.outOfScope > 0 ? `${t.rejected}/${t.outOfScope} = ${pct(r.rejected)}` : '–';
  const handoff = t.handoff > 0 ? `${t.handoffReached}/${t.handoff}` : '–';
  return `| ${label} | ${inScope} | ${wrong} | ${clarified} | ${t.notAnswered > 0 || t.inScope > 0 ? t.notAnswered : '–'} | ${rejected} | ${handoff} |`;
}

const TITLES: Record<EvalPart, string> = {
  examples: byWriter
    ? 'Labelled examples (knowledge/examples/, learnt from; cross-validated by writer: each file answered by a matcher trained on the other files only)'
    : `Labelled examples (knowledge/examples/, learnt from; ${CROSS_VALIDATION_FOLDS}-fold cross-validated: each answered by a matcher trained without it)`,
  tuning: 'Tuning part (fresh batches, not learnt from)',
  locked: 'Locked part (never tuned on)',
};

function table(part: EvalPart, report: EvalReport): string[] {
  const lines = [
    `### ${TITLES[part]}`,
    '',
    '| group | top-1 correct | wrong entry | clarified, right one offered | not answered | out of scope rejected | handoff reached |',
    '|---|---|---|---|---|---|---|',
    row('**all**', report.overall),
    row('long + story', longAndStory(report)),
  ];
  for (const style of EVAL_STYLES) {
    const t = report.byStyle.get(style);
    if (t) lines.push(row(style, t));
  }
  for (const [language, t] of report.byLanguage) lines.push(row(language === 'da' ? 'Danish' : 'English', t));
  lines.push('');
  lines.push(`Language detected right: ${pct(rates(report.overall).language)}.`);
  lines.push('');
  return lines;
}

const partAt = args.indexOf('--part');
const parts = partAt >= 0 ? EVAL_PARTS.filter((p) => p === args[partAt + 1]) : EVAL_PARTS;
const fileAt = args.indexOf('--file');
const fileName = fileAt >= 0 ? args[fileAt + 1] : undefined;
const lines: string[] = [];
for (const part of parts) {
  const all = loadPart(part);
  const inFile = (c: LoadedCase): boolean => fileName === undefined || path.basename(c.file, path.extname(c.file)) === fileName;
  const cases = all.filter(inFile);
  if (cases.length === 0) continue;
  if (fileName !== undefined) lines.push(`Only ${part === 'examples' ? 'knowledge/examples' : `test/eval/${part}`}/${fileName}.yaml (${cases.length} cases):`, '');
  // The examples are scored by matchers trained on all the other examples, whichever file is shown.
  const report = part === 'examples' ? crossValidate(knowledgeDir, all, inFile, byWriter ? 'writer' : 'hash') : evaluate(kb, cases);
  lines.push(...table(part, report));
  if (part !== 'locked' && args.includes('--misses')) {
    lines.push(`Misses (${part} part):`);
    for (const r of report.results.filter((x) => !x.right)) lines.push(`  [${r.c.expect} -> ${describeOutcome(r.outcome)}] (${r.c.style}) ${r.c.q}`);
    lines.push('');
    lines.push(`Confusions (${part} part; expected -> answered instead):`);
    for (const [expected, row] of report.confusions) lines.push(`  ${expected} -> ${[...row].map(([got, n]) => `${got} ×${n}`).join(', ')}`);
    lines.push('');
  }
}
process.stdout.write(lines.join('\n') + '\n');
