import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { z } from 'zod';

/**
 * A conversation test as data: one YAML file under test/conversations/ (format: test/conversations/README.md).
 * The files are read with YAML's failsafe schema, so every value arrives as text exactly as typed
 * ("012345" stays a code, "ja" and "no" stay words); numbers and yes/no settings are read here.
 */

/** A reply expectation: text the reply must contain, or a /regular expression/. */
const pattern = z.string().min(1, 'an expectation must not be empty');

/** "Any number of replies here (also none)." */
export const ANY_REPLIES = '...';

const flag = z.enum(['true', 'false', 'yes', 'no']).transform((value) => value === 'true' || value === 'yes');

const REPLY_FORMS = 'a reply is a text, a /pattern/, "..." or { says, buttons }; put a text that contains ": " in quotes';
const reply = z.union([
  pattern,
  z.object({ says: pattern.optional(), buttons: z.array(z.string()).optional() }).strict(REPLY_FORMS),
], { errorMap: () => ({ message: REPLY_FORMS }) });

const DURATION = /^(\d+)\s*(second|minute|hour|day)s?$/;
const UNIT_MS = { second: 1000, minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;
const duration = z
  .string()
  .regex(DURATION, 'a duration like "11 minutes", "90 seconds" or "1 hour"')
  .transform((text) => {
    const [, amount, unit] = DURATION.exec(text)!;
    return Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS];
  });

const upload = z.union([
  z.string().min(1),
  z.object({ name: z.string().min(1), content: z.enum(['pdf', 'png', 'text']) }).strict(),
]);

const turn = z
  .object({
    /** What the user types. In a Teams group chat, "@DIBS Helpdesk …" is an @mention of the bot. */
    user: z.string().optional(),
    /** Types the one-time code last mailed to this address. */
    'code for': z.string().email().optional(),
    /** Sends a file: "faktura.pdf" (a real PDF), "scan.png" (a real PNG), any other name is plain text; or { name, content }. */
    upload: upload.optional(),
    /** Time passes before this turn. */
    after: duration.optional(),
    /** The bot's replies, in order, one item per reply message. */
    bot: z.array(reply),
    /** Patterns that none of this turn's replies may match. */
    not: z.array(pattern).optional(),
    /** In a known-defect conversation: the bug shows from this turn on; every turn before it must pass. */
    defect: flag.optional(),
  })
  .strict()
  .refine((t) => [t.user, t['code for'], t.upload].filter((said) => said !== undefined).length === 1, { message: 'a turn has exactly one of user, code for, upload' });

const auditCheck = z.union([
  /** Exactly these events, in this order. */
  z.array(z.string().regex(/^[\w.-]+:[\w-]+$/, 'an audit event is written action:outcome, e.g. account.unlock:success')),
  z.object({ 'none-for': z.union([z.string(), z.array(z.string())]).transform((a) => (Array.isArray(a) ? a : [a])) }).strict(),
]);

const checks = z
  .object({
    /** Audit events by customer ID ("any" = all customers): the exact list, or { none-for: action }. */
    audit: z.record(z.string().regex(/^(\d{4,10}|any)$/, 'a customer ID or "any"'), auditCheck).optional(),
    /** Whether a guided dialog (unlock, e-mail change, order status, callback, agent flow) is still waiting at the end. */
    dialog: z.enum(['ended', 'running']).optional(),
    /** How many mails each address got during this conversation. */
    mails: z.record(z.string().email(), z.string().regex(/^\d+$/).transform(Number)).optional(),
  })
  .strict();

export const CHANNELS = ['webchat', 'msteams personal', 'msteams groupChat', 'msteams channel'] as const;

export const conversationSchema = z
  .object({
    title: z.string().min(1),
    /** works: a regression guard. known-defect: fails on today's code (runs as it.failing); flip it when the fix lands. */
    status: z.enum(['works', 'known-defect']),
    /** Where the defect is described, e.g. "#12". */
    issue: z.string().optional(),
    channel: z.enum(CHANNELS),
    locale: z.enum(['da-DK', 'en-US']),
    /** The user is a registered phone agent (Teams). */
    agent: flag.optional(),
    /** The clock at the start (ISO 8601, UTC); default the demo's Friday 27 November 2026, 11:00 in Copenhagen. */
    now: z.string().datetime().optional(),
    notes: z.string().optional(),
    turns: z.array(turn).min(1),
    checks: checks.optional(),
  })
  .strict()
  .refine((c) => c.status === 'known-defect' || !c.turns.some((t) => t.defect), { message: 'defect: true marks a turn of a known-defect conversation only', path: ['status'] });

export type Conversation = z.infer<typeof conversationSchema>;
export type Turn = Conversation['turns'][number];
export type ReplyExpectation = Turn['bot'][number];
export type ConversationChecks = NonNullable<Conversation['checks']>;
export type AuditCheck = z.infer<typeof auditCheck>;
export type Channel = Conversation['channel'];

/** One file: its conversation, or why it could not be read. */
export type ConversationFile = { file: string; conversation: Conversation } | { file: string; error: string };

/** Reads and checks one conversation file. `file` is the name used in messages. */
export function parseConversation(text: string, file: string): Conversation {
  let data: unknown;
  try {
    data = yaml.load(text, { schema: yaml.FAILSAFE_SCHEMA, filename: file });
  } catch (error: unknown) {
    throw new Error(`${file}: not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = conversationSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.map((p) => (typeof p === 'number' ? p + 1 : p)).join(' › ') || '(file)'}: ${issue.message}`);
    throw new Error(`${file}:\n${problems.join('\n')}`);
  }
  return parsed.data;
}

/** Every *.yaml below `dir` (any depth), sorted, with names relative to `relativeTo`. */
export function loadConversations(dir: string, relativeTo: string): ConversationFile[] {
  const files = fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => path.join(dir, name))
    .sort();
  return files.map((full) => {
    const file = path.relative(relativeTo, full);
    try {
      return { file, conversation: parseConversation(fs.readFileSync(full, 'utf8'), file) };
    } catch (error: unknown) {
      return { file, error: error instanceof Error ? error.message : String(error) };
    }
  });
}
