import { extractOrderId, orderIdPattern } from '../entities';

/** At most this many words for a message that is only "another order" ("og 10026?", "ordre 10025?"). */
const MAX_WORDS = 4;

/**
 * The order ID of a short message that names nothing but an order ("10023", "og 10026?", "ordre
 * 10025?", "and 7734601?"). Right after a lookup such a message means: look that one up too.
 */
export function contextualOrderId(text: string): string | undefined {
  const words = text.replace(/[?!.,]+/g, ' ').split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > MAX_WORDS) return undefined;
  const named = extractOrderId(text);
  if (named) return named;
  const withDigits = words.filter((w) => /\d/.test(w));
  const only = withDigits.length === 1 ? withDigits[0]!.replace(/^#/, '') : undefined;
  return only && orderIdPattern.test(only) && words.length <= MAX_WORDS - 1 ? only : undefined;
}
