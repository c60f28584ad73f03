import path from 'node:path';
import { KnowledgeBase } from '../knowledge/knowledgeBase';
import { evaluate } from '../test/eval/evaluate';

/** `npm run eval`: top-1 accuracy in scope, out-of-scope rejection, and every miss. */
const kb = KnowledgeBase.load(path.resolve(__dirname, '..', 'knowledge'));
const report = evaluate(kb);
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
console.log(`In scope:     ${report.correct}/${report.inScope} top-1 correct = ${pct(report.accuracy)} (target 95%)`);
console.log(`              ${report.clarifiedWithCorrect} more offered the right entry in a clarification`);
console.log(`Out of scope: ${report.rejected}/${report.outOfScope} rejected = ${pct(report.rejection)} (target 90%)`);
console.log(`Language:     ${report.languageCorrect}/${report.inScope} detected correctly = ${pct(report.languageAccuracy)}`);
if (report.misses.length > 0) {
  console.log('\nMisses:');
  for (const m of report.misses) {
    console.log(`  [${m.expected} -> ${m.got}${m.confidence !== undefined ? ` @${m.confidence.toFixed(3)}` : ''}] ${m.q}`);
  }
}
