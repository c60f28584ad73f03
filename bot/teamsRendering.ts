import { Channels, type Activity, type Middleware, type TurnContext } from 'botbuilder';
import { adaptiveCardAttachment, suggestionOf, suggestionsCard } from '../dialogs/cards';

/** Teams cuts longer lists of suggested actions; the reply text always lists or names every choice. */
export const TEAMS_MAX_SUGGESTED_ACTIONS = 3;
/** Buttons on the card that replaces suggested actions in group chats and channels. */
export const TEAMS_MAX_CARD_BUTTONS = 6;

/** Group chats and channels: Teams shows no suggested actions there, and the bot must be @mentioned. */
export function isTeamsGroupConversation(activity: Partial<Activity>): boolean {
  const type = activity.conversation?.conversationType;
  return type === 'groupChat' || type === 'channel';
}

/**
 * Adapts replies to Teams, in one place, for every dialog. Outside Teams nothing changes.
 * - Line breaks: Teams reads message text as Markdown, where a single line break is lost (lines run
 *   together, and a line after a numbered list joins its last item); each one becomes a paragraph break.
 * - Personal chat: at most 3 suggested actions (the texts already list or name every choice).
 * - Group chat and channel: the suggested actions become Action.Submit buttons on an Adaptive Card.
 *   A click arrives as a message with `value: { suggestion }` and no text; it counts as addressed to the
 *   bot (see teamsMentions) and is read here as if the title had been typed. (Not a hero card with
 *   imBack buttons: an imBack click is a plain message without an @mention, which Teams and the Agents
 *   Playground do not deliver to a bot in a group chat or channel; messageBack the Playground does not support.)
 */
export class TeamsRendering implements Middleware {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (context.activity.channelId === Channels.Msteams) {
      const suggestion = suggestionOf(context.activity.value);
      if (suggestion !== undefined && !context.activity.text?.trim()) context.activity.text = suggestion;
      const group = isTeamsGroupConversation(context.activity);
      context.onSendActivities(async (_context, activities, send) => {
        for (const activity of activities) adaptForTeams(activity, group);
        return send();
      });
    }
    await next();
  }
}

/** Rewrites one outgoing activity for Teams (in place). */
export function adaptForTeams(activity: Partial<Activity>, group: boolean): void {
  if (typeof activity.text === 'string' && activity.textFormat !== 'plain' && activity.textFormat !== 'xml') {
    activity.text = activity.text.replace(/[ \t]*(\r?\n)+[ \t]*/g, '\n\n');
  }
  const actions = activity.suggestedActions?.actions;
  if (!actions?.length) return;
  if (!group) {
    if (actions.length > TEAMS_MAX_SUGGESTED_ACTIONS) activity.suggestedActions = { ...activity.suggestedActions!, actions: actions.slice(0, TEAMS_MAX_SUGGESTED_ACTIONS) };
    return;
  }
  const titles = actions.slice(0, TEAMS_MAX_CARD_BUTTONS).map((action) => (typeof action.value === 'string' ? action.value : String(action.title)));
  delete activity.suggestedActions;
  activity.attachments = [...(activity.attachments ?? []), adaptiveCardAttachment(suggestionsCard(titles))];
}
