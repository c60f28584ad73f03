import { Channels, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import type { Actor } from '../../accounts/verification';
import { agentOfTurn } from '../agent/agentAccess';

/** What the conversation remembers about a verified merchant. Holds for a bounded time. */
export interface IdentityState {
  customerId?: string;
  /** Epoch milliseconds until which the verification holds. */
  verifiedUntil?: number;
  /** The channel user who verified: in a group chat, nobody else inherits the verification. */
  userId?: string;
  /** Set when a phone agent confirmed the caller (checklist instead of a code); holds only for that agent. */
  via?: 'agent';
  /** The agent's Entra object id, with `via: 'agent'`. */
  agentId?: string;
}

/**
 * The channel user behind a turn: the Entra object id in Teams (which sets it), else the channel's
 * user id. Outside Teams `from.aadObjectId` is whatever the client sent, so it never identifies anyone:
 * a second Web Chat user sending the first one's object id stays a different user.
 */
export function userIdOf(context: TurnContext): string {
  const from = context.activity.from;
  if (context.activity.channelId === Channels.Msteams && from?.aadObjectId) return from.aadObjectId;
  return from?.id ?? 'unknown';
}

/**
 * The verified customer ID while the verification holds for this user (and, if given, this customer).
 * A verification by a phone agent counts only when `agentId` is that agent (still an agent this turn).
 */
export function verifiedCustomer(state: IdentityState, now: Date, customerId: string | undefined, userId: string, agentId?: string): string | undefined {
  if (!state.customerId || !state.verifiedUntil || state.verifiedUntil <= now.getTime()) return undefined;
  if (state.userId !== userId) return undefined;
  if (state.via === 'agent' && (agentId === undefined || state.agentId !== agentId)) return undefined;
  if (customerId !== undefined && customerId !== state.customerId) return undefined;
  return state.customerId;
}

/** The audit actor of a turn: `agent:<object id>` for a phone agent, else the channel user; never their message text. */
export function actorOf(context: TurnContext): Actor {
  const a = context.activity;
  const agent = agentOfTurn(context);
  return { actor: agent ? `agent:${agent.aadObjectId}` : `user:${userIdOf(context)}`, channel: a.channelId ?? 'unknown', conversationId: a.conversation?.id ?? 'unknown' };
}

/** Whether the turn's user has a verification that still holds (for any customer). */
export async function isVerified(identity: StatePropertyAccessor<IdentityState>, context: TurnContext, now: Date): Promise<boolean> {
  return verifiedCustomer(await identity.get(context, {}), now, undefined, userIdOf(context), agentOfTurn(context)?.aadObjectId) !== undefined;
}
