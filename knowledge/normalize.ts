/**
 * Text folding shared by every comparison of text: case, æ/ø/å against ae/oe/aa, accents and
 * punctuation. The matcher's analyser (knowledge/matching/analyzer.ts) builds on it.
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

/** English "'d" ("I'd like") is "would": dropping only the apostrophe would make "I'd" the word "id". */
const ENGLISH_D = /(?<=[a-z])['`’´]d\b/g;

/** Text of plain ASCII and Danish letters: it needs no Unicode normalisation. */
const PLAIN = /^[\x20-\x7eæøåÆØÅ’\n\t]*$/;

/** Folding of plain text (see PLAIN): lower case, æ/ø/å, "'d", apostrophes; `nonWord` becomes a space. */
function foldPlain(text: string, nonWord: RegExp): string {
  return text
    .toLowerCase()
    .replace(/[æøå]/g, (ch) => letterMap[ch] ?? ch)
    .replace(ENGLISH_D, ' would')
    .replace(/['`’]/g, '')
    .replace(nonWord, ' ');
}

/** Lower-cases, spells æ/ø/å as ae/oe/aa, strips other accents and turns punctuation into spaces. */
export function foldText(raw: string): string {
  // Characters outside the basic plane (emoji) and lone surrogates are never letters here: spaces.
  const text = raw.replace(/[\ud800-\udfff]+/g, ' ');
  // Plain ASCII and Danish letters need no Unicode normalisation (most messages; it keeps them cheap).
  if (PLAIN.test(text)) return foldPlain(text, /[^a-z0-9]+/g).trim();
  const lowered = text.normalize('NFKC').toLowerCase();
  const mapped = lowered.replace(/[æøåäöüß]/g, (ch) => letterMap[ch] ?? ch);
  return mapped
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(ENGLISH_D, ' would')
    .replace(/['’`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The same as `raw.split(',').map(foldText)`, folding the whole text at once when it is plain (most
 * texts; a comma is never part of a word, so folding does not move it).
 */
export function foldClauses(raw: string): string[] {
  if (!PLAIN.test(raw)) return raw.split(',').map(foldText);
  return foldPlain(raw, /[^a-z0-9,]+/g)
    .split(',')
    .map((clause) => clause.trim());
}

/** Splits folded text into words. */
export function words(folded: string): string[] {
  return folded.length === 0 ? [] : folded.split(' ');
}

/** Folded short forms ("ik", "pw") and the folded words they stand for (knowledge/language.yaml). */
export type Abbreviations = ReadonlyMap<string, string[]>;

/** The words with every short form written out: "kan ik komme ind" → "kan ikke komme ind". */
export function expandAbbreviations(list: string[], abbreviations: Abbreviations): string[] {
  if (abbreviations.size === 0 || !list.some((w) => abbreviations.has(w))) return list;
  return list.flatMap((w) => abbreviations.get(w) ?? [w]);
}

/** The first and the last half of a text longer than `max` characters (the question is often at the end). */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, Math.ceil(max / 2))} ${text.slice(text.length - Math.floor(max / 2))}` : text;
}
