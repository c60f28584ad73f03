import type { TurnContext } from 'botbuilder';
import { DialogTurnStatus, type Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { DialogPointer, FaqEntry, Language } from '../../knowledge/schema';
import { agentOfTurn } from '../agent/agentAccess';
import type { AgentRoute } from '../agent/agentRouting';
import type { GuidedDialogOptions } from '../shared/dependencies';
import { extractCustomerId, extractOrderId } from '../shared/entities';
import { userIdOf } from '../shared/identity';
import { turnInsights } from '../shared/turnInsights';
import type { QuestionAnalytics } from './analytics';
import type { RootState } from './state';

/** A guided dialog the root can start, with the FAQ dialog pointer that starts it. */
export interface GuidedDialog {
  pointer: DialogPointer;
  dialog: Dialog;
}

/** A guided dialog's end: an order it looked up is what "og ordre 10025?" leans on next. */
export interface FlowResult {
  orderId?: string;
}

/** Starts the guided flows: from an FAQ entry, the handoff to a person, and the phone agents' commands. */
export class FlowStarter {
  private readonly ids = new Map<DialogPointer, string>();

  constructor(guided: GuidedDialog[], private readonly analytics: QuestionAnalytics) {
    for (const { pointer, dialog } of guided) this.ids.set(pointer, dialog.id);
  }

  has(pointer: DialogPointer): boolean {
    return this.ids.has(pointer);
  }

  dialogId(pointer: DialogPointer): string | undefined {
    return this.ids.get(pointer);
  }

  /** The entry's guided flow, with IDs the message already names ("status på ordre 10024"). */
  async startFromEntry(inner: DialogContext, state: RootState, entry: FaqEntry, language: Language, text: string, extra: Partial<GuidedDialogOptions> = {}): Promise<DialogTurnResult | undefined> {
    const dialogId = entry.dialog ? this.ids.get(entry.dialog) : undefined;
    if (!dialogId) return undefined;
    const options: GuidedDialogOptions = { language, customerId: extractCustomerId(text), orderId: extractOrderId(text), ...extra };
    turnInsights(inner.context).outcome = `dialog:${entry.dialog}`;
    this.own(inner.context, state, agentOfTurn(inner.context) !== undefined);
    const result = await inner.beginDialog(dialogId, options);
    rememberFlowResult(state, result);
    return result;
  }

  /** Starts the human handoff (opening hours, phone, callback request), on top of a running flow if there is one. */
  async startHandoff(inner: DialogContext, state: RootState, language: Language, afterFallbacks: boolean): Promise<void> {
    state.fallbacksInRow = 0;
    state.offered = [];
    turnInsights(inner.context).outcome = afterFallbacks ? 'handoff:after-fallbacks' : 'handoff:asked';
    this.analytics.record(inner.context, 'handoff', language);
    if (!inner.activeDialog) this.own(inner.context, state, false);
    await inner.beginDialog(this.ids.get('handoff')!, { language, afterFallbacks });
  }

  /** A phone agent's command ("kunde 100001", "opkalder bekræftet", an action for the caller). */
  async startAgentRoute(inner: DialogContext, state: RootState, route: AgentRoute): Promise<DialogTurnResult> {
    Object.assign(turnInsights(inner.context), { outcome: `agent:${route.kind}`, language: route.options.language });
    state.language = route.options.language;
    state.offered = [];
    // A new call may be starting: nothing said for the previous caller carries over.
    delete state.context;
    this.own(inner.context, state, true);
    return inner.beginDialog(route.dialogId, route.options);
  }

  /** Who may answer the flow's prompts: the user who started it (group chats), and whether an agent did. */
  private own(context: TurnContext, state: RootState, byAgent: boolean): void {
    state.dialogOwner = userIdOf(context);
    state.dialogByAgent = byAgent;
  }
}

/** A flow that ended this turn: what it looked up becomes the conversation's context. */
export function rememberFlowResult(state: RootState, result: DialogTurnResult | undefined): void {
  if (result?.status !== DialogTurnStatus.complete) return;
  const orderId = (result.result as FlowResult | undefined)?.orderId;
  if (typeof orderId === 'string') state.context = { ...state.context, orderId, age: 0 };
}
