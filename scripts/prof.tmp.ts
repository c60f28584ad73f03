import path from 'node:path';
import { loadKnowledge } from '../knowledge/loader';
import { Analyzer } from '../knowledge/matching/analyzer';
import { FaqMatcher } from '../knowledge/matching/matcher';
const data = loadKnowledge(path.resolve(__dirname, '..', 'knowledge'));
const known = [...data.entries.flatMap((e) => [...e.questions.da.map((text) => ({ text, language: 'da' as const })), ...e.questions.en.map((text) => ({ text, language: 'en' as const }))]), ...data.outOfScope.examples.da.map((text) => ({ text, language: 'da' as const }))];
let t = performance.now();
const a = new Analyzer(data.concepts, [...data.language.stopWords.da, ...data.language.stopWords.en], known, data.matching);
console.log('analyzer', (performance.now() - t).toFixed(0)); t = performance.now();
const m = new FaqMatcher(data.entries, data.outOfScope, a, data.matching);
console.log('matcher', (performance.now() - t).toFixed(0), m.size);
// term distribution
const dist = new Map<string, Map<string, number>>();
for (const e of data.entries) for (const q of [...e.questions.da, ...e.questions.en]) for (const t of new Set(a.analyze(q).terms.map(x=>x.id))) { const row = dist.get(t) ?? new Map(); row.set(e.id, (row.get(e.id) ?? 0) + 1); dist.set(t, row); }
for (const term of ['#email','#account','#order','#password','#customer-id','#phone','#login','#change','#payment','#transaction','#acquirer','#find','#admin','#money','#when','#address','#card']) {
  const row = [...(dist.get(term) ?? new Map())].sort((x,y)=>y[1]-x[1]); const tot = row.reduce((s,x)=>s+x[1],0);
  console.log(term, row.length, tot, row.slice(0,4).map(([k,v])=>`${k}:${v}`).join(' '));
}
