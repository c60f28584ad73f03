import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { callbackCaseActivity } from '../bot/agentsChannel';
import { KnowledgeBase } from '../knowledge/knowledgeBase';
import { knowledgeDir } from './helpers/knowledge';
import { loadOpeningHours } from '../knowledge/openingHours';
import { redactTranscriptText } from '../bot/transcriptMiddleware';
import { message, post, startBot, type RunningBot } from './helpers/server';

const CHANNEL = '19:agents0123@thread.tacv2';

interface Posted {
  conversationId: string;
  body: { type?: string; summary?: string; conversation?: { id?: string }; attachments?: { contentType: string; content: unknown }[] };
}

/** A local stand-in for the Bot Connector service: records what the bot posts to conversations. */
async function fakeConnector(): Promise<{ url: string; posted: Posted[]; unexpected: string[]; close(): Promise<void> }> {
  const posted: Posted[] = [];
  const unexpected: string[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const match = /^\/v3\/conversations\/([^/]+)\/activities\/?$/.exec(req.url ?? '');
      const conversation = match?.[1];
      if (req.method !== 'POST' || conversation === undefined) {
        unexpected.push(`${req.method ?? ''} ${req.url ?? ''}`);
        res.statusCode = 404;
        res.end();
        return;
      }
      posted.push({ conversationId: decodeURIComponent(conversation), body: JSON.parse(raw) as Posted['body'] });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: `posted-${posted.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    posted,
    unexpected,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Polls (the bot posts in the background, after the merchant's reply), by default for up to 10 s. */
async function until<T>(what: string, get: () => T | undefined, details?: () => string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = get();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${details ? `: ${details()}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A merchant greets, asks FAQ questions (one with a card number), then asks for a person and books a callback. */
async function handoffConversation(bot: RunningBot, conversationId: string): Promise<{ caseNumber: string; replies: string[] }> {
  const say = async (text: string): Promise<string[]> => {
    const { status, replies } = await post(bot.url, message(text, { conversation: { id: conversationId } }));
    expect(status).toBe(200);
    return replies.map((r) => r.text ?? '');
  };
  await say('hej');
  expect((await say('hvad er jeres telefonnummer'))[0]).toMatch(/Du kan ringe til os på \+45 7020 3077/);
  expect((await say('hvor finder jeg mit kunde-id'))[0]).toMatch(/kunde-ID/i);
  await say('mit kort 4571 1234 5678 9012 blev afvist i går');
  expect((await say('tal med en person')).at(-1)).toBe('Vil du hellere have, at vi ringer dig op?');
  expect(await say('ja')).toEqual(['Hvad er dit navn?']);
  expect(await say('Mette Hansen')).toEqual(['Hvilket telefonnummer skal vi ringe til?']);
  expect((await say('+45 20 30 40 50'))[0]).toMatch(/Hvad er dit kunde-ID\?/);
  expect((await say('spring over'))[0]).toMatch(/Hvad drejer det sig om\?/);
  const replies = await say('Vi kan ikke se vores udbetalinger');
  const caseNumber = /Dit sagsnummer er (CB-\d{8}-[A-Z0-9]{6})\./.exec(replies.join('\n'))?.[1];
  expect(caseNumber).toBeDefined();
  return { caseNumber: caseNumber!, replies };
}

describe('handoff cases are posted to the agents’ Teams channel', () => {
  it('posts one card to the configured channel with the case, the topic and the redacted recent transcript', async () => {
    const connector = await fakeConnector();
    const bot = await startBot({ AGENTS_TEAMS_CHANNEL_ID: CHANNEL, AGENTS_TEAMS_SERVICE_URL: connector.url, AGENTS_TEAMS_TENANT_ID: 'tenant-1' });
    try {
      const { caseNumber } = await handoffConversation(bot, 'handoff-posted');
      const [post] = await until('the post', () => (connector.posted.length > 0 ? connector.posted : undefined), () => [...connector.unexpected, ...bot.logs.filter((l) => l.includes('agents_channel'))].join('\n'));
      expect(connector.unexpected).toEqual([]);
      expect(post?.conversationId).toBe(CHANNEL);
      expect(post?.body.type).toBe('message');
      expect(post?.body.summary).toBe(`Ring op: ${caseNumber} – Mette Hansen: Vi kan ikke se vores udbetalinger`);
      const card = post!.body.attachments?.[0];
      expect(card?.contentType).toBe('application/vnd.microsoft.card.adaptive');
      const content = card!.content as { version: string; body: { type: string; text?: string; facts?: { title: string; value: string }[] }[] };
      expect(content.version).toBe('1.5');
      expect(content.body.find((b) => b.type === 'FactSet')?.facts).toEqual(
        expect.arrayContaining([
          { title: 'Sag', value: caseNumber },
          { title: 'Navn', value: 'Mette Hansen' },
          { title: 'Telefon', value: '+45 20 30 40 50' },
          { title: 'Kunde-ID', value: '(ikke oplyst)' },
          { title: 'Emne', value: 'Vi kan ikke se vores udbetalinger' },
        ]),
      );
      const transcript = content.body.filter((b) => b.type === 'TextBlock').map((b) => b.text ?? '');
      const userLines = transcript.filter((l) => l.startsWith('Kunde: '));
      // The last 20 messages, oldest first, ending with the topic the merchant just typed: the greeting has dropped out.
      expect(transcript.filter((l) => /^(Kunde|Bot): /.test(l))).toHaveLength(20);
      expect(userLines).not.toContain('Kunde: hej');
      expect(userLines).toEqual([
        'Kunde: hvad er jeres telefonnummer',
        'Kunde: hvor finder jeg mit kunde-id',
        'Kunde: mit kort [kortnummer] blev afvist i går',
        'Kunde: tal med en person',
        'Kunde: ja',
        'Kunde: Mette Hansen',
        'Kunde: +45 20 30 40 50',
        'Kunde: spring over',
        'Kunde: Vi kan ikke se vores udbetalinger',
      ]);
      expect(transcript).toContain('Bot: Vil du hellere have, at vi ringer dig op?');
      // The card number in any spelling (not "4571" alone: a millisecond timestamp may hold those digits).
      expect(JSON.stringify(post?.body)).not.toMatch(/4571\D?1234/);
      expect(connector.posted).toHaveLength(1);
      expect(await until('the log line', () => bot.logs.find((l) => l.includes('"event":"agents_channel_posted"')))).toContain(caseNumber);
    } finally {
      await bot.stop();
      await connector.close();
    }
  });

  it('without a configured channel nothing is posted and no transcript is kept', async () => {
    const connector = await fakeConnector();
    const bot = await startBot({ AGENTS_TEAMS_SERVICE_URL: connector.url });
    try {
      await handoffConversation(bot, 'handoff-unconfigured');
      const [state] = await bot.store.readStates(['test/conversations/handoff-unconfigured/']);
      expect(state?.data).toBeDefined();
      expect(state?.data).not.toMatch(/transcript|4571\D?1234|Mette/);
      expect(bot.logs.filter((l) => l.includes('agents_channel'))).toEqual([]);
      expect(connector.posted).toEqual([]);
    } finally {
      await bot.stop();
      await connector.close();
    }
  });

  it('with the connector down the merchant still gets the confirmation, the case is stored, and the failure is logged with a code', async () => {
    const down = await fakeConnector();
    await down.close(); // nothing listens on that port any more
    const bot = await startBot({ AGENTS_TEAMS_CHANNEL_ID: CHANNEL, AGENTS_TEAMS_SERVICE_URL: down.url });
    try {
      const { caseNumber, replies } = await handoffConversation(bot, 'handoff-down');
      expect(replies.join('\n')).toMatch(/Tak! Vi ringer dig op/);
      expect(await bot.store.listCallbackRequests({ status: 'open' })).toEqual([expect.objectContaining({ caseNumber, topic: 'Vi kan ikke se vores udbetalinger' })]);
      // The connector client retries a few times (with back-off) before it gives up.
      const failed = JSON.parse(await until('the failure log line', () => bot.logs.find((l) => l.includes('"event":"agents_channel_post_failed"')), undefined, 60_000)) as Record<string, unknown>;
      expect(failed).toMatchObject({ level: 'warn', case: caseNumber });
      expect(typeof failed.code).toBe('string');
      expect(JSON.stringify(failed)).not.toMatch(/Mette|20 30 40 50|udbetalinger/);
    } finally {
      await bot.stop();
    }
  }, 90_000);
});

describe('the transcript kept for the agents', () => {
  it('redacts card-like numbers and one-time codes, masks e-mail addresses, keeps phone and order numbers, and caps the length', () => {
    expect(redactTranscriptText('kort 4571-1234-5678-9012 og 4571123456789012')).toBe('kort [kortnummer] og [kortnummer]');
    expect(redactTranscriptText('koden er 861 713')).toBe('koden er [kode]');
    expect(redactTranscriptText('861713')).toBe('[kode]');
    expect(redactTranscriptText('ring på +45 20 30 40 50 om ordre 10024')).toBe('ring på +45 20 30 40 50 om ordre 10024');
    expect(redactTranscriptText('min mail er kontakt@nordicbikes.dk')).toBe('min mail er k*****@nordicbikes.dk');
    const long = redactTranscriptText('å'.repeat(2000));
    expect(Array.from(long)).toHaveLength(500);
    expect(long.endsWith('…')).toBe(true);
  });

  it('also redacts card numbers written with dots, CPR numbers, and masks e-mail addresses with æ/ø/å in the domain', () => {
    expect(redactTranscriptText('kort 4571.1234.5678.9012 blev afvist')).toBe('kort [kortnummer] blev afvist');
    expect(redactTranscriptText('mit cpr er 010190-1234 og 0101901234')).toBe('mit cpr er [cpr-nummer] og [cpr-nummer]');
    // A phone number with country code has 10 digits too, but is no date: it stays for the agent.
    expect(redactTranscriptText('ring på +45 2030405060 eller 4520304050')).toBe('ring på +45 2030405060 eller 4520304050');
    expect(redactTranscriptText('beløb 1.299,50 kr. den 01.02.2026')).toBe('beløb 1.299,50 kr. den 01.02.2026');
    expect(redactTranscriptText('skriv til søren@blåbær.dk')).toBe('skriv til s*****@blåbær.dk');
  });

  it('the posted case redacts card numbers the merchant typed as the topic', () => {
    const request = {
      caseNumber: 'CB-20261127-ABCDEF',
      name: 'Mette Hansen',
      phone: '+45 20 30 40 50',
      customerId: null,
      topic: 'kort 4571 1234 5678 9012 afvist, cpr 010190-1234',
      language: 'da' as const,
      channel: 'webchat',
      conversationId: 'c-1',
      status: 'open',
      createdAt: new Date('2026-11-27T10:00:00Z'),
    };
    const activity = callbackCaseActivity(request, [], 'Europe/Copenhagen');
    expect(JSON.stringify(activity)).not.toMatch(/4571\D?1234|010190/);
    expect(JSON.stringify(activity)).toContain('kort [kortnummer] afvist, cpr [cpr-nummer]');
  });

  it('shows the case time in the time zone it is given (the knowledge base\'s), not a fixed one', () => {
    const request = {
      caseNumber: 'CB-20261127-000002', name: 'Mette Hansen', phone: '+45 20 30 40 50', customerId: null, topic: 'Udbetalinger',
      language: 'da' as const, channel: 'webchat', conversationId: 'c-1', status: 'open', createdAt: new Date('2026-11-27T10:00:00Z'),
    };
    const createdAt = (timeZone: string): string | undefined => {
      const card = callbackCaseActivity(request, [], timeZone).attachments?.[0]?.content as { body: { facts?: { title: string; value: string }[] }[] };
      return card.body.flatMap((b) => b.facts ?? []).find((f) => f.title === 'Oprettet')?.value;
    };
    expect([createdAt('Europe/Copenhagen'), createdAt('America/New_York')]).toEqual([expect.stringMatching(/11[.:]00$/), expect.stringMatching(/05[.:]00$/)]);
    expect(KnowledgeBase.load(knowledgeDir).timeZone).toBe(loadOpeningHours(path.join(knowledgeDir, 'opening-hours.yaml')).timeZone);
  });
});
