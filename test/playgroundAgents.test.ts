import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { load } from 'js-yaml';
import { aadObjectIdSchema, parseAgentsArgs } from '../accounts/agents';
import { loadConfig } from '../bot/config';
import { readPlaygroundMock } from '../bot/playgroundMock';
import { dropDatabase, freshDatabaseUrl } from './helpers/database';
import { MailSink } from './helpers/mailSink';
import { message, post, startBot, type RunningBot } from './helpers/server';
import { tempDir } from './helpers/tmp';

/**
 * The phone-agent demo in the Microsoft 365 Agents Playground (`npm run playground`): its mock Teams
 * data fits `npm run agents`, and in local mode the Playground's signed-in mock user is the only one
 * who can be an agent.
 */
const root = path.resolve(__dirname, '..');
const PLAYGROUND_FILE = path.join(root, 'appPackage', 'm365agentsplayground.yml');
const mock = readPlaygroundMock(PLAYGROUND_FILE);
const MOCK_USER = mock.currentUser;
/** Another Playground user (not added as an agent). */
const OTHER_MOCK_USER = mock.users[0]!;
/** A real agent's object id, listed in the table: in local mode it must give no powers. */
const REAL_AGENT_ID = '5f0c1d2e-3a4b-4c5d-8e9f-0a1b2c3d4e5f';

jest.setTimeout(60_000);

describe('the Agents Playground mock data (appPackage/m365agentsplayground.yml)', () => {
  it('has Entra object ids (GUIDs) wherever Teams has one, so npm run agents takes the mock users', () => {
    const raw = load(fs.readFileSync(PLAYGROUND_FILE, 'utf8')) as { team?: { aadGroupId?: unknown }; bot?: { id?: unknown } };
    const ids = [mock.tenantId, MOCK_USER.aadObjectId, ...mock.users.map((u) => u.aadObjectId), raw.team?.aadGroupId, raw.bot?.id];
    for (const id of ids) expect(aadObjectIdSchema.safeParse(id)).toMatchObject({ success: true });
    expect(new Set(ids).size).toBe(ids.length);
    expect(parseAgentsArgs(['add', MOCK_USER.aadObjectId, MOCK_USER.name])).toEqual({ ok: true, command: { kind: 'add', aadObjectId: MOCK_USER.aadObjectId, name: 'Alex Wilber' } });
  });

  it('npm run agents -- add <the mock user> "Alex Wilber" works, as the README has it', async () => {
    const url = freshDatabaseUrl('playground-agents');
    try {
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'agents.ts'), 'add', MOCK_USER.aadObjectId, MOCK_USER.name], {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_URL: url },
      });
      expect(stdout).toContain(`Added agent ${MOCK_USER.aadObjectId} ("Alex Wilber").`);
    } finally {
      await dropDatabase(url);
    }
  });

  it('a broken file is reported with its name and the field', () => {
    const file = path.join(tempDir('playground'), 'm365agentsplayground.yml');
    fs.writeFileSync(file, fs.readFileSync(PLAYGROUND_FILE, 'utf8').replace(MOCK_USER.aadObjectId, '00000000-0000-0000-0000-0000000000020'));
    expect(() => readPlaygroundMock(file)).toThrow(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is invalid: currentUser\\.aadObjectId: must be a Microsoft Entra object id`));
  });
});

describe('local mode: only the Playground\'s mock user can be a phone agent', () => {
  it('is on in development without MicrosoftAppId; with Bot Framework auth the token decides, and the tests register their own agents', () => {
    expect(loadConfig({ NODE_ENV: 'development' }, root).localAgents).toEqual({ playgroundFile: PLAYGROUND_FILE });
    expect(loadConfig({ NODE_ENV: 'development', M365_AGENTS_PLAYGROUND_CONFIG_PATH: 'elsewhere.yml' }, root).localAgents).toEqual({ playgroundFile: path.join(root, 'elsewhere.yml') });
    expect(loadConfig({ NODE_ENV: 'development', MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret' }, root).localAgents).toBeUndefined();
    expect(loadConfig({ NODE_ENV: 'test' }, root).localAgents).toBeUndefined();
  });

  let sink: MailSink;
  beforeAll(async () => {
    sink = await new MailSink().start();
  });
  afterAll(async () => {
    await sink.stop();
  });

  /** The bot as `npm run playground` starts it: development, local mode, demo merchants. */
  async function localBot(env: Record<string, string> = {}): Promise<RunningBot> {
    const bot = await startBot({ NODE_ENV: 'development', KNOWLEDGE_WATCH: 'off', SMTP_URL: sink.url, ...env });
    for (const [aadObjectId, name] of [
      [MOCK_USER.aadObjectId, MOCK_USER.name],
      [REAL_AGENT_ID, 'Mette Jensen'],
    ] as const) {
      await bot.store.upsertAgent({ aadObjectId, name, createdBy: 'operator:test' });
    }
    return bot;
  }

  /** "kunde 100001" in a Teams personal chat, as the Playground sends it, from this Entra object id. */
  async function lookUp(bot: RunningBot, aadObjectId: string): Promise<{ text: string; merchantCard: boolean }> {
    const { status, replies } = await post(
      bot.url,
      message('kunde 100001', {
        channelId: 'msteams',
        conversation: { id: `playground-personal-${aadObjectId}`, conversationType: 'personal', tenantId: mock.tenantId },
        from: { id: 'user-id-0', name: 'Alex Wilber', aadObjectId },
        recipient: { id: 'bot-id', name: 'DIBS Helpdesk' },
        channelData: { tenant: { id: mock.tenantId } },
      }),
    );
    expect(status).toBe(200);
    const shown = JSON.stringify(replies);
    return { text: replies.map((r) => r.text ?? '').join('\n'), merchantCard: shown.includes('Nordic Bikes ApS') && shown.includes('application/vnd.microsoft.card.adaptive') };
  }

  it('the mock user, added with npm run agents, gets the merchant card; a real agent listed in the table and other users get the merchant replies', async () => {
    const bot = await localBot();
    try {
      expect(await lookUp(bot, MOCK_USER.aadObjectId)).toMatchObject({ merchantCard: true, text: expect.stringMatching(/Nordic Bikes ApS/) });
      for (const other of [REAL_AGENT_ID, REAL_AGENT_ID.toUpperCase(), OTHER_MOCK_USER.aadObjectId]) {
        const reply = await lookUp(bot, other);
        expect(reply.merchantCard).toBe(false);
        expect(reply.text).not.toMatch(/Nordic Bikes/);
      }
      // Nothing was done as an agent but the mock user's lookup.
      const agentEvents = (await bot.store.listAuditEvents({})).filter((e) => e.actor.startsWith('agent:'));
      expect(agentEvents.map((e) => [e.actor, e.action])).toEqual([[`agent:${MOCK_USER.aadObjectId}`, 'agent.merchant-lookup']]);
    } finally {
      await bot.stop();
    }
  });

  it('without the mock data (a missing file) nobody is an agent, and the log says why', async () => {
    const bot = await localBot({ M365_AGENTS_PLAYGROUND_CONFIG_PATH: path.join(tempDir('playground'), 'missing.yml') });
    try {
      expect((await lookUp(bot, MOCK_USER.aadObjectId)).merchantCard).toBe(false);
      expect(bot.logs.some((l) => l.includes('"event":"local_agents_unavailable"') && l.includes('missing.yml'))).toBe(true);
    } finally {
      await bot.stop();
    }
  });
});
