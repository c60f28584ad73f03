/** Stable error codes: logged, documented, never shown to users as text. */
export const errorCodes = [
  'CONFIG_INVALID',
  'KNOWLEDGE_INVALID',
  'STORE_UNAVAILABLE',
  'STORE_REJECTED',
  'STORE_MIGRATION_FAILED',
  'MAIL_SEND_FAILED',
  'BAD_REQUEST',
  'TURN_FAILED',
  'RATE_LIMITED',
  'VALIDATION_FAILED',
  'STATE_CONFLICT',
  'DIRECT_LINE_UNAVAILABLE',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

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

/** Returns the stable code of any thrown value, for logs. */
export function errorCodeOf(thrown: unknown): string {
  const error = unwrapError(thrown);
  if (error instanceof AppError) return error.code;
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
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

/** True when the thrown value is (or wraps) an AppError with this code. */
/**
 * The store could not do this request's work: the database is down (STORE_UNAVAILABLE), or it refused
 * this request's data (STORE_REJECTED). Either way the turn carries on without it, as far as it can.
 */
export function isStoreFailure(error: unknown): boolean {
  return hasErrorCode(error, 'STORE_UNAVAILABLE') || hasErrorCode(error, 'STORE_REJECTED');
}

export function hasErrorCode(error: unknown, code: ErrorCode): boolean {
  const root = unwrapError(error);
  return root instanceof AppError && root.code === code;
}
