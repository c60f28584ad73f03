/**
 * The phone agents' commands, as typed or sent by a card button ("kunde 100001", "Opkalder bekræftet",
 * "godkend EC-20261127-ABCDEF"). Pure functions, no botbuilder. Only ever consulted for a turn whose
 * user is an agent (dialogs/agent/agentAccess.ts); for everyone else these words are ordinary text.
 */
import type { Language } from '../../knowledge/schema';

export type AgentAction = 'unlock' | 'change-email' | 'transaction-status';

export type AgentCommand =
  | { kind: 'lookup'; customerId: string; language: Language }
  | { kind: 'caller-verified'; customerId?: string; language: Language }
  | { kind: 'act'; action: AgentAction; customerId?: string; language: Language }
  | { kind: 'pending'; language: Language }
  | { kind: 'document' | 'approve' | 'reject'; caseNumber: string; language: Language };

const id = String.raw`(\d{4,10})`;
const optionalId = String.raw`(?:\s+(?:for\s+)?(?:kunde\s*|customer\s*)?#?(\d{4,10}))?`;
const caseNumber = String.raw`(EC-\d{8}-[A-Z0-9]{6})`;

/** The first capture group of a pattern whose group is not optional: a match always has it. */
function captured(m: RegExpExecArray): string {
  const value = m[1];
  if (value === undefined) throw new Error('an agent command pattern matched without its capture group');
  return value;
}

const patterns: { pattern: RegExp; make: (m: RegExpExecArray, language: Language) => AgentCommand; language: Language }[] = [
  { language: 'da', pattern: new RegExp(String.raw`^(?:kunde|forhandler)(?:\s*-?\s*(?:id|nr\.?|nummer))?\s*[:#]?\s*${id}$`, 'i'), make: (m, language) => ({ kind: 'lookup', customerId: captured(m), language }) },
  { language: 'en', pattern: new RegExp(String.raw`^(?:customer|merchant)(?:\s*-?\s*(?:id|no\.?|number))?\s*[:#]?\s*${id}$`, 'i'), make: (m, language) => ({ kind: 'lookup', customerId: captured(m), language }) },
  { language: 'da', pattern: new RegExp(String.raw`^opkalder(?:en)?\s+(?:er\s+)?bekr(?:æ|ae)ftet${optionalId}$`, 'i'), make: (m, language) => ({ kind: 'caller-verified', customerId: m[1], language }) },
  { language: 'en', pattern: new RegExp(String.raw`^caller\s+(?:is\s+)?verified${optionalId}$`, 'i'), make: (m, language) => ({ kind: 'caller-verified', customerId: m[1], language }) },
  { language: 'da', pattern: new RegExp(String.raw`^l(?:å|aa)s\s+(?:konto(?:en)?\s+)?op${optionalId}$`, 'i'), make: (m, language) => ({ kind: 'act', action: 'unlock', customerId: m[1], language }) },
  { language: 'en', pattern: new RegExp(String.raw`^unlock(?:\s+(?:the\s+)?account)?${optionalId}$`, 'i'), make: (m, language) => ({ kind: 'act', action: 'unlock', customerId: m[1], language }) },
  { language: 'da', pattern: new RegExp(String.raw`^skift\s+login-?\s*e-?mail${optionalId}$`, 'i'), make: (m, language) => ({ kind: 'act', action: 'change-email', customerId: m[1], language }) },
  { language: 'en', pattern: new RegExp(String.raw`^change\s+(?:the\s+)?login\s*e-?mail${optionalId}$`, 'i'), make: (m, language) => ({ kind: 'act', action: 'change-email', customerId: m[1], language }) },
  { language: 'da', pattern: new RegExp(String.raw`^transaktionsstatus${optionalId}$`, 'i'), make: (m, language) => ({ kind: 'act', action: 'transaction-status', customerId: m[1], language }) },
  { language: 'en', pattern: new RegExp(String.raw`^transaction\s+status${optionalId}$`, 'i'), make: (m, language) => ({ kind: 'act', action: 'transaction-status', customerId: m[1], language }) },
  { language: 'da', pattern: /^(?:afventende(?:\s+(?:sager|ændringer|godkendelser))?|godkendelser)$/i, make: (_m, language) => ({ kind: 'pending', language }) },
  { language: 'en', pattern: /^(?:pending(?:\s+(?:requests|cases|approvals|e-?mail\s+changes))?|approvals)$/i, make: (_m, language) => ({ kind: 'pending', language }) },
  { language: 'da', pattern: new RegExp(String.raw`^(?:vis\s+)?dokument(?:et)?\s+(?:for\s+)?${caseNumber}$`, 'i'), make: (m, language) => ({ kind: 'document', caseNumber: captured(m).toUpperCase(), language }) },
  { language: 'en', pattern: new RegExp(String.raw`^(?:show\s+)?(?:the\s+)?document\s+(?:for\s+)?${caseNumber}$`, 'i'), make: (m, language) => ({ kind: 'document', caseNumber: captured(m).toUpperCase(), language }) },
  { language: 'da', pattern: new RegExp(String.raw`^godkend\s+${caseNumber}$`, 'i'), make: (m, language) => ({ kind: 'approve', caseNumber: captured(m).toUpperCase(), language }) },
  { language: 'en', pattern: new RegExp(String.raw`^approve\s+${caseNumber}$`, 'i'), make: (m, language) => ({ kind: 'approve', caseNumber: captured(m).toUpperCase(), language }) },
  { language: 'da', pattern: new RegExp(String.raw`^afvis\s+${caseNumber}$`, 'i'), make: (m, language) => ({ kind: 'reject', caseNumber: captured(m).toUpperCase(), language }) },
  { language: 'en', pattern: new RegExp(String.raw`^reject\s+${caseNumber}$`, 'i'), make: (m, language) => ({ kind: 'reject', caseNumber: captured(m).toUpperCase(), language }) },
];

/** Reads an agent command from a message's text (Teams @mentions and a trailing full stop are ignored). */
export function parseAgentCommand(text: string): AgentCommand | undefined {
  const clean = text.replace(/<at>.*?<\/at>/gi, ' ').replace(/\s+/g, ' ').trim().replace(/[.!]$/, '');
  for (const { pattern, make, language } of patterns) {
    const m = pattern.exec(clean);
    if (m) return make(m, language);
  }
  return undefined;
}

/** What a card button sends: the command text (Teams posts it as the agent's message, `imBack`). */
export function commandFromValue(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const command = (value as { command?: unknown }).command;
  return typeof command === 'string' ? command : undefined;
}
