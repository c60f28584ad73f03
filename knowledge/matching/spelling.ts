import Fuse from 'fuse.js';
import { boundedEditDistance } from '../editDistance';

/** Maximum edits allowed for a word of a given length (knowledge/matching.yaml, knownWordMaxEdits). */
export type EditsForLength = (length: number) => number;

const MAX_CACHED = 10_000;
/**
 * Only the first letters of a word go into the deletion index (SymSpell's prefix trick): fewer
 * entries, the same candidates, because every candidate is then checked against the whole word.
 */
const PREFIX = 7;

/** The letters a folded word is made of (æ/ø/å are written ae/oe/aa). */
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** All strings made from `word` by deleting up to `edits` letters (the word itself included). */
function deletions(word: string, edits: number): string[] {
  const out = new Set<string>([word]);
  let level = [word];
  for (let e = 0; e < edits; e++) {
    const next: string[] = [];
    for (const w of level) {
      if (w.length <= 1) continue;
      for (let i = 0; i < w.length; i++) {
        const shorter = w.slice(0, i) + w.slice(i + 1);
        if (!out.has(shorter)) {
          out.add(shorter);
          next.push(shorter);
        }
      }
    }
    level = next;
  }
  return [...out];
}

/**
 * Corrects a misspelt word to the closest word the knowledge base knows ("transaktoin" ->
 * "transaktion", "kodord" -> "kodeord"). Candidates come from a deletion index (every known word
 * with up to two letters deleted), so a lookup costs a few dozen map reads whatever the size of the
 * vocabulary; the edit distance (with transpositions) decides, then how often the knowledge base
 * uses the word, and Fuse.js's score breaks a remaining tie between equally close words. A word too
 * short for `knownWordMaxEdits` to allow an edit is corrected only for one slip (see `slipMinLength`).
 */
export class SpellingIndex {
  private readonly words: string[];
  /** Deletion of a word's prefix -> the indexes of the words it comes from. */
  private readonly index = new Map<string, number[]>();
  private readonly cache = new Map<string, string | undefined>();
  /** Known words too short for any edit, but long enough for a slip (see slipMinLength). */
  private readonly slippable: Set<string>;

  constructor(
    knownWords: string[],
    private readonly editsFor: EditsForLength,
    /** On a tie, prefer the word the knowledge base's texts use more often. */
    private readonly frequency: (word: string) => number,
    /**
     * A word too short for `editsFor` to allow an edit, but at least this long, is still read as a
     * known word it is one slip from: two neighbouring letters swapped ("tlak" → "talk") or one letter
     * left out ("daly" → "daily"), when every such word means the same (see `slipped`).
     */
    private readonly slipMinLength = Infinity,
    /** Whether two known words mean the same (the same concept): a slip to either is then no doubt. */
    private readonly sameMeaning: (a: string, b: string) => boolean = () => false,
  ) {
    this.words = knownWords.filter((w) => editsFor(w.length) > 0 && !/\d/.test(w));
    this.slippable = new Set(knownWords.filter((w) => editsFor(w.length) === 0 && w.length >= slipMinLength && !/\d/.test(w)));
    this.words.forEach((word, id) => {
      for (const d of deletions(word.slice(0, PREFIX), editsFor(word.length))) {
        const list = this.index.get(d);
        if (list) list.push(id);
        else this.index.set(d, [id]);
      }
    });
  }

  /**
   * The known word this word most likely means, or undefined if none is close enough. With `accept`,
   * only words it accepts are candidates (and nothing is cached).
   */
  correct(word: string, accept?: (candidate: string) => boolean): string | undefined {
    if (accept) return this.find(word, accept);
    if (this.cache.has(word)) return this.cache.get(word);
    const best = this.find(word);
    // Only corrections are kept: a flood of random words must not fill the cache.
    if (best !== undefined) {
      if (this.cache.size >= MAX_CACHED) this.cache.clear();
      this.cache.set(word, best);
    }
    return best;
  }

  private find(word: string, accept: (candidate: string) => boolean = () => true): string | undefined {
    const max = this.editsFor(word.length);
    if (max === 0) return this.slipped(word, accept);
    let bestDistance = max + 1;
    let best: string[] = [];
    const seen = new Set<string>();
    for (const d of deletions(word.slice(0, PREFIX), max)) {
      for (const id of this.index.get(d) ?? []) {
        const candidate = this.words[id] ?? '';
        if (seen.has(candidate)) continue;
        seen.add(candidate);
        if (!accept(candidate)) continue;
        const distance = boundedEditDistance(word, candidate, Math.min(max, this.editsFor(candidate.length)));
        if (distance > max || distance > this.editsFor(candidate.length)) continue;
        if (distance < bestDistance) {
          bestDistance = distance;
          best = [candidate];
        } else if (distance === bestDistance) best.push(candidate);
      }
    }
    if (best.length <= 1) return best[0];
    const top = Math.max(...best.map(this.frequency));
    const tied = best.filter((w) => this.frequency(w) === top);
    if (tied.length === 1) return tied[0];
    return this.closest(word, tied);
  }

  /**
   * The known word a short word is, when it is one slip from known words that all mean the same:
   * two neighbouring letters swapped ("tlak" → "talk") or one letter left out ("daly" → "daily",
   * "ordr" → "order" or "ordre", the same concept). "logn" may be "long" or "login", and "kude"
   * "kunde" or "kode" (one letter typed wrong): neither.
   */
  private slipped(word: string, accept: (candidate: string) => boolean): string | undefined {
    if (word.length < this.slipMinLength) return undefined;
    const swaps: string[] = [];
    for (let i = 0; i + 1 < word.length; i++) {
      if (word[i] === word[i + 1]) continue;
      const candidate = `${word.slice(0, i)}${word[i + 1]}${word[i]}${word.slice(i + 2)}`;
      if (this.slippable.has(candidate) && accept(candidate)) swaps.push(candidate);
    }
    // A word with one letter more has the word among its deletions (its prefix, in the index).
    const longer: string[] = [];
    for (const id of this.index.get(word.slice(0, PREFIX)) ?? []) {
      const candidate = this.words[id] ?? '';
      if (candidate.length === word.length + 1 && accept(candidate) && boundedEditDistance(word, candidate, 1) <= 1) longer.push(candidate);
    }
    if (swaps.length > 0) return this.agreed([...swaps, ...longer]);
    return longer.length > 0 ? this.agreed([...longer, ...this.oneLetterOff(word, accept)]) : undefined;
  }

  /** Known short words that differ from the word in one letter. */
  private oneLetterOff(word: string, accept: (candidate: string) => boolean): string[] {
    const out: string[] = [];
    for (let i = 0; i < word.length; i++) {
      for (const letter of LETTERS) {
        const candidate = `${word.slice(0, i)}${letter}${word.slice(i + 1)}`;
        if (letter !== word[i] && this.slippable.has(candidate) && accept(candidate)) out.push(candidate);
      }
    }
    return out;
  }

  /** The candidate, when every candidate means the same (the most used one); else none. */
  private agreed(candidates: string[]): string | undefined {
    const [first] = candidates;
    if (first === undefined || !candidates.every((c) => c === first || this.sameMeaning(c, first))) return undefined;
    return [...new Set(candidates)].sort((x, y) => this.frequency(y) - this.frequency(x) || (x < y ? -1 : 1))[0];
  }

  /** Of equally good candidates, the one Fuse.js lines up best with the word; ties go alphabetically. */
  private closest(word: string, tied: string[]): string | undefined {
    const ranked = new Fuse([...tied].sort(), { includeScore: true, ignoreLocation: true, threshold: 1 }).search(word);
    return ranked[0]?.item ?? [...tied].sort()[0];
  }
}
