import { ConversationState, MemoryStorage } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { createRootDialog, guidedDialogDeps } from '../bot/app';
import { loadConfig } from '../bot/config';
import { choicesOf } from '../dialogs/shared/cards';
import { QuestionLog } from '../dialogs/shared/questionLog';
import { AppError } from '../lib/errors';
import { createLogger, silentLogger } from '../lib/logger';
import type { AnalyticsStore } from '../store/types';
import { DEMO_NOW, useAccountFixture } from './helpers/accounts';
import { knowledgeDir, realKnowledge } from './helpers/knowledge';
import { KnowledgeBase } from '../knowledge/knowledgeBase';
import { loadKnowledge } from '../knowledge/loader';
import { message, post, startBot } from './helpers/server';
import { buttons, playTranscript } from './helpers/transcript';

const fx = useAccountFixture(DEMO_NOW);

interface Conversation {
  client: DialogTestClient;
  log: QuestionLog;
}

/** The real root dialog and guided dialogs on the demo database, recording into it; `channel` as the channel id. */
function conversation(channel = 'webchat', locale = 'da-DK', analytics: Pick<AnalyticsStore, 'recordQuestions' | 'recordFeedback'> = fx.store, logger = silentLogger, knowledge = realKnowledge()): Conversation {
  const config = loadConfig({ NODE_ENV: 'test', SMTP_URL: fx.sink.url, KNOWLEDGE_DIR: knowledgeDir, SUPPORT_EMAIL: 'support@dibs.dk' });
  const conversationState = new ConversationState(new MemoryStorage());
  const kb = knowledge;
  const guided = guidedDialogDeps({ config, logger: silentLogger, kb, store: fx.store, clock: fx.clock }, conversationState);
  const log = new QuestionLog(analytics, logger);
  const root = createRootDialog(kb, conversationState, guided, 10_000, fx.store, log);
  const client = new DialogTestClient(channel, root, undefined, [], conversationState);
  const send = client.sendActivity.bind(client);
  client.sendActivity = (activity) => send(typeof activity === 'string' ? { type: 'message', text: activity, locale } : { type: 'message', locale, ...activity });
  return { client, log };
}

interface CardJson {
  version?: string;
  body?: { text?: string }[];
  actions?: { type: string; title: string; data?: unknown }[];
  buttons?: { type: string; title: string; text?: string; value?: unknown }[];
}

/** The first card of a reply, of this content type. */
function cardOf(reply: object, contentType = 'application/vnd.microsoft.card.adaptive'): CardJson | undefined {
  const { attachments } = reply as { attachments?: { contentType: string; content?: unknown }[] };
  return attachments?.find((a) => a.contentType === contentType)?.content as CardJson | undefined;
}

const kb = realKnowledge();
const CUSTOMER_ID_QUESTION = 'hvor finder jeg mit kundenummer, min mail er kontakt@nordicbikes.dk';

function confidenceOf(question: string): number {
  const decision = kb.matcher.match(question).decision;
  if (decision.kind !== 'answer') throw new Error(`"${question}" is no longer answered`);
  return decision.best.confidence;
}

describe('feedback after an FAQ answer', () => {
  it('asks "did this help?" with 👍/👎 and the answer’s follow-ups; 👍 is stored with the entry, score and redacted question', async () => {
    const { client, log } = conversation();
    await playTranscript(client, [
      [
        CUSTOMER_ID_QUESTION,
        [
          kb.entry('customer-id-location')!.answer.da,
          (r) => {
            expect(r.text).toBe('Hjalp det?');
            expect(buttons(r)).toEqual(['👍 Ja', '👎 Nej', kb.title(kb.entry('username')!, 'da')]);
          },
        ],
      ],
      ['👍 Ja', 'Tak for tilbagemeldingen!'],
    ]);
    await log.flush();
    const feedback = await fx.store.listFeedback({});
    expect(feedback).toHaveLength(1);
    expect(feedback[0]).toMatchObject({
      entryId: 'customer-id-location',
      helpful: true,
      question: 'hvor finder jeg mit kundenummer, min mail er [e-mail]',
      language: 'da',
      channel: 'webchat',
      createdAt: DEMO_NOW,
    });
    expect(feedback[0]!.score).toBeCloseTo(confidenceOf(CUSTOMER_ID_QUESTION), 6);
    expect(JSON.stringify(feedback)).not.toContain('kontakt@nordicbikes.dk');
  });

  it('👎 offers to ask differently or talk to a person; "Tal med en person" starts the handoff', async () => {
    const { client, log } = conversation();
    await playTranscript(client, [
      ['hvornår står pengene på min bankkonto', [/udbetal|bankkonto/i, 'Hjalp det?']],
      [
        '👎',
        (r) => {
          expect(r.text).toBe('Det er jeg ked af. Vil du stille spørgsmålet på en anden måde, eller tale med en person?');
          expect(buttons(r)).toEqual(['Stil spørgsmålet anderledes', 'Tal med en person']);
        },
      ],
      ['Tal med en person', [/Supporten har åbent nu \(til kl\. 16\.00\)\..*\+45 7020 3077/, /ringer dig op/]],
      ['nej', /Helt i orden/],
    ]);
    await log.flush();
    expect(await fx.store.listFeedback({})).toEqual([
      expect.objectContaining({ entryId: 'payout-timing', helpful: false, score: 1, question: 'hvornår står pengene på min bankkonto' }),
    ]);
    // Writes run in the background, so their order in the table is not guaranteed.
    const outcomes = (await fx.store.listQuestionEvents({})).map((e) => e.outcome);
    expect(outcomes.sort()).toEqual(['answered', 'handoff']);
  });

  it('"Ask it differently" asks for the question in other words, and a plain "no" right after the question counts as 👎', async () => {
    const { client, log } = conversation('webchat', 'en-US');
    await playTranscript(client, [
      ['when will the money reach my bank account', [/./, 'Did this help?']],
      ['no', (r) => expect(buttons(r)).toEqual(['Ask it differently', 'Talk to a person'])],
      ['Ask it differently', /write your question in other words/],
    ]);
    await log.flush();
    expect(await fx.store.listFeedback({})).toEqual([expect.objectContaining({ entryId: 'payout-timing', helpful: false, language: 'en' })]);
  });

  it('a new question instead of feedback is answered normally, and nothing is stored for the first answer', async () => {
    const { client, log } = conversation();
    await playTranscript(client, [
      ['hvornår står pengene på min bankkonto', [/./, 'Hjalp det?']],
      ['hvad er jeres telefonnummer', [/\+45 7020 3077/, 'Hjalp det?']],
      ['ja', 'Tak for tilbagemeldingen!'],
      // "ja" is only feedback right after the question; now it is just a (too short) question.
      ['ja', /kan jeg desværre ikke svare på/],
    ]);
    await log.flush();
    expect(await fx.store.listFeedback({})).toEqual([expect.objectContaining({ entryId: 'contact-phone', helpful: true })]);
  });

  it('does not ask for feedback when the answer starts a guided flow', async () => {
    const { client } = conversation();
    await playTranscript(client, [['min konto er låst', [/30 minutter/, /låse/, /kunde-ID/]]]);
  });
});

describe('feedback in Teams', () => {
  it('asks with an Adaptive Card whose buttons send { feedback }, and stores a 👎 clicked on the card', async () => {
    const { client, log } = conversation('msteams');
    await playTranscript(client, [
      [
        'hvornår står pengene på min bankkonto',
        [
          /./,
          (r) => {
            const card = cardOf(r)!;
            expect(card.version).toBe('1.5');
            expect(card.body?.map((b) => b.text)).toEqual(['Hjalp det?']);
            expect(card.actions).toEqual([
              { type: 'Action.Submit', title: '👍 Ja', data: { feedback: 'up', entry: 'payout-timing' } },
              { type: 'Action.Submit', title: '👎 Nej', data: { feedback: 'down', entry: 'payout-timing' } },
            ]);
            // The answer's follow-ups stay available.
            expect(buttons(r)).toEqual(['refund-timing', 'acquirer-contact'].map((id) => kb.title(kb.entry(id)!, 'da')));
          },
        ],
      ],
      // A card click arrives as a message with the button's data as value and no text.
      [{ value: { feedback: 'down', entry: 'payout-timing' } }, (r) => expect(buttons(r)).toEqual(['Stil spørgsmålet anderledes', 'Tal med en person'])],
    ]);
    await log.flush();
    expect(await fx.store.listFeedback({})).toEqual([expect.objectContaining({ entryId: 'payout-timing', helpful: false, channel: 'msteams' })]);
  });

  it('a click on an older answer’s card is acknowledged but not stored as a vote on the newer answer', async () => {
    const { client, log } = conversation('msteams');
    await playTranscript(client, [
      ['hvornår står pengene på min bankkonto', [kb.entry('payout-timing')!.answer.da, (r) => expect(cardOf(r)).toBeDefined()]],
      [CUSTOMER_ID_QUESTION, [kb.entry('customer-id-location')!.answer.da, (r) => expect(cardOf(r)).toBeDefined()]],
      // The merchant scrolls up and clicks 👎 on the first answer's card.
      [{ value: { feedback: 'down', entry: 'payout-timing' } }, /Det er jeg ked af/],
    ]);
    await log.flush();
    expect(await fx.store.listFeedback({})).toEqual([]);
  });

  it('works through the real server in a Teams group chat: the card click needs no @mention, the choices become card buttons', async () => {
    const bot = await startBot({ SMTP_URL: fx.sink.url });
    try {
      const BOT = { id: '28:dibs-helpdesk', name: 'DIBS Helpdesk' };
      const say = async (text: string | undefined, extra: Record<string, unknown> = {}) =>
        (
          await post(
            bot.url,
            message(text, {
              channelId: 'msteams',
              conversation: { id: 'teams-group-feedback', conversationType: 'groupChat', isGroup: true, tenantId: 'tenant-1' },
              from: { id: '29:user-1', name: 'Alex Wilber', aadObjectId: 'aad-user-1' },
              recipient: BOT,
              ...extra,
            }),
          )
        ).replies;
      const answer = await say('<at>DIBS Helpdesk</at> hvornår står pengene på min bankkonto', { entities: [{ type: 'mention', mentioned: BOT, text: '<at>DIBS Helpdesk</at>' }] });
      expect(cardOf(answer[1]!)?.actions?.map((a) => a.data)).toEqual([{ feedback: 'up', entry: 'payout-timing' }, { feedback: 'down', entry: 'payout-timing' }]);
      const sorry = await say(undefined, { value: { feedback: 'down', entry: 'payout-timing' } });
      expect(sorry[0]?.text).toMatch(/Det er jeg ked af/);
      expect(choicesOf(cardOf(sorry[0]!))).toEqual(['Stil spørgsmålet anderledes', 'Tal med en person']);
      await bot.questionLog.flush();
      expect(await bot.store.listFeedback({})).toEqual([expect.objectContaining({ entryId: 'payout-timing', helpful: false, channel: 'msteams', question: 'hvornår står pengene på min bankkonto' })]);
    } finally {
      await bot.stop();
    }
  });
});

describe('unanswered questions are stored for the report, without personal data', () => {
  it('stores a fallback with the card number and e-mail redacted, and answered questions as counts only', async () => {
    const { client, log } = conversation();
    await playTranscript(client, [
      ['hvordan bliver vejret i morgen? mit kort er 4571 1234 5678 9010 og min mail er lars.ærø@hyggehome.dk', /kan jeg desværre ikke svare på/],
      ['hvad er jeres telefonnummer', [/\+45 7020 3077/, 'Hjalp det?']],
    ]);
    await log.flush();
    const events = await fx.store.listQuestionEvents({});
    expect(events).toHaveLength(2);
    expect(events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ outcome: 'fallback', question: 'hvordan bliver vejret i morgen? mit kort er [kort] og min mail er [e-mail]', language: 'da', channel: 'webchat' }),
        expect.objectContaining({ outcome: 'answered', entryId: 'contact-phone', question: undefined }),
      ]),
    );
    expect(JSON.stringify(events)).not.toMatch(/4571|lars/);
  });

  it('stores a low-confidence answer with its redacted text; the bot still answers', async () => {
    // A knowledge base that counts every answer below 0.99 as low-confidence (matching.yaml, lowConfidenceBelow).
    const data = loadKnowledge(knowledgeDir);
    const cautious = new KnowledgeBase({ ...data, matching: { ...data.matching, lowConfidenceBelow: 0.99 } });
    const question = 'when do you close on friday 4571 1234 5678 9010';
    expect(cautious.matcher.match(question).decision).toMatchObject({ kind: 'answer', best: { entry: { id: 'opening-hours' } } });
    expect(confidenceOf(question)).toBeLessThan(0.99);
    const { client, log } = conversation('webchat', 'en-US', fx.store, silentLogger, cautious);
    await playTranscript(client, [[question, [kb.entry('opening-hours')!.answer.en, 'Did this help?']]]);
    await log.flush();
    expect(await fx.store.listQuestionEvents({})).toEqual([
      expect.objectContaining({ outcome: 'low-confidence', entryId: 'opening-hours', question: 'when do you close on friday [kort]', language: 'en' }),
    ]);
  });

  it('stores a clarification with its text, and the picked answer quotes that question in its feedback', async () => {
    const ambiguous = ['mistænkelig', 'email', 'kodeord', 'mail', 'refund'].find((q) => kb.matcher.match(q).decision.kind === 'clarify') ?? 'email';
    const decision = kb.matcher.match(ambiguous).decision;
    if (decision.kind !== 'clarify') throw new Error('not ambiguous any more');
    const { client, log } = conversation();
    await playTranscript(client, [
      [ambiguous, /Mente du:/],
      ['1', [decision.candidates[0]!.entry.answer.da, 'Hjalp det?']],
      ['👍', 'Tak for tilbagemeldingen!'],
    ]);
    await log.flush();
    const events = (await fx.store.listQuestionEvents({})).map((e) => [e.outcome, e.question]);
    expect(events.sort()).toEqual([
      ['answered', undefined],
      ['clarify', ambiguous],
    ]);
    expect(await fx.store.listFeedback({})).toEqual([expect.objectContaining({ entryId: decision.candidates[0]!.entry.id, question: ambiguous, score: 1 })]);
  });

  it('a store outage while saving keeps the conversation going, and logs without the question', async () => {
    const lines: string[] = [];
    const down = (): Promise<void> => Promise.reject(new AppError('STORE_UNAVAILABLE', 'database unreachable'));
    const { client, log } = conversation('webchat', 'da-DK', { recordQuestions: down, recordFeedback: down }, createLogger({ level: 'debug', sink: (l) => lines.push(l) }));
    await playTranscript(client, [
      ['hvad er jeres telefonnummer 4571 1234 5678 9010', [/\+45 7020 3077/, 'Hjalp det?']],
      ['👍', 'Tak for tilbagemeldingen!'],
      ['hvornår står pengene på min bankkonto', [/./, 'Hjalp det?']],
    ]);
    await log.flush();
    const warnings = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.event === 'analytics_not_recorded');
    // The two questions' events are written as one batch: one lost batch, one lost vote.
    expect(warnings.map((w) => [w.kind, w.code, w.outcome]).sort()).toEqual([
      ['feedback', 'STORE_UNAVAILABLE', 'up'],
      ['question', 'STORE_UNAVAILABLE', '2 events'],
    ]);
    expect(lines.join('\n')).not.toMatch(/telefonnummer|4571/);
  });
});
