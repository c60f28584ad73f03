import { RESPONSE_FLOOR_MS } from '../accounts/verification';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../lib/errors';
import { isLoopbackHost } from '../lib/loopback';

/**
 * The only module that reads process.env. Every setting is validated at start;
 * a bad value stops the process with a message that names the variable.
 */
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  /** Default: 127.0.0.1 in local mode (no credentials), 0.0.0.0 with Bot Framework credentials. */
  HOST: optionalString,
  /** `on` lets local mode (no authentication) listen on a non-loopback HOST: only on a development box, never in production. */
  DEV_BOX_OPEN_TO_NETWORK: z.enum(['on', 'off']).default('off'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  DATABASE_URL: z
    .string()
    .default('file:./data/dibs.db')
    .refine((v) => /^(file:|postgres(ql)?:\/\/)/.test(v), 'must start with file: (SQLite) or postgresql:// (PostgreSQL)'),
  KNOWLEDGE_DIR: z.string().default('knowledge'),
  KNOWLEDGE_WATCH: z.enum(['auto', 'on', 'off']).default('auto'),
  KNOWLEDGE_RELOAD_DEBOUNCE_MS: z.coerce.number().int().min(0).max(60_000).default(500),
  /** Folder where trained matcher models are kept between starts; `off` trains at every start. */
  MATCHER_CACHE_DIR: z.string().trim().min(1, 'must be a folder, or off').default('node_modules/.cache/dibs-helpdesk-bot'),
  RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  RETENTION_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(60),
  AGENTS_TEAMS_CHANNEL_ID: optionalString.pipe(z.string().regex(/^19:\S+@thread\.\w+$/, 'must be a Teams channel id like 19:abc…@thread.tacv2').optional()),
  AGENTS_TEAMS_SERVICE_URL: z.string().url().default('https://smba.trafficmanager.net/emea/'),
  AGENTS_TEAMS_TENANT_ID: optionalString,
  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MicrosoftAppTenantId: optionalString,
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(256 * 1024),
  MAX_MESSAGE_CHARS: z.coerce.number().int().min(100).default(10_000),
  SMTP_URL: optionalString.pipe(z.string().url().startsWith('smtp').optional()),
  MAIL_FROM: z.string().regex(/^(.*<)?[^@\s<>]+@[^@\s<>]+>?$/, 'must be an address like no-reply@dibs.dk or "Name <no-reply@dibs.dk>"').default('DIBS Helpdesk <no-reply@dibs.dk>'),
  SUPPORT_EMAIL: z.string().email().default('support@dibs.dk'),
  OUTBOX_DIR: z.string().default('data/outbox'),
  DEMO_DATA: z.enum(['auto', 'on', 'off']).default('auto'),
  CODE_SECRET: optionalString.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  CODE_TTL_MINUTES: z.coerce.number().int().min(1).max(60).default(10),
  CODE_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(5),
  CODE_MAX_PER_WINDOW: z.coerce.number().int().min(1).max(100).default(3),
  CODE_WINDOW_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  // Code requests and checks answer no sooner than this (known customer ID or not): 0 turns it off (tests only).
  VERIFICATION_RESPONSE_FLOOR_MS: z.coerce.number().int().min(0).max(5000).default(RESPONSE_FLOOR_MS),
  VERIFIED_MINUTES: z.coerce.number().int().min(1).max(120).default(15),
  MAX_DOCUMENT_BYTES: z.coerce.number().int().min(1024).default(10 * 1024 * 1024),
  RATE_LIMIT_IP_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
  RATE_LIMIT_CONVERSATION_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  ATTACHMENT_HOSTS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((h) => h.trim().toLowerCase()).filter((h) => h.length > 0)),
  DIRECT_LINE_SECRET: optionalString,
  DIRECT_LINE_ENDPOINT: z
    .string()
    .default('https://directline.botframework.com/v3/directline')
    .refine((v) => /^https?:\/\/[^/\s]+/.test(v.trim()), 'must be an http(s) URL like https://directline.botframework.com/v3/directline')
    .transform((v) => v.trim().replace(/\/+$/, '')),
  RATE_LIMIT_TOKENS_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  M365_AGENTS_PLAYGROUND_CONFIG_PATH: z.string().default('appPackage/m365agentsplayground.yml'),
  WIDGET_ORIGINS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((o) => o.trim().replace(/\/+$/, '').toLowerCase()).filter((o) => o.length > 0))
    .refine((origins) => origins.every((o) => /^https?:\/\/[^/\s]+$/.test(o)), 'must be comma-separated origins like https://shop.example.dk'),
});
export type RawConfig = z.infer<typeof configSchema>;

export interface AppConfig {
  env: RawConfig['NODE_ENV'];
  port: number;
  host: string;
  /** DEV_BOX_OPEN_TO_NETWORK: local mode may be reached from other machines (a development box only). */
  devBoxOpenToNetwork: boolean;
  logLevel: RawConfig['LOG_LEVEL'];
  databaseUrl: string;
  knowledgeDir: string;
  /** Folder for trained matcher models (knowledge/matching/modelStore.ts), or undefined to train every start. */
  matcherCacheDir: string | undefined;
  /** Hot reload of the knowledge folder: watch for edits (and SIGHUP), debounced. */
  knowledgeReload: { watch: boolean; debounceMs: number };
  /** How long conversation state, question events and feedback are kept, and how often old rows are deleted. */
  retention: { days: number; intervalMs: number };
  /** The agents' Teams channel that new callback cases are posted to; undefined = not posted. */
  agentsChannel?: { channelId: string; serviceUrl: string; tenantId?: string };
  /** Bot Framework auth; undefined in local mode (no auth). */
  auth?: { appId: string; appPassword: string; appType: RawConfig['MicrosoftAppType']; tenantId?: string };
  /**
   * Local mode in development: the only possible phone agent is the Agents Playground's signed-in mock
   * user (in this file; see bot/playgroundMock.ts). Undefined with auth, and in tests.
   */
  localAgents?: { playgroundFile: string };
  limits: { maxBodyBytes: number; maxMessageChars: number; perIpPerMinute: number; perConversationPerMinute: number };
  mail: { smtpUrl?: string; from: string; supportAddress: string; outboxDir: string };
  /** Whether an empty database gets the documented demo merchants. */
  loadDemoData: boolean;
  verification: VerificationConfig;
  documents: { maxBytes: number; allowedHosts: string[] };
  /** The website chat widget (bot/web). */
  webChat: WebChatConfig;
}

export interface WebChatConfig {
  /** Direct Line secret, exchanged server-side for short-lived tokens; never sent to the browser. */
  directLineSecret?: string;
  /** Direct Line REST base, without trailing slash. */
  directLineEndpoint: string;
  /** Other origins (merchant sites) allowed to fetch a token cross-origin. */
  allowedOrigins: string[];
  /** The development-only local Direct Line endpoint: on without a secret, without Bot Framework auth, outside production. */
  localDirectLine: boolean;
  /** Chat starts (token requests) per client IP per minute. Behind a proxy all visitors share its address. */
  tokensPerIpPerMinute: number;
}

export interface VerificationConfig {
  /** Key for hashing one-time codes (HMAC-SHA256). */
  secret: string;
  codeTtlMs: number;
  maxAttempts: number;
  maxCodesPerWindow: number;
  windowMs: number;
  verifiedForMs: number;
  responseFloorMs: number;
}

/** Only for development and tests; production must set CODE_SECRET. */
const DEVELOPMENT_CODE_SECRET = 'development-only-code-secret-not-for-production';

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): AppConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`);
    throw new AppError('CONFIG_INVALID', `Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const c = parsed.data;
  if ((c.MicrosoftAppId === undefined) !== (c.MicrosoftAppPassword === undefined) && c.MicrosoftAppType !== 'UserAssignedMSI') {
    throw new AppError(
      'CONFIG_INVALID',
      'Invalid configuration:\n  MicrosoftAppId and MicrosoftAppPassword must be set together (or neither, for local mode)',
    );
  }
  if (c.NODE_ENV === 'production' && c.DEMO_DATA === 'on') {
    throw new AppError('CONFIG_INVALID', 'Invalid configuration:\n  DEMO_DATA: demo data is never loaded in production');
  }
  if (c.NODE_ENV === 'production' && c.MicrosoftAppId === undefined) {
    throw new AppError('CONFIG_INVALID', 'Invalid configuration:\n  MicrosoftAppId: required in production (without it /api/messages accepts unauthenticated requests)');
  }
  if (c.NODE_ENV === 'production' && c.DEV_BOX_OPEN_TO_NETWORK === 'on') {
    throw new AppError('CONFIG_INVALID', 'Invalid configuration:\n  DEV_BOX_OPEN_TO_NETWORK: a production server is not a development box');
  }
  // Local mode has no authentication: it stays on this machine unless the operator says it is a development box.
  const host = c.HOST ?? (c.MicrosoftAppId === undefined ? '127.0.0.1' : '0.0.0.0');
  if (c.MicrosoftAppId === undefined && !isLoopbackHost(host) && c.DEV_BOX_OPEN_TO_NETWORK !== 'on') {
    throw new AppError(
      'CONFIG_INVALID',
      `Invalid configuration:\n  HOST: ${host} is not a loopback address, and without MicrosoftAppId (local mode) /api/messages has no authentication: ` +
        'anyone on the network could claim to be a phone agent. Set the Bot Framework credentials, use HOST=127.0.0.1, ' +
        'or, on a development box only, DEV_BOX_OPEN_TO_NETWORK=on',
    );
  }
  if (c.NODE_ENV === 'production' && c.CODE_SECRET === undefined) {
    throw new AppError('CONFIG_INVALID', 'Invalid configuration:\n  CODE_SECRET: required in production (at least 16 random characters)');
  }
  const minutes = 60_000;
  return {
    env: c.NODE_ENV,
    port: c.PORT,
    host,
    devBoxOpenToNetwork: c.DEV_BOX_OPEN_TO_NETWORK === 'on',
    logLevel: c.LOG_LEVEL,
    databaseUrl: resolveSqliteUrl(c.DATABASE_URL, cwd),
    knowledgeDir: path.resolve(cwd, c.KNOWLEDGE_DIR),
    matcherCacheDir: ['off', 'false', 'no', '0'].includes(c.MATCHER_CACHE_DIR.toLowerCase()) ? undefined : path.resolve(cwd, c.MATCHER_CACHE_DIR),
    knowledgeReload: { watch: c.KNOWLEDGE_WATCH === 'on' || (c.KNOWLEDGE_WATCH === 'auto' && c.NODE_ENV !== 'test'), debounceMs: c.KNOWLEDGE_RELOAD_DEBOUNCE_MS },
    retention: { days: c.RETENTION_DAYS, intervalMs: c.RETENTION_INTERVAL_MINUTES * minutes },
    agentsChannel:
      c.AGENTS_TEAMS_CHANNEL_ID !== undefined
        ? { channelId: c.AGENTS_TEAMS_CHANNEL_ID, serviceUrl: c.AGENTS_TEAMS_SERVICE_URL, tenantId: c.AGENTS_TEAMS_TENANT_ID }
        : undefined,
    auth:
      c.MicrosoftAppId !== undefined
        ? { appId: c.MicrosoftAppId, appPassword: c.MicrosoftAppPassword ?? '', appType: c.MicrosoftAppType, tenantId: c.MicrosoftAppTenantId }
        : undefined,
    localAgents: c.MicrosoftAppId === undefined && c.NODE_ENV === 'development' ? { playgroundFile: path.resolve(cwd, c.M365_AGENTS_PLAYGROUND_CONFIG_PATH) } : undefined,
    limits: {
      maxBodyBytes: c.MAX_BODY_BYTES,
      maxMessageChars: c.MAX_MESSAGE_CHARS,
      perIpPerMinute: c.RATE_LIMIT_IP_PER_MINUTE,
      perConversationPerMinute: c.RATE_LIMIT_CONVERSATION_PER_MINUTE,
    },
    mail: { smtpUrl: c.SMTP_URL, from: c.MAIL_FROM, supportAddress: c.SUPPORT_EMAIL, outboxDir: path.resolve(cwd, c.OUTBOX_DIR) },
    loadDemoData: c.DEMO_DATA === 'on' || (c.DEMO_DATA === 'auto' && c.NODE_ENV === 'development'),
    verification: {
      secret: c.CODE_SECRET ?? DEVELOPMENT_CODE_SECRET,
      codeTtlMs: c.CODE_TTL_MINUTES * minutes,
      maxAttempts: c.CODE_MAX_ATTEMPTS,
      maxCodesPerWindow: c.CODE_MAX_PER_WINDOW,
      windowMs: c.CODE_WINDOW_MINUTES * minutes,
      verifiedForMs: c.VERIFIED_MINUTES * minutes,
      responseFloorMs: c.VERIFICATION_RESPONSE_FLOOR_MS,
    },
    documents: { maxBytes: c.MAX_DOCUMENT_BYTES, allowedHosts: c.ATTACHMENT_HOSTS },
    webChat: {
      directLineSecret: c.DIRECT_LINE_SECRET,
      directLineEndpoint: c.DIRECT_LINE_ENDPOINT,
      allowedOrigins: c.WIDGET_ORIGINS,
      localDirectLine: c.DIRECT_LINE_SECRET === undefined && c.MicrosoftAppId === undefined && c.NODE_ENV !== 'production',
      tokensPerIpPerMinute: c.RATE_LIMIT_TOKENS_PER_MINUTE,
    },
  };
}

/** Only DATABASE_URL, validated like at start: for command-line tools that need just the database (`npm run agents`). */
export function loadDatabaseUrl(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  const parsed = configSchema.shape.DATABASE_URL.safeParse(env.DATABASE_URL);
  if (!parsed.success) throw new AppError('CONFIG_INVALID', `Invalid configuration:\n  DATABASE_URL: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  return resolveSqliteUrl(parsed.data, cwd);
}

/** Makes a relative SQLite path absolute, so the database does not depend on the working directory later. */
function resolveSqliteUrl(url: string, cwd: string): string {
  if (!url.startsWith('file:')) return url;
  const file = url.slice('file:'.length);
  return `file:${path.resolve(cwd, file)}`;
}
