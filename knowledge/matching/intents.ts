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
    const present = new Set(analysis.terms.map((t) => t.id));
    const has = (concept: string): boolean => present.has(conceptTerm(concept));
    const { handoff } = this.data;
    if (handoff.unless.some(has)) return undefined;
    const rule = handoff.rules.find((r) => r.all.every(has) && !r.unless.some(has));
    return rule ? { intent: 'handoff', rule: describe(rule) } : undefined;
  }
}
