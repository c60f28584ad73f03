import { wellFormedDeep } from '../../lib/wellFormed';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ZodError } from 'zod';
import { AppError, errorCodeOf, errorMessageOf, httpStatusOf, type ErrorBody, type HttpErrorCode } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import type { RateLimiter } from '../../lib/rateLimiter';

/**
 * Small HTTP helpers for the website widget's routes (bot/web). They write raw responses, so
 * restify's content negotiation never turns a JSON error or a script into something else.
 */

/** An error answered with its catalogue code and that code's HTTP status. The message never carries secrets. */
export class WebError extends AppError {
  readonly status: number;

  constructor(
    override readonly code: HttpErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.name = 'WebError';
    this.status = httpStatusOf(code);
  }

  /** The response body: `{ "error": CODE, "message" }`. */
  body(): ErrorBody {
    return { error: this.code, message: this.message };
  }
}

/** An error response's body, for the places that answer without throwing. */
export function errorBody(code: HttpErrorCode, message: string): ErrorBody {
  return { error: code, message };
}

/** Headers every widget and API response gets. */
const baseHeaders: Record<string, string> = { 'X-Content-Type-Options': 'nosniff' };

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = Buffer.from(JSON.stringify(body ?? {}), 'utf8');
  res.writeHead(status, {
    ...baseHeaders,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(payload.length),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(payload);
}

export function sendBytes(res: ServerResponse, status: number, body: Buffer, headers: Record<string, string>): void {
  res.writeHead(status, { ...baseHeaders, 'Content-Length': String(body.length), ...headers });
  res.end(body);
}

/**
 * Answers a failed request: a WebError with its status and message, anything else with a generic 500.
 * The log gets the code and message; the client never gets a stack, a secret or an upstream body.
 */
export function sendError(res: ServerResponse, error: unknown, logger: Logger, event: string, headers: Record<string, string> = {}): void {
  if (error instanceof WebError) {
    if (error.status >= 500) logger.warn(event, { code: error.code, status: error.status, message: errorMessageOf(error.cause ?? error) });
    sendJson(res, error.status, error.body(), headers);
    return;
  }
  logger.error(event, { code: errorCodeOf(error), message: errorMessageOf(error) });
  if (res.headersSent) {
    res.end();
    return;
  }
  sendJson(res, httpStatusOf('INTERNAL'), errorBody('INTERNAL', 'Something went wrong. Please try again.'), headers);
}

/**
 * Reads a request body up to `maxBytes`. A larger body is a 413 (checked on Content-Length first, so
 * an oversized upload is refused before it is read); the connection is then closed.
 */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const tooLarge = (): WebError => new WebError('PAYLOAD_TOO_LARGE', `The body is larger than ${maxBytes} bytes.`);
  const declared = Number(req.headers['content-length'] ?? '0');
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req as AsyncIterable<Buffer | string>) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += buffer.length;
    if (total > maxBytes) {
      req.resume();
      throw tooLarge();
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** Parses a JSON body; an empty body is `undefined`. Not JSON → 400. */
export function parseJson(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    // Lone surrogates ("\ud800") become U+FFFD here, at the boundary: no layer behind it can store them.
    return wellFormedDeep(JSON.parse(body.toString('utf8')) as unknown);
  } catch (error: unknown) {
    throw new WebError('BAD_REQUEST', 'The body is not valid JSON.', { cause: error });
  }
}

/**
 * Counts a request against a per-client-IP limit. Over it: a 429 with `Retry-After` (added to `headers`,
 * which the caller sends with the error).
 */
export function limitPerClientIp(limiter: RateLimiter, req: IncomingMessage, headers: Record<string, string>): void {
  const decision = limiter.hit(req.socket.remoteAddress ?? 'unknown');
  if (decision.allowed) return;
  req.resume();
  headers['Retry-After'] = String(decision.retryAfterSeconds);
  throw new WebError('RATE_LIMITED', `Too many requests. Please wait ${decision.retryAfterSeconds} seconds and try again.`);
}

/** A zod failure as one readable line: the first problem with its path. */
export function describeZodError(error: ZodError, what: string): string {
  const issue = error.issues[0];
  return `${what}: ${issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'invalid'}`;
}

/** The bearer token of a request, if any. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1];
}

/** The query parameters of a request. */
export function queryOf(req: IncomingMessage): URLSearchParams {
  return new URL(req.url ?? '/', 'http://localhost').searchParams;
}

/**
 * CORS for the widget's API calls from a merchant site. Same-origin requests need nothing; other
 * origins get the headers only when listed in WIDGET_ORIGINS. Returns false for a foreign origin that
 * is not allowed.
 */
export function corsHeaders(req: IncomingMessage, allowedOrigins: string[]): { allowed: boolean; headers: Record<string, string> } {
  const origin = req.headers.origin;
  if (typeof origin !== 'string' || origin === '') return { allowed: true, headers: {} };
  let host: string;
  try {
    host = new URL(origin).host;
  } catch (error: unknown) {
    if (!(error instanceof TypeError)) throw error;
    return { allowed: false, headers: {} };
  }
  if (host === req.headers.host) return { allowed: true, headers: {} };
  if (allowedOrigins.includes(origin.toLowerCase())) {
    return { allowed: true, headers: { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } };
  }
  return { allowed: false, headers: {} };
}

/** Answers a CORS preflight: 204 with the allowed methods for a listed origin, 403 otherwise. */
export function answerPreflight(req: IncomingMessage, res: ServerResponse, allowedOrigins: string[], methods: string): void {
  const cors = corsHeaders(req, allowedOrigins);
  if (!cors.allowed) {
    sendJson(res, httpStatusOf('ORIGIN_NOT_ALLOWED'), errorBody('ORIGIN_NOT_ALLOWED', 'This origin may not use the chat widget (see WIDGET_ORIGINS).'));
    return;
  }
  res.writeHead(204, {
    ...baseHeaders,
    ...cors.headers,
    'Access-Control-Allow-Methods': methods,
    'Access-Control-Allow-Headers': 'Content-Type, Authorization, x-ms-bot-agent',
    'Access-Control-Max-Age': '600',
  });
  res.end();
}
