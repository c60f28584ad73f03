import { ConversationState, MemoryStorage, TestAdapter, type Activity, type ChannelAccount, type ConversationAccount } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { agentDeps, createRootDialog, guidedDialogDeps } from '../../bot/app';
import { loadConfig } from '../../bot/config';
import { HelpdeskBot } from '../../bot/HelpdeskBot';
import { TeamsMentions } from '../../bot/teamsMentions';
import { TeamsRendering } from '../../bot/teamsRendering';
import { silentLogger } from '../../lib/logger';
import type { AccountFixture } from './accounts';
import { ANY_REPLIES, type AuditCheck, type Channel, type Conversation, type ConversationChecks, type ReplyExpectation, type Turn } from './conversation';
import { pdfBytes, pngBytes, upload } from './documents';
import { knowledgeDir, realKnowledge } from './knowledge';

/** The registered phone agent of agent conversations (as in test/agents.test.ts). */
export const CONVERSATION_AGENT = { id: '29:agent', name: 'Mette Jensen', aadObjectId: '5f0c1d2e-3a4b-4c5d-8e9f-0a1b2c3d4e5f' };
const MERCHANT = { id: '29:merchant', name: 'Ole Hansen', aadObjectId: '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' };
const WEB_USER = { id: 'webchat-user', name: 'Ole Hansen' };
const BOT = { id: '28:dibs-bot', name: 'DIBS Helpdesk' };
const MENTION = '@DIBS Helpdesk';

let conversationCount = 0;

/** A conversation that went otherwise than its file says; `turn` is the 0-based turn, or the number of turns for the checks. */
export class ConversationFailure extends Error {
  constructor(readonly turn: number, message: string) {
    super(message);
    this.name = 'ConversationFailure';
  }
}

/** The real bot (HelpdeskBot, root and guided dialogs, agent dialogs, Teams middlewares) on the fixture's database, SMTP sink and clock. */
class ConversationBot {
  private readonly memory: Record<string, string> = {};
  private readonly adapter: TestAdapter;
  private readonly conversation: ConversationAccount;
  private readonly channelData: Record<string, unknown> | undefined;
  private readonly from: ChannelAccount & { aadObjectId?: string };

  constructor(fx: AccountFixture, private readonly channel: Channel, private readonly locale: string, agent: boolean) {
    const config = loadConfig({ NODE_ENV: 'test', SMTP_URL: fx.sink.url, KNOWLEDGE_DIR: knowledgeDir, SUPPORT_EMAIL: 'support@dibs.dk', VERIFICATION_RESPONSE_FLOOR_MS: '0' });
    const conversationState = new ConversationState(new MemoryStorage(this.memory));
    const kb = realKnowledge();
    const deps = { config, logger: silentLogger, kb, store: fx.store, clock: fx.clock };
    const root = createRootDialog(kb, conversationState, guidedDialogDeps(deps, conversationState), config.limits.maxMessageChars, fx.store, undefined, agentDeps(deps, conversationState));
    const bot = new HelpdeskBot(conversationState, conversationState.createProperty<DialogState>('dialogState'), root, kb, silentLogger);
    this.adapter = new TestAdapter((context) => bot.run(context));
    this.adapter.use(new TeamsMentions(silentLogger), new TeamsRendering());
    const id = `conversation-${++conversationCount}`;
    const type = channel === 'webchat' ? undefined : channel.replace('msteams ', '');
    this.conversation = { id: type === 'channel' ? `19:${id}@thread.tacv2;messageid=1` : id, name: '', isGroup: type === 'groupChat' || type === 'channel', conversationType: type ?? '' };
    this.channelData = type === 'channel' ? { channel: { id: `19:${id}@thread.tacv2` } } : undefined;
    this.from = agent ? CONVERSATION_AGENT : channel === 'webchat' ? WEB_USER : MERCHANT;
  }

  /** Sends one user activity and returns the bot's replies to it. */
  async send(activity: Partial<Activity>): Promise<Partial<Activity>[]> {
    this.adapter.activeQueue.splice(0);
    await this.adapter.receiveActivity({
      type: 'message',
      channelId: this.channel === 'webchat' ? 'webchat' : 'msteams',
      locale: this.locale,
      from: this.from,
      recipient: BOT,
      conversation: this.conversation,
      ...(this.channelData ? { channelData: this.channelData } : {}),
      ...activity,
    });
    return this.adapter.activeQueue.splice(0).filter((a) => a.type === 'message');
  }

  /** A text message; "@DIBS Helpdesk …" becomes an @mention of the bot, as Teams sends it. */
  text(text: string): Partial<Activity> {
    if (!text.includes(MENTION)) return { text };
    const at = `<at>${BOT.name}</at>`;
    return { text: text.split(MENTION).join(at), entities: [{ type: 'mention', mentioned: BOT, text: at }] };
  }

  /** The ids of the dialogs running inside the root dialog (empty: nothing but the root waits). */
  runningDialogs(): string[] {
    const ids: string[] = [];
    const walk = (node: unknown, depth: number): void => {
      if (Array.isArray(node)) return node.forEach((n) => walk(n, depth));
      if (typeof node !== 'object' || node === null) return;
      const stack = (node as { dialogStack?: unknown }).dialogStack;
      if (Array.isArray(stack)) {
        (stack as { id?: unknown; state?: unknown }[]).forEach((instance, i) => {
          // The bottom of the outermost stack is the root dialog itself.
          if ((depth > 0 || i > 0) && typeof instance.id === 'string') ids.push(instance.id);
          walk(instance.state, depth + 1);
        });
        return;
      }
      Object.values(node).forEach((n) => walk(n, depth));
    };
    for (const json of Object.values(this.memory)) walk((JSON.parse(json) as { dialogState?: unknown }).dialogState, 0);
    return ids;
  }
}

/** Everything a reply shows as text: its text and the texts and facts of its cards, with line breaks as spaces. */
export function shownText(reply: Partial<Activity>): string {
  const parts: string[] = [reply.text ?? ''];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const element = node as { type?: unknown; text?: unknown; title?: unknown; value?: unknown };
    if (element.type === 'TextBlock' && typeof element.text === 'string') parts.push(element.text);
    else if (element.type === undefined && typeof element.title === 'string' && typeof element.value === 'string') parts.push(`${element.title}: ${element.value}`);
    Object.values(node).forEach(walk);
  };
  walk((reply.attachments ?? []).filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive').map((a) => a.content as unknown));
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** The buttons a reply shows: suggested actions, then the buttons on its cards. */
export function shownButtons(reply: Partial<Activity>): string[] {
  const titles = (reply.suggestedActions?.actions ?? []).map((a) => String(a.title ?? a.value));
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const element = node as { type?: unknown; title?: unknown };
    if (typeof element.type === 'string' && element.type.startsWith('Action.') && typeof element.title === 'string') titles.push(element.title);
    Object.values(node).forEach(walk);
  };
  walk((reply.attachments ?? []).map((a) => a.content as unknown));
  return titles;
}

/** "/…/flags" is a regular expression; anything else is text the reply must contain. */
function matcher(pattern: string): { test: (text: string) => boolean; describe: string } {
  const regex = /^\/(.+)\/([imsu]*)$/s.exec(pattern);
  if (regex) {
    const re = new RegExp(regex[1]!, regex[2]);
    return { test: (text) => re.test(text), describe: String(re) };
  }
  const wanted = pattern.replace(/\s+/g, ' ').trim();
  return { test: (text) => text.includes(wanted), describe: JSON.stringify(wanted) };
}

/** Why a reply does not fit an expectation, or undefined when it does. */
function misfit(expectation: ReplyExpectation, reply: Partial<Activity>): string | undefined {
  const says = typeof expectation === 'string' ? expectation : expectation.says;
  if (says !== undefined) {
    const m = matcher(says);
    if (!m.test(shownText(reply))) return `should say ${m.describe}`;
  }
  if (typeof expectation !== 'string' && expectation.buttons) {
    const got = shownButtons(reply);
    if (JSON.stringify(got) !== JSON.stringify(expectation.buttons)) return `should have the buttons ${JSON.stringify(expectation.buttons)}, has ${JSON.stringify(got)}`;
  }
  return undefined;
}

function describeExpectation(expectation: ReplyExpectation): string {
  return typeof expectation === 'string' ? expectation : JSON.stringify(expectation);
}

/**
 * Fits the replies to the expectations in order, one reply each; "..." stands for any number of
 * replies. Returns why they do not fit, or undefined.
 */
function fitReplies(expected: ReplyExpectation[], replies: Partial<Activity>[]): string | undefined {
  let deepest = { index: -1, why: '' };
  const fits = (i: number, j: number): boolean => {
    if (i === expected.length) {
      if (j === replies.length) return true;
      if (i > deepest.index) deepest = { index: i, why: `reply ${j + 1} is one too many (expected ${expected.length === 0 ? 'no reply' : `only ${expected.length}`})` };
      return false;
    }
    const expectation = expected[i]!;
    if (expectation === ANY_REPLIES) {
      for (let k = j; k <= replies.length; k++) if (fits(i + 1, k)) return true;
      return false;
    }
    if (j >= replies.length) {
      if (i > deepest.index) deepest = { index: i, why: `expected reply ${i + 1} (${describeExpectation(expectation)}), but there are only ${replies.length}` };
      return false;
    }
    const why = misfit(expectation, replies[j]!);
    if (why) {
      if (i > deepest.index) deepest = { index: i, why: `reply ${j + 1} ${why}` };
      return false;
    }
    return fits(i + 1, j + 1);
  };
  return fits(0, 0) ? undefined : deepest.why;
}

function describeTurn(turn: Turn): string {
  if (turn.user !== undefined) return `user: ${JSON.stringify(turn.user)}`;
  if (turn['code for'] !== undefined) return `code for: ${turn['code for']}`;
  return `upload: ${JSON.stringify(turn.upload)}`;
}

function transcriptOf(replies: Partial<Activity>[]): string {
  if (replies.length === 0) return '  (no reply)';
  return replies
    .map((r, i) => {
      const buttons = shownButtons(r);
      return `  ${i + 1}. ${shownText(r)}${buttons.length > 0 ? `\n     [buttons: ${buttons.join(' | ')}]` : ''}`;
    })
    .join('\n');
}

/** The activity a turn sends. */
function userActivity(bot: ConversationBot, turn: Turn, fx: AccountFixture): Partial<Activity> {
  if (turn.user !== undefined) return bot.text(turn.user);
  if (turn['code for'] !== undefined) return { text: fx.sink.lastCodeFor(turn['code for']) };
  const file = typeof turn.upload === 'string' ? { name: turn.upload, content: /\.pdf$/i.test(turn.upload) ? 'pdf' : /\.png$/i.test(turn.upload) ? 'png' : 'text' } : turn.upload!;
  const [bytes, mime] = file.content === 'pdf' ? [pdfBytes, 'application/pdf'] : file.content === 'png' ? [pngBytes, 'image/png'] : [Buffer.from('just some text, not a document'), 'text/plain'];
  return { attachments: [upload(file.name, bytes, mime)] };
}

/**
 * Plays a conversation file against the real bot and checks every turn, then the checks. Throws a
 * ConversationFailure with the file, the turn and what the bot said. `show` gets each turn's
 * transcript as it is played (SHOW_REPLIES=1).
 */
export async function playConversation(file: string, conversation: Conversation, fx: AccountFixture, show?: (line: string) => void): Promise<void> {
  if (conversation.agent) await fx.store.upsertAgent({ aadObjectId: CONVERSATION_AGENT.aadObjectId, name: CONVERSATION_AGENT.name, createdBy: 'operator:test' });
  const bot = new ConversationBot(fx, conversation.channel, conversation.locale, conversation.agent ?? false);
  const mailMark = fx.sink.mails.length;
  for (const [index, turn] of conversation.turns.entries()) {
    if (turn.after !== undefined) fx.clock.advance(turn.after);
    const where = `${file}, turn ${index + 1} (${describeTurn(turn)})`;
    let replies: Partial<Activity>[];
    try {
      replies = await bot.send(userActivity(bot, turn, fx));
    } catch (error: unknown) {
      throw new ConversationFailure(index, `${where}: the turn failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    }
    show?.(`${where}\n${transcriptOf(replies)}`);
    const problems: string[] = [];
    const why = fitReplies(turn.bot, replies);
    if (why) problems.push(why);
    for (const forbidden of turn.not ?? []) {
      const m = matcher(forbidden);
      replies.forEach((reply, i) => {
        if (m.test(shownText(reply))) problems.push(`reply ${i + 1} should not say ${m.describe}`);
      });
    }
    if (problems.length > 0) {
      throw new ConversationFailure(index, `${where}:\n${problems.map((p) => `  ${p}`).join('\n')}\nexpected:\n${turn.bot.map((e, i) => `  ${i + 1}. ${describeExpectation(e)}`).join('\n') || '  (no reply)'}\nthe bot said:\n${transcriptOf(replies)}`);
    }
  }
  if (conversation.checks) await runChecks(file, conversation.checks, bot, fx, mailMark, conversation.turns.length);
}

async function runChecks(file: string, checks: ConversationChecks, bot: ConversationBot, fx: AccountFixture, mailMark: number, turns: number): Promise<void> {
  const problems: string[] = [];
  for (const [customer, check] of Object.entries(checks.audit ?? {})) {
    const events = (await fx.store.listAuditEvents(customer === 'any' ? {} : { customerId: customer })).map((e) => `${e.action}:${e.outcome}`);
    const problem = auditProblem(check, events);
    if (problem) problems.push(`audit for ${customer === 'any' ? 'all customers' : `customer ${customer}`}: ${problem}\n    logged: ${events.length > 0 ? events.join(', ') : '(nothing)'}`);
  }
  if (checks.dialog) {
    const running = bot.runningDialogs();
    if (checks.dialog === 'ended' && running.length > 0) problems.push(`dialog: should have ended, but still running: ${running.join(' › ')}`);
    if (checks.dialog === 'running' && running.length === 0) problems.push('dialog: should still be running, but has ended');
  }
  for (const [address, count] of Object.entries(checks.mails ?? {})) {
    const got = fx.sink.mails.slice(mailMark).filter((m) => m.to.includes(address)).length;
    if (got !== count) problems.push(`mails to ${address}: expected ${count}, got ${got}`);
  }
  if (problems.length > 0) throw new ConversationFailure(turns, `${file}, checks:\n${problems.map((p) => `  ${p}`).join('\n')}`);
}

function auditProblem(check: AuditCheck, events: string[]): string | undefined {
  if (Array.isArray(check)) return JSON.stringify(events) === JSON.stringify(check) ? undefined : `expected exactly ${check.join(', ') || '(nothing)'}`;
  const found = events.filter((e) => check['none-for'].includes(e.split(':')[0]!));
  return found.length > 0 ? `expected none for ${check['none-for'].join(', ')}, found ${found.join(', ')}` : undefined;
}
