import { clip, expandAbbreviations, foldText, words, type Abbreviations } from '../normalize';

/** A text folded into words: which sentence each word is in, whether that sentence asks, and whether the text was cut. */
export interface FoldedText {
  words: string[];
  asking: boolean[];
  sentence: number[];
  truncated: boolean;
}

/** Texts up to this long are kept folded (at most MAX_CACHED_TEXTS of them). */
const MAX_CACHED_TEXT = 400;
const MAX_CACHED_TEXTS = 5000;

/** The first and the last half of a list, when it is longer than `max`. */
function headAndTail<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  const head = Math.ceil(max / 2);
  return [...items.slice(0, head), ...items.slice(items.length - (max - head))];
}

/**
 * Folds a text into its sentences' words (case, æ/ø/å, short forms written out), bounded in characters
 * and in words (the beginning and the end of a huge message), and says which sentences ask: those with
 * a "?", or else the last one. Short texts are kept folded: merchants repeat questions.
 */
export class SentenceFolder {
  private readonly cache = new Map<string, FoldedText>();

  constructor(
    private readonly limits: { maxQuestionChars: number; maxWords: number },
    private readonly abbreviations: Abbreviations,
  ) {}

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

  /** Forgets the folded texts (after start-up: questions fill the cache again). */
  clear(): void {
    this.cache.clear();
  }

  private foldNow(text: string): FoldedText {
    const clipped = clip(text, this.limits.maxQuestionChars);
    const sentences = clipped.split(/(?<=[.!?\n])/).map((raw) => ({ words: expandAbbreviations(words(foldText(raw)), this.abbreviations), asks: raw.includes('?') }));
    const withWords = sentences.filter((x) => x.words.length > 0);
    if (!withWords.some((x) => x.asks)) {
      const last = withWords.at(-1);
      if (last) last.asks = true;
    }
    const all = withWords.flatMap((x, sentence) => x.words.map((w) => ({ w, asks: x.asks, sentence })));
    const kept = headAndTail(all, this.limits.maxWords);
    return { words: kept.map((x) => x.w), asking: kept.map((x) => x.asks), sentence: kept.map((x) => x.sentence), truncated: clipped !== text || kept.length < all.length };
  }
}
