import Fuse from 'fuse.js';
import type { FaqEntry, MatchingConfig } from './schema';
import type { Normaliser } from './normalize';
import { boundedEditDistance } from './editDistance';

/** One candidate entry with its confidence (0..1, higher is better). */
export interface Candidate {
  entry: FaqEntry;
  confidence: number;
}

export type MatchDecision =
  | { kind: 'answer'; best: Candidate; candidates: Candidate[] }
  | { kind: 'clarify'; candidates: Candidate[] }
  | { kind: 'fallback'; reason: 'no-content' | 'unknown-words' | 'low-confidence'; candidates: Candidate[] };

export interface MatchResult {
  decision: MatchDecision;
  /** The question's content words after normalisation (with spelling corrected to known words). */
  terms: string[];
  /** Share of the question's content words the knowledge base knows. */
  knownShare: number;
}

const MAX_CACHED_CORRECTIONS = 10_000;

interface Phrasing {
  entryIndex: number;
  text: string;
  terms: string[];
}

/**
 * Fuzzy FAQ matcher over the normalised phrasings of every entry. Fuse.js corrects misspelt words to
 * the knowledge base's vocabulary; an honest "do we know these words at all" check sends unrelated
 * questions to the fallback; entries are ranked by IDF-weighted word overlap with their best phrasing.
 */
export class FaqMatcher {
  /** Fuse.js over the knowledge base's words: finds the known words closest to a misspelt one. */
  private readonly wordFinder: Fuse<string>;
  private readonly phrasings: Phrasing[];
  private readonly vocabulary = new Set<string>();
  /** Per entry: the words its phrasings use, with inverse-document-frequency weights. */
  private readonly entryWords: Set<string>[];
  private readonly idf = new Map<string, number>();
  /** Misspelt word -> known word (or undefined), bounded. */
  private readonly corrections = new Map<string, string | undefined>();

  constructor(
    private readonly entries: FaqEntry[],
    private readonly normaliser: Normaliser,
    private readonly config: MatchingConfig,
  ) {
    const phrasings: Phrasing[] = [];
    this.entryWords = entries.map(() => new Set<string>());
    entries.forEach((entry, entryIndex) => {
      for (const q of [...entry.questions.da, ...entry.questions.en]) {
        const terms = normaliser.normalise(q);
        if (terms.length === 0) continue;
        phrasings.push({ entryIndex, text: terms.join(' '), terms });
        for (const t of terms) {
          this.entryWords[entryIndex]!.add(t);
          this.vocabulary.add(t);
        }
      }
    });
    for (const word of this.vocabulary) {
      const df = this.entryWords.filter((set) => set.has(word)).length;
      this.idf.set(word, Math.pow(Math.log(1 + entries.length / df), config.idfPower));
    }
    this.phrasings = phrasings;
    this.wordFinder = new Fuse([...this.vocabulary], {
      includeScore: true,
      ignoreLocation: true,
      ignoreDiacritics: true,
      threshold: config.fuseThreshold,
      shouldSort: true,
    });
  }

  /** Allowed spelling distance for a word of this length. */
  private maxEdits(length: number): number {
    let edits = 0;
    for (const rule of this.config.knownWordMaxEdits) if (length >= rule.minLength) edits = rule.edits;
    return edits;
  }

  /**
   * The known word closest to `word`, or undefined if none is close enough. Fuse.js proposes
   * candidates; a bounded edit distance decides, so a fragment ("art" in "start") never counts.
   */
  private correct(word: string): string | undefined {
    if (this.vocabulary.has(word)) return word;
    const cached = this.corrections.get(word);
    if (cached !== undefined || this.corrections.has(word)) return cached;
    const max = this.maxEdits(word.length);
    let best: string | undefined;
    if (max > 0) {
      let bestDistance = max + 1;
      for (const hit of this.wordFinder.search(word, { limit: this.config.spellingCandidates })) {
        const d = boundedEditDistance(word, hit.item, max);
        if (d < bestDistance) {
          bestDistance = d;
          best = hit.item;
        }
      }
    }
    if (this.corrections.size >= MAX_CACHED_CORRECTIONS) this.corrections.clear();
    this.corrections.set(word, best);
    return best;
  }

  match(question: string): MatchResult {
    const text = question.slice(0, this.config.maxQuestionChars);
    const raw = this.normaliser.normalise(text).filter((w) => !/^\d+$/.test(w));
    if (raw.length === 0) return { decision: { kind: 'fallback', reason: 'no-content', candidates: [] }, terms: [], knownShare: 0 };

    const terms: string[] = [];
    for (const w of raw) {
      const known = this.correct(w);
      if (known !== undefined && !terms.includes(known)) terms.push(known);
    }
    const knownShare = raw.filter((w) => this.correct(w) !== undefined).length / raw.length;
    if (terms.length === 0 || knownShare < this.config.minKnownWordShare) {
      return { decision: { kind: 'fallback', reason: 'unknown-words', candidates: [] }, terms, knownShare };
    }

    const candidates = this.rank(terms, knownShare);
    const [best, second] = candidates;
    if (!best || best.confidence < this.config.suggestConfidence) {
      return { decision: { kind: 'fallback', reason: 'low-confidence', candidates }, terms, knownShare };
    }
    const close = second !== undefined && best.confidence - second.confidence < this.config.ambiguityMargin && second.confidence >= this.config.suggestConfidence;
    if (best.confidence >= this.config.answerConfidence && !close) {
      return { decision: { kind: 'answer', best, candidates }, terms, knownShare };
    }
    return {
      decision: { kind: 'clarify', candidates: candidates.filter((c) => c.confidence >= this.config.suggestConfidence).slice(0, 3) },
      terms,
      knownShare,
    };
  }

  /**
   * Scores entries: per phrasing, an IDF-weighted F-score of the question's words against the
   * phrasing's words (both ways, so a phrasing that says much more than the question scores lower).
   * An entry scores as its best phrasing, scaled by how much of the question was understood.
   */
  private rank(terms: string[], knownShare: number): Candidate[] {
    const weight = (t: string): number => this.idf.get(t) ?? 0;
    const queryWeight = terms.reduce((sum, t) => sum + weight(t), 0);
    const querySet = new Set(terms);
    const best = new Map<number, number>();
    for (const p of this.phrasings) {
      let phrasingWeight = 0;
      let matched = 0;
      for (const t of p.terms) {
        const w = weight(t);
        phrasingWeight += w;
        if (querySet.has(t)) matched += w;
      }
      if (matched === 0) continue;
      const precision = matched / queryWeight;
      const recall = matched / phrasingWeight;
      const f = (2 * precision * recall) / (precision + recall);
      if (f > (best.get(p.entryIndex) ?? 0)) best.set(p.entryIndex, f);
    }
    const scale = Math.sqrt(knownShare);
    const candidates: Candidate[] = [...best].map(([idx, f]) => ({ entry: this.entries[idx]!, confidence: f * scale }));
    candidates.sort((a, b) => b.confidence - a.confidence);
    return candidates.slice(0, 5);
  }
}
