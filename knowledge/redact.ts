/**
 * Redaction of personal data in questions before they are stored for the support report: the
 * `analytics` policy of lib/privacy.ts (e-mail addresses -> [e-mail], card-like numbers -> [kort],
 * every other digit -> #, so "ordre 10024" becomes "ordre #####"). Pure and deterministic.
 */
import { applyPrivacy } from '../lib/privacy';

export { REDACTED_CARD, REDACTED_EMAIL } from '../lib/privacy';

/** The text with e-mail addresses, card-like numbers and digits replaced; cut to `maxChars` characters. */
export function redact(text: string, maxChars = Number.POSITIVE_INFINITY): string {
  return applyPrivacy('analytics', text, maxChars);
}
