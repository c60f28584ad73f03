import { ConversationState, MemoryStorage, type Storage } from 'botbuilder';
import type { Server } from 'restify';
import type { DialogState } from 'botbuilder-dialogs';
import { createAdapter } from './adapter';
import type { AppConfig } from './config';
import { HelpdeskBot } from './HelpdeskBot';
import { createServer } from './server';
import { RootDialog, type RootState } from '../dialogs/RootDialog';
import type { KnowledgeBase } from '../knowledge/knowledgeBase';
import type { Logger } from '../lib/logger';
import type { AccountStore } from '../store/types';

export interface AppDeps {
  config: AppConfig;
  logger: Logger;
  kb: KnowledgeBase;
  store: AccountStore;
  /** Bot state storage; defaults to in-process memory. */
  storage?: Storage;
}

export interface App {
  server: Server;
  bot: HelpdeskBot;
}

/** Wires adapter, state, dialogs, bot and HTTP routes. */
export function createApp(deps: AppDeps): App {
  const { config, logger, kb, store } = deps;
  const conversationState = new ConversationState(deps.storage ?? new MemoryStorage());
  const rootDialog = new RootDialog(kb, conversationState.createProperty<RootState>('root'), { maxMessageChars: config.limits.maxMessageChars });
  const bot = new HelpdeskBot(conversationState, conversationState.createProperty<DialogState>('dialogState'), rootDialog, kb, logger);
  const adapter = createAdapter(config, kb, logger);
  const server = createServer({ config, logger, adapter, bot, store, kb });
  return { server, bot };
}
