import restify, { type Request, type Response, type Server } from 'restify';
import { AuthenticationError } from 'botframework-connector';
import type { HelpdeskAdapter } from './adapter';
import type { HelpdeskBot } from './HelpdeskBot';
import type { AppConfig } from './config';
import type { AccountStore } from '../store/types';
import type { KnowledgeBase } from '../knowledge/knowledgeBase';
import { errorCodeOf, errorMessageOf, httpStatusOf, type ErrorBody, type HttpErrorCode } from '../lib/errors';
import type { Logger } from '../lib/logger';
import { incomingActivitySchema, toActivity } from './activitySchema';
import { hasRs256BearerToken } from './jwtShape';
import { isLoopbackUrl } from '../lib/loopback';
import { RateLimiter } from '../lib/rateLimiter';
import { registerWebRoutes } from './web/routes';
import { errorBody, parseJson, readBody, WebError } from './web/http';

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
  // Every response, restify's own errors included, is sent with nosniff (before routing, so 404s get it too).
  server.pre((req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // Local mode, not a development box: only requests addressed to this machine. A web page whose name
    // a DNS rebinding points at 127.0.0.1 sends its own Host, and gets nothing from the unauthenticated bot.
    if (!config.auth && !config.devBoxOpenToNetwork && !addressedToLoopback(req.headers.host)) {
      logger.warn('request_refused', { reason: 'local mode: Host is not this machine' });
      sendError(res, 'FORBIDDEN', 'In local mode the bot answers only requests to this machine (Host: localhost, 127.0.0.1 or ::1).');
      return next(false);
    }
    return next();
  });
  // restify's own errors (no such route, wrong method, a URL it cannot decode) in the bot's error shape,
  // with a fixed message: nothing from the request or from a parser is echoed back.
  server.on('restifyError', (_req: Request, _res: Response, error: unknown, callback: () => void) => {
    if (error instanceof Error) {
      const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
      const body = restifyErrorBody(status);
      Object.assign(error, { toJSON: () => body });
    }
    return callback();
  });
  const counter = { turns: 0 };
  inFlight.set(server, counter);
  const minute = 60_000;
  const perIp = new RateLimiter({ limit: config.limits.perIpPerMinute, windowMs: minute });
  const perConversation = new RateLimiter({ limit: config.limits.perConversationPerMinute, windowMs: minute });
  const tooMany = (res: Response, retryAfterSeconds: number): void => {
    res.header('Retry-After', String(retryAfterSeconds));
    sendError(res, 'RATE_LIMITED', `Too many messages. Please wait ${retryAfterSeconds} seconds and try again.`);
  };

  // Checks per client IP and JSON only, before the body is read. They run on the route itself (after
  // the router decoded the path), and only a JSON body reader is installed: no multipart temp files.
  const guard: restify.RequestHandler = (req, res, next) => {
    if (!req.is('json')) {
      sendError(res, 'UNSUPPORTED_MEDIA_TYPE', 'Send the activity as JSON (Content-Type: application/json).');
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

  server.post('/api/messages', guard, async (req: Request, res: Response) => {
    // The body, at most MAX_BODY_BYTES (413), as JSON (400 with a fixed message, never the parser's).
    // Lone surrogates ("\ud800") become U+FFFD here, at the boundary: no layer behind it can store them.
    let body: unknown;
    try {
      body = parseJson(await readBody(req, config.limits.maxBodyBytes));
    } catch (error: unknown) {
      if (!(error instanceof WebError)) throw error;
      res.send(error.status, error.body());
      return;
    }
    const parsed = incomingActivitySchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      sendError(res, 'BAD_REQUEST', `The body is not a Bot Framework activity: ${issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'invalid'}`);
      return;
    }
    const activity = toActivity(parsed.data);
    // Local mode has no authentication, so the caller chooses serviceUrl: the bot posts replies (and
    // fetches attachments) only on this machine then.
    if (!config.auth && activity.serviceUrl !== '' && !isLoopbackUrl(activity.serviceUrl)) {
      logger.warn('service_url_refused', { channel: activity.channelId, reason: 'local mode replies only to loopback' });
      sendError(res, 'BAD_REQUEST', 'In local mode (no Bot Framework credentials) serviceUrl must be on this machine (localhost, 127.0.0.1 or ::1).');
      return;
    }
    const decision = perConversation.hit(`${activity.channelId}:${activity.conversation.id}`);
    if (!decision.allowed) {
      logger.warn('rate_limited', { scope: 'conversation', conversation: activity.conversation.id });
      tooMany(res, decision.retryAfterSeconds);
      return;
    }
    const authHeader = typeof req.headers.authorization === 'string' ? req.headers.authorization : '';
    // With credentials, a token that is not RS256-signed can never be valid: 401 before any key fetch.
    if (config.auth && !hasRs256BearerToken(authHeader)) {
      logger.warn('request_unauthorized', { channel: activity.channelId, reason: 'not an RS256 bearer token' });
      sendError(res, 'UNAUTHORIZED', 'A valid Bot Framework token is required.');
      return;
    }
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
        sendError(res, 'UNAUTHORIZED', 'A valid Bot Framework token is required.');
        return;
      }
      logger.error('request_failed', { code: errorCodeOf(error), message: errorMessageOf(error), channel: activity.channelId });
      sendError(res, 'INTERNAL', 'The bot could not process this activity. Please try again.');
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

/** Whether a Host header names the loopback interface (no header: not a browser, nothing to rebind). */
function addressedToLoopback(host: string | undefined): boolean {
  if (host === undefined || host === '') return true;
  return isLoopbackUrl(`http://${host}/`);
}

/** The body of one of restify's own errors: the bot's `{ error, message }`, with a fixed text per status. */
function restifyErrorBody(status: number): ErrorBody {
  if (status === 404) return errorBody('NOT_FOUND', 'There is nothing at this address.');
  if (status === 405) return errorBody('METHOD_NOT_ALLOWED', 'This address does not accept this method.');
  if (status >= 500) return errorBody('INTERNAL', 'Something went wrong. Please try again.');
  return errorBody('BAD_REQUEST', 'The request could not be read.');
}

/** Answers with a catalogue code, its status and `{ "error", "message" }`. */
function sendError(res: Response, code: HttpErrorCode, message: string): void {
  res.send(httpStatusOf(code), errorBody(code, message));
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
