import { ActivityTypes, CardFactory, Channels, type Activity, type Attachment, type Middleware, type ResourceResponse, type TurnContext } from 'botbuilder';
import { adaptiveCardAttachment, isFeedbackCard, suggestionsCard, withChoices } from '../dialogs/shared/cards';

/** At most this many choices become buttons; the reply text always lists or names every choice. */
export const TEAMS_MAX_CARD_BUTTONS = 6;

/** Group chats and channels: Teams shows no suggested actions there, and the bot must be @mentioned. */
export function isTeamsGroupConversation(activity: Partial<Activity>): boolean {
  const type = activity.conversation?.conversationType;
  return type === 'groupChat' || type === 'channel';
}

/**
 * Adapts replies to Teams, in one place, for every dialog and every Teams conversation type
 * (personal chat, group chat, channel). Outside Teams nothing changes.
 *
 * - **Text** is Markdown in Teams (see `teamsMarkdown`): lists stay lists, every other line break is kept.
 * - **Choices** (the dialogs' suggested actions) become boxes on an Adaptive Card that a click
 *   sends back as `value: { suggestion }` (read as typed, see teamsMentions). Teams shows suggested
 *   actions only under a personal chat's last message, at most 3, and never on a message with a card; the
 *   Agents Playground also shows such a message's text without its Markdown. A card shows them everywhere.
 *   (Not hero-card imBack buttons: an imBack click is a plain message without an @mention, which Teams
 *   does not deliver to a bot in a group chat or channel.)
 * - **One card per answer**: when a message with choices (an FAQ answer and its follow-up questions) is
 *   followed in the same turn by a "did this help?" card, the choices go onto that card, above its
 *   👍/👎, instead of onto a card of their own; the feedback message's copy of them is dropped.
 *
 * For the last point a message with choices is held back until the turn shows what follows it: the
 * next message with choices or a card, or the end of the turn (the messages in between wait with it,
 * so the order never changes). Register it after any middleware that records the bot's messages as
 * the dialogs sent them (the transcript), so that those see every message before it is held.
 */
export class TeamsRendering implements Middleware {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (context.activity.channelId !== Channels.Msteams) return next();
    const replies = new TeamsReplies();
    let ended = false;
    let flushing = false;
    context.onSendActivities(async (_context, activities, send) => {
      // The held messages, sent at the end of the turn: already adapted.
      if (flushing) return send();
      const batch = [...activities];
      const now = ended ? [...replies.push(batch), ...replies.end()] : replies.push(batch);
      // The prompts re-prompt when nothing was sent: a held message counts as sent.
      if (replies.holding) context.responded = true;
      activities.splice(0, activities.length, ...now);
      const responses = now.length > 0 ? await send() : [];
      const sent = new Map<Partial<Activity>, ResourceResponse>(now.map((activity, i) => [activity, responses[i] ?? { id: '' }]));
      return batch.map((activity) => sent.get(activity) ?? { id: '' });
    });
    let failed = false;
    try {
      await next();
    } catch (error: unknown) {
      failed = true;
      throw error;
    } finally {
      ended = true;
      const rest = replies.end();
      flushing = true;
      // After a failed turn the error reply follows; a failure to send these must not hide the first error.
      if (rest.length > 0) {
        await context.sendActivities(rest).catch((error: unknown) => {
          if (!failed) throw error;
        });
      }
      flushing = false;
    }
  }
}

/**
 * One turn's replies to Teams, in order: `push` takes what the bot sends and returns what can go out
 * now (adapted); a message with choices waits for what follows it; `end` returns the rest.
 */
export class TeamsReplies {
  private waiting: Partial<Activity>[] = [];

  /** True while a message with choices (and what came after it) waits. */
  get holding(): boolean {
    return this.waiting.length > 0;
  }

  push(activities: Partial<Activity>[]): Partial<Activity>[] {
    const out: Partial<Activity>[] = [];
    for (const activity of activities) {
      const [held, ...after] = this.waiting;
      if (held === undefined) {
        if (choicesOfActivity(activity).length > 0 && !activity.attachments?.length) this.waiting = [activity];
        else out.push(adaptForTeams(activity));
      } else if (activity.type !== undefined && activity.type !== ActivityTypes.Message) {
        this.waiting.push(activity);
      } else if (feedbackCardIndex(activity) >= 0) {
        // The answer's follow-ups (and the feedback message's own copy of them) go onto the feedback card.
        const choices = unique([...choicesOfActivity(held), ...choicesOfActivity(activity)]);
        delete held.suggestedActions;
        delete activity.suggestedActions;
        out.push(...[held, ...after].map((a) => adaptForTeams(a)), adaptForTeams(activity, choices));
        this.waiting = [];
      } else if (choicesOfActivity(activity).length > 0 || activity.attachments?.length) {
        out.push(...this.end());
        out.push(...this.push([activity]));
      } else {
        this.waiting.push(activity);
      }
    }
    return out;
  }

  /** The end of the turn (or of what a held message waits for): everything held, its choices on a card of its own. */
  end(): Partial<Activity>[] {
    const out = this.waiting.map((activity) => adaptForTeams(activity));
    this.waiting = [];
    return out;
  }
}

/**
 * Rewrites one outgoing activity for Teams (in place): its text as Teams Markdown, and its choices
 * (its suggested actions, or `choices` taken from the message before it) as boxes on its feedback card
 * or on a card of their own.
 */
export function adaptForTeams(activity: Partial<Activity>, choices: string[] = choicesOfActivity(activity)): Partial<Activity> {
  if (typeof activity.text === 'string' && activity.textFormat !== 'plain' && activity.textFormat !== 'xml') {
    activity.text = teamsMarkdown(activity.text);
  }
  delete activity.suggestedActions;
  const titles = choices.slice(0, TEAMS_MAX_CARD_BUTTONS);
  if (titles.length === 0) return activity;
  const attachments = activity.attachments ?? [];
  const feedback = feedbackCardIndex(activity);
  activity.attachments =
    feedback >= 0
      ? attachments.map((attachment, i) => (i === feedback && isFeedbackCard(attachment.content) ? adaptiveCardAttachment(withChoices(attachment.content, titles)) : attachment))
      : [...attachments, adaptiveCardAttachment(suggestionsCard(titles))];
  return activity;
}

/**
 * Text as Teams reads it (Markdown, where a single line break is lost: lines run together, and a line
 * after a list joins its last item). Consecutive list items ("- …", "* …", "1. …") stay one list, one
 * item per line; every other line break becomes a paragraph break, so each line keeps its own line.
 */
export function teamsMarkdown(text: string): string {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  let out = '';
  let previous: string | undefined;
  for (const line of lines) {
    if (line === '') continue;
    if (previous !== undefined) out += isListItem(previous) && isListItem(line) ? '\n' : '\n\n';
    out += line;
    previous = line;
  }
  return out;
}

function isListItem(line: string): boolean {
  return /^([-*+]|\d{1,3}[.)])\s/.test(line);
}

/** The titles of an activity's suggested actions, as a click should send them (the value, else the title). */
function choicesOfActivity(activity: Partial<Activity>): string[] {
  return (activity.suggestedActions?.actions ?? []).map((action) => (typeof action.value === 'string' && action.value.trim() !== '' ? action.value : String(action.title)));
}

function feedbackCardIndex(activity: Partial<Activity>): number {
  return (activity.attachments ?? []).findIndex((attachment: Attachment) => attachment.contentType === CardFactory.contentTypes.adaptiveCard && isFeedbackCard(attachment.content));
}

function unique(titles: string[]): string[] {
  return [...new Set(titles)];
}
