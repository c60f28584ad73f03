/**
 * Redaction of personal data in questions before they are stored for the support report.
 * Pure and deterministic (the same text always gives the same result), no bot framework.
 *
 * - e-mail addresses (also with æ/ø/å) -> [e-mail]
 * - card-like numbers: 13–19 digits, optionally grouped with single spaces or dashes -> [kort]
 * - every other digit -> #  (so "ordre 10024" becomes "ordre #####": the shape stays, the number goes)
 */

const emailPattern = /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const cardPattern = /(?<!\p{Nd})\p{Nd}(?:[ -]?\p{Nd}){12,18}(?!\p{Nd})/gu;
const digitPattern = /\p{Nd}/gu;

export const REDACTED_EMAIL = '[e-mail]';
export const REDACTED_CARD = '[kort]';

/** The text with e-mail addresses, card-like numbers and digits replaced; cut to `maxChars` characters. */
export function redact(text: string, maxChars = Number.POSITIVE_INFINITY): string {
  const redacted = text
    .normalize('NFKC')
    .replace(emailPattern, REDACTED_EMAIL)
    .replace(cardPattern, REDACTED_CARD)
    .replace(digitPattern, '#')
    .trim();
  if (redacted.length <= maxChars) return redacted;
  // Cut by code points, so an emoji or æ is never split in half.
  return Array.from(redacted).slice(0, maxChars).join('').trim();
}
