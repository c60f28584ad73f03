import path from 'node:path';
import { KnowledgeBase } from '../knowledge/knowledgeBase';
import { evaluate, loadEvalSet, type EvalSetName } from '../test/eval/evaluate';

/** `npm run eval`: top-1 accuracy in scope, out-of-scope rejection, and every miss, for both sets. */
const kb = KnowledgeBase.load(path.resolve(__dirname, '..', 'knowledge'));
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const lines: string[] = [];
for (const name of ['tuning', 'holdout'] as EvalSetName[]) {
  const report = evaluate(kb, loadEvalSet(name));
  lines.push(`== ${name} set${name === 'holdout' ? ' (never tuned on)' : ' (used for calibration)'}`);
  lines.push(`In scope:     ${report.correct}/${report.inScope} top-1 correct = ${pct(report.accuracy)} (target 95%)`);
  lines.push(`              ${report.clarifiedWithCorrect} more offered the right entry in a clarification`);
  lines.push(`Out of scope: ${report.rejected}/${report.outOfScope} rejected = ${pct(report.rejection)} (target 90%)`);
  lines.push(`Language:     ${report.languageCorrect}/${report.inScope} detected correctly = ${pct(report.languageAccuracy)}`);
  if (report.misses.length > 0) {
    lines.push('Misses:');
    for (const m of report.misses) lines.push(`  [${m.expected} -> ${m.got}${m.confidence !== undefined ? ` @${m.confidence.toFixed(3)}` : ''}] ${m.q}`);
  }
  lines.push('');
}
process.stdout.write(lines.join('\n') + '\n');
