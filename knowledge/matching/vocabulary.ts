import type { Concept, Language } from '../schema';
import { expandAbbreviations, foldText, words, type Abbreviations } from '../normalize';
import type { Stemmer, Stems } from './stemmers';

/** How a word of a question became a term (shown by `npm run eval -- --explain`). */
export type Via = 'concept' | 'phrase' | 'word' | 'stem' | 'compound' | 'spelling';

/** A term id: a concept is "#id" ("#password"); any other known word is its stem ("dankort"). */
export type TermId = string;

export const conceptTerm = (id: string): TermId => `#${id}`;

export interface Lookup {
  terms: TermId[];
  via: Via;
}

/**
 * A concept form of two or more words ("log ind", "how long"), matched on consecutive words. A form
 * written with "…" ("slå … fra") lets a few other words stand at the "…" ("slå den markering fra");
 * those words are read as usual.
 */
export interface PhraseRule {
  words: string[];
  stems: Stems[];
  /** Per word: whether other words may stand before it (a "…" in the form). */
  gapBefore: boolean[];
  terms: TermId[];
}

/** The words of a concept form, and where it allows a gap ("…" or "..."). */
function formParts(form: string, abbreviations: Abbreviations): { words: string[]; gapBefore: boolean[] } {
  const out = { words: [] as string[], gapBefore: [] as boolean[] };
  form.split(/…|\.\.\./).forEach((segment, i) => {
    expandAbbreviations(words(foldText(segment)), abbreviations).forEach((w, k) => {
      out.words.push(w);
      out.gapBefore.push(i > 0 && k === 0);
    });
  });
  return out;
}

/** Words whose phrase rules are kept worked out (cleared when full). */
const MAX_CACHED_WORDS = 50_000;

const addTo = <K, V>(map: Map<K, V[]>, key: K, values: V[]): void => {
  const list = map.get(key) ?? [];
  for (const v of values) if (!list.includes(v)) list.push(v);
  map.set(key, list);
};

/**
 * Everything the knowledge base knows about words: the named concepts (knowledge/concepts.yaml), the
 * stop words, and the vocabulary of the phrasings and out-of-scope examples. A word is looked up as it
 * is, then by its Danish and its English stem, so that mixed-language messages ("my konto is låst")
 * meet the right terms whatever language the rest of the message is in.
 */
export class Vocabulary {
  private readonly conceptExact = new Map<string, TermId[]>();
  private readonly conceptStem = new Map<string, TermId[]>();
  /** Forms whose stem is short ("kode" → "kod"): they find only words that begin with the whole form ("koden", "koder"). */
  private readonly shortStems = new Map<string, { form: string; term: TermId }[]>();
  private readonly wordExact = new Map<string, TermId[]>();
  /** Phrase rules that may start at a word, by word (see phrasesStartingWith). */
  private readonly phrasesByWord = new Map<string, PhraseRule[]>();
  private readonly wordStem = new Map<string, TermId[]>();
  private readonly phrasesByFirst = new Map<string, PhraseRule[]>();
  /** Every word of a phrase rule, and its stems (such a word is known even when it is a stop word). */
  private readonly phraseWords = new Set<string>();
  readonly stopWords: Set<string>;

  constructor(
    concepts: Concept[],
    stopWords: string[],
    private readonly stemmer: Stemmer,
    /**
     * A form's stem shorter than this finds only words that begin with the whole form: "koden" is
     * "kode", but "vare" (goods) is not "varighed" (→ "var"), and "bil" (a car) is not "bills".
     */
    stemMinLength = 1,
    /** Short forms written out, as in the questions (knowledge/language.yaml). */
    abbreviations: Abbreviations = new Map(),
  ) {
    this.stopWords = new Set(stopWords.map(foldText).filter((w) => w.length > 0 && !w.includes(' ')));
    for (const concept of concepts) {
      const term = conceptTerm(concept.id);
      for (const form of concept.forms) {
        const { words: formWords, gapBefore } = formParts(form, abbreviations);
        if (formWords.length === 1) {
          const [word] = formWords as [string];
          addTo(this.conceptExact, word, [term]);
          const stems = stemmer.stems(word);
          for (const stem of new Set([stems.da, stems.en])) {
            if (stem.length >= stemMinLength) addTo(this.conceptStem, stem, [term]);
            else this.shortStems.set(stem, [...(this.shortStems.get(stem) ?? []), { form: word, term }]);
          }
        } else if (formWords.length > 1) {
          this.addPhrase(formWords, gapBefore, term);
        }
      }
    }
    for (const rules of this.phrasesByFirst.values()) rules.sort((a, b) => b.words.length - a.words.length);
  }

  private addPhrase(formWords: string[], gapBefore: boolean[], term: TermId): void {
    const key = formWords.map((w, i) => (gapBefore[i] ? `… ${w}` : w)).join(' ');
    const first = formWords[0] as string;
    const existing = this.phrasesByFirst.get(first)?.find((r) => r.words.map((w, i) => (r.gapBefore[i] ? `… ${w}` : w)).join(' ') === key);
    if (existing) {
      if (!existing.terms.includes(term)) existing.terms.push(term);
      return;
    }
    const rule: PhraseRule = { words: formWords, stems: formWords.map((w) => this.stemmer.stems(w)), gapBefore, terms: [term] };
    for (const w of formWords) {
      this.phraseWords.add(w);
      const stems = this.stemmer.stems(w);
      this.phraseWords.add(stems.da).add(stems.en);
    }
    const keys = new Set([first, ...Object.values(this.stemmer.stems(first))]);
    for (const k of keys) addTo(this.phrasesByFirst, k, [rule]);
  }

  /** Phrase rules that may start with this word (longest first). */
  phrasesStartingWith(word: string, stems: Stems): PhraseRule[] {
    // The stems follow from the word: the merged list is worked out once per word (bounded).
    const cached = this.phrasesByWord.get(word);
    if (cached) return cached;
    const rules = this.mergedPhrases(word, stems);
    if (this.phrasesByWord.size >= MAX_CACHED_WORDS) this.phrasesByWord.clear();
    this.phrasesByWord.set(word, rules);
    return rules;
  }

  private mergedPhrases(word: string, stems: Stems): PhraseRule[] {
    const a = this.phrasesByFirst.get(word);
    const b = stems.da !== word ? this.phrasesByFirst.get(stems.da) : undefined;
    const c = stems.en !== word && stems.en !== stems.da ? this.phrasesByFirst.get(stems.en) : undefined;
    if (!b && !c) return a ?? [];
    if (!a && !c && b) return b;
    if (!a && !b && c) return c;
    const all = [...new Set([...(a ?? []), ...(b ?? []), ...(c ?? [])])];
    return all.sort((x, y) => y.words.length - x.words.length);
  }

  /** Whether this word (or one of its stems) occurs in a concept's phrase ("mig" in "ring mig op"). */
  isPhraseWord(word: string, stems: Stems): boolean {
    return this.phraseWords.has(word) || this.phraseWords.has(stems.da) || this.phraseWords.has(stems.en);
  }

  /** Whether the k-th word of a phrase rule and a word of the question are the same word. */
  static sameWord(rule: PhraseRule, k: number, word: string, stems: Stems): boolean {
    if (rule.words[k] === word) return true;
    const own = rule.stems[k];
    return own !== undefined && (own.da === stems.da || own.en === stems.en);
  }

  /** The terms of a word found as it is (a concept form or a word of the knowledge base). Cheap. */
  exact(word: string): Lookup | undefined {
    const concept = this.conceptExact.get(word);
    if (concept) return { terms: concept, via: 'concept' };
    const known = this.wordExact.get(word);
    return known ? { terms: known, via: 'word' } : undefined;
  }

  /** The terms of a word, as it is or by one of its stems. */
  lookup(word: string, stems: Stems = this.stemmer.stems(word)): Lookup | undefined {
    const found = this.exact(word);
    if (found) return found;
    const concept = this.conceptStem.get(stems.da) ?? this.conceptStem.get(stems.en) ?? this.shortStemTerms(word, stems);
    if (concept) return { terms: concept, via: 'stem' };
    const known = this.wordStem.get(stems.da) ?? this.wordStem.get(stems.en);
    return known ? { terms: known, via: 'stem' } : undefined;
  }

  private shortStemTerms(word: string, stems: Stems): TermId[] | undefined {
    const forms = [...(this.shortStems.get(stems.da) ?? []), ...(stems.en !== stems.da ? (this.shortStems.get(stems.en) ?? []) : [])];
    const terms = [...new Set(forms.filter((f) => word.startsWith(f.form)).map((f) => f.term))];
    return terms.length > 0 ? terms : undefined;
  }

  /** Learns a word of the knowledge base's own texts that is no concept: its stem becomes a term. */
  learnWord(word: string, language: Language): void {
    if (this.lookup(word)) return;
    const stems = this.stemmer.stems(word);
    const terms = [stems[language]];
    this.wordExact.set(word, terms);
    if (!this.wordStem.has(stems.da)) this.wordStem.set(stems.da, terms);
    if (!this.wordStem.has(stems.en)) this.wordStem.set(stems.en, terms);
  }

  /**
   * A word of the knowledge base's texts stands for other terms: a misspelt concept form, or a
   * compound of known parts. Its stems follow it unless another word has them already.
   */
  redefineWord(word: string, terms: TermId[]): void {
    const old = this.wordExact.get(word);
    this.wordExact.set(word, terms);
    const stems = this.stemmer.stems(word);
    for (const s of [stems.da, stems.en]) if (this.wordStem.get(s) === old) this.wordStem.set(s, terms);
  }

  /** Every learnt word (in the order learnt). */
  learntWords(): string[] {
    return [...this.wordExact.keys()];
  }

  /** Every word that can be looked up as it is, and the words of phrases: the targets of spelling correction. */
  knownWords(): string[] {
    const phraseWords = [...this.phrasesByFirst.values()].flatMap((rules) => rules.flatMap((r) => r.words));
    return [...new Set([...this.conceptExact.keys(), ...this.wordExact.keys(), ...phraseWords])];
  }

  /** The words of concept forms (single words and phrase words): what a misspelt phrasing word may be corrected to. */
  conceptWords(): string[] {
    const phraseWords = [...this.phrasesByFirst.values()].flatMap((rules) => rules.flatMap((r) => r.words));
    return [...new Set([...this.conceptExact.keys(), ...phraseWords])];
  }

}
