import { AppError, errorMessageOf, type ErrorCode } from '../lib/errors';
import type { Logger } from '../lib/logger';

/** During an outage, how often a call may try the database again (the others fail fast). */
const OUTAGE_PROBE_INTERVAL_MS = 500;

/** Whether a call reads or writes: only a successful write ends an outage. */
export type QueryKind = 'read' | 'write';

/**
 * The database's health as every repository sees it: one outage at a time, logged once when it starts
 * and once when it ends. Driver errors become typed errors: STORE_UNAVAILABLE when the database is gone
 * (file unreadable, connection lost, writes refused), STORE_REJECTED when only this request's data was
 * refused.
 */
export class StoreGuard {
  /** True while the database is failing. */
  private down = false;
  /** During an outage: when the next call may try the database again (epoch ms). */
  private nextProbeAt = 0;
  /** The probe in flight: concurrent failures share it instead of each probing. */
  private probing: Promise<boolean> | undefined;

  /**
   * @param probe a write that changes nothing (the outage probe)
   * @param isRequestError errors about the request itself that pass through unchanged (Prisma's known request errors)
   */
  constructor(
    readonly provider: 'sqlite' | 'postgresql',
    private readonly logger: Logger,
    private readonly probe: () => Promise<unknown>,
    private readonly isRequestError: (error: unknown) => boolean,
  ) {}

  isDown(): boolean {
    return this.down;
  }

  async run<T>(kind: QueryKind, work: () => Promise<T>): Promise<T> {
    // During an outage only one call per probe interval reaches the database; the others fail at once
    // instead of each waiting for a connection or lock timeout.
    if (this.down && Date.now() < this.nextProbeAt) throw new AppError('STORE_UNAVAILABLE', 'the account store is unavailable (waiting to retry)');
    try {
      const result = await work();
      // Only a successful write ends an outage: a database that still serves reads but refuses writes
      // (locked file, full disk) is still down for the account dialogs.
      if (this.down && kind === 'write') {
        this.down = false;
        this.logger.info('store_recovered', { provider: this.provider });
      }
      return result;
    } catch (error: unknown) {
      if (error instanceof AppError) throw error;
      if (this.isRequestError(error)) throw error;
      // One request's data (a value the driver refuses) is that request's error, never an outage: only
      // when the database itself no longer answers a write that changes nothing is it down.
      if (!this.down && !isConnectionFailure(error) && (await this.writable())) {
        this.logger.warn('store_rejected', { code: 'STORE_REJECTED' satisfies ErrorCode, provider: this.provider, message: shortMessage(error) });
        throw new AppError('STORE_REJECTED', 'the account store refused the data of this request', { cause: error });
      }
      this.nextProbeAt = Date.now() + OUTAGE_PROBE_INTERVAL_MS;
      if (!this.down) {
        this.down = true;
        this.logger.error('store_unavailable', { code: 'STORE_UNAVAILABLE' satisfies ErrorCode, provider: this.provider, message: shortMessage(error) });
      }
      throw new AppError('STORE_UNAVAILABLE', 'the account store failed', { cause: error });
    }
  }

  /** Whether the database takes a write that changes nothing. */
  writable(): Promise<boolean> {
    this.probing ??= this.probe()
      .then(() => true, () => false)
      .finally(() => (this.probing = undefined));
    return this.probing;
  }
}

/** The first line of a driver error, capped: Prisma's messages carry pages of minified source. */
export function shortMessage(error: unknown): string {
  const first = errorMessageOf(error).split('\n').find((line) => line.trim().length > 0) ?? '';
  return first.length > 200 ? `${first.slice(0, 200)}…` : first;
}

/**
 * Failures of the database itself, not of one request's data: the connection (Prisma P1001 can't reach,
 * P1002 timed out, P1008 operation timed out, P1017 connection closed; socket errors; PostgreSQL class 08
 * and admin shutdown 57P01) or the SQLite file (busy, locked, read-only, full, I/O, corrupt, can't open).
 * These are an outage at once, without a probe that would wait for the same timeout again.
 */
const CONNECTION_FAILURE = /\b(?:P1001|P1002|P1008|P1017|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EPIPE|57P0[123]|08\d{3}|SQLITE_(?:BUSY|LOCKED|READONLY|FULL|IOERR|CORRUPT|CANTOPEN|NOTADB))\b|Connection terminated|connection (?:closed|refused|timeout)|database is locked|disk I\/O error|readonly database/i;

function isConnectionFailure(error: unknown): boolean {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 5; depth += 1) {
    if (e instanceof Error) {
      parts.push(e.message, String((e as { code?: unknown }).code ?? ''));
      e = e.cause;
    } else {
      parts.push(String(e));
      break;
    }
  }
  return CONNECTION_FAILURE.test(parts.join(' '));
}
