import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import type { KnowledgeBase } from '../../knowledge/knowledgeBase';
import { languageSchema } from '../../knowledge/schema';

/** The labelled evaluation set: questions written the way merchants type, independent of the FAQ phrasings. */
export const inScopeFileSchema = z.object({
  cases: z.array(z.object({ q: z.string().min(1), lang: languageSchema, expect: z.string().min(1) }).strict()).min(1),
});
export const outOfScopeFileSchema = z.object({
  cases: z.array(z.object({ q: z.string().min(1), lang: languageSchema }).strict()).min(1),
});
export type InScopeCase = z.infer<typeof inScopeFileSchema>['cases'][number];
export type OutOfScopeCase = z.infer<typeof outOfScopeFileSchema>['cases'][number];

export const evalDir = path.resolve(__dirname);

/**
 * Two sets: "tuning" (in-scope.yaml, out-of-scope.yaml) was used to calibrate thresholds and synonyms;
 * "holdout" (holdout-*.yaml) was written independently afterwards and is only ever measured, never tuned on.
 */
export type EvalSetName = 'tuning' | 'holdout';

export function loadEvalSet(name: EvalSetName = 'tuning', dir: string = evalDir): { inScope: InScopeCase[]; outOfScope: OutOfScopeCase[] } {
  const read = (file: string): unknown => YAML.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  const prefix = name === 'holdout' ? 'holdout-' : '';
  return {
    inScope: inScopeFileSchema.parse(read(`${prefix}in-scope.yaml`)).cases,
    outOfScope: outOfScopeFileSchema.parse(read(`${prefix}out-of-scope.yaml`)).cases,
  };
}

export interface Miss {
  q: string;
  expected: string;
  got: string;
  confidence?: number;
}

export interface EvalReport {
  inScope: number;
  correct: number;
  /** Correct entry among the clarification candidates (not counted as correct). */
  clarifiedWithCorrect: number;
  languageCorrect: number;
  outOfScope: number;
  rejected: number;
  accuracy: number;
  rejection: number;
  languageAccuracy: number;
  misses: Miss[];
}

function describe(kb: KnowledgeBase, q: string): { label: string; confidence?: number; candidates: string[]; language: string } {
  const u = kb.understand(q, 'da');
  if (u.kind === 'smalltalk') return { label: `smalltalk:${u.smallTalk}`, candidates: [], language: u.language };
  const d = u.match.decision;
  switch (d.kind) {
    case 'answer':
      return { label: d.best.entry.id, confidence: d.best.confidence, candidates: [d.best.entry.id], language: u.language };
    case 'clarify':
      return { label: `clarify(${d.candidates.map((c) => c.entry.id).join('|')})`, confidence: d.candidates[0]?.confidence, candidates: d.candidates.map((c) => c.entry.id), language: u.language };
    case 'fallback':
      return { label: `fallback:${d.reason}${d.candidates[0] ? `(${d.candidates[0].entry.id})` : ''}`, confidence: d.candidates[0]?.confidence, candidates: [], language: u.language };
  }
}

export function evaluate(kb: KnowledgeBase, set = loadEvalSet()): EvalReport {
  const misses: Miss[] = [];
  let correct = 0;
  let clarifiedWithCorrect = 0;
  let languageCorrect = 0;
  for (const c of set.inScope) {
    const r = describe(kb, c.q);
    if (r.language === c.lang) languageCorrect += 1;
    if (r.label === c.expect) correct += 1;
    else {
      if (r.candidates.includes(c.expect)) clarifiedWithCorrect += 1;
      misses.push({ q: c.q, expected: c.expect, got: r.label, confidence: r.confidence });
    }
  }
  let rejected = 0;
  for (const c of set.outOfScope) {
    const r = describe(kb, c.q);
    if (r.label.startsWith('fallback')) rejected += 1;
    else misses.push({ q: c.q, expected: 'fallback', got: r.label, confidence: r.confidence });
  }
  return {
    inScope: set.inScope.length,
    correct,
    clarifiedWithCorrect,
    languageCorrect,
    outOfScope: set.outOfScope.length,
    rejected,
    accuracy: correct / set.inScope.length,
    rejection: rejected / set.outOfScope.length,
    languageAccuracy: languageCorrect / set.inScope.length,
    misses,
  };
}
