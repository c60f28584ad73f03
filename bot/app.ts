import path from 'node:path';
import { ConversationState, type Storage } from 'botbuilder';
import type { Server } from 'restify';
import type { DialogState } from 'botbuilder-dialogs';
import { createAdapter } from './adapter';
import type { AppConfig } from './config';
import { HelpdeskBot, type DeliveryLedger } from './HelpdeskBot';
import { createServer } from './server';
import { AccountService } from '../accounts/accountService';
import { CallbackService } from '../accounts/callbacks';
import { createMailer, type Mailer } from '../accounts/mailer';
import { VerificationService } from '../accounts/verification';
import { AgentDesk } from '../accounts/agentDesk';
import { AGENT_CACHE_MS, AgentDirectory } from '../accounts/agents';
import { EmailChangeReview } from '../accounts/emailChangeReview';
import { AgentGate } from '../dialogs/agent/agentAccess';
import { createAgentRouting } from '../dialogs/agent/agentRouting';
import { AGENT_CHECKLIST_FILE, loadAgentChecklist, type AgentChecklist } from '../knowledge/agentChecklist';
import { ChangeLoginEmailDialog } from '../dialogs/merchant/ChangeLoginEmailDialog';
import type { AgentDeps, AgentDeskState, CaseNotifier, GuidedDialogDeps } from '../dialogs/shared/dependencies';
import { isVerified, type IdentityState } from '../dialogs/shared/identity';
import { HandoffDialog } from '../dialogs/shared/HandoffDialog';
import { RootDialog, type RootState } from '../dialogs/root/RootDialog';
import { TransactionStatusDialog } from '../dialogs/merchant/TransactionStatusDialog';
import { UnlockAccountDialog } from '../dialogs/merchant/UnlockAccountDialog';
import { QuestionLog } from '../dialogs/shared/questionLog';
import type { KnowledgeBase } from '../knowledge/knowledgeBase';
import { systemClock, type Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import type { AccountStore, AgentStore, AnalyticsStore, BotStateStore } from '../store/types';
import { localAgentIds } from './playgroundMock';
import { PrismaStorage } from './prismaStorage';
import { AgentsChannelNotifier } from './agentsChannel';
import { TranscriptMiddleware, type TranscriptLine } from './transcriptMiddleware';
import { TeamsMentions } from './teamsMentions';
import { TeamsRendering } from './teamsRendering';

export interface AppDeps {
  config: AppConfig;
  logger: Logger;
  kb: KnowledgeBase;
  store: AccountStore & BotStateStore & AnalyticsStore & AgentStore;
  /** Bot state storage; defaults to the database (shared by all instances). MemoryStorage is for unit tests. */
  storage?: Storage;
  clock?: Clock;
  mailer?: Mailer;
  /** The one-time code generator; random by default (tests hand in a known sequence). */
  generateCode?: () => string;
}

export interface App {
  server: Server;
  bot: HelpdeskBot;
  /** Background writes of question outcomes and feedback; flush before closing the store. */
  questionLog: QuestionLog;
}

/** The guided dialogs' dependencies, built from configuration. */
export function guidedDialogDeps(deps: AppDeps, conversationState: ConversationState, caseNotifier?: CaseNotifier): GuidedDialogDeps {
  const { config, logger, kb, store } = deps;
  const clock = deps.clock ?? systemClock;
  const mailer = deps.mailer ?? createMailer(config.mail, logger);
  return {
    verification: new VerificationService(store, mailer, clock, config.verification, { generateCode: deps.generateCode }),
    accounts: new AccountService(store, mailer, clock, config.mail.supportAddress),
    callbacks: new CallbackService(store, mailer, config.mail.supportAddress),
    caseNotifier,
    // Getters: the knowledge base may be reloaded while the bot runs (knowledge/knowledgeReload.ts).
    get openingHours() {
      return kb.openingHours;
    },
    get timeZone() {
      return kb.timeZone;
    },
    identity: conversationState.createProperty<IdentityState>('identity'),
    clock,
    get contact() {
      return kb.contact;
    },
    settings: {
      maxCodeAttempts: config.verification.maxAttempts,
      codeTtlMs: config.verification.codeTtlMs,
      verifiedForMs: config.verification.verifiedForMs,
      documents: config.documents,
    },
  };
}

/** What the phone agents' dialogs need (Teams): the agent check, look-ups, case review, the caller checklist. */
export function agentDeps(deps: AppDeps, conversationState: ConversationState): AgentDeps {
  const { config, logger, kb, store } = deps;
  const clock = deps.clock ?? systemClock;
  const mailer = deps.mailer ?? createMailer(config.mail, logger);
  let fileChecklist: AgentChecklist | undefined;
  // Local mode in development: only the Agents Playground's mock user can be an agent (no token says who is talking).
  const only = localAgentIds(config.localAgents, (problem) => logger.warn('local_agents_unavailable', { problem }));
  return {
    gate: new AgentGate(new AgentDirectory(store, clock, AGENT_CACHE_MS, only), { appId: config.auth?.appId, tenantId: config.auth?.tenantId, agentsChannelId: config.agentsChannel?.channelId }),
    desk: new AgentDesk(store, clock),
    review: new EmailChangeReview(store, mailer, clock, () => kb.contact.phone),
    // The knowledge base's (hot-reloaded) checklist; a knowledge base built without one reads the file once.
    get checklist() {
      return kb.agentChecklist ?? (fileChecklist ??= loadAgentChecklist(path.join(config.knowledgeDir, AGENT_CHECKLIST_FILE)));
    },
    get timeZone() {
      return kb.timeZone;
    },
    lastLookup: conversationState.createProperty<AgentDeskState>('agentDesk'),
  };
}

/** The root dialog with the guided dialogs it can start (and, with `agents`, the phone agents' dialogs). */
export function createRootDialog(kb: KnowledgeBase, conversationState: ConversationState, guided: GuidedDialogDeps, maxMessageChars: number, store: AccountStore, questionLog?: QuestionLog, agents?: AgentDeps): RootDialog {
  const agentRouting = agents ? createAgentRouting(guided, agents) : undefined;
  return new RootDialog(kb, conversationState.createProperty<RootState>('root'), {
    maxMessageChars,
    accountsAvailable: () => store.available(),
    verified: (context) => isVerified(guided.identity, context, guided.clock.now()),
    now: () => guided.clock.now().getTime(),
    questionLog,
    agents: agentRouting,
  }, [
    { pointer: 'unlock', dialog: new UnlockAccountDialog(guided) },
    { pointer: 'change-email', dialog: new ChangeLoginEmailDialog(guided) },
    { pointer: 'transaction-status', dialog: new TransactionStatusDialog(guided) },
    { pointer: 'handoff', dialog: new HandoffDialog(guided) },
  ]);
}

/** Wires adapter, state, dialogs, bot and HTTP routes. */
export function createApp(deps: AppDeps): App {
  const { config, logger, kb, store } = deps;
  const storage = deps.storage ?? new PrismaStorage(store);
  const conversationState = new ConversationState(storage);
  // On the database's own Storage, a message's delivery record and its state are read in one query.
  const deliveries: DeliveryLedger = {
    claim:
      storage instanceof PrismaStorage
        ? (context, key, conversationId) => storage.claimAndLoad(context, conversationState, key, conversationId)
        : (_context, key, conversationId) => store.claimActivity(key, conversationId),
    prune: (olderThan) => store.pruneActivities(olderThan),
  };
  const adapter = createAdapter(config, kb, logger);
  // Teams: in group chats and channels only messages to the bot get through (first: before any state is read),
  // and a click on a choice box reads as typed.
  adapter.use(new TeamsMentions(logger));
  // With an agents' channel, conversations keep their recent transcript and new callback cases are posted there.
  let caseNotifier: CaseNotifier | undefined;
  if (config.agentsChannel) {
    const transcript = conversationState.createProperty<TranscriptLine[]>('transcript');
    adapter.use(new TranscriptMiddleware(transcript));
    caseNotifier = new AgentsChannelNotifier(adapter, config.auth?.appId ?? '', config.agentsChannel, transcript, logger, () => kb.timeZone);
  }
  // Replies are adapted to what Teams shows (Markdown, choices on cards). Last: it may hold a message back
  // until the end of the turn, and the transcript must record every message before that (while the state is saved).
  adapter.use(new TeamsRendering());
  const guided = guidedDialogDeps(deps, conversationState, caseNotifier);
  const questionLog = new QuestionLog(store, logger);
  const rootDialog = createRootDialog(kb, conversationState, guided, config.limits.maxMessageChars, store, questionLog, agentDeps(deps, conversationState));
  const bot = new HelpdeskBot(conversationState, conversationState.createProperty<DialogState>('dialogState'), rootDialog, kb, logger, deliveries);
  const server = createServer({ config, logger, adapter, bot, store, kb });
  return { server, bot, questionLog };
}
