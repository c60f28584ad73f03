import type { LanguageData } from './schema';

/**
 * Text normalisation shared by the FAQ index and incoming questions:
 * case, punctuation, æ/ø/å against ae/oe/aa, light stemming, synonyms and stop words.
 */

const letterMap: Record<string, string> = {
  æ: 'ae',
  ø: 'oe',
  å: 'aa',
  ä: 'ae',
  ö: 'oe',
  ü: 'ue',
  ß: 'ss',
};

/** Lower-cases, spells æ/ø/å as ae/oe/aa, strips other accents and turns punctuation into spaces. */
export function foldText(text: string): string {
  const lowered = text.normalize('NFKC').toLowerCase();
  const mapped = lowered.replace(/[æøåäöüß]/g, (ch) => letterMap[ch] ?? ch);
  return mapped
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/['’`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Splits folded text into words. */
export function words(folded: string): string[] {
  return folded.length === 0 ? [] : folded.split(' ');
}

// Danish and English inflection endings, longest first. A stem keeps at least MIN_STEM letters.
const suffixes = ['erne', 'ende', 'ning', 'ene', 'ede', 'ing', 'ers', 'ens', 'ets', 'er', 'en', 'et', 'ed', 'es', 'e', 's'];
const MIN_STEM = 4;

/** A deliberately light stemmer: enough to meet "transaktionerne" and "transaktion", "payments" and "payment". */
export function stem(word: string): string {
  if (/\d/.test(word)) return word;
  for (const suffix of suffixes) {
    if (word.length - suffix.length >= MIN_STEM && word.endsWith(suffix)) return word.slice(0, -suffix.length);
  }
  return word;
}

export interface Normaliser {
  /** Full pipeline: the distinct content words of a text, as canonical stems, in order. */
  normalise(text: string): string[];
  /** Folded, stemmed words before synonyms and stop words (for whole-message comparisons). */
  fold(text: string): string;
}

interface SynonymRule {
  pattern: string[];
  canonical: string;
}

export function createNormaliser(language: LanguageData): Normaliser {
  const toStems = (text: string): string[] => words(foldText(text)).map(stem);

  const rules: SynonymRule[] = [];
  for (const group of language.synonyms) {
    const canonical = toStems(group.canonical).join(' ');
    for (const variant of [group.canonical, ...group.variants]) {
      const pattern = toStems(variant);
      if (pattern.length > 0) rules.push({ pattern, canonical });
    }
  }
  // Longest variants first, so "credit card" wins over "credit".
  rules.sort((a, b) => b.pattern.length - a.pattern.length);
  const rulesByFirstWord = new Map<string, SynonymRule[]>();
  for (const rule of rules) {
    const list = rulesByFirstWord.get(rule.pattern[0]!) ?? [];
    list.push(rule);
    rulesByFirstWord.set(rule.pattern[0]!, list);
  }

  const stopWords = new Set<string>([...language.stopWords.da, ...language.stopWords.en].flatMap(toStems));

  const applySynonyms = (stems: string[]): string[] => {
    const out: string[] = [];
    let i = 0;
    while (i < stems.length) {
      const candidates = rulesByFirstWord.get(stems[i]!) ?? [];
      const hit = candidates.find((r) => r.pattern.every((w, k) => stems[i + k] === w));
      if (hit) {
        out.push(...hit.canonical.split(' '));
        i += hit.pattern.length;
      } else {
        out.push(stems[i]!);
        i += 1;
      }
    }
    return out;
  };

  return {
    normalise(text: string): string[] {
      const mapped = applySynonyms(toStems(text));
      return [...new Set(mapped.filter((w) => !stopWords.has(w)))];
    },
    fold(text: string): string {
      return toStems(text).join(' ');
    },
  };
}
