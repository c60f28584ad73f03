import { ConversationState, MemoryStorage } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { createRootDialog, guidedDialogDeps } from '../../bot/app';
import { loadConfig } from '../../bot/config';
import { FixedClock } from '../../lib/clock';
import { silentLogger } from '../../lib/logger';
import { demoData } from '../../prisma/demoData';
import type { KnowledgeBase } from '../../knowledge/knowledgeBase';
import type { PrismaAccountStore } from '../../store/prismaStore';
import { knowledgeDir, realKnowledge } from './knowledge';
import { MailSink as MailSinkClass, type MailSink } from './mailSink';
import { openTestStore } from './database';

/** A fresh real database (SQLite, or PostgreSQL with TEST_DATABASE=postgresql) with the demo merchants, as of `now`. */
export async function demoStore(now: Date): Promise<PrismaAccountStore> {
  const { store } = await openTestStore('store');
  await store.seed(demoData(now));
  return store;
}

let codeSeq = 0;
/** Known, always different one-time codes (never 000000–000009, which the tests type as wrong codes). */
export function nextTestCode(): string {
  codeSeq = (codeSeq + 1) % 800_000;
  return String(100_000 + codeSeq * 1).padStart(6, '0');
}

/** The real root dialog with the real guided dialogs, store and SMTP mailer, in a test client. */
export function accountClient(
  store: PrismaAccountStore,
  sink: MailSink,
  clock: FixedClock,
  locale = 'da-DK',
  env: Record<string, string> = {},
  /** Another knowledge base (e.g. with configured closing days); the real one by default. */
  kb: KnowledgeBase = realKnowledge(),
): DialogTestClient {
  const config = loadConfig({ NODE_ENV: 'test', SMTP_URL: sink.url, KNOWLEDGE_DIR: knowledgeDir, SUPPORT_EMAIL: 'support@dibs.dk', VERIFICATION_RESPONSE_FLOOR_MS: '0', ...env });
  const conversationState = new ConversationState(new MemoryStorage());
  const guided = guidedDialogDeps({ config, logger: silentLogger, kb, store, clock, generateCode: nextTestCode }, conversationState);
  const root = createRootDialog(kb, conversationState, guided, 10_000, store);
  const client = new DialogTestClient('test', root, undefined, [], conversationState);
  const send = client.sendActivity.bind(client);
  client.sendActivity = (activity) => send(typeof activity === 'string' ? { type: 'message', text: activity, locale } : { locale, ...activity });
  return client;
}

/** The demo's fixed "now": 11:00 in Copenhagen. */
export const DEMO_NOW = new Date('2026-11-27T10:00:00Z');

export interface AccountFixture {
  readonly sink: MailSink;
  readonly store: PrismaAccountStore;
  readonly clock: FixedClock;
  /** A new conversation with the real dialogs, store and SMTP (and the real knowledge base unless `kb`). */
  client(locale?: string, env?: Record<string, string>, kb?: KnowledgeBase): DialogTestClient;
}

/**
 * Registers jest hooks: one local SMTP server per file, a fresh demo database and clock per test.
 */
export function useAccountFixture(now: Date = DEMO_NOW): AccountFixture {
  let sink: MailSink | undefined;
  let store: PrismaAccountStore | undefined;
  let clock = new FixedClock(now);
  beforeAll(async () => {
    sink = await new MailSinkClass().start();
  });
  afterAll(async () => {
    await sink?.stop();
  });
  beforeEach(async () => {
    clock = new FixedClock(now);
    store = await demoStore(now);
  });
  afterEach(async () => {
    await store?.close();
  });
  return {
    get sink() {
      return sink!;
    },
    get store() {
      return store!;
    },
    get clock() {
      return clock;
    },
    client: (locale = 'da-DK', env = {}, kb?: KnowledgeBase) => accountClient(store!, sink!, clock, locale, env, kb),
  };
}
