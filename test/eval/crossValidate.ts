import path from 'node:path';
import { KnowledgeBase } from '../../knowledge/knowledgeBase';
import { loadKnowledge, type KnowledgeData } from '../../knowledge/loader';
import type { LabelledExample } from '../../knowledge/schema';
import type { LoadedCase } from './corpus';
import { evaluate, type EvalReport } from './evaluate';

/** Into how many parts the examples are cut: each is answered by a matcher trained on the others. */
export const CROSS_VALIDATION_FOLDS = 5;

const asExample = (c: LoadedCase): LabelledExample => ({ q: c.q, lang: c.lang, expect: c.expect });

/**
 * The labelled examples (knowledge/examples/) measured honestly: the matcher learns from them, so each
 * example is answered by a matcher trained on the phrasings and on the other folds only (example i is
 * in fold i mod k). What this says is how well the examples carry over to messages like them that the
 * matcher has not seen.
 */
export function crossValidate(knowledgeDir: string, cases: LoadedCase[], folds: number = CROSS_VALIDATION_FOLDS): EvalReport {
  const base: KnowledgeData = loadKnowledge(knowledgeDir);
  const reference = KnowledgeBase.load(knowledgeDir);
  const foldOf = new Map(cases.map((c, i) => [c, i % folds]));
  const trained = Array.from({ length: folds }, (_, f) => {
    const examples = cases.filter((c) => foldOf.get(c) !== f).map(asExample);
    return new KnowledgeBase({ ...base, examples }, reference.openingHours, reference.agentChecklist);
  });
  return evaluate((c) => trained[foldOf.get(c) ?? 0] ?? reference, cases);
}

export const defaultKnowledgeDir = path.resolve(__dirname, '..', '..', 'knowledge');
