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

interface Phrasing {
  entryIndex: number;
  text: string;
  terms: string[];
}

/**
 * Fuzzy FAQ matcher: Fuse.js token search (BM25-style) over the normalised phrasings of every entry,
 * plus an honest "do we know these words at all" check, so unrelated questions get a fallback.
 */
export class FaqMatcher {
  private readonly fuse: Fuse<Phrasing>;
  private readonly phrasings: Phrasing[];
  private readonly vocabulary = new Set<string>();
  private readonly vocabularyByLength = new Map<number, string[]>();
  /** Per entry: the words its phrasings use, with inverse-document-frequency weights. */
  private readonly entryWords: Set<string>[];
  private readonly idf = new Map<string, number>();

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
      const list = this.vocabularyByLength.get(word.length) ?? [];
      list.push(word);
      this.vocabularyByLength.set(word.length, list);
      const df = this.entryWords.filter((s) => s.has(word)).length;
      this.idf.set(word, Math.pow(Math.log(1 + entries.length / df), config.idfPower));
    }
    this.phrasings = phrasings;
    this.fuse = new Fuse(phrasings, {
      keys: ['text'],
      includeScore: true,
      useTokenSearch: true,
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

  /** The known word closest to `word`, or undefined if none is close enough. */
  private correct(word: string): string | undefined {
    if (this.vocabulary.has(word)) return word;
    const max = this.maxEdits(word.length);
    if (max === 0) return undefined;
    let best: string | undefined;
    let bestDistance = max + 1;
    for (let len = word.length - max; len <= word.length + max; len++) {
      for (const candidate of this.vocabularyByLength.get(len) ?? []) {
        const d = boundedEditDistance(word, candidate, bestDistance - 1 < 0 ? 0 : Math.min(max, bestDistance));
        if (d < bestDistance) {
          bestDistance = d;
          best = candidate;
          if (d === 1) break;
        }
      }
    }
    return bestDistance <= max ? best : undefined;
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
   * Scores entries. Per phrasing, an IDF-weighted F-score of the question's words against the phrasing's
   * words (both ways, so a phrasing that says much more than the question scores lower), blended with
   * Fuse.js's similarity for the fuzzy part. An entry scores as its best phrasing.
   */
  private rank(terms: string[], knownShare: number): Candidate[] {
    const weight = (t: string): number => this.idf.get(t) ?? 0;
    const queryWeight = terms.reduce((sum, t) => sum + weight(t), 0);
    const querySet = new Set(terms);
    const best = new Map<number, { f: number; fuse: number }>();
    for (const r of this.fuse.search(terms.join(' '))) {
      const p = r.item;
      const current = best.get(p.entryIndex) ?? { f: 0, fuse: 0 };
      current.fuse = Math.max(current.fuse, 1 - (r.score ?? 1));
      best.set(p.entryIndex, current);
    }
    for (const p of this.phrasings) {
      if (!best.has(p.entryIndex)) continue;
      let covered = 0;
      let phrasingWeight = 0;
      let matched = 0;
      for (const t of p.terms) {
        const w = weight(t);
        phrasingWeight += w;
        if (querySet.has(t)) matched += w;
      }
      for (const t of terms) if (p.terms.includes(t)) covered += weight(t);
      const precision = queryWeight > 0 ? covered / queryWeight : 0;
      const recall = phrasingWeight > 0 ? matched / phrasingWeight : 0;
      const f = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
      const current = best.get(p.entryIndex)!;
      if (f > current.f) current.f = f;
    }
    const { fScoreWeight } = this.config;
    const candidates: Candidate[] = [];
    for (const [idx, score] of best) {
      const confidence = (fScoreWeight * score.f + (1 - fScoreWeight) * score.fuse) * Math.sqrt(knownShare);
      candidates.push({ entry: this.entries[idx]!, confidence });
    }
    candidates.sort((a, b) => b.confidence - a.confidence);
    return candidates.slice(0, 5);
  }
}
