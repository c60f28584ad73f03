import type { AccountStore, CallbackRequest, NewCallbackRequest } from '../store/types';
import type { Mailer } from './mailer';
import { mailTexts } from './mailTexts';
import type { Actor } from './verification';

/** Callback requests from the human handoff: stored as a case, e-mailed to support, audited. */
export class CallbackService {
  constructor(
    private readonly store: AccountStore,
    private readonly mailer: Mailer,
    private readonly supportAddress: string,
  ) {}

  async request(input: Omit<NewCallbackRequest, 'channel' | 'conversationId'>, who: Actor): Promise<{ request: CallbackRequest; supportNotified: boolean }> {
    const request = await this.store.createCallbackRequest({ ...input, channel: who.channel, conversationId: who.conversationId });
    await this.store.audit({ ...who, customerId: input.customerId ?? undefined, action: 'handoff.callback-requested', outcome: 'success', detail: `case ${request.caseNumber}` });
    try {
      await this.mailer.send({ to: this.supportAddress, ...mailTexts.callbackRequest(request) });
      return { request, supportNotified: true };
    } catch {
      // The case is stored either way; support sees it in the callback list.
      return { request, supportNotified: false };
    }
  }
}
