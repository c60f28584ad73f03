import { z } from 'zod';

/**
 * A first look at the `Authorization` header, before botframework-connector validates the token.
 *
 * Bot Framework and Entra sign channel tokens with RS256. botframework-connector fetches the signing
 * keys (OpenID metadata over the network) before it looks at the token's algorithm, so an unsigned
 * (`alg: none`) or HS256 token would make it fetch keys, and a 500 when they cannot be fetched. Such a
 * token can never be valid: it is refused here, with a 401 and no network call.
 */
const jwtHeaderSchema = z.object({ alg: z.literal('RS256') }).passthrough();

/** True when the header is `Bearer <header>.<payload>.<signature>` with an RS256 header and a signature. */
export function hasRs256BearerToken(authorization: string): boolean {
  const match = /^Bearer\s+([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(authorization.trim());
  const encodedHeader = match?.[1];
  if (encodedHeader === undefined) return false;
  let header: unknown;
  try {
    header = JSON.parse(Buffer.from(encodedHeader, 'base64url').toString('utf8'));
  } catch (error: unknown) {
    if (!(error instanceof SyntaxError)) throw error;
    return false;
  }
  return jwtHeaderSchema.safeParse(header).success;
}
