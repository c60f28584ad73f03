import restify from 'restify';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';

/**
 * The benchmark's baseline: a minimal echo bot on the same stack (restify + botbuilder CloudAdapter,
 * same body parser, expectReplies). Prints the same "listening" log line as the real bot.
 */
class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
      await next();
    });
  }
}

class EchoAdapter extends CloudAdapter {
  handle(activity: Activity, bot: EchoBot): ReturnType<CloudAdapter['processActivityDirect']> | Promise<unknown> {
    return this.processActivity('', activity, (context) => bot.run(context));
  }
}

const adapter = new EchoAdapter(new ConfigurationBotFrameworkAuthentication({}));
const bot = new EchoBot();
const server = restify.createServer();
server.use(restify.plugins.bodyParser({ mapParams: false, mapFiles: false }));
server.post('/api/messages', async (req, res) => {
  const result = (await adapter.handle(req.body as Activity, bot)) as { status?: number; body?: unknown } | undefined;
  res.send(result?.status ?? 200, result?.body);
});
server.listen(Number(process.argv[2] ?? '0'), '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ event: 'listening', url: `http://localhost:${address.port}/api/messages` })}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
