import type { TurnContext } from 'botbuilder';
import type { Actor } from '../accounts/verification';

/** What the conversation remembers about a verified merchant. Holds for a bounded time. */
export interface IdentityState {
  customerId?: string;
  /** Epoch milliseconds until which the verification holds. */
  verifiedUntil?: number;
}

export function verifiedCustomer(state: IdentityState, now: Date, customerId?: string): string | undefined {
  if (!state.customerId || !state.verifiedUntil || state.verifiedUntil <= now.getTime()) return undefined;
  if (customerId !== undefined && customerId !== state.customerId) return undefined;
  return state.customerId;
}

/** The audit actor of a turn: the channel user, never their message text. */
export function actorOf(context: TurnContext): Actor {
  const a = context.activity;
  return { actor: `user:${a.from?.aadObjectId ?? a.from?.id ?? 'unknown'}`, channel: a.channelId ?? 'unknown', conversationId: a.conversation?.id ?? 'unknown' };
}
