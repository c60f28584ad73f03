import { MailSink } from './helpers/mailSink';
import { dropDatabase, freshDatabaseUrl, testProvider } from './helpers/database';
import { message, post } from './helpers/server';
import { spawnBot, type BotProcess } from './helpers/process';

jest.setTimeout(90_000);

let sink: MailSink;
beforeAll(async () => {
  sink = await new MailSink().start();
});
afterAll(async () => {
  await sink.stop();
});

function env(databaseUrl: string): Record<string, string> {
  return { DATABASE_URL: databaseUrl, SMTP_URL: sink.url, NODE_ENV: 'development', DEMO_DATA: 'on' };
}

async function say(bot: BotProcess, conversation: string, text: string): Promise<string> {
  const { status, replies } = await post(bot.url, message(text, { conversation: { id: conversation } }));
  expect(status).toBe(200);
  return replies.map((r) => r.text).join('\n');
}

const describePostgres = testProvider === 'postgresql' ? describe : describe.skip;
const describeSqlite = testProvider === 'sqlite' ? describe : describe.skip;

describePostgres('several instances on one PostgreSQL', () => {
  let url: string;
  let a: BotProcess;
  let b: BotProcess;
  beforeAll(async () => {
    url = freshDatabaseUrl('multi');
    a = await spawnBot(env(url));
    b = await spawnBot(env(url));
  });
  afterAll(async () => {
    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    await Promise.all([a.exited, b.exited]);
    await dropDatabase(url);
  });

  it('one conversation alternates between two processes turn by turn and completes the unlock', async () => {
    expect(await say(a, 'alt-1', 'min konto er låst')).toMatch(/Hvad er dit kunde-ID\?/);
    expect(await say(b, 'alt-1', '100001')).toMatch(/engangskode/);
    expect(await say(a, 'alt-1', sink.lastCodeFor('kontakt@nordicbikes.dk'))).toMatch(/Skal jeg låse den op nu\?/);
    expect(await say(b, 'alt-1', 'ja')).toMatch(/Din konto er låst op/);
  });

  it('a process killed mid-dialog: the conversation continues on the other one', async () => {
    const c = await spawnBot(env(url));
    expect(await say(c, 'kill-1', 'status på ordre 10024')).toMatch(/kunde-ID/);
    expect(await say(c, 'kill-1', '100002')).toMatch(/engangskode/);
    c.child.kill('SIGKILL');
    await c.exited;
    expect(await say(a, 'kill-1', sink.lastCodeFor('ordre@hyggehome.dk'))).toMatch(/Ordre 10024 .*mistænkelig/s);
  });

  it('the same activity delivered twice (to two instances) acts once', async () => {
    await say(a, 'dup-1', 'min konto er låst');
    const activity = message('100003', { conversation: { id: 'dup-1' }, id: 'same-activity-id' });
    const first = await post(a.url, activity);
    const second = await post(b.url, activity);
    expect(first.replies.map((r) => r.text).join('\n')).toMatch(/engangskode/);
    expect(second.status).toBe(200);
    expect(second.replies).toEqual([]);
    expect(sink.mailsTo('foto@fjordfoto.dk')).toHaveLength(1);
  });
});

describeSqlite('a single SQLite instance', () => {
  it('keeps the conversation across a restart', async () => {
    const url = freshDatabaseUrl('restart');
    const first = await spawnBot(env(url));
    expect(await say(first, 'restart-1', 'min konto er låst')).toMatch(/kunde-ID/);
    expect(await say(first, 'restart-1', '100001')).toMatch(/engangskode/);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const second = await spawnBot(env(url));
    try {
      expect(await say(second, 'restart-1', sink.lastCodeFor('kontakt@nordicbikes.dk'))).toMatch(/Skal jeg låse den op nu\?/);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });
});
