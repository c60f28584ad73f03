import type { Concept, Language, MatchingConfig } from '../schema';
import type { Abbreviations } from '../normalize';
import { ONLY_DIGITS, SentenceFolder } from './sentences';
import { Stemmer, type Stems } from './stemmers';
import { SpellingIndex } from './spelling';
import { conceptTerm, Vocabulary, type Lookup, type PhraseRule, type TermId, type Via } from './vocabulary';
import type { AnalysedTexts } from './analysisStore';

/** One term found in a question, with the words that carried it. */
export interface Term {
  id: TermId;
  words: string[];
  via: Via;
  /** Where in the question (word positions): intents need their concepts near each other. */
  positions: number[];
  /**
   * How much the term counts: 1 in the sentence that asks (the one with "?", or the last one), less
   * in the greeting and the story around it (matching.yaml, contextWeight).
   */
  weight: number;
}

/** What the analyser made of a question. */
export interface Analysis {
  /** Distinct terms, in the order they first occur. */
  terms: Term[];
  /** Content words (not stop words) the knowledge base does not know. */
  unknown: string[];
  /** The word position of each unknown word. */
  unknownAt: number[];
  /** For each word position, the sentence it is in (0, 1, …). */
  sentence: number[];
  /** Words read that are not stop words (a long number counts, as #number). */
  contentWords: number;
  /** All words read, stop words too ("what should I do then" has 5, and no content word). */
  words: number;
  /** Whether the question was longer than the analyser reads (maxQuestionChars, maxWords). */
  truncated: boolean;
  /** The signature's words, not read ("mvh agnete"; language.yaml, signOffs). */
  signature: string[];
}

/** Anything that knows whether it holds a word (a Set, a WordList). */
export interface WordSet {
  has(word: string): boolean;
}

/** The concept of a sentence the merchant waves aside (knowledge/concepts.yaml): its words count `dismissedWeight`. */
export const DISMISSED_CONCEPT = 'dismissed';
const DISMISSED_TERM = conceptTerm(DISMISSED_CONCEPT);

/** A text of the knowledge base the vocabulary is learnt from. */
export interface KnownText {
  text: string;
  language: Language;
}

/** A word of the question after the first pass: as typed, corrected, or split into known parts. */
interface Token {
  word: string;
  stems: Stems;
  typed: string;
  /** Set when the word is a compound of known parts. */
  parts?: TermId[];
  spelled?: boolean;
  /** A number, or too long to be a word: read past. */
  skip?: boolean;
}

/** One step of a knowledge-base text's walk: the terms of a phrase or a number, or a content word (looked up later). */
type WalkedItem = TermId[] | string;

/** A word with a few digits after it ("Password1" in a password the merchant tried), unknown as it is: read as the word. */
const WORD_THEN_DIGITS = /^([a-z]{3,})\d{1,4}$/;
/** The term of a number of at least `numberMinDigits` digits ("ordre 10234"): what it is depends on the words around it. */
export const NUMBER_TERM: TermId = '#number';

/**
 * Turns a question into terms. It folds the text (case, æ/ø/å) and reads at most `maxWords` words.
 * Each unknown word is then tried, within a budget, as a Danish compound of known parts
 * ("kundenummeret" -> kunde + nummer) and, unless the Danish or English dictionary knows it as a word
 * of its own ("dukker" is no misspelt "lukker"), for spelling ("transaktoin"). After that come the concepts'
 * phrases ("log ind", "ring mig op"), the stop words, and every other word looked up as it is or by
 * its Snowball stem. Every step is bounded, so any input costs at most a few milliseconds.
 */
export class Analyzer {
  private readonly stemmer = new Stemmer();
  readonly vocabulary: Vocabulary;
  private readonly sentences: SentenceFolder;
  private readonly spelling: SpellingIndex;

  constructor(
    concepts: Concept[],
    stopWords: string[],
    knownTexts: KnownText[],
    private readonly config: MatchingConfig,
    /** Stems of the dictionaries' words: a real word is never "corrected" into another word. */
    private readonly dictionary: { da: WordSet; en: WordSet } = { da: new Set(), en: new Set() },
    /**
     * Knowledge/language.yaml's short forms, read as the words they stand for ("ik" → "ikke"), and its
     * sign-offs, which start a signature that is not read ("Mvh. Agnete"), as folded words.
     */
    { abbreviations = new Map(), signOffs = [] }: { abbreviations?: Abbreviations; signOffs?: string[][] } = {},
    /**
     * What an earlier start with exactly the same inputs made of the knowledge base's texts
     * (knowledge/matching/analysisStore.ts): read instead of worked out again.
     */
    stored?: AnalysedTexts,
  ) {
    this.vocabulary = new Vocabulary(concepts, stopWords, this.stemmer, config.conceptStemMinLength, abbreviations);
    this.sentences = new SentenceFolder(config, abbreviations, signOffs);
    if (stored) this.startUp = { contentWords: new Map(Object.entries(stored.contentWords)), terms: new Map(Object.entries(stored.terms)), walked: new Map() };
    // Every word of the knowledge base's texts that is no concept becomes a term of its own ...
    const seen = new Map<string, number>();
    const danishWords = new Set<string>();
    for (const { text, language } of knownTexts) {
      for (const word of this.knownContentWords(text)) {
        seen.set(word, (seen.get(word) ?? 0) + 1);
        this.vocabulary.learnWord(word, language);
        if (language === 'da') danishWords.add(word);
      }
    }
    // Two words mean the same when they are forms of the same concepts ("order" and "ordre").
    const conceptsOf = (w: string): string => (this.vocabulary.exact(w)?.terms ?? []).filter((t) => t.startsWith('#')).join(' ');
    const sameMeaning = (a: string, b: string): boolean => conceptsOf(a) !== '' && conceptsOf(a) === conceptsOf(b);
    this.spelling = new SpellingIndex(this.vocabulary.knownWords(), (n) => this.editsFor(n), (w) => seen.get(w) ?? 0, config.slipMinLength, sameMeaning);
    // ... except a rare misspelling of a concept form ("passwrod" in one phrasing is #password, as it
    // is in a question; a word the texts use again and again, like "kunden", is a word of its own) ...
    const conceptWords = new Set(this.vocabulary.conceptWords());
    for (const [word, count] of seen) {
      if (count > config.typoMaxOccurrences || this.vocabulary.lookup(word)?.via !== 'word' || this.isDictionaryWord(word)) continue;
      const corrected = this.spelling.correct(word, (candidate) => candidate !== word && conceptWords.has(candidate));
      const terms = corrected !== undefined ? this.vocabulary.exact(corrected)?.terms.filter((t) => t.startsWith('#')) : undefined;
      if (terms && terms.length > 0) this.vocabulary.redefineWord(word, terms);
    }
    // ... and a Danish word made of other known words ("betalingsforsøg") stands for its parts.
    for (const word of danishWords) {
      if (this.vocabulary.lookup(word)?.via !== 'word' || this.isEnglishOnly(word)) continue;
      const parts = this.splitCompound(word, { exclude: word });
      if (parts) this.vocabulary.redefineWord(word, parts);
    }
  }

  /** An English word the Danish dictionary does not know ("coming"): never split as a Danish compound. */
  private isEnglishOnly(word: string): boolean {
    const stems = this.stemmer.stems(word);
    return this.dictionary.en.has(stems.en) && !this.dictionary.da.has(stems.da);
  }

  /** Whether the dictionary of the message's language (or, not knowing it, either dictionary) knows the word by its stem. */
  private isDictionaryWord(word: string, language?: Language): boolean {
    const stems = this.stemmer.stems(word);
    if (language) return this.dictionary[language].has(stems[language]);
    return this.dictionary.da.has(stems.da) || this.dictionary.en.has(stems.en);
  }

  editsFor(length: number): number {
    let edits = 0;
    for (const rule of this.config.knownWordMaxEdits) if (length >= rule.minLength) edits = rule.edits;
    return edits;
  }

  /**
   * The knowledge base's texts as analysed at start-up, kept until `finishStartUp` so that a later
   * start with the same inputs can read them instead of reading every text again.
   */
  private startUp: { contentWords: Map<string, string[]>; terms: Map<string, string[]>; walked: Map<string, WalkedItem[]> } | undefined = { contentWords: new Map(), terms: new Map(), walked: new Map() };

  private knownContentWords(text: string): string[] {
    const memo = this.startUp?.contentWords;
    const known = memo?.get(text);
    if (known) return known;
    const found = this.contentWordsOf(text);
    memo?.set(text, found);
    return found;
  }

  /** The terms of one of the knowledge base's own texts, at start-up (read from an earlier start when stored). */
  knownTextTerms(text: string): string[] {
    const memo = this.startUp?.terms;
    const known = memo?.get(text);
    if (known) return known;
    const walked = this.startUp?.walked.get(text);
    const found = walked ? this.termsFromWalk(walked) : this.analyze(text).terms.map((t) => t.id);
    memo?.set(text, found);
    return found;
  }

  /** Ends start-up: what it made of the knowledge base's texts, to be stored; the analyser keeps none of it. */
  finishStartUp(): AnalysedTexts {
    const done = this.startUp ?? { contentWords: new Map(), terms: new Map() };
    this.startUp = undefined;
    // The folded knowledge texts are not needed after start-up (questions fill the cache again).
    this.sentences.clear();
    return { contentWords: Object.fromEntries(done.contentWords), terms: Object.fromEntries(done.terms) };
  }

  /**
   * Words of a knowledge-base text that are neither stop words, numbers nor part of a concept's phrase.
   * The walk is kept (its phrases, numbers and words, in order) until start-up ends: once every text's
   * words are learnt, the text's terms are those phrases and numbers with its words looked up, without
   * reading the text again (`termsFromWalk`).
   */
  private contentWordsOf(text: string): string[] {
    const out: string[] = [];
    const walked: WalkedItem[] = [];
    const tokens = this.sentences.foldOnce(text).words.map((w) => this.plainToken(w));
    this.walk(tokens, {
      phrase: (terms) => void walked.push(terms),
      word: (t) => {
        if (t.parts) return void walked.push(t.parts);
        out.push(t.word);
        walked.push(t.word);
      },
    });
    this.startUp?.walked.set(text, walked);
    return out;
  }

  /**
   * A word as read before any look-up: a number, a word too long to be one, or a word with its stems.
   * A knowledge-base text's words need no more (every content word of them is learnt).
   */
  private plainToken(word: string): Token {
    const none: Stems = { da: '', en: '' };
    if (ONLY_DIGITS.test(word)) {
      return word.length >= this.config.numberMinDigits && word.length <= this.config.maxWordLength ? { word, stems: none, typed: word, parts: [NUMBER_TERM] } : { word, stems: none, typed: word, skip: true };
    }
    if (word.length > this.config.maxWordLength) return { word, stems: none, typed: word, skip: true };
    const stems = this.stemmer.stems(word);
    // "psd2" is a concept form of its own: only a word nothing knows loses its digits.
    const letters = WORD_THEN_DIGITS.exec(word)?.[1];
    if (letters !== undefined && !this.vocabulary.exact(word) && !this.vocabulary.isPhraseWord(word, stems)) return { word: letters, stems: this.stemmer.stems(letters), typed: word };
    return { word, stems, typed: word };
  }

  /** A knowledge-base text's distinct terms, in the order they first occur, from its walk at start-up. */
  private termsFromWalk(walked: WalkedItem[]): TermId[] {
    const found = new Set<TermId>();
    for (const item of walked) {
      if (typeof item !== 'string') for (const id of item) found.add(id);
      else for (const id of this.vocabulary.lookup(item)?.terms ?? []) found.add(id);
    }
    return [...found];
  }

  /** A stop word that is no concept form, or a single letter ("b" of "<b>", "plan b"), which means nothing on its own outside a phrase. */
  private isStopWord(word: string): boolean {
    if (word.length === 1 && !/\d/.test(word)) return !this.vocabulary.exact(word)?.terms.some((t) => t.startsWith('#'));
    return this.vocabulary.stopWords.has(word) && !this.vocabulary.exact(word)?.terms.some((t) => t.startsWith('#'));
  }

  /**
   * Goes through the words: phrases of concepts first, then single words that are not stop words.
   * A phrase with a gap ("slå … fra") takes only its own words; the words in the gap are read as usual.
   */
  private walk(tokens: Token[], visit: { phrase: (terms: TermId[], from: Token[], at: number[]) => void; word: (token: Token, at: number) => void }): void {
    const taken = new Uint8Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) {
      if (taken[i]) continue;
      const token = tokens[i] as Token;
      const match = token.skip || token.parts ? undefined : this.phraseAt(tokens, i, taken);
      if (match) {
        for (const p of match.at) taken[p] = 1;
        visit.phrase(match.rule.terms, match.at.map((p) => tokens[p] as Token), match.at);
        continue;
      }
      if (token.skip || (!token.parts && this.isStopWord(token.word))) continue;
      visit.word(token, i);
    }
  }

  /** Positions of a phrase being matched (no phrase has more words than this). */
  private readonly phrasePositions = new Int32Array(64);

  /** The longest phrase rule that matches at word i, with the positions of its words. */
  private phraseAt(tokens: Token[], i: number, taken: Uint8Array): { rule: PhraseRule; at: number[] } | undefined {
    const first = tokens[i] as Token;
    const at = this.phrasePositions;
    for (const rule of this.vocabulary.phrasesStartingWith(first.word, first.stems)) {
      if (rule.words.length > at.length) continue;
      at[0] = i;
      let next = i + 1;
      let matched = 1;
      for (let k = 1; k < rule.words.length; k++) {
        const last = rule.gapBefore[k] ? Math.min(tokens.length - 1, next + this.config.phraseGapWords) : next;
        let found = -1;
        for (let p = next; p <= last && p < tokens.length; p++) {
          const t = tokens[p] as Token;
          if (!taken[p] && !t.skip && Vocabulary.sameWord(rule, k, t.word, t.stems)) {
            found = p;
            break;
          }
        }
        if (found < 0) break;
        at[matched++] = found;
        next = found + 1;
      }
      if (matched === rule.words.length) return { rule, at: Array.from(at.subarray(0, matched)) };
    }
    return undefined;
  }

  /**
   * A Danish compound made of known parts: the longest known first part (optionally with a linking
   * letter: "betaling-s-vindue"), then a known rest, or a rest that splits once more.
   */
  private splitCompound(word: string, options: { exclude?: string; depth?: number } = {}): TermId[] | undefined {
    const min = this.config.compoundMinPart;
    const depth = options.depth ?? 0;
    if (word.length < 2 * min || /\d/.test(word)) return undefined;
    const part = (p: string, stems: boolean): Lookup | undefined => {
      if (p === options.exclude || this.vocabulary.stopWords.has(p)) return undefined;
      return stems ? this.vocabulary.lookup(p) : this.vocabulary.exact(p);
    };
    for (let cut = word.length - min; cut >= min; cut--) {
      const left = word.slice(0, cut);
      let first = part(left, false);
      const link = left.at(-1) ?? '';
      if (!first && this.config.compoundLinks.includes(link) && left.length - 1 >= min) first = part(left.slice(0, -1), false);
      if (!first) continue;
      const right = word.slice(cut);
      const rest = part(right, true)?.terms ?? (depth === 0 ? this.splitCompound(right, { ...options, depth: 1 }) : undefined);
      if (rest) return [...first.terms, ...rest];
    }
    return undefined;
  }

  /** First pass over a question's words: unknown words are tried as compounds, then for spelling (bounded). */
  private prepare(list: string[], language?: Language): Token[] {
    let lookupsLeft = this.config.maxLookupsPerQuestion;
    // A word that comes again in the same message is the same token (it costs one look-up).
    const seen = new Map<string, Token>();
    const read = (word: string): Token => {
      const asTyped = this.plainToken(word);
      if (asTyped.skip || asTyped.parts) return asTyped;
      const { stems } = asTyped;
      if (this.vocabulary.stopWords.has(word) || this.vocabulary.lookup(word, stems) || this.vocabulary.isPhraseWord(word, stems)) return asTyped;
      if (lookupsLeft <= 0) return asTyped;
      lookupsLeft -= 1;
      const parts = language === 'en' || this.isEnglishOnly(word) ? undefined : this.splitCompound(word);
      if (parts) return { ...asTyped, parts };
      if (this.isDictionaryWord(word, language)) return asTyped;
      // A word too short for an edit is corrected only for a slip, and never when either language has
      // it ("heck" in a Danish message, "synd" in an English one).
      const tooShortForEdits = this.editsFor(word.length) === 0;
      if (/\d/.test(word) || (tooShortForEdits && this.isDictionaryWord(word))) return asTyped;
      const corrected = this.spelling.correct(word);
      return corrected !== undefined ? { word: corrected, stems: this.stemmer.stems(corrected), typed: word, spelled: true } : asTyped;
    };
    return list.map((word) => {
      const known = seen.get(word);
      if (known) return known;
      const token = read(word);
      seen.set(word, token);
      return token;
    });
  }

  /** The terms of a text; `language` (when known) picks the dictionary that tells real words from typos. */
  analyze(text: string, language?: Language): Analysis {
    const { words: list, asking, sentence, truncated, signature } = this.sentences.fold(text);
    const terms = new Map<TermId, Term>();
    const unknown: string[] = [];
    const unknownAt: number[] = [];
    let contentWords = 0;
    const add = (ids: TermId[], from: Token[], via: Via, at: number[]): void => {
      const typed = from.map((t) => t.typed);
      for (const id of ids) {
        const existing = terms.get(id);
        if (existing) {
          for (const w of typed) if (!existing.words.includes(w)) existing.words.push(w);
          existing.positions.push(...at);
        } else terms.set(id, { id, words: typed, via: from.some((t) => t.spelled) ? 'spelling' : via, positions: [...at], weight: 1 });
      }
    };
    this.walk(this.prepare(list, language), {
      phrase: (ids, from, at) => {
        contentWords += 1;
        add(ids, from, 'phrase', at);
      },
      word: (token, at) => {
        contentWords += 1;
        if (token.parts) return add(token.parts, [token], token.parts[0] === NUMBER_TERM ? 'word' : 'compound', [at]);
        const found = this.vocabulary.lookup(token.word, token.stems);
        if (found) return add(found.terms, [token], found.via, [at]);
        unknown.push(token.typed);
        unknownAt.push(at);
      },
    });
    // Context counts less than the asking sentence, if that sentence holds a term at all; a sentence
    // the merchant waves aside ("the rules I know already", "that part we have sorted") less still.
    const found = [...terms.values()];
    const asked = found.some((t) => t.positions.some((p) => asking[p]));
    const dismissed = new Set((terms.get(DISMISSED_TERM)?.positions ?? []).filter((p) => !asking[p]).map((p) => sentence[p]));
    const weightAt = (p: number): number => (asking[p] ? 1 : dismissed.has(sentence[p] ?? -1) ? this.config.dismissedWeight : this.config.contextWeight);
    if (asked) for (const t of found) t.weight = Math.max(...t.positions.map(weightAt));
    return { terms: found, unknown, unknownAt, sentence, contentWords, words: list.length, truncated, signature };
  }
}
