import type { Activity } from 'botbuilder';
import type { DialogTestClient } from 'botbuilder-testing';

/** What the bot should reply: exact text, a pattern, or a check on the whole activity. */
export type Expectation = string | RegExp | ((reply: Partial<Activity>) => void);
/** One exchange: what the user says, and what the bot replies (one or several messages). */
export type Exchange = [user: string | Partial<Activity> | (() => string | Partial<Activity>), bot: Expectation | Expectation[]];

/** Plays a transcript against a dialog test client and checks every reply in order. */
export async function playTranscript(client: DialogTestClient, exchanges: Exchange[]): Promise<void> {
  for (const [said, bot] of exchanges) {
    const user = typeof said === 'function' ? said() : said;
    const expectations = Array.isArray(bot) ? bot : [bot];
    let reply = (await client.sendActivity(user)) as Partial<Activity> | undefined;
    for (const expectation of expectations) {
      if (!reply) throw new Error(`No reply to ${JSON.stringify(user)}; expected ${String(expectation)}`);
      checkReply(reply, expectation, user);
      reply = client.getNextReply() as Partial<Activity> | undefined;
    }
    if (reply) throw new Error(`Unexpected extra reply to ${JSON.stringify(user)}: ${String(reply.text)}`);
  }
}

function checkReply(reply: Partial<Activity>, expectation: Expectation, user: unknown): void {
  if (typeof expectation === 'function') return expectation(reply);
  const text = reply.text ?? '';
  const ok = typeof expectation === 'string' ? text === expectation : expectation.test(text);
  if (!ok) throw new Error(`Reply to ${JSON.stringify(user)} was:\n${text}\nexpected: ${String(expectation)}`);
}

/** Titles of the suggested actions on a reply. */
export function buttons(reply: Partial<Activity>): string[] {
  return (reply.suggestedActions?.actions ?? []).map((a) => String(a.title ?? a.value));
}
