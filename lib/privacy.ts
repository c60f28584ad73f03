/**
 * Privacy rules, in one place: what personal data each destination may keep.
 *
 * | policy       | where                                   | e-mail addresses          | card-like numbers (13–19 digits) | other digits                      | length            |
 * |--------------|-----------------------------------------|---------------------------|----------------------------------|-----------------------------------|-------------------|
 * | `log`        | log lines (lib/logger.ts)               | masked: k*****@domain.dk  | kept (never logged as text)      | kept                              | –                 |
 * | `analytics`  | stored questions (support report)       | `[e-mail]`                | `[kort]`                         | each one `#` (the shape stays)    | caller's maximum  |
 * | `transcript` | the agents' callback transcript         | masked: k*****@domain.dk  | `[kortnummer]`                   | 6 digits `[kode]`, CPR `[cpr-nummer]`, others kept | 500 characters, with … |
 *
 * Every rule runs in linear time on any input (a 10,000-character word costs microseconds): e-mail
 * addresses are only looked for in the whitespace-separated words that hold an "@".
 */
export type PrivacyPolicy = 'log' | 'analytics' | 'transcript';

export const REDACTED_EMAIL = '[e-mail]';
export const REDACTED_CARD = '[kort]';
export const TRANSCRIPT_REDACTED_CARD = '[kortnummer]';
export const REDACTED_CODE = '[kode]';
export const REDACTED_CPR = '[cpr-nummer]';
export const TRANSCRIPT_MAX_CHARS = 500;

/** An e-mail address (letters and digits of any script: søren@blåbær.dk); local part and domain captured. */
const emailPattern = /([\p{L}\p{N}._%+'-]+)@([\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,})/gu;
/** No e-mail address is longer; a longer word with an "@" is hidden whole. */
const MAX_EMAIL_CHARS = 320;

/** Replaces the e-mail addresses in `text`, looking only at words that hold an "@". */
function replaceEmails(text: string, replacement: (local: string, domain: string) => string): string {
  if (!text.includes('@')) return text;
  return text.replace(/\S+/g, (word) => {
    if (!word.includes('@')) return word;
    if (word.length > MAX_EMAIL_CHARS) return REDACTED_EMAIL;
    return word.replace(emailPattern, (_m, local: string, domain: string) => replacement(local, domain));
  });
}

/** Masks e-mail addresses: kontakt@nordicbikes.dk -> k*****@nordicbikes.dk */
export function maskEmail(text: string): string {
  return replaceEmails(text, (local, domain) => `${local.slice(0, 1)}*****@${domain}`);
}

const cardPattern = /(?<!\p{Nd})\p{Nd}(?:[ -]?\p{Nd}){12,18}(?!\p{Nd})/gu;
const digitPattern = /\p{Nd}/gu;

/** For stored questions: e-mail addresses, card-like numbers and digits replaced; cut to `maxChars`. */
function forAnalytics(text: string, maxChars: number): string {
  const redacted = replaceEmails(text.normalize('NFKC'), () => REDACTED_EMAIL)
    .replace(cardPattern, REDACTED_CARD)
    .replace(digitPattern, '#')
    .trim();
  if (redacted.length <= maxChars) return redacted;
  // Cut by code points, so an emoji or æ is never split in half.
  return Array.from(redacted).slice(0, maxChars).join('').trim();
}

/** Digits joined by single spaces, dashes or dots ("4571 1234 5678 9012", "861 713"): one number as people type it. */
const digitRun = /\d(?:[ .-]?\d)*/g;
/** A CPR number: DDMMYY, optionally a dash or space, then four digits (a date first, so a phone number with +45 is not one). */
const cprShape = /^(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d{2}[ -]?\d{4}$/;

/** For the agents' transcript: cards, CPR numbers and code-shaped numbers replaced, e-mails masked, capped. */
function forTranscript(text: string): string {
  const redacted = maskEmail(
    text.replace(digitRun, (run) => {
      const digits = run.replace(/\D/g, '').length;
      if (digits >= 13 && digits <= 19) return TRANSCRIPT_REDACTED_CARD;
      if (cprShape.test(run)) return REDACTED_CPR;
      if (digits === 6) return REDACTED_CODE;
      return run;
    }),
  ).trim();
  const chars = Array.from(redacted);
  return chars.length <= TRANSCRIPT_MAX_CHARS ? redacted : `${chars.slice(0, TRANSCRIPT_MAX_CHARS - 1).join('')}…`;
}

/** The text as the policy lets it be kept. `maxChars` applies to `analytics`. */
export function applyPrivacy(policy: PrivacyPolicy, text: string, maxChars = Number.POSITIVE_INFINITY): string {
  switch (policy) {
    case 'log':
      return maskEmail(text);
    case 'analytics':
      return forAnalytics(text, maxChars);
    case 'transcript':
      return forTranscript(text);
  }
}
