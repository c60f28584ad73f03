import type { FaqEntry, Language, MatchingConfig, OutOfScopeData } from '../schema';
import { NUMBER_TERM, type Analysis, type Analyzer } from './analyzer';
import type { Contribution, LinearModel, Scores } from './linearModel';
import type { ModelStore } from './modelStore';
import { trainLinearModel, type TrainingExample } from './training';
import { conceptTerm } from './vocabulary';
import { PhrasingIndex } from './phrasingIndex';
import { NeighbourGroups, type GroupRanking } from './neighbourGroups';

/** One candidate entry with its confidence (the model's probability, 0..1). */
export interface Candidate {
  entry: FaqEntry;
  confidence: number;
}

export type FallbackReason = 'no-content' | 'unknown-words' | 'out-of-scope' | 'low-confidence';

export type MatchDecision =
  | { kind: 'answer'; best: Candidate; candidates: Candidate[] }
  | { kind: 'clarify'; candidates: Candidate[] }
  | { kind: 'fallback'; reason: FallbackReason; candidates: Candidate[] };

/**
 * What the conversation knows when a message arrives. A message that the matcher answers on its own
 * is answered so: context never overrides it. Only a message that does not stand on its own ("kan jeg
 * slå det fra?", "og hvis jeg har slettet velkomstmailen?") is read again with the previous answer and
 * its follow-ups lifted (contextBoost in matching.yaml).
 */
export interface MatchContext {
  /** The entry the bot answered last, if any. */
  previousEntryId?: string;
}

export interface MatchResult {
  decision: MatchDecision;
  analysis: Analysis;
  /** The rule that decided, with its numbers ("answer: 0.91 ≥ answerConfidence 0.55, …"). */
  rule: string;
  /** Probability that the question is one the support page does not answer. */
  outOfScope: number;
  /** How far the best entry leads the second. */
  margin: number;
}

/** One class's score, explained. */
export interface ScoreExplanation {
  label: string;
  probability: number;
  bias: number;
  contributions: Contribution[];
}

export interface MatchExplanation extends MatchResult {
  candidates: ScoreExplanation[];
  /** Set when a neighbour group's own model shared out the group's probability (matching.yaml, neighbourGroups). */
  neighbourGroup?: { group: string; candidates: ScoreExplanation[] };
  outOfScopeScore: ScoreExplanation;
  genericTerms: string[];
}

const fmt = (x: number): string => x.toFixed(2);

type Decided = { result: MatchResult; terms: Map<string, number>; scores?: Scores; regrouped?: GroupRanking };

/**
 * Picks the FAQ entry a question asks for, or decides that none does. A linear model over the
 * question's terms, trained at start-up on the entries' phrasings, with the questions the support
 * page does not answer (knowledge/out-of-scope.yaml) as a class of its own. A greeting, a story or
 * other context adds words the model has no weight for: they count for no entry, and only a little
 * (unknownWordsWeight) towards out-of-scope. What decides is how much the question's terms say for
 * the best entry and how far it leads the next, checked against the closest phrasing.
 */
export class FaqMatcher {
  private readonly model: LinearModel;
  private readonly outOfScopeClass: number;
  /** Words of many topics (concepts marked `generic`, numbers): alone they never decide an answer. */
  private readonly generic = new Set<string>();
  /** Terms of the concepts marked `outOfScope` (payment methods, fees, invoices …). */
  private readonly outOfScopeTerms = new Set<string>();
  private readonly byId: Map<string, number>;
  private readonly phrasingIndex: PhrasingIndex;
  private readonly neighbours: NeighbourGroups;

  constructor(
    private readonly entries: FaqEntry[],
    outOfScope: OutOfScopeData,
    private readonly analyzer: Analyzer,
    private readonly config: MatchingConfig,
    /** Concepts marked in concepts.yaml: `generic`, and `outOfScope` (learnt as out-of-scope on their own, with their own weight if they have one). */
    marked: { generic: string[]; outOfScope: { id: string; weight?: number }[] } = { generic: [], outOfScope: [] },
    /** Where trained models are kept between starts (none: train every time). */
    modelStore?: ModelStore,
  ) {
    this.outOfScopeClass = entries.length;
    this.byId = new Map(entries.map((e, i) => [e.id, i]));
    const examples: TrainingExample[] = [];
    const phrasingTerms: { label: number; terms: string[] }[] = [];
    entries.forEach((entry, label) => {
      const phrasings = [...entry.questions.da, ...entry.questions.en];
      for (const q of phrasings) {
        const terms = this.termsOf(q);
        examples.push({ terms, label, weight: 1 / phrasings.length });
        phrasingTerms.push({ label, terms });
      }
    });
    const oos = [...outOfScope.examples.da, ...outOfScope.examples.en];
    for (const q of oos) examples.push({ terms: this.termsOf(q), label: this.outOfScopeClass, weight: config.training.outOfScopeWeight / oos.length });
    for (const { id, weight } of marked.outOfScope) examples.push({ terms: [conceptTerm(id)], label: this.outOfScopeClass, weight: weight ?? config.training.outOfScopeConceptWeight });
    for (const concept of marked.generic) this.generic.add(conceptTerm(concept));
    for (const { id } of marked.outOfScope) this.outOfScopeTerms.add(conceptTerm(id));
    this.generic.add(NUMBER_TERM);
    this.model = trainLinearModel(examples, entries.length + 1, config.training, modelStore);
    this.neighbours = new NeighbourGroups(config.neighbourGroups, (id) => this.byId.get(id), examples, config.training, modelStore);
    this.phrasingIndex = new PhrasingIndex(phrasingTerms, (t) => this.generic.has(t));
  }

  private termsOf(text: string): string[] {
    return this.analyzer.knownTextTerms(text);
  }

  /**
   * Trains the next of the models trained on first need (the neighbour groups'); whether any is still
   * left. Called in the background after start-up, and at once by a reload before its swap.
   */
  trainPending(): boolean {
    return this.neighbours.trainNext();
  }

  /** How many terms the model knows (for the bench and the explain output). */
  get size(): { terms: number; classes: number } {
    return { terms: this.model.terms, classes: this.entries.length + 1 };
  }

  match(question: string, context: MatchContext = {}): MatchResult {
    return this.matchAnalysis(this.analyzer.analyze(question), context);
  }

  /** The same, for a question the analyser has read already. */
  matchAnalysis(analysis: Analysis, context: MatchContext = {}): MatchResult {
    return this.decide(analysis, context).result;
  }

  /** The decision with everything that led to it: terms, scores, which words carried them, the rule. */
  explain(question: string, context: MatchContext = {}, language?: Language): MatchExplanation {
    return this.explainAnalysis(this.analyzer.analyze(question, language), context);
  }

  /** The same, for a question the analyser has read already. */
  explainAnalysis(analysis: Analysis, context: MatchContext = {}): MatchExplanation {
    const { result, terms, scores, regrouped } = this.decide(analysis, context);
    const explainClass = (label: string, index: number): ScoreExplanation => {
      const { bias, terms: contributions } = this.model.contributions(terms, index);
      return { label, probability: scores?.probability(index) ?? 0, bias, contributions };
    };
    const ranked = (scores?.ranked ?? []).filter((r) => r.classIndex !== this.outOfScopeClass).slice(0, this.config.maxSuggestions);
    return {
      ...result,
      candidates: ranked.map((r) => explainClass(this.entries[r.classIndex]?.id ?? '?', r.classIndex)),
      outOfScopeScore: explainClass('out-of-scope', this.outOfScopeClass),
      ...(regrouped && {
        neighbourGroup: {
          group: regrouped.group,
          candidates: [...regrouped.probabilities]
            .sort((a, b) => b[1] - a[1])
            .map(([index, probability]) => ({ label: this.entries[index]?.id ?? '?', probability, bias: 0, contributions: regrouped.contributions(index) })),
        },
      }),
      genericTerms: [...terms.keys()].filter((t) => this.generic.has(t)),
    };
  }

  /** The entries the context lifts: the previous answer and its follow-ups. */
  private lifted(context: MatchContext): Set<number> {
    const previous = context.previousEntryId !== undefined ? this.byId.get(context.previousEntryId) : undefined;
    if (previous === undefined) return new Set();
    const ids = [previous, ...(this.entries[previous]?.followUps ?? []).map((id) => this.byId.get(id))];
    return new Set(ids.filter((i): i is number => i !== undefined));
  }

  /** Extra scores: unknown words count towards out-of-scope; the previous answer and its follow-ups get a lift. */
  private extraScores(analysis: Analysis, context: MatchContext): Map<number, number> {
    const extra = new Map<number, number>();
    const unknownShare = analysis.contentWords > 0 ? analysis.unknown.length / analysis.contentWords : 0;
    if (unknownShare > 0) extra.set(this.outOfScopeClass, unknownShare * this.config.unknownWordsWeight);
    const previous = context.previousEntryId !== undefined ? this.byId.get(context.previousEntryId) : undefined;
    if (previous === undefined) return extra;
    for (const id of this.entries[previous]?.followUps ?? []) {
      const i = this.byId.get(id);
      if (i !== undefined) extra.set(i, this.config.contextBoost.followUp);
    }
    extra.set(previous, this.config.contextBoost.previous);
    return extra;
  }

  private decide(analysis: Analysis, context: MatchContext): Decided {
    const whole = this.decideWith(analysis, {});
    const plain = this.askingSentenceInScope(analysis, this.askingSentenceOutOfScope(analysis, whole));
    // A question that is out of scope on its own stays so in any conversation: context never answers it.
    if (plain !== whole) return plain;
    const previous = context.previousEntryId !== undefined ? this.byId.get(context.previousEntryId) : undefined;
    // Context only for a message that says too little on its own: never for one the matcher answers, nor
    // for one with words the knowledge base does not know ("what is the capital of France?"), nor for a
    // bare number ("100002": what it means depends on the flow, not on the last answer), nor for one
    // that names a topic the page does not answer ("can we take Swedish kronor?").
    const words = analysis.terms.filter((t) => t.id !== NUMBER_TERM).length;
    const namesOutOfScope = analysis.terms.some((t) => this.outOfScopeTerms.has(t.id));
    const saysTooLittle = plain.result.decision.kind !== 'answer' && analysis.unknown.length === 0 && !namesOutOfScope && (words > 0 || analysis.terms.length === 0);
    if (previous === undefined || !saysTooLittle) return plain;
    const leaning = this.decideWith(analysis, context);
    const kind = leaning.result.decision.kind;
    const previousId = this.entries[previous]?.id ?? '?';
    if (kind === 'answer' || kind === 'clarify') return { ...leaning, result: { ...leaning.result, rule: `in the context of ${previousId}: ${leaning.result.rule}` } };
    // Nothing the model knows ("what should I do then?"): the previous answer's follow-ups are the likely next questions.
    const followUps = (this.entries[previous]?.followUps ?? []).map((id) => this.entries[this.byId.get(id) ?? -1]).filter((e): e is FaqEntry => e !== undefined);
    if (leaning.terms.size === 0 && analysis.unknown.length === 0 && analysis.words >= this.config.context.followUpsFromWords && followUps.length > 0) {
      const candidates = followUps.map((entry) => ({ entry, confidence: 0 }));
      return { ...plain, result: { ...plain.result, decision: { kind: 'clarify', candidates }, rule: `clarify: no words that carry meaning, in the context of ${previousId}: offering its follow-ups` } };
    }
    return plain;
  }

  /**
   * A long message whose context names a topic of the page but whose question does not ("the money
   * arrives fine, I know it depends on the acquirer. How do we change the account number?"): when the
   * asking sentence on its own is clearly out of scope, so is the message.
   */
  private askingSentenceOutOfScope(analysis: Analysis, whole: Decided): Decided {
    if (whole.result.decision.kind === 'fallback') return whole;
    const asking = analysis.terms.filter((t) => t.weight >= 1);
    if (asking.length === analysis.terms.length || !asking.some((t) => this.outOfScopeTerms.has(t.id))) return whole;
    const alone = this.decideWith({ ...analysis, terms: asking }, {});
    const threshold = this.config.askingOutOfScopeConfidence;
    if (alone.result.decision.kind !== 'fallback' || alone.result.decision.reason !== 'out-of-scope' || alone.result.outOfScope < threshold) return whole;
    return { ...alone, result: { ...alone.result, analysis, rule: `fallback: the asking sentence alone is out of scope (${fmt(alone.result.outOfScope)} ≥ askingOutOfScopeConfidence ${fmt(threshold)}), whatever its context` } };
  }

  /**
   * The other way round: a long message whose context is out of scope but whose question is not ("we
   * may cancel the agreement later on. Which number do I call?"). When the whole message is out of
   * scope, its asking sentence names no out-of-scope topic and on its own is clearly answered, that
   * answer stands: a story is not evidence against the question.
   */
  private askingSentenceInScope(analysis: Analysis, whole: Decided): Decided {
    const threshold = this.config.askingInScopeConfidence;
    const { decision } = whole.result;
    if (decision.kind !== 'fallback' || decision.reason !== 'out-of-scope') return whole;
    const asking = analysis.terms.filter((t) => t.weight >= 1);
    if (asking.length === 0 || asking.length === analysis.terms.length || asking.some((t) => this.outOfScopeTerms.has(t.id))) return whole;
    const alone = this.decideWith({ ...analysis, terms: asking }, {});
    const answer = alone.result.decision;
    if (answer.kind !== 'answer' || answer.best.confidence < threshold) return whole;
    return { ...alone, result: { ...alone.result, analysis, rule: `the asking sentence alone (${fmt(answer.best.confidence)} ≥ askingInScopeConfidence ${fmt(threshold)}), its out-of-scope context aside: ${alone.result.rule}` } };
  }

  /** When the two best entries are neighbours, their group's own model shares out the group's probability. */
  private shareOutInGroup(ranked: Candidate[], scores: Scores, terms: Map<string, number>): { ranked: Candidate[]; regrouped?: GroupRanking } {
    const [a, b] = ranked;
    const regrouped = a && b ? this.neighbours.rank(this.byId.get(a.entry.id) ?? -1, this.byId.get(b.entry.id) ?? -1, scores, terms) : undefined;
    if (!regrouped) return { ranked };
    const others = ranked.filter((r) => !regrouped.probabilities.has(this.byId.get(r.entry.id) ?? -1));
    const members = [...regrouped.probabilities].flatMap(([index, confidence]) => {
      const entry = this.entries[index];
      return entry ? [{ entry, confidence }] : [];
    });
    return { ranked: [...members, ...others].sort((x, y) => y.confidence - x.confidence), regrouped };
  }

  private decideWith(analysis: Analysis, context: MatchContext): Decided {
    const terms = new Map(analysis.terms.filter((t) => this.model.knows(t.id)).map((t) => [t.id, t.weight]));
    const c = this.config;
    if (terms.size === 0) {
      const reason = analysis.unknown.length > 0 ? 'unknown-words' : 'no-content';
      const rule = reason === 'no-content' ? 'fallback: no words that carry meaning' : `fallback: no known words (${analysis.unknown.length} unknown)`;
      return { result: { decision: { kind: 'fallback', reason, candidates: [] }, analysis, rule, outOfScope: 1, margin: 0 }, terms };
    }
    const scores = this.model.scores(terms, this.extraScores(analysis, context));
    const first: Candidate[] = [];
    for (const r of scores.ranked) {
      const entry = this.entries[r.classIndex];
      if (entry) first.push({ entry, confidence: r.probability });
    }
    // In context the lifted entries decide among themselves: the group's model knows nothing of the context.
    const { ranked, regrouped } = this.lifted(context).size > 0 ? { ranked: first, regrouped: undefined } : this.shareOutInGroup(first, scores, terms);
    const outOfScope = scores.probability(this.outOfScopeClass);
    const best = ranked[0];
    if (!best) {
      return { result: { decision: { kind: 'fallback', reason: 'out-of-scope', candidates: [] }, analysis, rule: 'fallback: the words only occur in out-of-scope questions', outOfScope, margin: 0 }, terms, scores };
    }
    // The lead over the runner-up, which may be "out of scope" itself.
    const second = Math.max(ranked[1]?.confidence ?? 0, outOfScope);
    const margin = best.confidence - second;
    const top = ranked.slice(0, c.maxSuggestions);
    const within = regrouped ? ` (the ${regrouped.group} entries ranked by their own model)` : '';
    const done = (decision: MatchDecision, rule: string) => ({ result: { decision, analysis, rule: rule + within, outOfScope, margin }, terms, scores, regrouped });

    // Only words of many topics ("email", "konto ordre"): the merchant named a topic, not a question the
    // page does not answer. The bot asks which entry was meant rather than saying it does not know.
    const named = [...terms.keys()].filter((t) => t !== NUMBER_TERM);
    const onlyGeneric = named.length > 0 && analysis.unknown.length === 0 && named.every((t) => this.generic.has(t));
    if (onlyGeneric && (outOfScope >= best.confidence || best.confidence < c.answerConfidence)) {
      return done({ kind: 'clarify', candidates: top }, `clarify: only words of many topics (${named.join(', ')}); offering the ${top.length} likeliest entries`);
    }
    if (outOfScope >= best.confidence) {
      return done({ kind: 'fallback', reason: 'out-of-scope', candidates: top }, `fallback: out-of-scope ${fmt(outOfScope)} ≥ best entry ${fmt(best.confidence)}`);
    }
    const clearAnswer = best.confidence >= c.answerConfidence && margin >= c.ambiguityMargin;
    if (outOfScope >= c.outOfScopeConfidence && best.confidence < outOfScope * c.clarifyOverOutOfScope && !clearAnswer) {
      return done(
        { kind: 'fallback', reason: 'out-of-scope', candidates: top },
        `fallback: out-of-scope ${fmt(outOfScope)} ≥ outOfScopeConfidence ${fmt(c.outOfScopeConfidence)}, no clear answer, and the best entry is not clarifyOverOutOfScope ${fmt(c.clarifyOverOutOfScope)} times as likely`,
      );
    }
    const bestIndex = this.byId.get(best.entry.id) ?? -1;
    const carriers = this.model.contributions(terms, bestIndex).terms.filter((x) => x.weight > 0);
    const specific = carriers.filter((x) => !this.generic.has(x.term));
    // One generic word ("email", "konto") is not enough to pick an entry; two words together can be.
    // In context, the previous answer or one of its follow-ups needs no more: the context says which.
    const enough = specific.length > 0 || carriers.length >= 2 || this.lifted(context).has(bestIndex);
    // A second opinion: the entry whose own phrasing is closest. When it is another entry the model
    // also finds plausible, and the model is not far more certain, the bot asks which was meant.
    const lexical = this.phrasingIndex.scores(terms);
    let lexicalBest = -1;
    for (const [label, score] of lexical) if (lexicalBest < 0 || score > (lexical.get(lexicalBest) ?? 0)) lexicalBest = label;
    const rival = lexicalBest >= 0 && lexicalBest !== bestIndex ? ranked.find((r) => this.byId.get(r.entry.id) === lexicalBest) : undefined;
    const disagree = (r: Candidate): boolean => r.confidence >= c.suggestConfidence && best.confidence < c.agreementOverride && (lexical.get(bestIndex) ?? 0) < (lexical.get(lexicalBest) ?? 0) * c.agreementRatio;
    // In context, the lifted entry needs no second opinion: "how long does that take?" after the
    // reservation answer asks about the reservation, however close a refund phrasing is.
    if (clearAnswer && enough && rival && disagree(rival) && !this.lifted(context).has(bestIndex)) {
      return done({ kind: 'clarify', candidates: [best, rival] }, `clarify: the model's ${best.entry.id} (${fmt(best.confidence)}) and the closest phrasing's ${rival.entry.id} disagree`);
    }
    if (clearAnswer && enough) {
      return done(
        { kind: 'answer', best, candidates: top },
        `answer: ${fmt(best.confidence)} ≥ answerConfidence ${fmt(c.answerConfidence)}, lead ${fmt(margin)} ≥ ambiguityMargin ${fmt(c.ambiguityMargin)}, carried by ${carriers.map((x) => x.term).join(', ')}`,
      );
    }
    const suggestions = ranked.filter((x) => x.confidence >= c.suggestConfidence).slice(0, c.maxSuggestions);
    const why =
      best.confidence < c.answerConfidence
        ? `${fmt(best.confidence)} < answerConfidence ${fmt(c.answerConfidence)}`
        : margin < c.ambiguityMargin
          ? `lead ${fmt(margin)} < ambiguityMargin ${fmt(c.ambiguityMargin)}`
          : `only one generic word (${carriers.map((x) => x.term).join(', ') || 'none'})`;
    if (suggestions.length > 0) {
      return done({ kind: 'clarify', candidates: suggestions }, `clarify: ${why}; offering entries ≥ suggestConfidence ${fmt(c.suggestConfidence)}`);
    }
    return done({ kind: 'fallback', reason: 'low-confidence', candidates: top }, `fallback: ${why}, and no entry ≥ suggestConfidence ${fmt(c.suggestConfidence)}`);
  }
}
