import crypto from 'node:crypto';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { Clock } from '../lib/clock';
import type { AccountStore, AnalyticsStore, AuditActor, MerchantDataExport, MerchantErasure } from '../store/types';

/**
 * GDPR tools for support: export everything stored about a merchant, and erase it. Audit rows keep
 * their action and time, but name a pseudonym instead of the customer. Both are audited themselves.
 */

export type GdprStore = Pick<AccountStore, 'findMerchant' | 'audit'> & Pick<AnalyticsStore, 'exportMerchantData' | 'eraseMerchantData'>;

/** Length of the HMAC (hex) in a pseudonym: 48 bits, enough to keep erased merchants apart. */
const PSEUDONYM_HEX_CHARS = 12;
const AUDIT_CHANNEL = 'cli';

export class GdprService {
  constructor(
    private readonly store: GdprStore,
    /** CODE_SECRET: the same id always gets the same pseudonym, which cannot be reversed without it. */
    private readonly secret: string,
    private readonly clock: Clock,
  ) {}

  /** "erased:" + a short HMAC of the customer id. */
  pseudonym(customerId: string): string {
    return `erased:${crypto.createHmac('sha256', this.secret).update(`gdpr:${customerId}`).digest('hex').slice(0, PSEUDONYM_HEX_CHARS)}`;
  }

  /** Everything stored about the merchant; undefined (audited as not-found) for an unknown id. */
  async export(customerId: string, actor: AuditActor): Promise<MerchantDataExport | undefined> {
    const data = await this.store.exportMerchantData(customerId);
    await this.store.audit({
      createdAt: this.clock.now(),
      actor,
      action: 'gdpr.export',
      // An unknown id may be an erased merchant's: it is not written down again.
      customerId: data ? customerId : this.pseudonym(customerId),
      channel: AUDIT_CHANNEL,
      outcome: data ? 'success' : 'not-found',
      detail: data
        ? `orders=${data.orders.length} emailChangeRequests=${data.emailChangeRequests.length} callbackRequests=${data.callbackRequests.length} auditEvents=${data.auditEvents.length}`
        : undefined,
    });
    return data;
  }

  /** The merchant's company name, for the confirmation question; undefined for an unknown id. */
  async companyName(customerId: string): Promise<string | undefined> {
    return (await this.store.findMerchant(customerId))?.companyName;
  }

  /** Erases the merchant and pseudonymises its audit rows; undefined (audited as not-found) for an unknown id. */
  async erase(customerId: string, actor: AuditActor): Promise<(MerchantErasure & { pseudonym: string }) | undefined> {
    const pseudonym = this.pseudonym(customerId);
    const audit = (outcome: 'success' | 'not-found', detail?: string): Promise<void> =>
      this.store.audit({ createdAt: this.clock.now(), actor, action: 'gdpr.erase', customerId: pseudonym, channel: AUDIT_CHANNEL, outcome, detail });
    if (!(await this.store.findMerchant(customerId))) {
      await audit('not-found');
      return undefined;
    }
    const erased = await this.store.eraseMerchantData(customerId, pseudonym);
    await audit(
      'success',
      `merchants=${erased.merchants} orders=${erased.orders} verificationCodes=${erased.verificationCodes} emailChangeRequests=${erased.emailChangeRequests} callbackRequests=${erased.callbackRequests} conversations=${erased.conversations} auditEventsPseudonymised=${erased.auditEventsPseudonymised}`,
    );
    return { ...erased, pseudonym };
  }
}

// ---------------------------------------------------------------------------------------------
// Command line: `npm run gdpr -- export <customerId> [--out file]`, `npm run gdpr -- erase <customerId> [--yes]`

const customerIdSchema = z.string().regex(/^\d{4,10}$/, 'a customer ID is 4 to 10 digits');
export const gdprArgsSchema = z.discriminatedUnion('command', [
  z.object({ command: z.literal('export'), customerId: customerIdSchema, out: z.string().min(1).optional(), yes: z.literal(false) }).strict(),
  z.object({ command: z.literal('erase'), customerId: customerIdSchema, out: z.undefined(), yes: z.boolean() }).strict(),
]);
export type GdprArgs = z.infer<typeof gdprArgsSchema>;

export const gdprUsage = 'Usage: npm run gdpr -- export <customerId> [--out file.json]\n       npm run gdpr -- erase <customerId> [--yes]';

/** Parses the arguments; throws an Error whose message is meant for the operator. */
export function parseGdprArgs(argv: string[]): GdprArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { out: { type: 'string' }, yes: { type: 'boolean', default: false } } });
  } catch (error: unknown) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${gdprUsage}`);
  }
  const [command, customerId, ...extra] = parsed.positionals;
  if (extra.length > 0) throw new Error(`Unexpected arguments: ${extra.join(' ')}\n${gdprUsage}`);
  const result = gdprArgsSchema.safeParse({ command, customerId, out: parsed.values.out, yes: parsed.values.yes ?? false });
  if (!result.success) {
    const problems = result.error.issues.map((i) => {
      const field = i.path.join('.');
      if (field === 'command') return 'the command must be "export" or "erase"';
      if (field === 'yes') return '--yes only applies to erase';
      if (field === 'out') return '--out only applies to export';
      return `${field || 'arguments'}: ${i.message}`;
    });
    throw new Error(`${problems.join('\n')}\n${gdprUsage}`);
  }
  return result.data;
}

export interface GdprCliIo {
  out(text: string): void;
  err(text: string): void;
  /** Asks the operator; true only for an explicit yes. */
  confirm(question: string): Promise<boolean>;
}

/** Runs one command; returns the exit code (0 done, 1 unknown customer, aborted or bad arguments). */
export async function runGdprCommand(argv: string[], service: GdprService, actor: AuditActor, io: GdprCliIo): Promise<number> {
  let args: GdprArgs;
  try {
    args = parseGdprArgs(argv);
  } catch (error: unknown) {
    io.err(error instanceof Error ? error.message : String(error));
    return 1;
  }
  if (args.command === 'export') {
    const data = await service.export(args.customerId, actor);
    if (!data) {
      io.err(`No merchant with customer ID ${args.customerId}. Nothing exported.`);
      return 1;
    }
    const json = JSON.stringify(data, null, 2);
    if (args.out) {
      fs.writeFileSync(args.out, json + '\n', { mode: 0o600 });
      io.err(`Wrote everything stored about customer ${args.customerId} to ${args.out}.`);
    } else {
      io.out(json);
    }
    return 0;
  }
  const company = await service.companyName(args.customerId);
  if (company !== undefined && !args.yes) {
    const ok = await io.confirm(`Erase all data about customer ${args.customerId} (${company})? This cannot be undone. Type "yes" to continue: `);
    if (!ok) {
      io.err('Aborted. Nothing was erased.');
      return 1;
    }
  }
  const erased = await service.erase(args.customerId, actor);
  if (!erased) {
    io.err(`No merchant with customer ID ${args.customerId}. Nothing erased.`);
    return 1;
  }
  io.out(
    `Erased customer ${args.customerId}: ${erased.merchants} merchant, ${erased.orders} orders, ${erased.verificationCodes} verification codes, ` +
      `${erased.emailChangeRequests} e-mail change cases, ${erased.callbackRequests} callback requests, ${erased.conversations} conversation states; ` +
      `${erased.auditEventsPseudonymised} audit events now name ${erased.pseudonym}.`,
  );
  return 0;
}
