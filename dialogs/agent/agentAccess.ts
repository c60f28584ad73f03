import { RoleTypes, type TurnContext } from 'botbuilder';
import type { AgentDirectory } from '../../accounts/agents';
import { isStoreFailure } from '../../lib/errors';
import type { Agent } from '../../store/types';

/**
 * Who is a phone agent in this turn. The one rule: the activity comes from Teams (`channelId`
 * "msteams"), carries an Entra object id (`from.aadObjectId`, set by Teams), arrived with a
 * Bot Framework token for this bot (when the bot runs with credentials; see SECURITY.md for local
 * mode), optionally from the configured tenant, and that object id is in the agents table.
 * Nothing the user types and no other channel can make someone an agent.
 */
export interface AgentGateOptions {
  /** The bot's app id when it runs with Bot Framework auth: the turn's token must be for this app. */
  appId?: string;
  /** When set (single-tenant bots), the Teams tenant (`channelData.tenant.id`) must be this one. */
  tenantId?: string;
  /**
   * The agents' own Teams channel (AGENTS_TEAMS_CHANNEL_ID). Agent powers work in a personal chat with
   * the bot and in this channel only: in any other group chat or channel, merchant cards and case
   * documents would be shown to everyone in it.
   */
  agentsChannelId?: string;
}

const agentKey = Symbol('phoneAgent');

/** The claims of the turn's token as botbuilder keeps them (botframework-connector's ClaimsIdentity). */
interface TurnIdentity {
  authenticationType?: unknown;
  getClaimValue?(claimType: string): string | null;
}

export class AgentGate {
  constructor(
    private readonly directory: AgentDirectory,
    private readonly options: AgentGateOptions = {},
  ) {}

  /** Decides once per turn and remembers the answer in the turn state (for `agentOfTurn` and the audit actor). */
  async resolve(context: TurnContext): Promise<Agent | undefined> {
    if (context.turnState.has(agentKey)) return agentOfTurn(context);
    let agent: Agent | undefined;
    const a = context.activity;
    const aadObjectId = a.from?.aadObjectId;
    if (a.channelId === 'msteams' && aadObjectId && a.from.role !== RoleTypes.Bot && this.privateEnough(context) && this.authenticated(context) && this.rightTenant(context)) {
      try {
        agent = await this.directory.find(aadObjectId, a.conversation?.id ?? '');
      } catch (error: unknown) {
        // Fail closed: during a database outage nobody is an agent, and FAQ answers keep working.
        if (!isStoreFailure(error)) throw error;
      }
    }
    context.turnState.set(agentKey, agent ?? null);
    return agent;
  }

  /** A personal chat, or the configured agents' channel; never another group chat or channel. */
  private privateEnough(context: TurnContext): boolean {
    const { conversation, channelData } = context.activity;
    if (conversation?.conversationType !== 'groupChat' && conversation?.conversationType !== 'channel') return true;
    const channel = (channelData as { channel?: { id?: unknown } } | undefined)?.channel?.id;
    // A channel conversation id is "<channel id>;messageid=<thread>"; channelData names the channel too.
    const channelId = typeof channel === 'string' ? channel : conversation.id.split(';')[0];
    return this.options.agentsChannelId !== undefined && channelId === this.options.agentsChannelId;
  }

  private authenticated(context: TurnContext): boolean {
    const { appId } = this.options;
    if (!appId) return true; // local mode: there are no tokens at all (documented in SECURITY.md)
    const identity = context.turnState.get(context.adapter.BotIdentityKey) as TurnIdentity | undefined;
    if (!identity || identity.authenticationType === 'anonymous' || typeof identity.getClaimValue !== 'function') return false;
    return identity.getClaimValue('aud') === appId;
  }

  private rightTenant(context: TurnContext): boolean {
    const { tenantId } = this.options;
    if (!tenantId) return true;
    const channelData = context.activity.channelData as { tenant?: { id?: unknown } } | undefined;
    return typeof channelData?.tenant?.id === 'string' && channelData.tenant.id.toLowerCase() === tenantId.toLowerCase();
  }
}

/** The agent behind this turn, as decided by `AgentGate.resolve` earlier in the turn; undefined for everyone else. */
export function agentOfTurn(context: TurnContext): Agent | undefined {
  const agent = context.turnState.get(agentKey) as Agent | null | undefined;
  return agent ?? undefined;
}
