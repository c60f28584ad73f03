import path from 'node:path';
import { KnowledgeBase } from '../knowledge/knowledgeBase';
import { loadKnowledge } from '../knowledge/loader';
import { loadPart } from '../test/eval/corpus';
import { evaluate, longAndStory, rates } from '../test/eval/evaluate';
const base = loadKnowledge(path.resolve('/work/main/knowledge'));
const cases = loadPart('tuning');
const grid = JSON.parse(process.argv[2] ?? '[{}]');
for (const g of grid) {
  const data = { ...base, matching: { ...base.matching, ...g, training: { ...base.matching.training, ...(g.training ?? {}) } } };
  const t0 = performance.now();
  const kb = new KnowledgeBase(data);
  const built = performance.now() - t0;
  const r = evaluate(kb, cases); const x = rates(r.overall); const ls = rates(longAndStory(r));
  console.log(JSON.stringify(g), `top1 ${(x.top1*100).toFixed(1)} LS ${(ls.top1*100).toFixed(1)} wrong ${(x.wrong*100).toFixed(1)} clarR ${(x.clarifiedWithRight*100).toFixed(1)} oos ${(x.rejected*100).toFixed(1)} hand ${(x.handoff*100).toFixed(1)} build ${built.toFixed(0)}ms`);
}
