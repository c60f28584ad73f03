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
 * How the examples are cut into folds: `hash` (5 parts by a hash of the question), or `writer`
 * (one fold per file: each batch answered by a matcher trained on the other batches only, the
 * better estimate of a stranger's messages, since one writer's cases resemble each other).
 */
export type Folding = 'hash' | 'writer';

/**
 * The labelled examples (knowledge/examples/) measured honestly: the matcher learns from them, so each
 * example is answered by a matcher trained on the phrasings and on the other folds only. What this says
 * is how well the examples carry over to messages like them that the matcher has not seen (somewhat
 * optimistic with `hash` folds: examples written by one person in one sitting resemble each other).
 * `scored` (default: all) picks which examples are reported; training always uses all the others.
 */
export function crossValidate(knowledgeDir: string, examples: LoadedCase[], scored: (c: LoadedCase) => boolean = () => true, folding: Folding = 'hash'): EvalReport {
  const base: KnowledgeData = loadKnowledge(knowledgeDir);
  const reference = KnowledgeBase.load(knowledgeDir);
  const files = [...new Set(examples.map((c) => c.file))];
  const folds = folding === 'writer' ? files.length : CROSS_VALIDATION_FOLDS;
  const fold = (c: LoadedCase): number => (folding === 'writer' ? files.indexOf(c.file) : foldOf(c, folds));
  const trained = new Map<number, KnowledgeBase>();
  const kbFor = (c: LoadedCase): KnowledgeBase => {
    const f = fold(c);
    let kb = trained.get(f);
    if (!kb) {
      const others = examples.filter((o) => fold(o) !== f).map(asExample);
      kb = new KnowledgeBase({ ...base, examples: others }, reference.openingHours, reference.agentChecklist);
      trained.set(f, kb);
    }
    return kb;
  };
  return evaluate(kbFor, examples.filter(scored));
}
