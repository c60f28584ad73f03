import { ActivityTypes, Channels, TurnContext, type Activity, type Middleware } from 'botbuilder';
import type { Logger } from '../lib/logger';
import { suggestionOf } from '../dialogs/shared/cards';
import { isTeamsGroupConversation } from './teamsRendering';

/** True when a Teams message @mentions the bot (the activity's recipient). */
export function mentionsBot(activity: Partial<Activity>): boolean {
  const botId = activity.recipient?.id;
  return botId !== undefined && TurnContext.getMentions(activity).some((mention) => mention.mentioned?.id === botId);
}

/** Removes every @mention of the bot from the text ("<at>DIBS Helpdesk</at> hvad er …" → "hvad er …"). */
export function stripBotMentions(activity: Partial<Activity>): void {
  const botId = activity.recipient?.id;
  let text = activity.text ?? '';
  for (const mention of TurnContext.getMentions(activity)) {
    if (mention.mentioned?.id === botId && mention.text) text = text.split(mention.text).join(' ');
  }
  activity.text = text.replace(/[ \t\u00a0]{2,}/g, ' ').trim();
}

/**
 * In Teams group chats and channels the bot answers only messages addressed to it: an @mention of the
 * bot (stripped before the bot reads the text), or a click on one of its cards (a message with `value`).
 * Anything else ends the turn here: no reply, no state read or written. Personal chats are unchanged.
 * In every Teams conversation a click on a choice box (`value: { suggestion }`, no text; see
 * teamsRendering) is read as if its title had been typed.
 * Registered on the adapter first, so it runs before the bot and before anything that records the turn.
 */
export class TeamsMentions implements Middleware {
  constructor(private readonly logger: Logger) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const activity = context.activity;
    if (activity.channelId !== Channels.Msteams || activity.type !== ActivityTypes.Message) return next();
    const suggestion = suggestionOf(activity.value);
    if (suggestion !== undefined && !activity.text?.trim()) activity.text = suggestion;
    if (!isTeamsGroupConversation(activity)) return next();
    if (activity.value !== undefined && activity.value !== null) return next();
    if (!mentionsBot(activity)) {
      this.logger.debug('not_addressed', { conversation: activity.conversation?.id, channel: activity.channelId });
      return;
    }
    stripBotMentions(activity);
    return next();
  }
}
