import path from 'node:path';
import { ConversationState, MemoryStorage } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { createRootDialog, guidedDialogDeps } from '../../bot/app';
import { loadConfig } from '../../bot/config';
import { FixedClock } from '../../lib/clock';
import { silentLogger } from '../../lib/logger';
import { demoData } from '../../prisma/demoData';
import { PrismaAccountStore } from '../../store/prismaStore';
import { knowledgeDir, realKnowledge } from './knowledge';
import type { MailSink } from './mailSink';
import { tempDir } from './server';

/** A fresh real SQLite database with the demo merchants, as of `now`. */
export async function demoStore(now: Date): Promise<PrismaAccountStore> {
  const store = PrismaAccountStore.openSqlite(`file:${path.join(tempDir('store'), 'accounts.db')}`);
  await store.seed(demoData(now));
  return store;
}

/** The real root dialog with the real guided dialogs, store and SMTP mailer, in a test client. */
export function accountClient(store: PrismaAccountStore, sink: MailSink, clock: FixedClock, locale = 'da-DK', env: Record<string, string> = {}): DialogTestClient {
  const config = loadConfig({ NODE_ENV: 'test', SMTP_URL: sink.url, KNOWLEDGE_DIR: knowledgeDir, SUPPORT_EMAIL: 'support@dibs.dk', ...env });
  const conversationState = new ConversationState(new MemoryStorage());
  const kb = realKnowledge();
  const guided = guidedDialogDeps({ config, logger: silentLogger, kb, store, clock }, conversationState);
  const root = createRootDialog(kb, conversationState, guided, 10_000);
  const client = new DialogTestClient('test', root, undefined, [], conversationState);
  const send = client.sendActivity.bind(client);
  client.sendActivity = (activity) => send(typeof activity === 'string' ? { type: 'message', text: activity, locale } : { locale, ...activity });
  return client;
}
