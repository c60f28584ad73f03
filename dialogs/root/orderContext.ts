import { extractOrderId, orderIdPattern } from '../shared/entities';

/** At most this many words for a message that is only "another order" ("og 10026?", "ordre 10025?"). */
const MAX_WORDS = 4;

export interface OrderContextRules {
  /** A bare token is an order ID only with at least this many digits ("10026", not "PSD2" or "3DS"). */
  minDigits: number;
  /** Whether the rest of the message says nothing of its own (only words like "og", "hvad med"). */
  saysNothing: (rest: string) => boolean;
}

/**
 * The order ID of a short message that names nothing but an order ("10023", "og 10026?", "ordre
 * 10025?", "and 7734601?"). Right after a lookup such a message means: look that one up too.
 */
export function contextualOrderId(text: string, rules: OrderContextRules): string | undefined {
  const words = text.replace(/[?!.,]+/g, ' ').split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > MAX_WORDS) return undefined;
  const named = extractOrderId(text);
  if (named) return named;
  const withDigits = words.filter((w) => /\d/.test(w));
  if (withDigits.length !== 1) return undefined;
  const token = (withDigits[0] ?? '').replace(/^#/, '');
  if (!orderIdPattern.test(token) || (token.match(/\d/g) ?? []).length < rules.minDigits) return undefined;
  return rules.saysNothing(words.filter((w) => !/\d/.test(w)).join(' ')) ? token : undefined;
}
