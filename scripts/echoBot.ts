import restify from 'restify';
import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  MemoryStorage,
  type Activity,
  type Storage,
  type TurnContext,
} from 'botbuilder';
import { DialogSet, DialogTurnStatus, TextPrompt, WaterfallDialog, type DialogState, type WaterfallStepContext } from 'botbuilder-dialogs';
import { PrismaStorage } from '../bot/prismaStorage';
import { openStore } from '../store/openStore';

/**
 * The benchmark's baselines, all on the same stack as the real bot (restify + botbuilder CloudAdapter,
 * same body parser, expectReplies), each printing the same "listening" log line:
 *
 * - `plain` (default): a minimal echo bot, the issue's reference for throughput;
 * - `dialogs`: the same echo, but through the least a botbuilder-dialogs bot does on every turn:
 *   conversation state on MemoryStorage, a DialogSet, and a two-step waterfall with a text prompt;
 * - `dialogs-prisma`: `dialogs` with its conversation state in the database through the bot's own
 *   Prisma `Storage` (DATABASE_URL in the environment).
 *
 * The last two add nothing of the helpdesk bot's own (no matcher, middleware, logging or account
 * store), so they show what the required frameworks cost before any bot logic runs.
 *
 * Usage: `ECHO_MODE=plain|dialogs|dialogs-prisma tsx scripts/echoBot.ts [port]`.
 */
type Mode = 'plain' | 'dialogs' | 'dialogs-prisma';

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
      await next();
    });
  }
}

const ECHO_DIALOG = 'echo';
const ASK = 'ask';

/** Echo through a waterfall: the first turn of a conversation asks, later turns echo and ask again. */
class DialogEchoBot extends ActivityHandler {
  private readonly conversationState: ConversationState;
  private readonly dialogs: DialogSet;

  constructor(storage: Storage) {
    super();
    this.conversationState = new ConversationState(storage);
    this.dialogs = new DialogSet(this.conversationState.createProperty<DialogState>('dialogState'));
    this.dialogs.add(new TextPrompt(ASK));
    this.dialogs.add(
      new WaterfallDialog(ECHO_DIALOG, [
        async (step: WaterfallStepContext) => step.prompt(ASK, 'Say something'),
        async (step: WaterfallStepContext) => {
          await step.context.sendActivity(`echo: ${String(step.result)}`);
          return step.replaceDialog(ECHO_DIALOG);
        },
      ]),
    );
    this.onMessage(async (context, next) => {
      const dc = await this.dialogs.createContext(context);
      const result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty) await dc.beginDialog(ECHO_DIALOG);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.conversationState.saveChanges(context, false);
  }
}

class EchoAdapter extends CloudAdapter {
  handle(activity: Activity, bot: ActivityHandler): ReturnType<CloudAdapter['processActivityDirect']> | Promise<unknown> {
    return this.processActivity('', activity, (context) => bot.run(context));
  }
}

async function createBot(mode: Mode): Promise<ActivityHandler> {
  if (mode === 'plain') return new EchoBot();
  if (mode === 'dialogs') return new DialogEchoBot(new MemoryStorage());
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('dialogs-prisma needs DATABASE_URL');
  return new DialogEchoBot(new PrismaStorage(await openStore(databaseUrl)));
}

async function main(): Promise<void> {
  const mode = (process.env.ECHO_MODE ?? 'plain') as Mode;
  if (!['plain', 'dialogs', 'dialogs-prisma'].includes(mode)) throw new Error(`unknown mode ${mode}`);
  const bot = await createBot(mode);
  const adapter = new EchoAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const server = restify.createServer();
  server.use(restify.plugins.bodyParser({ mapParams: false, mapFiles: false }));
  server.post('/api/messages', async (req, res) => {
    const result = (await adapter.handle(req.body as Activity, bot)) as { status?: number; body?: unknown } | undefined;
    res.send(result?.status ?? 200, result?.body);
  });
  server.listen(Number(process.argv[2] ?? '0'), '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(`${JSON.stringify({ event: 'listening', url: `http://localhost:${address.port}/api/messages`, mode })}\n`);
  });
  process.once('SIGTERM', () => server.close(() => process.exit(0)));
}

void main();
