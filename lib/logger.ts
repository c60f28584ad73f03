/**
 * Structured logging: one JSON object per line on stdout.
 * Values pass through `redact` so e-mail addresses are masked and secrets never appear.
 */
import { applyPrivacy } from './privacy';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const levelRank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

/** Masks e-mail addresses (the `log` policy of lib/privacy.ts): kontakt@nordicbikes.dk -> k*****@nordicbikes.dk */
export { maskEmail } from './privacy';

/** Field names whose values are never logged. (Error codes are logged under `code`; one-time codes never are.) */
const secretKeyPattern = /(password|secret|token|authorization|jwt|otp|oneTimeCode)/i;

function redactValue(key: string, value: LogFields[string]): LogFields[string] {
  if (typeof value !== 'string') return value;
  if (secretKeyPattern.test(key)) return '[redacted]';
  return applyPrivacy('log', value);
}

export interface LoggerOptions {
  level: LogLevel;
  /** Where lines go; stdout by default. Tests pass a collector. */
  sink?: (line: string, level: LogLevel) => void;
  base?: LogFields;
}

/**
 * stdout, one write per event-loop turn: on Linux a write to a pipe is synchronous, and under load
 * several turns' lines then share one system call. What is pending is written before the process exits.
 */
function bufferedStdout(): (line: string, level: LogLevel) => void {
  let pending: string[] = [];
  const flush = (): void => {
    if (pending.length === 0) return;
    const text = pending.join('');
    pending = [];
    process.stdout.write(text);
  };
  process.once('exit', flush);
  return (line, level) => {
    if (pending.length === 0) setImmediate(flush);
    pending.push(line + '\n');
    // Warnings and errors go out at once (after what came before them): they may precede a crash.
    if (levelRank[level] >= levelRank.warn) flush();
  };
}

export function createLogger(options: LoggerOptions): Logger {
  const sink = options.sink ?? bufferedStdout();
  const min = levelRank[options.level];
  const write = (level: LogLevel, event: string, fields: LogFields = {}): void => {
    if (levelRank[level] < min) return;
    const record: Record<string, unknown> = { time: new Date().toISOString(), level, event, ...options.base };
    for (const [key, value] of Object.entries(fields)) {
      if (value !== undefined) record[key] = redactValue(key, value);
    }
    sink(JSON.stringify(record), level);
  };
  return {
    debug: (event, fields) => write('debug', event, fields),
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields),
  };
}

/** A logger that drops everything (for tests that do not look at logs). */
export const silentLogger: Logger = createLogger({ level: 'error', sink: () => undefined });
