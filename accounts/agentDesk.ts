import type { Clock } from '../lib/clock';
import type { AccountStore, CallbackRequest, EmailChangeRequest, Merchant } from '../store/types';
import type { Actor } from './verification';

/** What a phone agent sees about a merchant: the account, its lock state and its open cases. */
export interface MerchantOverview {
  merchant: Merchant;
  /** Set while the account is locked. */
  lockedUntil?: Date;
  pendingEmailChanges: EmailChangeRequest[];
  openCallbacks: CallbackRequest[];
}

/**
 * A phone agent's look-ups and confirmations for callers. Callers of this class must have checked
 * that the turn's user is an agent (dialogs/agent/agentAccess.ts); every call is audited with the agent.
 */
export class AgentDesk {
  constructor(
    private readonly store: AccountStore,
    private readonly clock: Clock,
  ) {}

  /** The merchant card's data, or undefined for an unknown customer ID (agents may be told). */
  async overview(customerId: string, agent: Actor): Promise<MerchantOverview | undefined> {
    const merchant = await this.store.findMerchant(customerId);
    await this.store.audit({ ...agent, customerId, action: 'agent.merchant-lookup', outcome: merchant ? 'success' : 'not-found' });
    if (!merchant) return undefined;
    const [pendingEmailChanges, openCallbacks] = await Promise.all([
      this.store.listEmailChangeRequests({ customerId, status: 'pending' }),
      this.store.listCallbackRequests({ customerId, status: 'open' }),
    ]);
    const locked = merchant.lockedUntil && merchant.lockedUntil.getTime() > this.clock.now().getTime() ? merchant.lockedUntil : undefined;
    return { merchant, lockedUntil: locked, pendingEmailChanges, openCallbacks };
  }

  /** The agent confirms that the caller passed the checklist. Returns the merchant, or undefined when unknown. */
  async callerVerified(customerId: string, agent: Actor): Promise<Merchant | undefined> {
    const merchant = await this.store.findMerchant(customerId);
    await this.store.audit({ ...agent, customerId, action: 'agent.caller-verified', outcome: merchant ? 'success' : 'not-found', detail: 'checklist confirmed by agent' });
    return merchant;
  }
}
