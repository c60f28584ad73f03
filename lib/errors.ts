/** Stable error codes: logged, documented, never shown to users as text. */
export const errorCodes = [
  'CONFIG_INVALID',
  'KNOWLEDGE_INVALID',
  'STORE_UNAVAILABLE',
  'STORE_MIGRATION_FAILED',
  'MAIL_SEND_FAILED',
  'BAD_REQUEST',
  'TURN_FAILED',
  'RATE_LIMITED',
  'VALIDATION_FAILED',
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
export function errorCodeOf(error: unknown): string {
  if (error instanceof AppError) return error.code;
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
  return 'UNEXPECTED';
}

/** Message of any thrown value, for logs only (never for users). */
export function errorMessageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
