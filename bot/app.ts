import { ConversationState, type Storage } from 'botbuilder';
import type { Server } from 'restify';
import type { DialogState } from 'botbuilder-dialogs';
import { createAdapter } from './adapter';
import type { AppConfig } from './config';
import { HelpdeskBot } from './HelpdeskBot';
import { createServer } from './server';
import { AccountService } from '../accounts/accountService';
import { CallbackService } from '../accounts/callbacks';
import { createMailer, type Mailer } from '../accounts/mailer';
import { VerificationService } from '../accounts/verification';
import { ChangeLoginEmailDialog } from '../dialogs/ChangeLoginEmailDialog';
import type { GuidedDialogDeps } from '../dialogs/dependencies';
import type { IdentityState } from '../dialogs/identity';
import { HandoffDialog } from '../dialogs/HandoffDialog';
import { RootDialog, type RootState } from '../dialogs/RootDialog';
import { TransactionStatusDialog } from '../dialogs/TransactionStatusDialog';
import { UnlockAccountDialog } from '../dialogs/UnlockAccountDialog';
import type { KnowledgeBase } from '../knowledge/knowledgeBase';
import { systemClock, type Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import type { AccountStore, BotStateStore } from '../store/types';
import { PrismaStorage } from './prismaStorage';

export interface AppDeps {
  config: AppConfig;
  logger: Logger;
  kb: KnowledgeBase;
  store: AccountStore & BotStateStore;
  /** Bot state storage; defaults to the database (shared by all instances). MemoryStorage is for unit tests. */
  storage?: Storage;
  clock?: Clock;
  mailer?: Mailer;
}

export interface App {
  server: Server;
  bot: HelpdeskBot;
}

/** The guided dialogs' dependencies, built from configuration. */
export function guidedDialogDeps(deps: AppDeps, conversationState: ConversationState): GuidedDialogDeps {
  const { config, logger, kb, store } = deps;
  const clock = deps.clock ?? systemClock;
  const mailer = deps.mailer ?? createMailer(config.mail, logger);
  return {
    verification: new VerificationService(store, mailer, clock, config.verification),
    accounts: new AccountService(store, mailer, clock, config.mail.supportAddress),
    callbacks: new CallbackService(store, mailer, config.mail.supportAddress),
    openingHours: kb.openingHours,
    identity: conversationState.createProperty<IdentityState>('identity'),
    clock,
    contact: kb.contact,
    settings: {
      maxCodeAttempts: config.verification.maxAttempts,
      codeTtlMs: config.verification.codeTtlMs,
      verifiedForMs: config.verification.verifiedForMs,
      documents: config.documents,
    },
  };
}

/** The root dialog with the three guided dialogs it can start. */
export function createRootDialog(kb: KnowledgeBase, conversationState: ConversationState, guided: GuidedDialogDeps, maxMessageChars: number, store: AccountStore): RootDialog {
  return new RootDialog(kb, conversationState.createProperty<RootState>('root'), { maxMessageChars, accountsAvailable: () => store.available(), now: () => guided.clock.now().getTime() }, [
    { pointer: 'unlock', dialog: new UnlockAccountDialog(guided) },
    { pointer: 'change-email', dialog: new ChangeLoginEmailDialog(guided) },
    { pointer: 'transaction-status', dialog: new TransactionStatusDialog(guided) },
    { pointer: 'handoff', dialog: new HandoffDialog(guided) },
  ]);
}

/** Wires adapter, state, dialogs, bot and HTTP routes. */
export function createApp(deps: AppDeps): App {
  const { config, logger, kb, store } = deps;
  const conversationState = new ConversationState(deps.storage ?? new PrismaStorage(store));
  const guided = guidedDialogDeps(deps, conversationState);
  const rootDialog = createRootDialog(kb, conversationState, guided, config.limits.maxMessageChars, store);
  const bot = new HelpdeskBot(conversationState, conversationState.createProperty<DialogState>('dialogState'), rootDialog, kb, logger, store);
  const adapter = createAdapter(config, kb, logger);
  const server = createServer({ config, logger, adapter, bot, store, kb });
  return { server, bot };
}
