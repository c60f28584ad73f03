import { EVAL_PARTS, HANDOFF, OUT_OF_SCOPE, loadFloors, loadPart, type LoadedCase } from './eval/corpus';
import { evaluate, longAndStory, rates } from './eval/evaluate';
import { crossValidate } from './eval/crossValidate';
import { knowledgeDir, realKnowledge } from './helpers/knowledge';
import { foldText } from '../knowledge/normalize';

const floors = loadFloors();
const corpus = EVAL_PARTS.flatMap((part) => loadPart(part));
const kinds = (cases: LoadedCase[]) => ({
  inScope: cases.filter((c) => c.expect !== OUT_OF_SCOPE && c.expect !== HANDOFF),
  outOfScope: cases.filter((c) => c.expect === OUT_OF_SCOPE),
  handoff: cases.filter((c) => c.expect === HANDOFF),
});

describe('the evaluation corpus', () => {
  it('is big enough, in both languages and both parts', () => {
    const all = kinds(corpus);
    expect(all.inScope.length).toBeGreaterThanOrEqual(floors.minimumCases.inScope);
    expect(all.outOfScope.length).toBeGreaterThanOrEqual(floors.minimumCases.outOfScope);
    expect(all.handoff.length).toBeGreaterThanOrEqual(floors.minimumCases.handoff);
    // What the matcher is developed on (the examples and the tuning batches) and what it is only measured on.
    for (const side of [corpus.filter((c) => c.part !== 'locked'), corpus.filter((c) => c.part === 'locked')]) {
      const own = kinds(side);
      for (const lang of ['da', 'en'] as const) expect(own.inScope.filter((c) => c.lang === lang).length).toBeGreaterThan(100);
      expect(own.outOfScope.length).toBeGreaterThan(50);
      expect(own.handoff.length).toBeGreaterThan(20);
    }
  });

  it('labels only entries that exist, and covers every entry in the examples and in the locked part', () => {
    const ids = new Set(realKnowledge().entries.map((e) => e.id));
    for (const c of kinds(corpus).inScope) expect([c.file, c.expect, ids.has(c.expect)]).toEqual([c.file, c.expect, true]);
    for (const part of ['examples', 'locked'] as const) {
      const labelled = new Set(kinds(corpus.filter((c) => c.part === part)).inScope.map((c) => c.expect));
      expect([...ids].filter((id) => !labelled.has(id))).toEqual([]);
    }
  });

  it('never has a question in two parts', () => {
    const key = (c: LoadedCase): string => foldText(c.q.trim());
    for (const part of EVAL_PARTS) {
      const own = new Set(corpus.filter((c) => c.part === part).map(key));
      expect(corpus.filter((c) => c.part !== part && own.has(key(c))).map((c) => `${c.file}: ${c.q}`)).toEqual([]);
    }
  });

  it('keeps no locked question among the FAQ phrasings or the out-of-scope questions the matcher learns from', () => {
    const fold = (s: string): string => foldText(s.trim());
    const { entries, outOfScope } = realKnowledge().data;
    const learnt = new Set([...entries.flatMap((e) => [...e.questions.da, ...e.questions.en]), ...outOfScope.examples.da, ...outOfScope.examples.en].map(fold));
    expect(corpus.filter((c) => c.part === 'locked' && learnt.has(fold(c.q))).map((c) => c.q)).toEqual([]);
  });

  it('keeps no close copy of a locked question among the examples and out-of-scope questions (same words, or 80% of the words of a longer one)', () => {
    const wordSet = (q: string): Set<string> => new Set(foldText(q).split(' ').filter((w) => w.length > 0));
    const overlap = (a: Set<string>, b: Set<string>): number => {
      let shared = 0;
      for (const w of a) if (b.has(w)) shared += 1;
      return shared / (a.size + b.size - shared);
    };
    const locked = corpus.filter((c) => c.part === 'locked').map((c) => wordSet(c.q));
    const { outOfScope } = realKnowledge().data;
    const learnt = [...corpus.filter((c) => c.part === 'examples').map((c) => c.q), ...outOfScope.examples.da, ...outOfScope.examples.en];
    const close = learnt.filter((q) => {
      const words = wordSet(q);
      return locked.some((l) => {
        const o = overlap(l, words);
        return o >= 1 || (o >= 0.8 && l.size >= 6);
      });
    });
    expect(close).toEqual([]);
  });
});

describe.each(EVAL_PARTS)('understanding on the %s part', (part) => {
  const cases = corpus.filter((c) => c.part === part);
  // The examples are learnt from: each is answered by a matcher trained without it.
  const report = part === 'examples' ? crossValidate(knowledgeDir, cases) : evaluate(realKnowledge(), cases);
  const floor = floors.parts[part];
  const r = rates(report.overall);

  it('answers in-scope questions with the right entry', () => {
    expect(r.top1).toBeGreaterThanOrEqual(floor?.top1 ?? 1);
    expect(rates(longAndStory(report)).top1).toBeGreaterThanOrEqual(floor?.top1LongAndStory ?? 1);
  });
  it('rarely answers with a wrong entry', () => {
    expect(r.wrong).toBeLessThanOrEqual(floor?.wrongAtMost ?? 0);
  });
  it('rejects out-of-scope questions', () => {
    expect(r.rejected).toBeGreaterThanOrEqual(floor?.outOfScopeRejected ?? 1);
  });
  it('hands over to a person when asked', () => {
    expect(r.handoff).toBeGreaterThanOrEqual(floor?.handoffReached ?? 1);
  });
});
