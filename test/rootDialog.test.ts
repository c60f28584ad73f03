import { ConversationState, MemoryStorage } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { RootDialog, type RootState } from '../dialogs/root/RootDialog';
import { realKnowledge } from './helpers/knowledge';
import { buttons, playTranscript } from './helpers/transcript';

function client(locale = 'da-DK'): DialogTestClient {
  const conversationState = new ConversationState(new MemoryStorage());
  const dialog = new RootDialog(realKnowledge(), conversationState.createProperty<RootState>('root'), { maxMessageChars: 10_000 });
  const c = new DialogTestClient('test', dialog, undefined, [], conversationState);
  // Every activity the client sends carries the locale.
  const send = c.sendActivity.bind(c);
  c.sendActivity = (activity) => send(typeof activity === 'string' ? { type: 'message', text: activity, locale } : { locale, ...activity });
  return c;
}

// Every FAQ answer is followed by "did this help?" (test/feedback.test.ts covers it).
const HJALP = 'Hjalp det?';
const HELPED = 'Did this help?';

describe('RootDialog: FAQ routing', () => {
  it('answers Danish questions in Danish and English questions in English', async () => {
    await playTranscript(client(), [
      ['min konto er låst', [/automatisk låst op efter 30 minutter.*\+45 7020 3077/s, HJALP]],
      ['my account is locked', [/unlocked automatically after 30 minutes.*\+45 7020 3077/s, HELPED]],
      ['hvor finder jeg mit kundenummer', [/'indstillinger'.*'rediger profil'/s, HJALP]],
    ]);
  });

  it('offers follow-up questions as buttons, and a clicked button answers that entry', async () => {
    const kb = realKnowledge();
    const entryOf = (id: string) => {
      const entry = kb.entry(id);
      if (!entry) throw new Error(`no entry ${id}`);
      return entry;
    };
    // The entry's follow-ups, in the knowledge base's order, by their Danish titles.
    const followUps = entryOf('account-locked').followUps.map((id) => kb.title(entryOf(id), 'da'));
    expect(followUps.length).toBeGreaterThan(0);
    const c = client();
    await playTranscript(c, [['min konto er låst', [(reply) => expect(buttons(reply)).toEqual(followUps), HJALP]]]);
    const [first] = entryOf('account-locked').followUps;
    if (first === undefined) throw new Error('account-locked has no follow-ups');
    await playTranscript(c, [[kb.title(entryOf(first), 'da'), [entryOf(first).answer.da, HJALP]]]);
  });

  it('asks which entry was meant when a question is ambiguous, and a number picks one', async () => {
    const kb = realKnowledge();
    // Find a short question the matcher finds ambiguous in the real knowledge base.
    const ambiguous = ['mistænkelig', 'email', 'indløser aftale', 'reservation', 'kodeord', 'mail', 'refund'].find((q) => { const d = kb.matcher.match(q).decision; return d.kind === 'clarify' && d.candidates.length >= 2; });
    expect(ambiguous).toBeDefined();
    const decision = kb.matcher.match(ambiguous!).decision;
    if (decision.kind !== 'clarify') throw new Error('not ambiguous');
    const second = decision.candidates[1]!.entry;
    await playTranscript(client(), [
      [
        ambiguous!,
        (reply) => {
          expect(reply.text).toMatch(/^Jeg er ikke helt sikker på, hvad du mener\. Mente du:\n1\. .+\n2\. /);
          expect(buttons(reply)).toContain(kb.title(second, 'da'));
        },
      ],
      ['2', [second.answer.da, HJALP]],
    ]);
  });

  it('says honestly that it does not know, lists what it can do and gives phone and hours', async () => {
    await playTranscript(client(), [
      ['hvordan bliver vejret i morgen', /kan jeg desværre ikke svare på.*kodeord og login.*\+45 7020 3077.*9\.00–17\.00/s],
      ['tell me a joke', /can't answer that.*password and login.*\+45 7020 3077.*Friday 9\.30–16\.00/s],
    ]);
  });

  it('handles greetings, thanks, help and menu', async () => {
    await playTranscript(client(), [
      ['hej', /Hej, jeg er DIBS' support-bot/],
      ['hjælp', /Jeg kan svare på spørgsmål om/],
      ['menu', (r) => expect(buttons(r)).toEqual(['Kodeord og login', 'Indløsere', 'Transaktioner og betalinger', 'Kontakt'])],
      ['1', /Spørgsmål om Kodeord og login:\n1\. /],
      ['tak', /Selv tak/],
      ['thanks', /You're welcome/],
      ['hello', /I'm the DIBS support bot/],
    ]);
  });

  it('answers a topic button with that topic’s questions', async () => {
    await playTranscript(client('en-US'), [['Acquirers', /^Questions about Acquirers:\n1\. /]]);
  });

  it('uses the conversation language for replies that do not show a language', async () => {
    await playTranscript(client('da-DK'), [
      ['where do I find my customer id', [/customer ID/, HELPED]],
      ['???', /can't answer that/],
    ]);
  });

  it('keeps serving after empty, huge, emoji and control-character messages', async () => {
    await playTranscript(client(), [
      [{ type: 'message', text: '' }, /kun læse tekst/],
      [{ type: 'message', attachments: [{ contentType: 'image/png', contentUrl: 'http://example.invalid/x.png' }] }, /kun læse tekst/],
      ['x'.repeat(10_001), /for lang/],
      ['🔒🔒🔒 min konto er låst 😡\u0000\u0007', [/automatisk låst op efter 30 minutter/, HJALP]],
      ['min konto er låst', [/automatisk låst op/, HJALP]],
    ]);
  });
});
