import { createHash } from 'node:crypto';
import { KnowledgeBase } from '../../knowledge/knowledgeBase';
import { loadKnowledge, type KnowledgeData } from '../../knowledge/loader';
import { foldText } from '../../knowledge/normalize';
import type { LabelledExample } from '../../knowledge/schema';
import type { LoadedCase } from './corpus';
import { evaluate, type EvalReport } from './evaluate';

/** Into how many parts the examples are cut: each is answered by a matcher trained on the others. */
export const CROSS_VALIDATION_FOLDS = 5;

const asExample = (c: LoadedCase): LabelledExample => ({ q: c.q, lang: c.lang, expect: c.expect });

/** A stable fold from the folded question: two copies of one question always share a fold. */
function foldOf(c: LoadedCase, folds: number): number {
  return createHash('sha1').update(foldText(c.q.trim())).digest().readUInt32BE(0) % folds;
}

/**
 * The labelled examples (knowledge/examples/) measured honestly: the matcher learns from them, so each
 * example is answered by a matcher trained on the phrasings and on the other folds only. What this says
 * is how well the examples carry over to messages like them that the matcher has not seen (somewhat
 * optimistic: examples written by one person in one sitting resemble each other).
 * `scored` (default: all) picks which examples are reported; training always uses all the others.
 */
export function crossValidate(knowledgeDir: string, examples: LoadedCase[], scored: (c: LoadedCase) => boolean = () => true, folds: number = CROSS_VALIDATION_FOLDS): EvalReport {
  const base: KnowledgeData = loadKnowledge(knowledgeDir);
  const reference = KnowledgeBase.load(knowledgeDir);
  const trained = Array.from({ length: folds }, (_, f) => {
    const others = examples.filter((c) => foldOf(c, folds) !== f).map(asExample);
    return new KnowledgeBase({ ...base, examples: others }, reference.openingHours, reference.agentChecklist);
  });
  const kbFor = (c: LoadedCase): KnowledgeBase => {
    const kb = trained[foldOf(c, folds)];
    if (!kb) throw new Error(`no fold for "${c.q}"`);
    return kb;
  };
  return evaluate(kbFor, examples.filter(scored));
}
