import fs from 'node:fs';
import path from 'node:path';
import { knowledgeDir } from './helpers/knowledge';
import { spawnBot } from './helpers/process';
import { message, post, startBot, type RunningBot } from './helpers/server';
import { tempDir } from './helpers/tmp';

const QUESTION = 'Understøtter I Vipps?';
const FALLBACK = /Det kan jeg desværre ikke svare på/;

/** A new FAQ entry as support staff would add it at the end of faq/transactions.yaml. */
function vippsEntry(answer: string, followUps = '[]'): string {
  return `
  - id: vipps-payments
    topic: transactions
    questions:
      da:
        - Understøtter I Vipps?
        - kan jeg bruge vipps
        - vipps betaling
      en:
        - Do you support Vipps?
        - can I use vipps
        - vipps payment
    answer:
      da: |
        ${answer}
      en: |
        ${answer} (en)
    followUps: ${followUps}
`;
}

/** A copy of the real knowledge folder the test may edit. */
function copyKnowledge(): string {
  const dir = path.join(tempDir('knowledge'), 'knowledge');
  fs.cpSync(knowledgeDir, dir, { recursive: true, filter: (src) => !src.endsWith('.ts') && !src.endsWith('.md') });
  return dir;
}

function events(logs: string[], event: string): Record<string, unknown>[] {
  return logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((r) => r.event === event);
}

/** Waits (up to 10 s) until the log has more than `count` lines of this event; returns the newest. */
async function nextEvent(logs: string[], event: string, count: number): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const found = events(logs, event);
    if (found.length > count) return found.at(-1)!;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no ${event} log line within 10 s:\n${logs.join('\n')}`);
}

async function ask(bot: RunningBot | string, text: string): Promise<string> {
  const { replies } = await post(typeof bot === 'string' ? bot : bot.url, message(text));
  return replies[0]?.text ?? '';
}

describe('knowledge hot reload while the bot runs', () => {
  let dir: string;
  let faqFile: string;
  let original: string;
  let bot: RunningBot;
  beforeAll(async () => {
    dir = copyKnowledge();
    faqFile = path.join(dir, 'faq', 'transactions.yaml');
    original = fs.readFileSync(faqFile, 'utf8');
    bot = await startBot({ KNOWLEDGE_DIR: dir, KNOWLEDGE_WATCH: 'on', KNOWLEDGE_RELOAD_DEBOUNCE_MS: '100' });
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('answers a newly added entry after a save, rejects broken edits keeping the previous knowledge, and reloads the fixed file', async () => {
    expect(await ask(bot, QUESTION)).toMatch(FALLBACK);
    const health = async (): Promise<{ entries: number; version: number; loadedAt: string }> =>
      ((await (await fetch(`${bot.url}/healthz`)).json()) as { knowledge: { entries: number; version: number; loadedAt: string } }).knowledge;
    const before = await health();
    expect(before.version).toBe(1);

    // Staff add the question as a new entry and save: the running bot answers it.
    fs.writeFileSync(faqFile, original + vippsEntry('Vipps understøttes ikke i DIBS.'));
    const reloaded = await nextEvent(bot.logs, 'knowledge_reloaded', 0);
    expect(reloaded).toMatchObject({ entries: before.entries + 1, version: 2 });
    expect(await ask(bot, QUESTION)).toBe('Vipps understøttes ikke i DIBS.');
    expect(await health()).toMatchObject({ entries: before.entries + 1, version: 2 });

    // A YAML syntax error: rejected with the file and the problem; the bot keeps answering.
    fs.writeFileSync(faqFile, original + vippsEntry('Vipps understøttes ikke i DIBS.') + '  - id: [broken\n');
    const syntax = await nextEvent(bot.logs, 'knowledge_reload_rejected', 0);
    expect(syntax).toMatchObject({ level: 'warn', file: 'faq/transactions.yaml', keptVersion: 2 });
    expect(String(syntax.problem)).toMatch(/not valid YAML/);
    expect(await ask(bot, QUESTION)).toBe('Vipps understøttes ikke i DIBS.');

    // Valid YAML but a follow-up to an entry that does not exist: rejected too, as faq:check would.
    fs.writeFileSync(faqFile, original + vippsEntry('Vipps kommer snart.', '[no-such-entry]'));
    const followUp = await nextEvent(bot.logs, 'knowledge_reload_rejected', 1);
    expect(followUp).toMatchObject({ file: 'faq/transactions.yaml', entry: 'vipps-payments', field: 'followUps.0', problem: 'no entry has the id "no-such-entry"' });
    expect(await ask(bot, QUESTION)).toBe('Vipps understøttes ikke i DIBS.');
    expect(await health()).toMatchObject({ version: 2 });

    // Fixed: reloaded again with the new answer.
    fs.writeFileSync(faqFile, original + vippsEntry('Vipps kommer snart.'));
    expect(await nextEvent(bot.logs, 'knowledge_reloaded', 1)).toMatchObject({ version: 3 });
    expect(await ask(bot, QUESTION)).toBe('Vipps kommer snart.');
    expect(new Date((await health()).loadedAt).getTime()).toBeGreaterThan(new Date(before.loadedAt).getTime());
  });
});

describe('knowledge reload on SIGHUP (bot/main.ts)', () => {
  it('does not watch with KNOWLEDGE_WATCH=off, and reloads on SIGHUP', async () => {
    const dir = copyKnowledge();
    const faqFile = path.join(dir, 'faq', 'transactions.yaml');
    const data = tempDir('sighup');
    const bot = await spawnBot({
      NODE_ENV: 'test',
      KNOWLEDGE_DIR: dir,
      KNOWLEDGE_WATCH: 'off',
      DATABASE_URL: `file:${path.join(data, 'test.db')}`,
      OUTBOX_DIR: path.join(data, 'outbox'),
    });
    try {
      const lines = (): string[] => bot.output.join('').split('\n').filter((l) => l.startsWith('{'));
      fs.writeFileSync(faqFile, fs.readFileSync(faqFile, 'utf8') + vippsEntry('Vipps understøttes ikke i DIBS.'));
      // Not watched: the edit waits for the signal.
      expect(events(lines(), 'knowledge_watching')).toHaveLength(0);
      expect(await ask(bot.url, QUESTION)).toMatch(FALLBACK);

      bot.child.kill('SIGHUP');
      const deadline = Date.now() + 10_000;
      while (events(lines(), 'knowledge_reloaded').length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(events(lines(), 'knowledge_reloaded')[0]).toMatchObject({ trigger: 'SIGHUP', version: 2 });
      expect(await ask(bot.url, QUESTION)).toBe('Vipps understøttes ikke i DIBS.');
    } finally {
      bot.child.kill('SIGTERM');
      expect(await bot.exited).toBe(0);
    }
  }, 60_000);
});

describe('the phone agents\' checklist reloads with the knowledge base', () => {
  it('an edited checklist is taken over; a broken one is rejected and the previous stays', async () => {
    const { KnowledgeBase } = await import('../knowledge/knowledgeBase');
    const { reloadKnowledge } = await import('../knowledge/knowledgeReload');
    const { createLogger } = await import('../lib/logger');
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug', sink: (l) => lines.push(l) });
    const dir = copyKnowledge();
    const kb = KnowledgeBase.load(dir);
    expect(kb.agentChecklist?.items.map((i) => i.da)).toContain('Firmanavn');
    const file = path.join(dir, 'agent-checklist.yaml');
    fs.appendFileSync(file, '  - da: Seneste faktura-nummer\n    en: Latest invoice number\n');
    expect(reloadKnowledge(kb, dir, logger, 'test')).toBe(true);
    expect(kb.agentChecklist?.items.map((i) => i.en)).toContain('Latest invoice number');
    fs.appendFileSync(file, '  - da: kun dansk\n');
    expect(reloadKnowledge(kb, dir, logger, 'test')).toBe(false);
    expect(lines.join('\n')).toMatch(/knowledge_reload_rejected.*agent-checklist\.yaml/);
    expect(kb.agentChecklist?.items.map((i) => i.en)).toContain('Latest invoice number');
  });
});
