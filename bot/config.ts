import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../lib/errors';

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
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  DATABASE_URL: z
    .string()
    .default('file:./data/dibs.db')
    .refine((v) => /^(file:|postgres(ql)?:\/\/)/.test(v), 'must start with file: (SQLite) or postgresql:// (PostgreSQL)'),
  KNOWLEDGE_DIR: z.string().default('knowledge'),
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
});
export type RawConfig = z.infer<typeof configSchema>;

export interface AppConfig {
  env: RawConfig['NODE_ENV'];
  port: number;
  host: string;
  logLevel: RawConfig['LOG_LEVEL'];
  databaseUrl: string;
  knowledgeDir: string;
  /** Bot Framework auth; undefined in local mode (no auth). */
  auth?: { appId: string; appPassword: string; appType: RawConfig['MicrosoftAppType']; tenantId?: string };
  limits: { maxBodyBytes: number; maxMessageChars: number };
  mail: { smtpUrl?: string; from: string; supportAddress: string; outboxDir: string };
  /** Whether an empty database gets the documented demo merchants. */
  loadDemoData: boolean;
}

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
  return {
    env: c.NODE_ENV,
    port: c.PORT,
    host: c.HOST,
    logLevel: c.LOG_LEVEL,
    databaseUrl: resolveSqliteUrl(c.DATABASE_URL, cwd),
    knowledgeDir: path.resolve(cwd, c.KNOWLEDGE_DIR),
    auth:
      c.MicrosoftAppId !== undefined
        ? { appId: c.MicrosoftAppId, appPassword: c.MicrosoftAppPassword ?? '', appType: c.MicrosoftAppType, tenantId: c.MicrosoftAppTenantId }
        : undefined,
    limits: { maxBodyBytes: c.MAX_BODY_BYTES, maxMessageChars: c.MAX_MESSAGE_CHARS },
    mail: { smtpUrl: c.SMTP_URL, from: c.MAIL_FROM, supportAddress: c.SUPPORT_EMAIL, outboxDir: path.resolve(cwd, c.OUTBOX_DIR) },
    loadDemoData: c.DEMO_DATA === 'on' || (c.DEMO_DATA === 'auto' && c.NODE_ENV === 'development'),
  };
}

/** Makes a relative SQLite path absolute, so the database does not depend on the working directory later. */
function resolveSqliteUrl(url: string, cwd: string): string {
  if (!url.startsWith('file:')) return url;
  const file = url.slice('file:'.length);
  return `file:${path.resolve(cwd, file)}`;
}
