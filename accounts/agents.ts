import { z } from 'zod';
import type { Clock } from '../lib/clock';
import type { Agent, AccountStore, AgentStore, AuditActor } from '../store/types';

/**
 * Phone agents: support staff who act for callers in Teams. They are identified by their Microsoft
 * Entra object id (Teams' `from.aadObjectId`) and listed in the agents table, managed with
 * `npm run agents`. No botbuilder here: the Teams-specific checks live in dialogs/agent/agentAccess.ts.
 */

const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An Entra object id: a GUID, stored lower-case. */
export const aadObjectIdSchema = z
  .string()
  .trim()
  .regex(guidPattern, 'must be a Microsoft Entra object id, a GUID like 5f0c1d2e-3a4b-4c5d-8e9f-0a1b2c3d4e5f')
  .transform((id) => id.toLowerCase());

export const agentNameSchema = z.string().trim().min(1, 'the name must not be empty').max(100, 'the name may have at most 100 characters');

/** How long an agent lookup is reused within one conversation. Removal takes effect after at most this long. */
export const AGENT_CACHE_MS = 30_000;
const MAX_CACHED = 10_000;

/**
 * Looks up whether an Entra object id belongs to an agent, with a short cache per conversation so
 * a busy Teams chat does not query the table on every message. With `only`, no other object id is
 * an agent, whatever the table says (local mode: the Agents Playground's mock user; see bot/playgroundMock.ts).
 */
export class AgentDirectory {
  private readonly cache = new Map<string, { agent: Agent | undefined; until: number }>();

  constructor(
    private readonly store: Pick<AgentStore, 'findAgent'>,
    private readonly clock: Clock,
    private readonly cacheMs: number = AGENT_CACHE_MS,
    private readonly only?: ReadonlySet<string>,
  ) {}

  async find(aadObjectId: string, conversationId: string): Promise<Agent | undefined> {
    const parsed = aadObjectIdSchema.safeParse(aadObjectId);
    if (!parsed.success) return undefined;
    if (this.only && !this.only.has(parsed.data)) return undefined;
    const now = this.clock.now().getTime();
    const key = `${conversationId}\u0000${parsed.data}`;
    const cached = this.cache.get(key);
    if (cached && cached.until > now) return cached.agent;
    const agent = await this.store.findAgent(parsed.data);
    if (this.cache.size >= MAX_CACHED) this.prune(now);
    this.cache.set(key, { agent, until: now + this.cacheMs });
    return agent;
  }

  private prune(now: number): void {
    for (const [key, entry] of this.cache) if (entry.until <= now) this.cache.delete(key);
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
  }
}

// ---------------------------------------------------------------------------------------------
// `npm run agents -- add|list|remove`

export type AgentsCommand = { kind: 'add'; aadObjectId: string; name: string } | { kind: 'list' } | { kind: 'remove'; aadObjectId: string };

export const AGENTS_USAGE = [
  'usage:',
  '  npm run agents -- add <aadObjectId> "<name>"   add an agent (or rename one)',
  '  npm run agents -- list                         list the agents',
  '  npm run agents -- remove <aadObjectId>         remove an agent',
  '<aadObjectId> is the Microsoft Entra object id of the staff member (a GUID).',
].join('\n');

const argsSchema = z.discriminatedUnion('verb', [
  z.object({ verb: z.literal('add'), aadObjectId: aadObjectIdSchema, name: agentNameSchema }).strict(),
  z.object({ verb: z.literal('list') }).strict(),
  z.object({ verb: z.literal('remove'), aadObjectId: aadObjectIdSchema }).strict(),
]);
const argNames: Record<string, string[]> = { add: ['aadObjectId', 'name'], list: [], remove: ['aadObjectId'] };

/** Reads the command line (without node and the script). A problem names the argument. */
export function parseAgentsArgs(argv: readonly string[]): { ok: true; command: AgentsCommand } | { ok: false; problem: string } {
  const [verb, ...rest] = argv;
  if (verb === undefined) return { ok: false, problem: 'no command given' };
  const names = Object.hasOwn(argNames, verb) ? argNames[verb] : undefined;
  if (!names) return { ok: false, problem: `unknown command "${verb}"` };
  if (rest.length !== names.length) {
    return { ok: false, problem: names.length === 0 ? `"${verb}" takes no arguments` : `"${verb}" needs ${names.map((n) => `<${n}>`).join(' ')}` };
  }
  const parsed = argsSchema.safeParse({ verb, ...Object.fromEntries(names.map((n, i) => [n, rest[i]])) });
  if (!parsed.success) return { ok: false, problem: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  const data = parsed.data;
  switch (data.verb) {
    case 'add':
      return { ok: true, command: { kind: 'add', aadObjectId: data.aadObjectId, name: data.name } };
    case 'list':
      return { ok: true, command: { kind: 'list' } };
    case 'remove':
      return { ok: true, command: { kind: 'remove', aadObjectId: data.aadObjectId } };
  }
}

export interface AgentsCliContext {
  store: Pick<AgentStore, 'listAgents' | 'upsertAgent' | 'removeAgent' | 'findAgent'> & Pick<AccountStore, 'audit'>;
  /** The operating-system user running the command; audited as `operator:<user>`. */
  operator: string;
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Runs a parsed command against the store. Returns the process exit code. */
export async function runAgentsCommand(command: AgentsCommand, { store, operator, out, err }: AgentsCliContext): Promise<number> {
  const actor: AuditActor = `operator:${operator}`;
  switch (command.kind) {
    case 'add': {
      const existed = await store.findAgent(command.aadObjectId);
      const agent = await store.upsertAgent({ aadObjectId: command.aadObjectId, name: command.name, createdBy: actor });
      await store.audit({ actor, action: existed ? 'agent.rename' : 'agent.add', channel: 'cli', outcome: 'success', detail: `agent ${agent.aadObjectId}` });
      out(existed ? `Renamed agent ${agent.aadObjectId} to "${agent.name}".` : `Added agent ${agent.aadObjectId} ("${agent.name}").`);
      return 0;
    }
    case 'list': {
      const agents = await store.listAgents();
      if (agents.length === 0) {
        out('No agents.');
        return 0;
      }
      for (const a of agents) out(`${a.aadObjectId}  ${a.name}  (added ${a.createdAt.toISOString()} by ${a.createdBy})`);
      return 0;
    }
    case 'remove': {
      const removed = await store.removeAgent(command.aadObjectId);
      await store.audit({ actor, action: 'agent.remove', channel: 'cli', outcome: removed ? 'success' : 'not-found', detail: `agent ${command.aadObjectId}` });
      if (!removed) {
        err(`There is no agent ${command.aadObjectId}.`);
        return 1;
      }
      out(`Removed agent ${command.aadObjectId}. Open Teams chats lose agent powers within a minute.`);
      return 0;
    }
  }
}
