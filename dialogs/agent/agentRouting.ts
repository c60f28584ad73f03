import type { TurnContext } from 'botbuilder';
import type { Dialog } from 'botbuilder-dialogs';
import type { Agent } from '../../store/types';
import { agentOfTurn } from './agentAccess';
import { commandFromValue, parseAgentCommand, type AgentCommand } from './agentCommands';
import { ACT_FOR_CALLER_DIALOG, ActForCallerDialog, type ActForCallerOptions } from './ActForCallerDialog';
import { MERCHANT_CARD_DIALOG, MerchantCardDialog, type MerchantCardOptions } from './MerchantCardDialog';
import { REVIEW_EMAIL_CHANGES_DIALOG, ReviewEmailChangesDialog, type ReviewOptions } from './ReviewEmailChangesDialog';
import { VERIFY_CALLER_DIALOG, VerifyCallerDialog } from './VerifyCallerDialog';
import type { AgentDeps, GuidedDialogDeps, GuidedDialogOptions } from '../shared/dependencies';

/** An agent dialog to start, with its options. */
export interface AgentRoute {
  kind: AgentCommand['kind'];
  dialogId: string;
  options: MerchantCardOptions | ActForCallerOptions | ReviewOptions | GuidedDialogOptions;
}

/** What the root dialog needs for phone agents: who is one this turn, their commands, their dialogs. */
export interface AgentRouting {
  /** Decides once per turn whether the turn's user is an agent (see AgentGate). */
  resolve(context: TurnContext): Promise<Agent | undefined>;
  /** The agent dialog a message starts; undefined unless the turn's user is an agent and the text is a command. */
  route(context: TurnContext, text: string): AgentRoute | undefined;
  dialogs: Dialog[];
}

export function createAgentRouting(guided: GuidedDialogDeps, agents: AgentDeps): AgentRouting {
  return {
    resolve: (context) => agents.gate.resolve(context),
    route(context, text) {
      if (!agentOfTurn(context)) return undefined;
      const command = parseAgentCommand(text || (commandFromValue(context.activity.value) ?? ''));
      return command ? toRoute(command) : undefined;
    },
    dialogs: [new MerchantCardDialog(guided, agents), new VerifyCallerDialog(guided, agents), new ActForCallerDialog(guided, agents), new ReviewEmailChangesDialog(agents)],
  };
}

function toRoute(command: AgentCommand): AgentRoute {
  const { kind, language } = command;
  switch (command.kind) {
    case 'lookup':
      return { kind, dialogId: MERCHANT_CARD_DIALOG, options: { language, customerId: command.customerId } satisfies MerchantCardOptions };
    case 'caller-verified':
      return { kind, dialogId: VERIFY_CALLER_DIALOG, options: { language, customerId: command.customerId } };
    case 'act':
      return { kind, dialogId: ACT_FOR_CALLER_DIALOG, options: { language, action: command.action, customerId: command.customerId } satisfies ActForCallerOptions };
    case 'pending':
      return { kind, dialogId: REVIEW_EMAIL_CHANGES_DIALOG, options: { language, kind: 'pending' } satisfies ReviewOptions };
    case 'document':
    case 'approve':
    case 'reject':
      return { kind, dialogId: REVIEW_EMAIL_CHANGES_DIALOG, options: { language, kind: command.kind, caseNumber: command.caseNumber } satisfies ReviewOptions };
  }
}
