import type { Language, LanguageData } from './schema';
import { clip, foldText, words } from './normalize';

export interface LanguageDetector {
  /** Detects Danish or English from the text; when the text does not tell, returns `fallback`. */
  detect(text: string, fallback: Language): Language;
}

/** Language of a Bot Framework locale such as "da-DK" or "en-US", if it is one we speak. */
export function languageOfLocale(locale: string | undefined): Language | undefined {
  if (!locale) return undefined;
  const primary = locale.toLowerCase().split(/[-_]/)[0];
  if (primary === 'da' || primary === 'en') return primary;
  // Norwegian and Swedish readers understand Danish better than English.
  if (primary === 'nb' || primary === 'nn' || primary === 'no' || primary === 'sv') return 'da';
  return undefined;
}

/** Detects language from at most this many characters (the beginning and the end). */
const MAX_DETECT_CHARS = 800;

export function createLanguageDetector(language: LanguageData): LanguageDetector {
  const da = new Set(language.markers.da.map(foldText));
  const en = new Set(language.markers.en.map(foldText));
  return {
    detect(full: string, fallback: Language): Language {
      const text = clip(full, MAX_DETECT_CHARS);
      const danishLetters = (text.match(/[æøåÆØÅ]/g) ?? []).length;
      let daScore = danishLetters > 0 ? 2 : 0;
      let enScore = 0;
      for (const w of words(foldText(text))) {
        if (da.has(w)) daScore += 1;
        if (en.has(w)) enScore += 1;
      }
      if (daScore > enScore) return 'da';
      if (enScore > daScore) return 'en';
      return fallback;
    },
  };
}
