import crypto from 'node:crypto';
import { z } from 'zod';
import { AppError, errorMessageOf } from '../../lib/errors';

/**
 * Production path of the website widget: exchanges the Direct Line secret (server-side only) for a
 * short-lived token that the browser may have. The secret is sent to Direct Line in the
 * Authorization header and nowhere else: not in responses, not in errors, not in logs.
 */

const upstreamTokenSchema = z
  .object({
    token: z.string().min(1).max(8192),
    conversationId: z.string().min(1).max(512),
    expires_in: z.number().int().positive().max(7 * 24 * 3600).optional(),
  })
  .passthrough();

export interface DirectLineToken {
  token: string;
  conversationId: string;
  expiresIn: number;
  /** The user id the token is bound to (Direct Line then uses it as `from.id`). */
  userId: string;
}

export interface TokenExchangeOptions {
  /** Direct Line REST base, e.g. https://directline.botframework.com/v3/directline */
  endpoint: string;
  secret: string;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

/**
 * POST {endpoint}/tokens/generate with `Authorization: Bearer <secret>`. The token is bound to a
 * fresh random user id, so a visitor cannot pose as another user. Any failure is an AppError with code
 * DIRECT_LINE_UNAVAILABLE whose message names the status only (never the secret or the upstream body).
 */
export async function generateDirectLineToken(options: TokenExchangeOptions): Promise<DirectLineToken> {
  const fetchImpl = options.fetchImpl ?? fetch;
  const userId = `dl_${crypto.randomBytes(12).toString('hex')}`;
  let response: Response;
  try {
    response = await fetchImpl(`${options.endpoint}/tokens/generate`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${options.secret}`, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ user: { id: userId } }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      redirect: 'error',
    });
  } catch (error: unknown) {
    throw new AppError('DIRECT_LINE_UNAVAILABLE', `Direct Line token request failed: ${scrub(errorMessageOf(error), options.secret)}`);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new AppError('DIRECT_LINE_UNAVAILABLE', `Direct Line answered ${response.status} to the token request`);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch (error: unknown) {
    throw new AppError('DIRECT_LINE_UNAVAILABLE', 'Direct Line answered the token request with something that is not JSON', { cause: error });
  }
  const parsed = upstreamTokenSchema.safeParse(body);
  if (!parsed.success) throw new AppError('DIRECT_LINE_UNAVAILABLE', 'Direct Line answered the token request without a token');
  return { token: parsed.data.token, conversationId: parsed.data.conversationId, expiresIn: parsed.data.expires_in ?? 3600, userId };
}

/** Removes the secret from a message, should a library ever echo it. */
function scrub(message: string, secret: string): string {
  return secret.length > 0 ? message.split(secret).join('[redacted]') : message;
}
