import type { IntentRule, IntentsData } from '../schema';
import type { Analysis } from './analyzer';
import { conceptTerm } from './vocabulary';

/** The rule that recognised an intent, for the turn log and `--explain`. */
export interface IntentMatch {
  intent: 'handoff';
  rule: string;
}

const describe = (rule: IntentRule): string => `${rule.all.join(' + ')}${rule.unless.length > 0 ? ` (unless ${rule.unless.join(', ')})` : ''}`;

/**
 * Intents that are not FAQ entries, recognised by concept rules (knowledge/intents.yaml): "jeg vil
 * gerne tale med et menneske", "call me back", "stil mig videre" all ask for a person, in any
 * wording the concepts cover and inside a longer message too.
 */
export class IntentRecogniser {
  constructor(private readonly data: IntentsData) {}

  recognise(analysis: Analysis): IntentMatch | undefined {
    const positions = new Map(analysis.terms.map((t) => [t.id, t.positions]));
    const has = (concept: string): boolean => positions.has(conceptTerm(concept));
    const { handoff } = this.data;
    // The rule's concepts in its order, each within `window` words after the one before.
    const near = (rule: IntentRule): boolean => {
      const lists = rule.all.map((c) => positions.get(conceptTerm(c)) ?? []);
      const from = (k: number, after: number): boolean =>
        k === lists.length || (lists[k] ?? []).some((p) => (k === 0 || (p > after && p - after <= (rule.window ?? handoff.window))) && from(k + 1, p));
      return from(0, -1);
    };
    const holds = (r: IntentRule): boolean => r.all.every(has) && !r.unless.some(has) && near(r);
    if (handoff.unless.some(holds)) return undefined;
    const rule = handoff.rules.find(holds);
    return rule ? { intent: 'handoff', rule: describe(rule) } : undefined;
  }
}
