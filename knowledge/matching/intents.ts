import type { IntentRule, IntentsData } from '../schema';
import type { Analysis } from './analyzer';
import { conceptTerm } from './vocabulary';

/** The rule that recognised an intent, for the turn log and `--explain`. */
export interface IntentMatch {
  intent: 'handoff';
  rule: string;
}

const describe = (rule: IntentRule): string => `${rule.all.join(' + ')}${rule.alone ? ' (alone)' : ''}${rule.unless.length > 0 ? ` (unless ${rule.unless.join(', ')})` : ''}`;

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
    // An `unless` concept counts near the rule's words only, and in their sentence (as the analyser
    // splits them: at ".", "!", "?" and line breaks, so "Er du en bot. Eller et menneske?" is two): "Is
    // this a bot? Let me talk to someone" and "Are you a robot? I need to speak to a live agent" ask for
    // a person; "are you a real person?" asks about the bot.
    const blocked = (rule: IntentRule, at: number[]): boolean => {
      const first = Math.min(...at);
      const last = Math.max(...at);
      const sentences = new Set(at.map((p) => analysis.sentence[p]));
      return rule.unless.some((c) => (positions.get(conceptTerm(c)) ?? []).some((p) => p >= first - windowOf(rule) && p <= last + windowOf(rule) && sentences.has(analysis.sentence[p])));
    };
    // Whether the rule's concepts are all that one sentence of the message says (`alone`): no unknown
    // word in it, and every word of it that carries a term is one of the rule's concepts ("Din bot
    // fatter ingenting. Medarbejder, nu.").
    const onlyThese = (rule: IntentRule): boolean => {
      const covered = new Set(rule.all.flatMap((c) => positions.get(conceptTerm(c)) ?? []));
      const sentences = new Set([...covered].map((p) => analysis.sentence[p]));
      return [...sentences].some((s) => {
        const inIt = (p: number): boolean => analysis.sentence[p] === s;
        return !analysis.unknownAt.some(inIt) && analysis.terms.every((t) => t.positions.filter(inIt).every((p) => covered.has(p)));
      });
    };
    // Where the rule's concepts stand in its order, each within the window after the one before, at
    // some place that no `unless` concept is near ("er du et menneske? jeg vil have et menneske"); only
    // in the given sentences, when given.
    const chainOf = (rule: IntentRule, within?: Set<number | undefined>): number[] | undefined => {
      if (!rule.all.every(has) || (rule.alone && !onlyThese(rule))) return undefined;
      const inScope = (p: number): boolean => within === undefined || within.has(analysis.sentence[p]);
      const lists = rule.all.map((c) => (positions.get(conceptTerm(c)) ?? []).filter(inScope));
      const chain: number[] = [];
      const from = (k: number, after: number): boolean => {
        if (k === lists.length) return !blocked(rule, chain);
        for (const p of lists[k] ?? []) {
          if (k > 0 && (p <= after || p - after > windowOf(rule))) continue;
          chain.push(p);
          if (from(k + 1, p)) return true;
          chain.pop();
        }
        return false;
      };
      return from(0, -1) ? chain : undefined;
    };
    // A top-level `unless` rule vetoes a request in its own sentence only: "kan jeg tale med en sælger"
    // asks for sales, "hvilket nr ringer man til hvis man vil ha fat i support" for the number; "how
    // many people can log in? Please have someone call me" still asks for a person.
    for (const rule of handoff.rules) {
      const chain = chainOf(rule);
      if (!chain) continue;
      const sentences = new Set(chain.map((p) => analysis.sentence[p]));
      if (handoff.unless.some((veto) => chainOf(veto, sentences) !== undefined)) continue;
      return { intent: 'handoff', rule: describe(rule) };
    }
    return undefined;
  }
}
