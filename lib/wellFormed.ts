/**
 * Strings that every layer can store and print. JSON may carry lone UTF-16 surrogates ("\ud800"),
 * which no database or mail server accepts; a request holding one must not reach them as it is.
 * Each lone surrogate becomes U+FFFD (the replacement character), as `String.prototype.toWellFormed` does,
 * and NUL characters (which PostgreSQL text cannot hold) are dropped.
 */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** NUL, which PostgreSQL text cannot hold. */
const nul = /\u0000/g;

export function wellFormed(text: string): string {
  return text.replace(loneSurrogate, '\uFFFD').replace(nul, '');
}

/** At most this deep: a parsed JSON body nested deeper is left as it is (the schema rejects it anyway). */
const MAX_DEPTH = 32;

/** A parsed JSON value with every string (keys too) made well-formed; the input is not changed. */
export function wellFormedDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return wellFormed(value);
  if (depth >= MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => wellFormedDeep(item, depth + 1));
  const repaired: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) repaired[wellFormed(key)] = wellFormedDeep(item, depth + 1);
  return repaired;
}
