import { evaluate, loadEvalSet } from './eval/evaluate';
import { realKnowledge } from './helpers/knowledge';

describe('labelled evaluation set', () => {
  const set = loadEvalSet();
  it('is big enough to mean something', () => {
    expect(set.inScope.length).toBeGreaterThanOrEqual(150);
    expect(set.outOfScope.length).toBeGreaterThanOrEqual(40);
    expect(set.inScope.some((c) => c.lang === 'da')).toBe(true);
    expect(set.inScope.some((c) => c.lang === 'en')).toBe(true);
  });

  it('labels only entries that exist, and covers every entry', () => {
    const kb = realKnowledge();
    const ids = new Set(kb.entries.map((e) => e.id));
    for (const c of set.inScope) expect(ids.has(c.expect)).toBe(true);
    for (const id of ids) expect(set.inScope.some((c) => c.expect === id)).toBe(true);
  });

  it('meets the accuracy and rejection floors', () => {
    const report = evaluate(realKnowledge(), set);
    expect(report.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(report.rejection).toBeGreaterThanOrEqual(0.9);
    expect(report.languageAccuracy).toBeGreaterThanOrEqual(0.9);
  });
});
