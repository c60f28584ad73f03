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
    const windowOf = (rule: IntentRule): number => rule.window ?? handoff.window;
    // Where the rule's concepts stand, in its order, each within the window after the one before.
    const match = (rule: IntentRule): number[] | undefined => {
      const lists = rule.all.map((c) => positions.get(conceptTerm(c)) ?? []);
      const from = (k: number, after: number): number[] | undefined => {
        if (k === lists.length) return [];
        for (const p of lists[k] ?? []) {
          if (k > 0 && (p <= after || p - after > windowOf(rule))) continue;
          const rest = from(k + 1, p);
          if (rest) return [p, ...rest];
        }
        return undefined;
      };
      return from(0, -1);
    };
    // An `unless` concept counts near the rule's words only: "Are you a robot? I need to speak to a
    // live agent" asks for a person; "are you a real person?" asks about the bot.
    const blocked = (rule: IntentRule, at: number[]): boolean => {
      const first = Math.min(...at);
      const last = Math.max(...at);
      return rule.unless.some((c) => (positions.get(conceptTerm(c)) ?? []).some((p) => p >= first - windowOf(rule) && p <= last + windowOf(rule)));
    };
    const holds = (r: IntentRule): boolean => {
      if (!r.all.every(has)) return false;
      const at = match(r);
      return at !== undefined && !blocked(r, at);
    };
    if (handoff.unless.some(holds)) return undefined;
    const rule = handoff.rules.find(holds);
    return rule ? { intent: 'handoff', rule: describe(rule) } : undefined;
  }
}
