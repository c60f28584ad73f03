import restify, { type Response, type Server } from 'restify';
import { AuthenticationError } from 'botframework-connector';
import type { Activity } from 'botbuilder';
import type { HelpdeskAdapter } from './adapter';
import type { HelpdeskBot } from './HelpdeskBot';
import type { AppConfig } from './config';
import type { AccountStore } from '../store/types';
import type { KnowledgeBase } from '../knowledge/knowledgeBase';
import { errorCodeOf, errorMessageOf } from '../lib/errors';
import type { Logger } from '../lib/logger';
import { incomingActivitySchema } from './activitySchema';
import { wellFormedDeep } from '../lib/wellFormed';
import { RateLimiter } from '../lib/rateLimiter';
import { registerWebRoutes } from './web/routes';

export interface ServerDeps {
  config: AppConfig;
  logger: Logger;
  adapter: HelpdeskAdapter;
  bot: HelpdeskBot;
  store: AccountStore;
  kb: KnowledgeBase;
}

/** Builds the HTTP server with its routes. Does not listen: callers (main, tests) do. */
/** Turns each server is processing right now (a graceful shutdown waits for them, not just for open sockets). */
const inFlight = new WeakMap<Server, { turns: number }>();
export function inFlightTurns(server: Server): number {
  return inFlight.get(server)?.turns ?? 0;
}

export function createServer(deps: ServerDeps): Server {
  const { config, logger, adapter, bot, store, kb } = deps;
  const server = restify.createServer({ name: 'dibs-helpdesk-bot', handleUncaughtExceptions: false });
  const counter = { turns: 0 };
  inFlight.set(server, counter);
  const minute = 60_000;
  const perIp = new RateLimiter({ limit: config.limits.perIpPerMinute, windowMs: minute });
  const perConversation = new RateLimiter({ limit: config.limits.perConversationPerMinute, windowMs: minute });
  const tooMany = (res: Response, retryAfterSeconds: number): void => {
    res.header('Retry-After', String(retryAfterSeconds));
    res.send(429, { error: 'RATE_LIMITED', message: `Too many messages. Please wait ${retryAfterSeconds} seconds and try again.` });
  };

  // Checks per client IP and JSON only, before the body is read. They run on the route itself (after
  // the router decoded the path), and only a JSON body reader is installed: no multipart temp files.
  const guard: restify.RequestHandler = (req, res, next) => {
    if (!req.is('json')) {
      res.send(415, { error: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the activity as JSON (Content-Type: application/json).' });
      return next(false);
    }
    const decision = perIp.hit(req.socket.remoteAddress ?? 'unknown');
    if (!decision.allowed) {
      logger.warn('rate_limited', { scope: 'ip' });
      tooMany(res, decision.retryAfterSeconds);
      return next(false);
    }
    return next();
  };
  const readJson = [restify.plugins.bodyReader({ maxBodySize: config.limits.maxBodyBytes }), ...restify.plugins.jsonBodyParser({ mapParams: false, bodyReader: true })];

  server.post('/api/messages', guard, ...readJson, async (req: restify.Request, res: Response) => {
    // Lone surrogates ("\ud800") become U+FFFD here, at the boundary: no layer behind it can store them.
    const parsed = incomingActivitySchema.safeParse(wellFormedDeep(req.body));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      res.send(400, {
        error: 'BAD_REQUEST',
        message: `The body is not a Bot Framework activity: ${issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'invalid'}`,
      });
      return;
    }
    const activity = parsed.data as unknown as Activity;
    const decision = perConversation.hit(`${activity.channelId}:${activity.conversation.id}`);
    if (!decision.allowed) {
      logger.warn('rate_limited', { scope: 'conversation', conversation: activity.conversation.id });
      tooMany(res, decision.retryAfterSeconds);
      return;
    }
    const authHeader = typeof req.headers.authorization === 'string' ? req.headers.authorization : '';
    try {
      counter.turns += 1;
      let invokeResponse;
      try {
        invokeResponse = await adapter.handle(authHeader, activity, (context) => bot.run(context));
      } finally {
        counter.turns -= 1;
      }
      res.send(invokeResponse?.status ?? 200, invokeResponse?.body);
    } catch (error: unknown) {
      if (error instanceof AuthenticationError || (error instanceof Error && /unauthori[sz]ed|authentication/i.test(error.message))) {
        logger.warn('request_unauthorized', { channel: activity.channelId });
        res.send(401, { error: 'UNAUTHORIZED', message: 'A valid Bot Framework token is required.' });
        return;
      }
      logger.error('request_failed', { code: errorCodeOf(error), message: errorMessageOf(error), channel: activity.channelId });
      res.send(500, { error: 'INTERNAL', message: 'The bot could not process this activity. Please try again.' });
    }
  });

  server.get('/healthz', async (_req, res) => {
    const database = await store.health();
    res.send(200, { status: database.state === 'up' ? 'ok' : 'degraded', database, knowledge: { entries: kb.entries.length, version: kb.version, loadedAt: kb.loadedAt.toISOString() } });
  });

  // The website chat widget: demo page, Web Chat bundle, Direct Line token, local Direct Line (dev only).
  registerWebRoutes(server, { config, logger, adapter, bot, turns: counter });

  return server;
}

/** Starts listening; resolves with the bound port (useful with port 0 in tests). */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}
