import { HANDOFF_LABEL, OUT_OF_SCOPE_LABEL, type FaqEntry, type LabelledExample, type OutOfScopeData } from '../schema';

/** What the matcher learns from: the entries with their phrasings, and the out-of-scope questions. */
export interface LearningView {
  entries: FaqEntry[];
  outOfScope: OutOfScopeData;
}

/**
 * The phrasings and out-of-scope questions with the labelled examples (knowledge/examples/) added:
 * an example labelled with an entry is one more way of asking for it, one labelled `out-of-scope` one
 * more question the page does not answer. Handoff examples are left out (knowledge/intents.yaml
 * decides those). The entries the bot shows are not changed: only what the matcher reads.
 */
export function withExamples(entries: FaqEntry[], outOfScope: OutOfScopeData, examples: LabelledExample[]): LearningView {
  const added = new Map<string, { da: string[]; en: string[] }>();
  const oos = { da: [...outOfScope.examples.da], en: [...outOfScope.examples.en] };
  for (const example of examples) {
    if (example.expect === HANDOFF_LABEL) continue;
    if (example.expect === OUT_OF_SCOPE_LABEL) {
      oos[example.lang].push(example.q);
      continue;
    }
    const lists = added.get(example.expect) ?? { da: [], en: [] };
    lists[example.lang].push(example.q);
    added.set(example.expect, lists);
  }
  return {
    entries: entries.map((entry) => {
      const more = added.get(entry.id);
      return more ? { ...entry, questions: { da: [...entry.questions.da, ...more.da], en: [...entry.questions.en, ...more.en] } } : entry;
    }),
    outOfScope: { examples: oos },
  };
}
