import { stemmer as danish } from '@orama/stemmers/danish';
import { stemmer as english } from '@orama/stemmers/english';

/**
 * Snowball stemmers for Danish and English (from `@orama/stemmers`): "transaktionerne" ->
 * "transaktion", "payments" -> "payment". Words are stemmed after folding (æ/ø/å as ae/oe/aa), the
 * same way for the knowledge base and for questions, so both meet on the same stems.
 */
export interface Stems {
  da: string;
  en: string;
}

const MAX_CACHED = 20_000;

export class Stemmer {
  /** Folded word -> its stems; bounded, cleared when full (questions repeat the same words). */
  private readonly cache = new Map<string, Stems>();

  stems(word: string): Stems {
    const cached = this.cache.get(word);
    if (cached) return cached;
    const stems = { da: danish(word), en: english(word) };
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    this.cache.set(word, stems);
    return stems;
  }
}
