import crypto from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import type { Logger } from '../../lib/logger';
import { RateLimiter } from '../../lib/rateLimiter';
import { incomingActivitySchema, toActivity } from '../activitySchema';
import { httpStatusOf } from '../../lib/errors';
import { answerPreflight, bearerToken, corsHeaders, describeZodError, errorBody, limitPerClientIp, parseJson, queryOf, readBody, sendError, sendJson, WebError } from './http';
import {
  clientActivitySchema,
  conversationIdSchema,
  expectRepliesBodySchema,
  startConversationSchema,
  watermarkSchema,
  type ClientActivity,
} from './localDirectLine.schema';

/**
 * A local, in-memory stand-in for the Direct Line service, FOR DEVELOPMENT AND TESTS ONLY.
 *
 * It speaks the part of Direct Line 3.0 that Web Chat uses with `webSocket: false` (start a
 * conversation, post activities, poll with a watermark, upload files) and hands every activity to the
 * real bot through the adapter with deliveryMode "expectReplies", so the replies come back in the
 * invoke response and are queued per conversation. It is registered only when no Direct Line secret
 * and no Bot Framework credentials are configured and NODE_ENV is not production (config.webChat).
 *
 * Memory is bounded: at most `maxConversations` conversations (the least recently active one is
 * dropped for a new one), at most `maxActivitiesPerConversation` queued activities each (the oldest go
 * first), and conversations idle for `idleMs` are dropped. Uploaded files reach the bot as data: URLs
 * and are not kept: the echo of the user's message carries only the file names.
 */
export const LOCAL_DIRECT_LINE_BASE = '/local-directline/v3/directline';
export const LOCAL_CHANNEL_ID = 'webchat';
export const LOCAL_BOT = { id: 'dibs-helpdesk-bot', name: 'DIBS Support', role: 'bot' } as const;

export interface LocalDirectLineOptions {
  maxConversations: number;
  maxActivitiesPerConversation: number;
  idleMs: number;
  tokenTtlSeconds: number;
  /** Locale of a conversation whose client did not say (Danish first). */
  defaultLocale: string;
  /** Messages per conversation per minute (as on /api/messages). */
  messagesPerMinute: number;
  now: () => number;
}

export const defaultLocalDirectLineOptions: LocalDirectLineOptions = {
  maxConversations: 500,
  maxActivitiesPerConversation: 200,
  idleMs: 30 * 60_000,
  tokenTtlSeconds: 3600,
  defaultLocale: 'da-DK',
  messagesPerMinute: 60,
  now: Date.now,
};

/** Runs one turn of the real bot and returns the invoke response (its body holds the replies). */
export type TurnRunner = (activity: Activity) => Promise<{ status: number; body?: unknown } | undefined>;

/** An activity as clients see it in GET …/activities. */
export type QueuedActivity = Record<string, unknown> & { id: string };

interface Conversation {
  id: string;
  token: string;
  tokenExpiresAt: number;
  /** Stable per conversation, assigned here: a client cannot choose or change it. */
  userId: string;
  userName?: string;
  locale: string;
  started: boolean;
  lastSeq: number;
  activities: { seq: number; activity: QueuedActivity }[];
  lastActive: number;
  /** Turns of one conversation run one after another, in the order they were posted. */
  queue: Promise<void>;
}

export interface ConversationTicket {
  conversationId: string;
  token: string;
  expires_in: number;
}

/** An uploaded file, as the bot receives it. */
export interface UploadedFile {
  name: string;
  contentType: string;
  bytes: Buffer;
}

export class LocalDirectLine {
  private readonly conversations = new Map<string, Conversation>();
  private readonly byToken = new Map<string, string>();
  private readonly options: LocalDirectLineOptions;
  private readonly perConversation: RateLimiter;
  private lastSweep = 0;

  constructor(
    private readonly runTurn: TurnRunner,
    private readonly logger: Logger,
    options: Partial<LocalDirectLineOptions> = {},
  ) {
    this.options = { ...defaultLocalDirectLineOptions, ...options };
    this.perConversation = new RateLimiter({ limit: this.options.messagesPerMinute, windowMs: 60_000 }, this.options.now, this.options.maxConversations * 2);
  }

  get size(): number {
    return this.conversations.size;
  }

  /** A new conversation and its token (POST /tokens/generate, or POST /conversations without a token). */
  createConversation(body: { locale?: string; userName?: string } = {}): ConversationTicket {
    this.sweep(true);
    while (this.conversations.size >= this.options.maxConversations) {
      const oldest = this.conversations.values().next().value;
      if (!oldest) break;
      this.drop(oldest);
      this.logger.info('local_directline_evicted', { conversation: oldest.id, reason: 'capacity' });
    }
    const now = this.options.now();
    const conversation: Conversation = {
      id: `local-${crypto.randomBytes(12).toString('base64url')}`,
      token: crypto.randomBytes(32).toString('base64url'),
      tokenExpiresAt: now + this.options.tokenTtlSeconds * 1000,
      userId: `dl_${crypto.randomBytes(9).toString('hex')}`,
      userName: body.userName,
      locale: body.locale ?? this.options.defaultLocale,
      started: false,
      lastSeq: 0,
      activities: [],
      lastActive: now,
      queue: Promise.resolve(),
    };
    this.conversations.set(conversation.id, conversation);
    this.byToken.set(conversation.token, conversation.id);
    return this.ticket(conversation);
  }

  /**
   * The conversation a request may use: the token must be valid and, when the path names a
   * conversation, belong to it. Unknown conversation → 404 (Web Chat ends), bad token → 403.
   */
  authorize(token: string | undefined, conversationId?: string): Conversation {
    this.sweep();
    if (conversationId !== undefined) {
      if (!conversationIdSchema.safeParse(conversationId).success || !this.conversations.has(conversationId)) {
        throw new WebError('NOT_FOUND', 'No such conversation (it may have expired).');
      }
    }
    if (!token) throw new WebError('UNAUTHORIZED', 'A bearer token is required (POST /tokens/generate).');
    const id = this.byToken.get(token);
    const conversation = id === undefined ? undefined : this.conversations.get(id);
    if (!conversation || (conversationId !== undefined && conversation.id !== conversationId)) {
      throw new WebError('FORBIDDEN', 'The token is not valid for this conversation.');
    }
    if (conversation.tokenExpiresAt <= this.options.now()) throw new WebError('TOKEN_EXPIRED', 'The token has expired.');
    this.touch(conversation);
    return conversation;
  }

  ticket(conversation: Conversation): ConversationTicket {
    return {
      conversationId: conversation.id,
      token: conversation.token,
      expires_in: Math.max(0, Math.round((conversation.tokenExpiresAt - this.options.now()) / 1000)),
    };
  }

  /** POST /tokens/refresh: the same token, valid for another full lifetime. */
  refresh(conversation: Conversation): ConversationTicket {
    conversation.tokenExpiresAt = this.options.now() + this.options.tokenTtlSeconds * 1000;
    return this.ticket(conversation);
  }

  /**
   * Starts the conversation once: the bot gets a conversationUpdate with the user as the new member
   * (and welcomes them). Starting again (a reconnect) changes nothing.
   */
  async start(conversation: Conversation, locale?: string): Promise<ConversationTicket> {
    if (locale) conversation.locale = locale;
    if (!conversation.started) {
      conversation.started = true;
      const activity = this.toBot(conversation, {
        type: 'conversationUpdate',
        id: this.nextId(conversation),
        membersAdded: [{ id: conversation.userId, name: conversation.userName }],
        locale: conversation.locale,
      });
      await this.enqueueTurn(conversation, botActivity(activity));
    }
    return this.ticket(conversation);
  }

  /**
   * Posts a client activity: it is echoed to the transcript (Web Chat waits for the echo of its
   * clientActivityID), then the bot's turn runs and its replies are queued. Resolves with the id.
   */
  async post(conversation: Conversation, input: ClientActivity, files: UploadedFile[] = []): Promise<string> {
    const id = this.nextId(conversation);
    if (input.type === 'typing') return id;
    const decision = this.perConversation.hit(conversation.id);
    if (!decision.allowed) {
      throw new WebError('RATE_LIMITED', `Too many messages. Please wait ${decision.retryAfterSeconds} seconds and try again.`);
    }
    const uploaded = files.map((f) => ({ contentType: f.contentType, name: f.name, contentUrl: `data:${f.contentType};base64,${f.bytes.toString('base64')}` }));
    const posted = (input.attachments ?? []).filter((a) => a.contentUrl !== undefined || a.content !== undefined);
    const attachments = [...posted, ...uploaded];
    const locale = input.locale ?? conversation.locale;
    const activity = this.toBot(conversation, {
      type: input.type,
      id,
      text: input.text,
      textFormat: input.textFormat,
      locale,
      name: input.name,
      value: input.value,
      channelData: input.channelData,
      entities: input.entities,
      attachments: attachments.length > 0 ? attachments : undefined,
      localTimestamp: input.localTimestamp,
      localTimezone: input.localTimezone,
    });
    if (input.from?.name && !conversation.userName) conversation.userName = input.from.name;
    // The echo: what the client posted, with the ids we assigned; files only by name (no contents kept).
    const echoAttachments = [...posted.map(({ contentType, name }) => ({ contentType, name })), ...files.map((f) => ({ contentType: f.contentType, name: f.name }))];
    const toBot = botActivity(activity);
    const { deliveryMode: _deliveryMode, ...visible } = activity;
    this.enqueue(conversation, { ...visible, id, attachments: echoAttachments.length > 0 ? echoAttachments : undefined });
    await this.enqueueTurn(conversation, toBot);
    return id;
  }

  /** GET …/activities?watermark=n: everything queued after n, and the new watermark. */
  activitiesSince(conversation: Conversation, watermark: number): { activities: QueuedActivity[]; watermark: string } {
    const activities = conversation.activities.filter((a) => a.seq > watermark).map((a) => a.activity);
    const last = conversation.activities.at(-1)?.seq ?? watermark;
    return { activities, watermark: String(Math.max(last, watermark)) };
  }

  private nextId(conversation: Conversation): string {
    conversation.lastSeq += 1;
    return `${conversation.id}|${String(conversation.lastSeq).padStart(7, '0')}`;
  }

  /** The full activity the bot sees: channel, conversation and user are this endpoint's, never the client's. */
  private toBot(conversation: Conversation, fields: Record<string, unknown>): Record<string, unknown> {
    const activity: Record<string, unknown> = {
      ...fields,
      timestamp: new Date(this.options.now()).toISOString(),
      channelId: LOCAL_CHANNEL_ID,
      conversation: { id: conversation.id },
      from: { id: conversation.userId, name: conversation.userName, role: 'user' },
      recipient: { ...LOCAL_BOT },
      deliveryMode: 'expectReplies',
    };
    for (const key of Object.keys(activity)) if (activity[key] === undefined) delete activity[key];
    return activity;
  }

  private async enqueueTurn(conversation: Conversation, activity: Activity): Promise<void> {
    const run = conversation.queue.then(() => this.turn(conversation, activity));
    conversation.queue = run.catch(() => undefined);
    await run;
  }

  private async turn(conversation: Conversation, activity: Activity): Promise<void> {
    const response = await this.runTurn(activity);
    const parsed = expectRepliesBodySchema.safeParse(response?.body ?? { activities: [] });
    if (!parsed.success) {
      this.logger.warn('local_directline_unexpected_reply', { conversation: conversation.id, status: response?.status });
      return;
    }
    for (const reply of parsed.data.activities) {
      if (reply.type === 'trace' || reply.type === 'invokeResponse') continue;
      const id = this.nextId(conversation);
      const { serviceUrl: _serviceUrl, ...rest } = reply;
      this.enqueue(conversation, {
        ...rest,
        id,
        timestamp: new Date(this.options.now()).toISOString(),
        channelId: LOCAL_CHANNEL_ID,
        conversation: { id: conversation.id },
        from: { ...LOCAL_BOT },
        recipient: { id: conversation.userId, role: 'user' },
        replyToId: activity.id,
      });
    }
  }

  private enqueue(conversation: Conversation, activity: QueuedActivity): void {
    if (!this.conversations.has(conversation.id)) return;
    const seq = Number(activity.id.slice(activity.id.lastIndexOf('|') + 1));
    for (const key of Object.keys(activity)) if (activity[key] === undefined) delete activity[key];
    conversation.activities.push({ seq, activity });
    conversation.activities.sort((a, b) => a.seq - b.seq);
    const overflow = conversation.activities.length - this.options.maxActivitiesPerConversation;
    if (overflow > 0) conversation.activities.splice(0, overflow);
  }

  /** Marks a conversation active (the map's order is least recently active first). */
  private touch(conversation: Conversation): void {
    conversation.lastActive = this.options.now();
    this.conversations.delete(conversation.id);
    this.conversations.set(conversation.id, conversation);
  }

  private drop(conversation: Conversation): void {
    this.conversations.delete(conversation.id);
    this.byToken.delete(conversation.token);
  }

  /** Drops idle conversations (at most every few seconds, unless forced). */
  private sweep(force = false): void {
    const now = this.options.now();
    if (!force && now - this.lastSweep < 5_000) return;
    this.lastSweep = now;
    for (const conversation of this.conversations.values()) {
      if (now - conversation.lastActive < this.options.idleMs) break;
      this.drop(conversation);
      this.logger.debug('local_directline_expired', { conversation: conversation.id });
    }
  }
}

/** What the endpoint built, checked and mapped like an activity posted to /api/messages. */
function botActivity(fields: Record<string, unknown>): Activity {
  const parsed = incomingActivitySchema.safeParse(fields);
  if (!parsed.success) throw new WebError('BAD_REQUEST', describeZodError(parsed.error, 'Not an activity'));
  return toActivity(parsed.data);
}

export interface LocalDirectLineRouteDeps {
  directLine: LocalDirectLine;
  logger: Logger;
  allowedOrigins: string[];
  /** Largest JSON body (MAX_BODY_BYTES). */
  maxBodyBytes: number;
  /** Largest uploaded document (MAX_DOCUMENT_BYTES); the upload body may be this plus 1 MiB. */
  maxDocumentBytes: number;
  /** New conversations per client IP, shared with POST /api/directline/token: a flood cannot evict live conversations. */
  chatStarts: RateLimiter;
}

/** Registers the local Direct Line routes under LOCAL_DIRECT_LINE_BASE. */
export function registerLocalDirectLine(server: Server, deps: LocalDirectLineRouteDeps): void {
  const { directLine, logger, allowedOrigins } = deps;
  const base = LOCAL_DIRECT_LINE_BASE;

  type Handler = (req: Request, res: Response, cors: Record<string, string>) => Promise<void>;
  const route = (handler: Handler) => async (req: Request, res: Response): Promise<void> => {
    const cors = corsHeaders(req, allowedOrigins);
    try {
      if (!cors.allowed) throw new WebError('ORIGIN_NOT_ALLOWED', 'This origin may not use the chat widget (see WIDGET_ORIGINS).');
      await handler(req, res, cors.headers);
    } catch (error: unknown) {
      sendError(res, error, logger, 'local_directline_failed', cors.headers);
    }
  };
  const readStart = async (req: Request): Promise<{ locale?: string; userName?: string }> => {
    const body = parseJson(await readBody(req, deps.maxBodyBytes)) ?? {};
    const parsed = startConversationSchema.safeParse(body);
    if (!parsed.success) throw new WebError('BAD_REQUEST', describeZodError(parsed.error, 'Not a conversation start'));
    return { locale: parsed.data.locale, userName: parsed.data.user?.name };
  };
  const conversationParam = (req: Request): string => String((req.params as Record<string, unknown> | undefined)?.conversationId ?? '');

  server.post(`${base}/tokens/generate`, route(async (req, res, cors) => {
    limitPerClientIp(deps.chatStarts, req, cors);
    sendJson(res, 200, directLine.createConversation(await readStart(req)), cors);
  }));

  server.post(`${base}/tokens/refresh`, route(async (req, res, cors) => {
    req.resume();
    sendJson(res, 200, directLine.refresh(directLine.authorize(bearerToken(req))), cors);
  }));

  // Start: with a token from /tokens/generate, its conversation; without one, a new conversation.
  server.post(`${base}/conversations`, route(async (req, res, cors) => {
    const token = bearerToken(req);
    const withToken = token !== undefined && token !== 'undefined';
    if (!withToken) limitPerClientIp(deps.chatStarts, req, cors);
    const body = await readStart(req);
    const conversation = withToken ? directLine.authorize(token) : directLine.authorize(directLine.createConversation(body).token);
    sendJson(res, 201, await directLine.start(conversation, body.locale), cors);
  }));

  // Reconnect.
  server.get(`${base}/conversations/:conversationId`, route(async (req, res, cors) => {
    sendJson(res, 200, directLine.ticket(directLine.authorize(bearerToken(req), conversationParam(req))), cors);
  }));

  server.post(`${base}/conversations/:conversationId/activities`, route(async (req, res, cors) => {
    const conversation = directLine.authorize(bearerToken(req), conversationParam(req));
    if (!req.is('json')) throw new WebError('UNSUPPORTED_MEDIA_TYPE', 'Send the activity as JSON (Content-Type: application/json).');
    const parsed = clientActivitySchema.safeParse(parseJson(await readBody(req, deps.maxBodyBytes)));
    if (!parsed.success) throw new WebError('BAD_REQUEST', describeZodError(parsed.error, 'Not an activity'));
    sendJson(res, 200, { id: await directLine.post(conversation, parsed.data) }, cors);
  }));

  server.get(`${base}/conversations/:conversationId/activities`, route(async (req, res, cors) => {
    const conversation = directLine.authorize(bearerToken(req), conversationParam(req));
    const watermark = watermarkSchema.safeParse(queryOf(req).get('watermark') ?? '');
    if (!watermark.success) throw new WebError('BAD_REQUEST', describeZodError(watermark.error, 'Bad watermark'));
    sendJson(res, 200, directLine.activitiesSince(conversation, watermark.data), cors);
  }));

  // Web Chat's upload button: multipart/form-data with an `activity` part and one `file` part per file.
  server.post(`${base}/conversations/:conversationId/upload`, route(async (req, res, cors) => {
    const conversation = directLine.authorize(bearerToken(req), conversationParam(req));
    const contentType = req.headers['content-type'] ?? '';
    if (!/^multipart\/form-data;\s*boundary=/i.test(contentType)) {
      throw new WebError('UNSUPPORTED_MEDIA_TYPE', 'Send the upload as multipart/form-data.');
    }
    const body = await readBody(req, deps.maxDocumentBytes + 1024 * 1024);
    const { activity, files } = await parseUpload(body, contentType);
    sendJson(res, 200, { id: await directLine.post(conversation, { ...activity, type: 'message' }, files) }, cors);
  }));

  server.opts(`${base}/*`, async (req: Request, res: Response) => answerPreflight(req, res, allowedOrigins, 'GET, POST'));
  logger.info('local_directline_enabled', { path: base, note: 'development only' });
}

/** When the local endpoint is off: a clear 404 for anything under it. */
export function registerDisabledLocalDirectLine(server: Server): void {
  const disabled = async (_req: Request, res: Response): Promise<void> =>
    sendJson(res, httpStatusOf('NOT_FOUND'), errorBody('NOT_FOUND', 'The local Direct Line endpoint is for development only and is disabled on this server.'));
  server.get('/local-directline/*', disabled);
  server.post('/local-directline/*', disabled);
  server.opts('/local-directline/*', disabled);
}

const mimeType = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$/i;

/** The parts of a Web Chat upload: the activity (JSON) and the files. */
async function parseUpload(body: Buffer, contentType: string): Promise<{ activity: ClientActivity; files: UploadedFile[] }> {
  let form: FormData;
  try {
    form = await new globalThis.Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch (error: unknown) {
    throw new WebError('BAD_REQUEST', 'The upload is not a valid multipart/form-data body.', { cause: error });
  }
  const activityPart = form.get('activity');
  const activityText = activityPart === null ? '{"type":"message"}' : typeof activityPart === 'string' ? activityPart : await activityPart.text();
  const parsed = clientActivitySchema.safeParse(parseJson(Buffer.from(activityText, 'utf8')));
  if (!parsed.success) throw new WebError('BAD_REQUEST', describeZodError(parsed.error, 'The upload\'s activity part is not an activity'));
  const files: UploadedFile[] = [];
  for (const part of form.getAll('file')) {
    if (typeof part === 'string') continue;
    if (files.length >= 10) throw new WebError('BAD_REQUEST', 'At most 10 files per message.');
    const type = part.type.split(';')[0]?.trim() ?? '';
    files.push({
      name: (part.name || 'file').slice(0, 256),
      contentType: mimeType.test(type) ? type.toLowerCase() : 'application/octet-stream',
      bytes: Buffer.from(await part.arrayBuffer()),
    });
  }
  // The activity part describes the attachments by name only; the files carry the contents.
  return { activity: { ...parsed.data, attachments: undefined }, files };
}
