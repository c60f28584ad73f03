import type { KnowledgeBase } from '../../knowledge/knowledgeBase';
import type { Language } from '../../knowledge/schema';
import { HANDOFF, OUT_OF_SCOPE, type EvalStyle, type LoadedCase } from './corpus';

/** What the bot did with one message. */
export type Outcome =
  | { kind: 'answer'; entry: string; confidence: number }
  | { kind: 'clarify'; entries: string[]; confidence?: number }
  | { kind: 'fallback'; reason: string; confidence?: number }
  | { kind: 'handoff' }
  | { kind: 'smalltalk'; smallTalk: string };

export function outcomeOf(kb: KnowledgeBase, q: string): { outcome: Outcome; language: Language } {
  const u = kb.understand(q, 'da');
  if (u.kind === 'smalltalk') return { outcome: u.smallTalk === 'handoff' ? { kind: 'handoff' } : { kind: 'smalltalk', smallTalk: u.smallTalk }, language: u.language };
  const d = u.match.decision;
  switch (d.kind) {
    case 'answer':
      return { outcome: { kind: 'answer', entry: d.best.entry.id, confidence: d.best.confidence }, language: u.language };
    case 'clarify':
      return { outcome: { kind: 'clarify', entries: d.candidates.map((c) => c.entry.id), confidence: d.candidates[0]?.confidence }, language: u.language };
    case 'fallback':
      return { outcome: { kind: 'fallback', reason: d.reason, confidence: d.candidates[0]?.confidence }, language: u.language };
  }
}

export function describeOutcome(o: Outcome): string {
  switch (o.kind) {
    case 'answer':
      return `${o.entry} @${o.confidence.toFixed(2)}`;
    case 'clarify':
      return `clarify(${o.entries.join('|')})`;
    case 'fallback':
      return `fallback:${o.reason}`;
    case 'handoff':
      return 'handoff';
    case 'smalltalk':
      return `smalltalk:${o.smallTalk}`;
  }
}

/** Counts for one group of cases (a part, a style, a language). */
export interface Tally {
  inScope: number;
  correct: number;
  /** Answered with another entry: the confidently wrong answers. */
  wrong: number;
  /** A clarification whose options include the right entry (not counted as correct). */
  clarifiedWithRight: number;
  clarifiedWithoutRight: number;
  /** In scope, but the bot said it does not know (or took it for small talk or a handoff). */
  notAnswered: number;
  outOfScope: number;
  /** Out of scope and no entry offered: a fallback or small talk. */
  rejected: number;
  /** Out of scope, answered with an entry. */
  outOfScopeAnswered: number;
  handoff: number;
  handoffReached: number;
  languageRight: number;
  cases: number;
}

export const emptyTally = (): Tally => ({
  inScope: 0,
  correct: 0,
  wrong: 0,
  clarifiedWithRight: 0,
  clarifiedWithoutRight: 0,
  notAnswered: 0,
  outOfScope: 0,
  rejected: 0,
  outOfScopeAnswered: 0,
  handoff: 0,
  handoffReached: 0,
  languageRight: 0,
  cases: 0,
});

export interface CaseResult {
  c: LoadedCase;
  outcome: Outcome;
  language: Language;
  /** Whether the bot did what the label asks. */
  right: boolean;
}

function add(t: Tally, r: CaseResult): void {
  const { c, outcome } = r;
  t.cases += 1;
  if (r.language === c.lang) t.languageRight += 1;
  if (c.expect === HANDOFF) {
    t.handoff += 1;
    if (outcome.kind === 'handoff') t.handoffReached += 1;
    return;
  }
  if (c.expect === OUT_OF_SCOPE) {
    t.outOfScope += 1;
    if (outcome.kind === 'fallback' || outcome.kind === 'smalltalk') t.rejected += 1;
    if (outcome.kind === 'answer') t.outOfScopeAnswered += 1;
    return;
  }
  t.inScope += 1;
  switch (outcome.kind) {
    case 'answer':
      if (outcome.entry === c.expect) t.correct += 1;
      else t.wrong += 1;
      break;
    case 'clarify':
      if (outcome.entries.includes(c.expect)) t.clarifiedWithRight += 1;
      else t.clarifiedWithoutRight += 1;
      break;
    default:
      t.notAnswered += 1;
  }
}

function isRight(c: LoadedCase, o: Outcome): boolean {
  if (c.expect === HANDOFF) return o.kind === 'handoff';
  if (c.expect === OUT_OF_SCOPE) return o.kind === 'fallback' || o.kind === 'smalltalk';
  return o.kind === 'answer' && o.entry === c.expect;
}

export interface EvalReport {
  overall: Tally;
  byStyle: Map<EvalStyle, Tally>;
  byLanguage: Map<Language, Tally>;
  /** Expected entry -> what was given instead -> how often (answers with a wrong entry only). */
  confusions: Map<string, Map<string, number>>;
  results: CaseResult[];
}

/** The knowledge base that answers a case: one for all, or one per case (cross-validation). */
export type KnowledgeFor = KnowledgeBase | ((c: LoadedCase) => KnowledgeBase);

export function evaluate(kbFor: KnowledgeFor, cases: LoadedCase[]): EvalReport {
  const overall = emptyTally();
  const byStyle = new Map<EvalStyle, Tally>();
  const byLanguage = new Map<Language, Tally>();
  const confusions = new Map<string, Map<string, number>>();
  const results: CaseResult[] = [];
  for (const c of cases) {
    const { outcome, language } = outcomeOf(typeof kbFor === 'function' ? kbFor(c) : kbFor, c.q);
    const r: CaseResult = { c, outcome, language, right: isRight(c, outcome) };
    results.push(r);
    add(overall, r);
    if (!byStyle.has(c.style)) byStyle.set(c.style, emptyTally());
    add(byStyle.get(c.style) ?? emptyTally(), r);
    if (!byLanguage.has(c.lang)) byLanguage.set(c.lang, emptyTally());
    add(byLanguage.get(c.lang) ?? emptyTally(), r);
    if (outcome.kind === 'answer' && outcome.entry !== c.expect) {
      const row = confusions.get(c.expect) ?? new Map<string, number>();
      row.set(outcome.entry, (row.get(outcome.entry) ?? 0) + 1);
      confusions.set(c.expect, row);
    }
  }
  return { overall, byStyle, byLanguage, confusions, results };
}

const share = (n: number, of: number): number => (of === 0 ? 1 : n / of);

/** The headline figures of a tally, as shares. */
export function rates(t: Tally): { top1: number; wrong: number; clarifiedWithRight: number; rejected: number; handoff: number; language: number } {
  return {
    top1: share(t.correct, t.inScope),
    wrong: share(t.wrong, t.inScope),
    clarifiedWithRight: share(t.clarifiedWithRight, t.inScope),
    rejected: share(t.rejected, t.outOfScope),
    handoff: share(t.handoffReached, t.handoff),
    language: share(t.languageRight, t.cases),
  };
}

/** Top-1 over the long and story messages together (a target of its own). */
export function longAndStory(report: EvalReport): Tally {
  const t = emptyTally();
  for (const r of report.results) if (r.c.style === 'long' || r.c.style === 'story') add(t, r);
  return t;
}
