import type { TurnContext } from 'botbuilder';
import type { Actor } from '../accounts/verification';

/** What the conversation remembers about a verified merchant. Holds for a bounded time. */
export interface IdentityState {
  customerId?: string;
  /** Epoch milliseconds until which the verification holds. */
  verifiedUntil?: number;
  /** The channel user who verified: in a group chat, nobody else inherits the verification. */
  userId?: string;
}

/** The channel user behind a turn (Entra object id in Teams, else the channel's user id). */
export function userIdOf(context: TurnContext): string {
  return context.activity.from?.aadObjectId ?? context.activity.from?.id ?? 'unknown';
}

export function verifiedCustomer(state: IdentityState, now: Date, customerId: string | undefined, userId: string): string | undefined {
  if (!state.customerId || !state.verifiedUntil || state.verifiedUntil <= now.getTime()) return undefined;
  if (state.userId !== userId) return undefined;
  if (customerId !== undefined && customerId !== state.customerId) return undefined;
  return state.customerId;
}

/** The audit actor of a turn: the channel user, never their message text. */
export function actorOf(context: TurnContext): Actor {
  const a = context.activity;
  return { actor: `user:${userIdOf(context)}`, channel: a.channelId ?? 'unknown', conversationId: a.conversation?.id ?? 'unknown' };
}
