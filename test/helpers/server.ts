import path from 'node:path';
import type { Server } from 'restify';
import { createApp } from '../../bot/app';
import type { QuestionLog } from '../../dialogs/shared/questionLog';
import { loadConfig, type AppConfig } from '../../bot/config';
import { listen } from '../../bot/server';
import { createLogger, type Logger } from '../../lib/logger';
import { loadDemoDataIfEmpty, openStore } from '../../store/openStore';
import type { PrismaAccountStore } from '../../store/prismaStore';
import { KnowledgeBase } from '../../knowledge/knowledgeBase';
import { startKnowledgeReload } from '../../knowledge/knowledgeReload';
import { knowledgeDir, realKnowledge } from './knowledge';
import { dropDatabase, freshDatabaseUrl } from './database';
import { tempDir } from './tmp';
import { MailSink } from './mailSink';

export interface RunningBot {
  url: string;
  config: AppConfig;
  store: PrismaAccountStore;
  logs: string[];
  dbFile: string;
  server: Server;
  /** Question outcomes and feedback are written in the background: `await questionLog.flush()` before reading them. */
  questionLog: QuestionLog;
  stop(): Promise<void>;
}


/**
 * Starts the real server in-process on port 0, on a real SQLite file with the demo data.
 * With KNOWLEDGE_DIR the knowledge base is loaded from there (else the shared real one), and with
 * KNOWLEDGE_WATCH=on it is hot-reloaded as in bot/main.ts.
 */
export async function startBot(env: Record<string, string> = {}): Promise<RunningBot> {
  const dir = tempDir('http');
  const databaseUrl = env.DATABASE_URL ?? freshDatabaseUrl('http');
  const dbFile = databaseUrl.startsWith('file:') ? databaseUrl.slice('file:'.length) : '';
  // No response floor by default (the reply then waits for the code mail): test/timing.test.ts turns it on.
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATABASE_URL: databaseUrl, KNOWLEDGE_DIR: knowledgeDir, OUTBOX_DIR: path.join(dir, 'outbox'), VERIFICATION_RESPONSE_FLOOR_MS: '0', ...env });
  const logs: string[] = [];
  const logger: Logger = createLogger({ level: 'debug', sink: (line) => logs.push(line) });
  const store = await openStore(config.databaseUrl, logger);
  await loadDemoDataIfEmpty(store);
  const kb = env.KNOWLEDGE_DIR ? KnowledgeBase.load(config.knowledgeDir) : realKnowledge();
  const knowledgeReload = config.knowledgeReload.watch ? startKnowledgeReload({ kb, dir: config.knowledgeDir, logger, ...config.knowledgeReload }) : undefined;
  const { server, questionLog } = createApp({ config, logger, kb, store });
  const port = await listen(server, 0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}`,
    config,
    store,
    logs,
    dbFile,
    server,
    questionLog,
    stop: async () => {
      knowledgeReload?.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await questionLog.flush();
      await store.close();
      if (!env.DATABASE_URL) await dropDatabase(databaseUrl);
    },
  };
}

let seq = 0;
/** A message activity as a plain HTTP client would post it, asking for the replies in the response. */
export function message(text: string | undefined, extra: Record<string, unknown> = {}): Record<string, unknown> {
  seq += 1;
  return {
    type: 'message',
    id: `act-${seq}`,
    text,
    channelId: 'test',
    deliveryMode: 'expectReplies',
    conversation: { id: `conv-${process.pid}-${seq}` },
    from: { id: 'user-1' },
    recipient: { id: 'bot' },
    locale: 'da-DK',
    ...extra,
  };
}

export interface Reply {
  type: string;
  text?: string;
  suggestedActions?: { actions: { title?: string; value?: unknown }[] };
}

export async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown; replies: Reply[] }> {
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  const replies = json && typeof json === 'object' && 'activities' in json ? ((json as { activities: Reply[] }).activities ?? []) : [];
  return { status: res.status, json, replies };
}

/**
 * For a test file: starts the real bot with a local SMTP sink for its mail before the file's tests,
 * and stops both after them.
 */
export function useBotWithMailSink(env: Record<string, string> = {}): { readonly bot: RunningBot; readonly sink: MailSink } {
  let bot: RunningBot | undefined;
  let sink: MailSink | undefined;
  beforeAll(async () => {
    sink = await new MailSink().start();
    bot = await startBot({ SMTP_URL: sink.url, ...env });
  });
  afterAll(async () => {
    await bot?.stop();
    await sink?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the bot is started in beforeAll');
    return value;
  };
  return {
    get bot() {
      return started(bot);
    },
    get sink() {
      return started(sink);
    },
  };
}
