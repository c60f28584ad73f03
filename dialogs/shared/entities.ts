/**
 * Picking IDs out of free text ("status på ordre 10024", "kunde-id 100001") and checking typed values.
 * Pure functions, no botbuilder.
 */

/** A DIBS customer ID: digits only. */
export const customerIdPattern = /^\d{4,10}$/;
/** An order or transaction ID as merchants see them in the administration. */
export const orderIdPattern = /^[A-Za-z0-9][A-Za-z0-9_-]{2,39}$/;

const customerIdContext = /(?:kunde\s*-?\s*(?:id|nr\.?|nummer)|kundeid|kundenummer|customer\s*(?:id|no\.?|number)|merchant\s*(?:id|no\.?|number))\s*(?:er|is|:|#)?\s*(\d{4,10})\b/i;
const orderIdContext = /(?:ordre|order|transaktion|transaction|trans)(?:n?en|s)?\s*(?:nr\.?|nummer|number|id|no\.?)?\s*(?:er|is|:|#)?\s*#?\s*([A-Za-z0-9][A-Za-z0-9_-]{2,39})\b/i;

export function extractCustomerId(text: string): string | undefined {
  return customerIdContext.exec(text)?.[1];
}

export function extractOrderId(text: string): string | undefined {
  const candidate = orderIdContext.exec(text)?.[1];
  // Needs a digit, so "ordre status" does not yield the ID "status".
  return candidate && /\d/.test(candidate) && candidate !== extractCustomerId(text) ? candidate : undefined;
}

export type CustomerIdProblem = 'empty' | 'not-digits' | 'length';

/** Reads a typed customer ID ("100001", "100 001", "kunde-id 100001"). */
export function parseCustomerId(text: string): { ok: true; value: string } | { ok: false; problem: CustomerIdProblem } {
  const fromContext = extractCustomerId(text);
  if (fromContext) return { ok: true, value: fromContext };
  const compact = text.replace(/[\s.-]/g, '');
  if (compact.length === 0) return { ok: false, problem: 'empty' };
  // One number in a short sentence ("det er 100001", "ups, forkert, den rigtige er 100002").
  const [only, ...more] = text.match(/\d+/g) ?? [];
  if (!/^\d+$/.test(compact) && only !== undefined && more.length === 0 && customerIdPattern.test(only) && text.split(/\s+/).length <= 10) return { ok: true, value: only };
  if (!/^\d+$/.test(compact)) return { ok: false, problem: 'not-digits' };
  if (!customerIdPattern.test(compact)) return { ok: false, problem: 'length' };
  return { ok: true, value: compact };
}

/** A 6-digit one-time code, alone or in a sentence ("koden er 861 713"). */
export function parseCode(text: string): string | undefined {
  const compact = text.replace(/[\s-]/g, '');
  if (/^\d{6}$/.test(compact)) return compact;
  const inSentence = /(?:^|\D)(\d{3})[\s-]?(\d{3})(?:\D|$)/.exec(text);
  return inSentence ? `${inSentence[1]}${inSentence[2]}` : undefined;
}

/** Words that name a customer ID: "kunde-id 100002", "customer number 100002", "forkert id, 100002". */
const customerIdWords = /\b(?:kunde|kundenummer|kundenr|kunde-?id|customer|merchant|id)\b/i;
/** Words that correct what was typed before: "ups, forkert – 1000021". */
const correctionWords = /\b(?:forkert|fejl|ups|hov|rettelse|mente|wrong|oops|meant|mistake)\b/i;
/** Words that say a number is the code: "koden er 861713". */
const codeWords = /\b(?:kode|koden|engangskode|engangskoden|code|pin)\b/i;

/**
 * A new customer ID typed where the code is asked ("ups, forkert kunde-id, det er 100001", "forkert id,
 * 100002"): a number of customer-ID length with words that name it an ID or a correction, no word saying
 * it is the code, and not the ID already asked for. A code is 6 digits too: a bare number, or one in a
 * polite sentence ("det er 861713", "sorry, 861713"), stays a code.
 */
export function parseCustomerIdCorrection(text: string, currentId?: string): string | undefined {
  const named = extractCustomerId(text);
  if (named) return named === currentId ? undefined : named;
  if (codeWords.test(text) || !(customerIdWords.test(text) || correctionWords.test(text))) return undefined;
  const numbers = text.match(/\d+/g) ?? [];
  const only = numbers.length === 1 ? numbers[0] : undefined;
  return only !== undefined && customerIdPattern.test(only) && only !== currentId ? only : undefined;
}

export function parseOrderId(text: string): string | undefined {
  const fromContext = extractOrderId(text);
  if (fromContext) return fromContext;
  const trimmed = text.trim().replace(/^#/, '');
  return orderIdPattern.test(trimmed) && /\d/.test(trimmed) ? trimmed : undefined;
}

const yesWords = new Set(['ja', 'jo', 'ja tak', 'jep', 'gerne', 'ok', 'okay', 'yes', 'y', 'yep', 'yeah', 'sure', 'please', 'ja gerne', 'yes please', 'korrekt', 'correct', 'det er korrekt', 'rigtigt', 'right', 'bekræft', 'confirm']);
const noWords = new Set(['nej', 'nej tak', 'no', 'n', 'nope', 'ikke nu', 'not now', 'forkert', 'wrong', 'no thanks']);

/** A yes or no leads a sentence of at most this many words ("nej, lad den bare være låst"). */
const MAX_YES_NO_WORDS = 6;

/** Yes or no, alone ("ja tak") or leading a short sentence ("ja, lås den op", "nej lad den være"). */
export function parseYesNo(text: string): boolean | undefined {
  const t = text.toLowerCase().replace(/[!.?,]/g, ' ').replace(/\s+/g, ' ').trim();
  if (yesWords.has(t)) return true;
  if (noWords.has(t)) return false;
  const words = t.split(' ');
  const first = words[0] ?? '';
  if (words.length < 2 || words.length > MAX_YES_NO_WORDS) return undefined;
  if (['ja', 'jo', 'yes', 'jep', 'yep', 'yeah'].includes(first)) return true;
  if (['nej', 'no', 'nope'].includes(first)) return false;
  return undefined;
}
