import { ActionTypes, CardFactory, Channels, type Activity, type CardAction, type Middleware, type TurnContext } from 'botbuilder';

/** Teams cuts longer lists of suggested actions; the reply text always names every choice. */
export const TEAMS_MAX_SUGGESTED_ACTIONS = 3;
/** Buttons on the hero card that replaces suggested actions in group chats and channels. */
export const TEAMS_MAX_CARD_BUTTONS = 6;

/** What a button on that hero card sends besides its text: marks the message as a card action (see teamsMentions). */
export interface SuggestionValue {
  suggestion: string;
}

/** Group chats and channels: Teams shows no suggested actions there, and the bot must be @mentioned. */
export function isTeamsGroupConversation(activity: Partial<Activity>): boolean {
  const type = activity.conversation?.conversationType;
  return type === 'groupChat' || type === 'channel';
}

/**
 * Adapts replies to Teams, in one place, for every dialog. Outside Teams nothing changes.
 * - Personal chat: at most 3 suggested actions (the texts already list or name every choice).
 * - Group chat and channel: the suggested actions become buttons on a hero card. They are messageBack
 *   buttons: the chat shows the title as the user's message (as imBack would), the bot gets the title as
 *   text, and the `value` marks the message as a click on the bot's card, so it counts as addressed to
 *   the bot without an @mention.
 */
export class TeamsRendering implements Middleware {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (context.activity.channelId === Channels.Msteams) {
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
  const actions = activity.suggestedActions?.actions;
  if (!actions?.length) return;
  if (!group) {
    if (actions.length > TEAMS_MAX_SUGGESTED_ACTIONS) activity.suggestedActions = { ...activity.suggestedActions!, actions: actions.slice(0, TEAMS_MAX_SUGGESTED_ACTIONS) };
    return;
  }
  const buttons: CardAction[] = actions.slice(0, TEAMS_MAX_CARD_BUTTONS).map((action) => {
    const title = String(action.title ?? action.value);
    const text = typeof action.value === 'string' ? action.value : title;
    return { type: ActionTypes.MessageBack, title, text, displayText: text, value: { suggestion: text } satisfies SuggestionValue };
  });
  delete activity.suggestedActions;
  activity.attachments = [...(activity.attachments ?? []), CardFactory.heroCard('', undefined, buttons)];
}
