/**
 * The error catalogue: every stable error code the bot answers with (`{ "error": CODE, "message" }`) or
 * logs (`"code": CODE`), with what it means, its HTTP status where it has one, and when it is logged.
 * Throw sites and responses name an entry (`new AppError('STORE_UNAVAILABLE', …)`, `new WebError('NOT_FOUND', …)`),
 * never a bare string; test/errors.test.ts checks that every code in the sources is listed here.
 * Codes are never shown to a merchant in a chat: the bot's texts say what happened in their words.
 */

export interface ErrorDefinition {
  /** What went wrong, for whoever reads the log or the response. */
  readonly description: string;
  /** The HTTP status of a response with this code in `error`; absent for codes that only appear in logs. */
  readonly status?: number;
  /** When the code is written to the log (event and level), or why it is not. */
  readonly logged: string;
}

/** Every code, in catalogue order. */
export const errorCodes = [
  // HTTP responses (the `error` field of `{ "error", "message" }`)
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'TOKEN_EXPIRED',
  'ORIGIN_NOT_ALLOWED',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'INTERNAL',
  'DIRECT_LINE_UNAVAILABLE',
  'WEB_CHAT_NOT_CONFIGURED',
  // Logs only
  'CONFIG_INVALID',
  'KNOWLEDGE_INVALID',
  'STORE_UNAVAILABLE',
  'STORE_REJECTED',
  'STORE_MIGRATION_FAILED',
  'MAIL_SEND_FAILED',
  'TURN_FAILED',
  'VALIDATION_FAILED',
  'STATE_CONFLICT',
  'UNEXPECTED',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const errorCatalogue = {
  BAD_REQUEST: {
    status: 400,
    description: 'The request cannot be read: the body is not JSON, not an activity (the message names the first bad field), a bad watermark or upload, or in local mode a serviceUrl that is not on this machine.',
    logged: 'Not logged (the client\'s mistake); a refused serviceUrl is logged as `service_url_refused` (warn).',
  },
  UNAUTHORIZED: {
    status: 401,
    description: 'No valid token: /api/messages without a valid RS256 Bot Framework token (with credentials), or the local Direct Line without a bearer token.',
    logged: '`request_unauthorized` (warn) on /api/messages; not logged on the local Direct Line.',
  },
  FORBIDDEN: {
    status: 403,
    description: 'Not allowed: in local mode a request whose Host is not this machine, or a local Direct Line token for another conversation.',
    logged: '`request_refused` (warn) for the Host check; not logged on the local Direct Line.',
  },
  TOKEN_EXPIRED: {
    status: 403,
    description: 'The local Direct Line token has expired; the widget fetches a new one.',
    logged: 'Not logged (expected in long chats).',
  },
  ORIGIN_NOT_ALLOWED: {
    status: 403,
    description: 'A web page on an origin that is not in WIDGET_ORIGINS called the widget\'s API.',
    logged: 'Not logged (every foreign page that embeds the script would fill the log).',
  },
  NOT_FOUND: {
    status: 404,
    description: 'No such route (restify\'s own 404), no such local Direct Line conversation, or the local Direct Line on a server where it is off.',
    logged: 'Not logged.',
  },
  METHOD_NOT_ALLOWED: {
    status: 405,
    description: 'The route exists but not with this HTTP method (restify\'s own 405).',
    logged: 'Not logged.',
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    description: 'The body is larger than MAX_BODY_BYTES (checked on Content-Length before it is read).',
    logged: 'Not logged.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    description: 'An activity that is not sent as application/json, or an upload that is not multipart/form-data.',
    logged: 'Not logged.',
  },
  RATE_LIMITED: {
    status: 429,
    description: 'Too many requests from one client IP or in one conversation per minute (LIMIT_PER_IP_PER_MINUTE, LIMIT_PER_CONVERSATION_PER_MINUTE); the response has Retry-After.',
    logged: '`rate_limited` (warn) with the scope (ip or conversation) on /api/messages; not logged for the widget\'s routes.',
  },
  INTERNAL: {
    status: 500,
    description: 'The bot failed on a request for a reason that is not the client\'s; the response has a fixed text, never the cause.',
    logged: 'The cause is logged with its own code: `request_failed` (error) on /api/messages, the route\'s event (error) on the widget\'s routes.',
  },
  DIRECT_LINE_UNAVAILABLE: {
    status: 502,
    description: 'Direct Line did not give the widget a token (unreachable, an error status, or an answer without a token).',
    logged: '`directline_token_failed` (warn) with the cause\'s message (the secret scrubbed).',
  },
  WEB_CHAT_NOT_CONFIGURED: {
    status: 503,
    description: 'The widget asked for a token on a server with neither DIRECT_LINE_SECRET nor the local Direct Line.',
    logged: '`directline_token_failed` (warn).',
  },
  CONFIG_INVALID: {
    description: 'The configuration (environment variables, the Agents Playground mock data) is invalid; the message names every bad setting.',
    logged: '`startup_failed` (error); the process stops.',
  },
  KNOWLEDGE_INVALID: {
    description: 'The knowledge base (knowledge/*.yaml) has problems; the message names file, entry and field of each.',
    logged: '`startup_failed` (error) at start (the process stops); on a reload `knowledge_reload_rejected` (warn or error), and the previous knowledge base stays.',
  },
  STORE_UNAVAILABLE: {
    description: 'The database cannot be reached, or is waiting to be retried; the account flows say the service is temporarily unavailable.',
    logged: '`store_unavailable` (error) when it goes down (with `"phase":"start"` at start), `store_recovered` (info) when it is back.',
  },
  STORE_REJECTED: {
    description: 'The database refused this request\'s data (a constraint, a value it cannot store); the turn carries on without it, like an outage.',
    logged: '`store_rejected` (warn); `store_rows_skipped` (warn) when a batch skips rows.',
  },
  STORE_MIGRATION_FAILED: {
    description: 'A migration failed, or was changed after it was applied.',
    logged: '`startup_failed` (error), or `store_unavailable` on a migration at reconnect; the process stops.',
  },
  MAIL_SEND_FAILED: {
    description: 'A mail (one-time code, e-mail change decision) could not be sent over SMTP or written to the outbox.',
    logged: 'In the audit trail (outcome `error`, "mail not sent") and by the turn that needed it; the merchant gets the same reply as on success.',
  },
  TURN_FAILED: {
    description: 'A turn could not run: no connector client for a proactive post, or the proactive turn did not run.',
    logged: '`agents_channel_post_failed` (warn).',
  },
  VALIDATION_FAILED: {
    description: 'Data failed a check: an uploaded document, or a value in the store that the code does not know.',
    logged: 'Documents: not logged (the merchant is told what is wrong); store values: `turn_failed` (error).',
  },
  STATE_CONFLICT: {
    description: 'Another instance changed this conversation\'s state during the turn (optimistic concurrency); the turn is not saved.',
    logged: '`state_conflict` (warn).',
  },
  UNEXPECTED: {
    description: 'Anything thrown that is not one of the bot\'s own errors (a library\'s error, a bug); the log\'s message field has the original message.',
    logged: 'With the event of the place that caught it: `turn_failed`, `request_failed`, `startup_failed`, ….',
  },
} as const satisfies Record<ErrorCode, ErrorDefinition>;

/** The codes an HTTP response can carry, each with its one status. */
export type HttpErrorCode = { [C in ErrorCode]: (typeof errorCatalogue)[C] extends { status: number } ? C : never }[ErrorCode];

/** The JSON body of every error response. */
export interface ErrorBody {
  error: HttpErrorCode;
  message: string;
}

/** The HTTP status of a response code, from the catalogue. */
export function httpStatusOf(code: HttpErrorCode): number {
  return errorCatalogue[code].status;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }
}

/** Returns the stable code of any thrown value, for logs: an AppError's code, UNEXPECTED for anything else. */
export function errorCodeOf(thrown: unknown): ErrorCode {
  const error = unwrapError(thrown);
  if (error instanceof AppError) return error.code;
  return 'UNEXPECTED';
}

/** Message of any thrown value, for logs only (never for users). */
export function errorMessageOf(thrown: unknown): string {
  const error = unwrapError(thrown);
  if (error instanceof Error) return error.message;
  return String(error);
}

/** The error behind wrappers that keep the original in `error` (e.g. botbuilder's DialogContextError). */
export function unwrapError(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 10; depth++) {
    const inner = current instanceof Error && 'error' in current ? (current as { error: unknown }).error : undefined;
    if (!(inner instanceof Error)) return current;
    current = inner;
  }
  return current;
}

/**
 * The store could not do this request's work: the database is down (STORE_UNAVAILABLE), or it refused
 * this request's data (STORE_REJECTED). Either way the turn carries on without it, as far as it can.
 */
export function isStoreFailure(error: unknown): boolean {
  return hasErrorCode(error, 'STORE_UNAVAILABLE') || hasErrorCode(error, 'STORE_REJECTED');
}

/** True when the thrown value is (or wraps) an AppError with this code. */
export function hasErrorCode(error: unknown, code: ErrorCode): boolean {
  const root = unwrapError(error);
  return root instanceof AppError && root.code === code;
}
