import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { promisify } from 'node:util';
import type { Request, Response, Server } from 'restify';
import type { AppConfig } from '../config';
import type { HelpdeskAdapter } from '../adapter';
import type { HelpdeskBot } from '../HelpdeskBot';
import { hasErrorCode } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import { RateLimiter } from '../../lib/rateLimiter';
import { generateDirectLineToken } from './directLineToken';
import { answerPreflight, corsHeaders, describeZodError, limitPerClientIp, parseJson, readBody, sendBytes, sendError, sendJson, WebError } from './http';
import { LOCAL_DIRECT_LINE_BASE, LocalDirectLine, registerDisabledLocalDirectLine, registerLocalDirectLine, type LocalDirectLineOptions, type TurnRunner } from './localDirectLine';
import { startConversationSchema } from './localDirectLine.schema';

/**
 * The website chat widget: the demo page and widget files (bot/web/public), Microsoft's Web Chat
 * bundle from the installed package, the Direct Line token endpoint and, in local mode only, the
 * development Direct Line endpoint. Registered by createServer with one call.
 */
export interface WebRouteDeps {
  config: AppConfig;
  logger: Logger;
  adapter: HelpdeskAdapter;
  bot: HelpdeskBot;
  /** The server's count of turns in flight (a graceful shutdown waits for them). */
  turns: { turns: number };
  /** Tests make the local endpoint's limits small. */
  localDirectLine?: Partial<LocalDirectLineOptions>;
}

const gzip = promisify(zlib.gzip);

interface Asset {
  file: string;
  type: string;
  cacheControl: string;
  html?: boolean;
}

interface LoadedAsset {
  body: Buffer;
  gzipped?: Buffer;
  etag: string;
}

/** Where the page's files are: beside this module from the sources, or in the source tree when run from dist/. */
export function publicDir(): string {
  const besideTheCode = path.join(__dirname, 'public');
  const candidates = [
    besideTheCode,
    path.resolve(__dirname, '..', '..', '..', 'bot', 'web', 'public'),
    path.resolve(process.cwd(), 'bot', 'web', 'public'),
  ];
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'index.html'))) ?? besideTheCode;
}

/** The Web Chat bundle of the installed botframework-webchat package (never a CDN). */
export function webChatBundlePath(): string {
  return path.join(path.dirname(require.resolve('botframework-webchat')), '..', 'dist', 'webchat.js');
}

/** Content-Security-Policy of the page: scripts from this origin only; Direct Line's origin for the connection. */
export function pageContentSecurityPolicy(config: AppConfig): string {
  const connect = ["'self'", 'blob:'];
  if (config.webChat.directLineSecret !== undefined) {
    const endpoint = new URL(config.webChat.directLineEndpoint);
    connect.push(endpoint.origin, `${endpoint.protocol === 'https:' ? 'wss:' : 'ws:'}//${endpoint.host}`);
  }
  return [
    "default-src 'none'",
    "script-src 'self'",
    // Web Chat styles itself with <style> elements it creates at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' data: blob:",
    `connect-src ${connect.join(' ')}`,
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
    "frame-ancestors 'self'",
  ].join('; ');
}

export function registerWebRoutes(server: Server, deps: WebRouteDeps): void {
  const { config, logger } = deps;
  const dir = publicDir();
  const js = 'application/javascript; charset=utf-8';
  const revalidate = 'no-cache';
  const assets: Record<string, Asset> = {
    '/': { file: path.join(dir, 'index.html'), type: 'text/html; charset=utf-8', cacheControl: revalidate, html: true },
    '/index.html': { file: path.join(dir, 'index.html'), type: 'text/html; charset=utf-8', cacheControl: revalidate, html: true },
    '/widget.js': { file: path.join(dir, 'widget.js'), type: js, cacheControl: revalidate },
    '/widget.css': { file: path.join(dir, 'widget.css'), type: 'text/css; charset=utf-8', cacheControl: revalidate },
    '/page.js': { file: path.join(dir, 'page.js'), type: js, cacheControl: revalidate },
    '/page.css': { file: path.join(dir, 'page.css'), type: 'text/css; charset=utf-8', cacheControl: revalidate },
    '/favicon.svg': { file: path.join(dir, 'favicon.svg'), type: 'image/svg+xml', cacheControl: 'public, max-age=86400' },
    '/webchat/webchat.js': { file: webChatBundlePath(), type: js, cacheControl: 'public, max-age=86400' },
  };
  const csp = pageContentSecurityPolicy(config);
  const loaded = new Map<string, Promise<LoadedAsset>>();
  const load = (asset: Asset): Promise<LoadedAsset> => {
    let pending = loaded.get(asset.file);
    if (!pending) {
      pending = (async () => {
        const body = await fs.promises.readFile(asset.file);
        const gzipped = body.length > 1024 && !asset.type.startsWith('image/') ? await gzip(body) : undefined;
        return { body, gzipped, etag: `"${crypto.createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
      })();
      pending.catch(() => loaded.delete(asset.file));
      loaded.set(asset.file, pending);
    }
    return pending;
  };

  const serve = (asset: Asset, headOnly: boolean) => async (req: Request, res: Response): Promise<void> => {
    try {
      const { body, gzipped, etag } = await load(asset);
      const headers: Record<string, string> = { 'Content-Type': asset.type, 'Cache-Control': asset.cacheControl, ETag: etag, Vary: 'Accept-Encoding' };
      if (asset.html) {
        headers['Content-Security-Policy'] = csp;
        headers['Referrer-Policy'] = 'same-origin';
      }
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { ETag: etag, 'Cache-Control': asset.cacheControl, 'X-Content-Type-Options': 'nosniff' });
        res.end();
        return;
      }
      const useGzip = gzipped !== undefined && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      if (useGzip) headers['Content-Encoding'] = 'gzip';
      const payload = useGzip ? gzipped : body;
      if (headOnly) {
        res.writeHead(200, { 'X-Content-Type-Options': 'nosniff', 'Content-Length': String(payload.length), ...headers });
        res.end();
        return;
      }
      sendBytes(res, 200, payload, headers);
    } catch (error: unknown) {
      sendError(res, error, logger, 'web_asset_failed');
    }
  };
  for (const [route, asset] of Object.entries(assets)) {
    server.get(route, serve(asset, false));
    server.head(route, serve(asset, true));
  }

  // The local endpoint hands each activity to the real bot, counted as a turn in flight like /api/messages.
  const runTurn: TurnRunner = async (activity) => {
    deps.turns.turns += 1;
    try {
      return await deps.adapter.handle('', activity, (context) => deps.bot.run(context));
    } finally {
      deps.turns.turns -= 1;
    }
  };
  // Chat starts per client IP (RATE_LIMIT_TOKENS_PER_MINUTE), one budget for every way to start one: the
  // token route (each token costs a call to Direct Line) and the local endpoint's own token and start routes.
  const chatStarts = new RateLimiter({ limit: config.webChat.tokensPerIpPerMinute, windowMs: 60_000 });
  const local = config.webChat.localDirectLine
    ? new LocalDirectLine(runTurn, logger, { messagesPerMinute: config.limits.perConversationPerMinute, ...deps.localDirectLine })
    : undefined;
  if (local) {
    registerLocalDirectLine(server, {
      directLine: local,
      logger,
      allowedOrigins: config.webChat.allowedOrigins,
      maxBodyBytes: config.limits.maxBodyBytes,
      maxDocumentBytes: config.documents.maxBytes,
      chatStarts,
    });
  } else {
    registerDisabledLocalDirectLine(server);
  }
  registerTokenRoute(server, deps, local, chatStarts);
}

/**
 * POST /api/directline/token: a short-lived Direct Line token for the widget. With DIRECT_LINE_SECRET
 * it is exchanged at Direct Line; in local mode it is a token of the local endpoint. The answer says
 * which Direct Line (`domain`) to talk to.
 */
function registerTokenRoute(server: Server, deps: WebRouteDeps, local: LocalDirectLine | undefined, chatStarts: RateLimiter): void {
  const { config, logger } = deps;
  const { directLineSecret, directLineEndpoint, allowedOrigins } = config.webChat;

  server.post('/api/directline/token', async (req: Request, res: Response) => {
    const cors = corsHeaders(req, allowedOrigins);
    try {
      if (!cors.allowed) throw new WebError('ORIGIN_NOT_ALLOWED', 'This origin may not use the chat widget (see WIDGET_ORIGINS).');
      limitPerClientIp(chatStarts, req, cors.headers);
      const parsed = startConversationSchema.safeParse(parseJson(await readBody(req, 4096)) ?? {});
      if (!parsed.success) throw new WebError('BAD_REQUEST', describeZodError(parsed.error, 'Not a token request'));
      if (directLineSecret !== undefined) {
        let token;
        try {
          token = await generateDirectLineToken({ endpoint: directLineEndpoint, secret: directLineSecret });
        } catch (error: unknown) {
          if (!hasErrorCode(error, 'DIRECT_LINE_UNAVAILABLE')) throw error;
          throw new WebError('DIRECT_LINE_UNAVAILABLE', 'The chat service is not available right now. Please try again in a moment.', { cause: error });
        }
        logger.info('directline_token_issued', { mode: 'direct-line', conversation: token.conversationId });
        sendJson(res, 200, { token: token.token, conversationId: token.conversationId, expires_in: token.expiresIn, domain: directLineEndpoint, webSocket: true }, cors.headers);
        return;
      }
      if (local) {
        const ticket = local.createConversation({ locale: parsed.data.locale });
        logger.info('directline_token_issued', { mode: 'local', conversation: ticket.conversationId });
        sendJson(res, 200, { ...ticket, domain: LOCAL_DIRECT_LINE_BASE, webSocket: false, local: true }, cors.headers);
        return;
      }
      throw new WebError('WEB_CHAT_NOT_CONFIGURED', 'The chat is not configured on this server.');
    } catch (error: unknown) {
      sendError(res, error, logger, 'directline_token_failed', cors.headers);
    }
  });
  server.opts('/api/directline/token', async (req: Request, res: Response) => answerPreflight(req, res, allowedOrigins, 'POST'));
}
