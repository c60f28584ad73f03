import { clip, expandAbbreviations, foldClauses, words, type Abbreviations } from '../normalize';

/** A text folded into words: which sentence each word is in, whether that sentence asks, and whether the text was cut. */
export interface FoldedText {
  words: string[];
  asking: boolean[];
  sentence: number[];
  truncated: boolean;
  /** The words of the signature that were not read ("mvh agnete"), if the text ends with one. */
  signature: string[];
}

/** Texts up to this long are kept folded (at most MAX_CACHED_TEXTS of them). */
const MAX_CACHED_TEXT = 400;
const MAX_CACHED_TEXTS = 5000;

/** A word of digits only. */
export const ONLY_DIGITS = /^\d+$/;

/** A number written in groups ("4571 1234 5678 9012", "20 30 40 50") is one number: one word. */
function joinDigitGroups(list: string[]): string[] {
  if (!list.some((w, i) => ONLY_DIGITS.test(w) && ONLY_DIGITS.test(list[i + 1] ?? ''))) return list;
  const out: string[] = [];
  for (const w of list) {
    const last = out.length - 1;
    if (ONLY_DIGITS.test(w) && last >= 0 && ONLY_DIGITS.test(out[last] ?? '')) out[last] = `${out[last]}${w}`;
    else out.push(w);
  }
  return out;
}

/** Words that start a postscript: what follows is part of the message, not of its signature. */
const POSTSCRIPT = new Set(['ps', 'pps']);

/**
 * Folds a text into its sentences' words (case, æ/ø/å, short forms written out), bounded in characters
 * and in words (the beginning and the end of a huge message), and says which sentences ask: those with
 * a "?", or else the last one. Short texts are kept folded: merchants repeat questions.
 */
export class SentenceFolder {
  private readonly cache = new Map<string, FoldedText>();
  /** The most words of one sign-off: how far before the end a signature can start. */
  private readonly longestSignOff: number;

  constructor(
    private readonly limits: { maxQuestionChars: number; maxWords: number; signatureMaxWords: number },
    private readonly abbreviations: Abbreviations,
    /** Folded sign-offs ("mvh", "best regards"), each as its words. */
    private readonly signOffs: string[][] = [],
  ) {
    this.longestSignOff = Math.max(0, ...signOffs.map((f) => f.length));
  }

  fold(text: string): FoldedText {
    const cached = this.cache.get(text);
    if (cached) return cached;
    const result = this.foldNow(text);
    if (text.length <= MAX_CACHED_TEXT) {
      if (this.cache.size >= MAX_CACHED_TEXTS) this.cache.clear();
      this.cache.set(text, result);
    }
    return result;
  }

  /** The same folding, never kept: for the knowledge base's own texts, each read once at start-up. */
  foldOnce(text: string): FoldedText {
    return this.cache.get(text) ?? this.foldNow(text);
  }

  /** Forgets the folded texts (after start-up: questions fill the cache again). */
  clear(): void {
    this.cache.clear();
  }

  private foldNow(text: string): FoldedText {
    const clipped = clip(text, this.limits.maxQuestionChars);
    const sentences = clipped.split(/(?<=[.!?\n])/).map((raw) => this.sentence(raw));
    const signature = this.dropSignature(sentences);
    const withWords = sentences.filter((x) => x.words.length > 0);
    if (!withWords.some((x) => x.asks)) {
      const last = withWords.at(-1);
      if (last) last.asks = true;
    }
    const total = withWords.reduce((n, x) => n + x.words.length, 0);
    const max = this.limits.maxWords;
    // The first and the last half of the words, when there are more than `max`.
    const head = total <= max ? total : Math.ceil(max / 2);
    const tailFrom = total <= max ? total : total - (max - head);
    const out: FoldedText = { words: [], asking: [], sentence: [], truncated: clipped !== text || total > max, signature };
    let n = 0;
    withWords.forEach((x, k) => {
      for (const w of x.words) {
        if (n < head || n >= tailFrom) {
          out.words.push(w);
          out.asking.push(x.asks);
          out.sentence.push(k);
        }
        n++;
      }
    });
    return out;
  }

  /** One sentence's words, whether it asks, and where its clauses (after a comma) start. */
  private sentence(raw: string): { words: string[]; asks: boolean; clauseStarts: Set<number> } {
    const list: string[] = [];
    const clauseStarts = new Set<number>();
    for (const clause of foldClauses(raw)) {
      clauseStarts.add(list.length);
      list.push(...joinDigitGroups(expandAbbreviations(words(clause), this.abbreviations)));
    }
    return { words: list, asks: raw.includes('?'), clauseStarts };
  }

  /**
   * "… Hvad gør jeg? Mvh. Agnete": a sign-off that starts a sentence or a clause, with at most
   * `signatureMaxWords` words after it to the end and something before it, starts the signature; its
   * words (a name, a shop) are dropped. Never a sentence that asks ("Tak på forhånd, kan I ringe mig
   * op?"), nor a postscript ("Mvh Agnete. PS: ring mig op").
   */
  private dropSignature(sentences: { words: string[]; asks: boolean; clauseStarts: Set<number> }[]): string[] {
    const max = this.limits.signatureMaxWords;
    if (this.signOffs.length === 0 || max === 0) return [];
    // Only the last words can start a signature: only they are listed (word, sentence, place in it).
    const total = sentences.reduce((n, s) => n + s.words.length, 0);
    const from = Math.max(1, total - max - this.longestSignOff);
    const flat: { w: string; k: number; j: number }[] = [];
    let n = 0;
    sentences.forEach((s, k) => {
      if (n + s.words.length > from) s.words.forEach((w, j) => n + j >= from && flat.push({ w, k, j }));
      n += s.words.length;
    });
    for (let p = 0; p < flat.length; p++) {
      const at = flat[p];
      if (!at || !sentences[at.k]?.clauseStarts.has(at.j)) continue;
      const form = this.signOffs.find((f) => f.every((w, i) => flat[p + i]?.w === w && flat[p + i]?.k === at.k) && flat.length - (p + f.length) <= max);
      if (!form) continue;
      const signature = flat.slice(p);
      if (sentences.slice(at.k).some((s) => s.asks) || signature.some((x) => POSTSCRIPT.has(x.w))) return [];
      sentences.forEach((s, k) => {
        if (k > at.k) s.words = [];
        else if (k === at.k) s.words = s.words.slice(0, at.j);
      });
      return signature.map((x) => x.w);
    }
    return [];
  }
}
