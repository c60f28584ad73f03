import { teamsMarkdown } from '../bot/teamsRendering';
import { choicesOf } from '../dialogs/shared/cards';
import { changeEmailTexts } from '../dialogs/merchant/ChangeLoginEmailDialog.texts';
import { adaptiveCardProblems } from './helpers/adaptiveCards';
import { commonTexts } from '../dialogs/shared/common.texts';
import { realKnowledge } from './helpers/knowledge';
import { rootTexts } from '../dialogs/root/RootDialog.texts';
import { message, post, useBotWithMailSink } from './helpers/server';

/** The welcome's words before its list of topics. */
const welcomeOpening = (language: 'da' | 'en'): string => {
  const [opening] = rootTexts[language].welcome('\u0000').split('\u0000');
  if (!opening) throw new Error('the welcome starts with its topics');
  return opening;
};

/** A reply as Teams gets it: text, suggested actions, attachments (cards). */
interface TeamsReply {
  type: string;
  text?: string;
  suggestedActions?: { actions: { title?: string }[] };
  attachments?: { contentType: string; content: AdaptiveCardJson }[];
}
interface AdaptiveCardJson {
  type: string;
  version: string;
  body: { type: string; text?: string; wrap?: boolean; facts?: { title: string; value: string }[]; items?: { type: string; text?: string }[]; selectAction?: { type: string; title: string; data: unknown } }[];
  actions?: { type: string; title: string; data: unknown }[];
}

const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';
const BOT = { id: '28:dibs-helpdesk', name: 'DIBS Helpdesk' };
const atBot = { type: 'mention', mentioned: BOT, text: '<at>DIBS Helpdesk</at>' };

const running = useBotWithMailSink();

/** One Teams conversation over HTTP (channel msteams, a user with an Entra object id). */
function teamsConversation(id: string, conversationType: 'personal' | 'groupChat' | 'channel' = 'personal', locale = 'da-DK') {
  return async (text: string | undefined, extra: Record<string, unknown> = {}): Promise<TeamsReply[]> => {
    const { status, replies } = await post(
      running.bot.url,
      message(text, {
        channelId: 'msteams',
        conversation: { id, conversationType, isGroup: conversationType !== 'personal', tenantId: 'tenant-1' },
        from: { id: '29:user-1', name: 'Alex Wilber', aadObjectId: 'aad-user-1' },
        recipient: BOT,
        locale,
        ...extra,
      }),
    );
    expect(status).toBe(200);
    return replies as TeamsReply[];
  };
}

function cardsOf(replies: TeamsReply[]): AdaptiveCardJson[] {
  return replies.flatMap((r) => (r.attachments ?? []).filter((a) => a.contentType === ADAPTIVE).map((a) => a.content));
}
function cardText(card: AdaptiveCardJson): string {
  return card.body.map((e) => e.text ?? (e.facts ?? []).map((f) => `${f.title}: ${f.value}`).join('\n')).join('\n');
}

describe('Teams (channel msteams): replies render as Teams shows them', () => {
  it('shows the transaction status as an Adaptive Card 1.5 with the facts and the explanation', async () => {
    const say = teamsConversation('teams-orders');
    await say('status på ordre 10023');
    await say('100002');
    const replies = await say(running.sink.lastCodeFor('ordre@hyggehome.dk'));
    expect(replies[0]?.text).toBe('Tak, det er bekræftet.');
    const [card] = cardsOf(replies);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    const text = cardText(card!);
    expect(text).toMatch(/Ordre: 10023\nTransaktion: 7734512\nBeløb: DKK 499,00\nKorttype: Dankort\nIndløser: Nets/);
    expect(text).toMatch(/Status: Gennemført og hævet/);
    expect(text).toMatch(/Hvornår pengene står på din bankkonto/);
    expect(card!.body.filter((e) => e.type === 'TextBlock').every((e) => e.wrap === true)).toBe(true);
    // Outside Teams the same lookup stays plain text (covered by test/httpAccounts and test/transactionStatus).
  });

  it('shows every choice on a card in a personal chat (Teams would show at most 3 suggested actions); the text still lists or names every choice', async () => {
    const kb = realKnowledge();
    const say = teamsConversation('teams-buttons');
    const ambiguous = ['mistænkelig', 'email', 'indløser aftale', 'reservation', 'kodeord', 'mail', 'refund'].find((q) => { const d = kb.matcher.match(q).decision; return d.kind === 'clarify' && d.candidates.length >= 2; })!;
    const [clarify] = await say(ambiguous);
    // Teams reads the text as Markdown: the numbered choices stay one list, the other lines paragraphs.
    expect(clarify?.text).toMatch(/Mente du:\n\n1\. .+(\n\d\. .+)+\n\nSvar med nummeret/);
    expect(clarify?.suggestedActions).toBeUndefined();
    expect(choicesOf(cardsOf([clarify!])[0]).length).toBeGreaterThanOrEqual(2);

    // Help offers the 4 topics: all 4 on the card, and the text names all 4.
    const [help] = await say('hjælp');
    expect(choicesOf(cardsOf([help!])[0])).toEqual(kb.topics.map((t) => t.label.da));
    for (const topic of kb.topics) expect(help?.text?.toLowerCase()).toContain(topic.label.da.toLowerCase());
    const [menu] = await say('menu');
    expect(choicesOf(cardsOf([menu!])[0])).toEqual(kb.topics.map((t) => t.label.da));
    expect(menu?.text).toContain(`\n\n1. ${kb.topics[0]!.label.da}\n${kb.topics.slice(1).map((topic, i) => `${i + 2}. ${topic.label.da}`).join('\n')}`);
  });

  for (const type of ['personal', 'groupChat', 'channel'] as const) {
    it(`an FAQ answer in a ${type}: the password rules stay a list, and its follow-ups are boxes on its one card, above "did this help?"`, async () => {
      const kb = realKnowledge();
      const entry = kb.entry('password-requirements')!;
      const say = teamsConversation(`teams-answer-${type}`, type);
      const replies = type === 'personal' ? await say('Hvad skal mit password indeholde?') : await say('<at>DIBS Helpdesk</at> Hvad skal mit password indeholde?', { entities: [atBot] });
      expect(replies).toHaveLength(2);
      const [answer, feedback] = replies;
      // Markdown: a blank line before the list, one rule per line, a paragraph after it. No suggested actions on
      // the message (the Agents Playground shows such a message's text without its Markdown, all in one line).
      expect(answer?.text).toBe('Dit password skal indeholde:\n\n- 8 tegn\n- minimum ét stort bogstav (A-Z)\n- minimum ét lille bogstav (a-z)\n- minimum ét tal (0-9)\n\nDit password må ligeledes ikke indeholde æ, ø, å eller andre specialtegn.');
      expect(answer?.suggestedActions).toBeUndefined();
      expect(answer?.attachments ?? []).toEqual([]);
      // One card per answer: the follow-ups (no suggested actions: Teams shows none on a message with a card), then the question and 👍/👎.
      expect(feedback?.suggestedActions).toBeUndefined();
      expect(cardsOf(replies)).toHaveLength(1);
      const [card] = cardsOf([feedback!]);
      expect(adaptiveCardProblems(card)).toEqual([]);
      expect(choicesOf(card)).toEqual(entry.followUps.map((id) => kb.title(kb.entry(id)!, 'da')));
      expect(cardText(card!).split('\n').at(-1)).toBe('Hjalp det?');
      expect(card!.actions?.map((a) => a.data)).toEqual([{ feedback: 'up', entry: entry.id }, { feedback: 'down', entry: entry.id }]);
      // A click on a follow-up (no text, no @mention) asks it.
      const [next] = await say(undefined, { value: card!.body.find((e) => e.type === 'Container')!.selectAction!.data });
      expect(next?.text).toBe(teamsMarkdown(kb.entry(entry.followUps[0]!)!.answer.da));
    });
  }

  it('long follow-up questions are shown in full: each is a box whose text wraps, not a button label cut off', async () => {
    const kb = realKnowledge();
    // The FAQ entry with the longest follow-up title.
    const [entry, title] = kb.entries
      .filter((e) => !e.dialog)
      .flatMap((e) => e.followUps.map((id) => [e, kb.title(kb.entry(id)!, 'da')] as const))
      .reduce((a, b) => (b[1].length > a[1].length ? b : a));
    expect(title.length).toBeGreaterThan(40);
    const replies = await teamsConversation('teams-long-labels', 'groupChat')(`<at>DIBS Helpdesk</at> ${entry.questions.da[0]}`, { entities: [atBot] });
    const [card, ...others] = cardsOf(replies);
    expect(others).toEqual([]);
    const box = card!.body.find((e) => e.type === 'Container' && e.selectAction?.data && (e.selectAction.data as { suggestion?: string }).suggestion === title);
    expect(box).toMatchObject({ items: [{ type: 'TextBlock', text: title, wrap: true }], selectAction: { type: 'Action.Submit', title } });
    // Only the short 👍/👎 are buttons.
    expect(card!.actions?.map((a) => a.title)).toEqual(['👍 Ja', '👎 Nej']);
  });

  it('in a channel, ignores a message without an @mention of the bot: no reply, no state, not recorded', async () => {
    const say = teamsConversation('teams-channel-quiet', 'channel');
    const activityId = 'quiet-1';
    expect(await say('Hvordan finder jeg mit kunde-id?', { id: activityId })).toEqual([]);
    expect(await say('<at>Megan Bowen</at> ved du det?', { entities: [{ type: 'mention', mentioned: { id: '29:megan', name: 'Megan Bowen' }, text: '<at>Megan Bowen</at>' }] })).toEqual([]);
    expect(await running.bot.store.readStates(['msteams/conversations/teams-channel-quiet/'])).toEqual([]);
    // The activity was never claimed: a first claim now succeeds.
    expect(await running.bot.store.claimActivity(`msteams:teams-channel-quiet:${activityId}`, 'teams-channel-quiet')).toBe(true);
  });

  it('in a channel, answers an @mention exactly as if the mention were not there', async () => {
    const personal = await teamsConversation('teams-personal-q')('Hvordan finder jeg mit kunde-id?');
    const channel = await teamsConversation('teams-channel-q', 'channel')('<at>DIBS Helpdesk</at> Hvordan finder jeg mit kunde-id?', { entities: [atBot] });
    expect(channel.map((r) => r.text)).toEqual(personal.map((r) => r.text));
    expect(channel[0]?.text).toBe(teamsMarkdown(realKnowledge().entry('customer-id-location')!.answer.da));
    // An answered turn saves the conversation's state (the quiet channel above has none).
    expect(await running.bot.store.readStates(['msteams/conversations/teams-channel-q/'])).toHaveLength(1);
  });

  it('a bare @mention is a hello: the welcome, not a complaint about missing text', async () => {
    const replies = await teamsConversation('teams-channel-hello', 'channel')('<at>DIBS Helpdesk</at>', { entities: [atBot] });
    expect(replies.map((r) => r.text).join('\n')).toContain(welcomeOpening('da'));
    expect(replies.map((r) => r.text).join('\n')).not.toMatch(/kun læse tekst/);
  });

  it('in a group chat, the choices are boxes on a card; a click (no text, no @mention) picks the choice', async () => {
    const kb = realKnowledge();
    const say = teamsConversation('teams-group-menu', 'groupChat');
    const [help] = await say('<at>DIBS Helpdesk</at> hjælp', { entities: [atBot] });
    expect(help?.suggestedActions).toBeUndefined();
    const [card] = cardsOf([help!]);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(choicesOf(card)).toEqual(kb.topics.map((t) => t.label.da));
    const acquirers = card!.body.find((e) => e.type === 'Container' && e.items?.[0]?.text === 'Indløsere')!;
    const [topic] = await say(undefined, { value: acquirers.selectAction!.data });
    expect(topic?.text).toMatch(/^Spørgsmål om Indløsere:\n\n1\. /);
  });

  it('the yes/no question is a card with Ja/Nej buttons; a click (value, no text) answers it, also in a group chat without @mention', async () => {
    const say = teamsConversation('teams-group-email', 'groupChat');
    const to = (text: string) => say(`<at>DIBS Helpdesk</at> ${text}`, { entities: [atBot] });
    await to('jeg skal ændre min login email');
    await to('ja'); // "Jeg kan også oprette sagen for dig her i chatten. Skal jeg det?"
    await to('100003');
    await to(running.sink.lastCodeFor('foto@fjordfoto.dk'));
    const [confirm] = cardsOf(await to('nyfoto@fjordfoto.dk'));
    expect(confirm).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(cardText(confirm!)).toBe(changeEmailTexts.da.confirm('nyfoto@fjordfoto.dk'));
    expect(confirm!.actions?.map((a) => [a.type, a.title])).toEqual([
      ['Action.Submit', commonTexts.da.yes],
      ['Action.Submit', commonTexts.da.no],
    ]);
    // Teams sends the click as a message with the button's data as value and no text.
    const yes = confirm!.actions![0]!.data;
    const replies = await say(undefined, { value: yes });
    expect(replies.map((r) => r.text)).toEqual([changeEmailTexts.da.askDocument(10)]);
  });

  it('a "Nej" click goes back to the new address, and a typed answer still works', async () => {
    const say = teamsConversation('teams-personal-email', 'personal', 'en-US');
    await say('I need to change my login email');
    await say('yes'); // "I can also open the case for you here in the chat. Shall I?"
    await say('100003');
    await say(running.sink.lastCodeFor('foto@fjordfoto.dk'));
    const [confirm] = cardsOf(await say('new@fjordfoto.dk'));
    expect(confirm!.actions?.map((a) => a.title)).toEqual(['Yes', 'No']);
    const no = await say(undefined, { value: confirm!.actions![1]!.data });
    expect(no[0]?.text).toBe(changeEmailTexts.en.notConfirmed);
    const [second] = cardsOf(await say('new@fjordfoto.dk'));
    expect(second!.actions![0]!.data).not.toEqual(confirm!.actions![0]!.data);
    // A click on the first question's card (still in the chat) does not answer this question: it is asked again.
    const stale = await say(undefined, { value: confirm!.actions![0]!.data });
    expect(stale.map((r) => r.text)).not.toContain(changeEmailTexts.en.askDocument(10));
    expect(cardText(cardsOf(stale)[0]!)).toBe(`${commonTexts.en.answerYesNo}\n${changeEmailTexts.en.confirm('new@fjordfoto.dk')}`);
    // A typed answer still works, and an unclear one gets the card again with the reason.
    const [retry] = cardsOf(await say('perhaps'));
    expect(cardText(retry!)).toBe(`${commonTexts.en.answerYesNo}\n${changeEmailTexts.en.confirm('new@fjordfoto.dk')}`);
    expect((await say('yes')).map((r) => r.text)).toEqual([changeEmailTexts.en.askDocument(10)]);
  });
});
