import { changeEmailTexts } from '../dialogs/ChangeLoginEmailDialog.texts';
import { commonTexts } from '../dialogs/common.texts';
import { realKnowledge } from './helpers/knowledge';
import { message, post, useBotWithMailSink } from './helpers/server';

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
  body: { type: string; text?: string; wrap?: boolean; facts?: { title: string; value: string }[] }[];
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

  it('offers at most 3 suggested actions in a personal chat; the text still lists or names every choice', async () => {
    const kb = realKnowledge();
    const say = teamsConversation('teams-buttons');
    const ambiguous = ['mistænkelig', 'email', 'indløser aftale', 'reservation', 'kodeord', 'mail', 'refund'].find((q) => { const d = kb.matcher.match(q).decision; return d.kind === 'clarify' && d.candidates.length >= 2; })!;
    const [clarify] = await say(ambiguous);
    // Paragraph breaks: Teams reads the text as Markdown, where a single line break would be lost.
    expect(clarify?.text).toMatch(/Mente du:\n\n1\. .+(\n\n\d\. .+)+\n\nSvar med nummeret/);
    expect(clarify?.suggestedActions?.actions.length).toBeGreaterThan(0);
    expect(clarify?.suggestedActions?.actions.length).toBeLessThanOrEqual(3);

    // Help offers the 4 topics as buttons: Teams gets 3, the text names all 4.
    const [help] = await say('hjælp');
    expect(help?.suggestedActions?.actions).toHaveLength(3);
    for (const topic of kb.topics) expect(help?.text?.toLowerCase()).toContain(topic.label.da.toLowerCase());
    const [menu] = await say('menu');
    expect(menu?.suggestedActions?.actions).toHaveLength(3);
    kb.topics.forEach((topic, i) => expect(menu?.text).toContain(`\n\n${i + 1}. ${topic.label.da}`));
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
    expect(channel[0]?.text).toBe(realKnowledge().entry('customer-id-location')!.answer.da.replace(/\n+/g, '\n\n'));
    // An answered turn saves the conversation's state (the quiet channel above has none).
    expect(await running.bot.store.readStates(['msteams/conversations/teams-channel-q/'])).toHaveLength(1);
  });

  it('a bare @mention is a hello: the welcome, not a complaint about missing text', async () => {
    const replies = await teamsConversation('teams-channel-hello', 'channel')('<at>DIBS Helpdesk</at>', { entities: [atBot] });
    expect(replies.map((r) => r.text).join('\n')).toMatch(/Hej/);
    expect(replies.map((r) => r.text).join('\n')).not.toMatch(/kun læse tekst/);
  });

  it('in a group chat, the choices are card buttons; a click (no text, no @mention) picks the choice', async () => {
    const kb = realKnowledge();
    const say = teamsConversation('teams-group-menu', 'groupChat');
    const [help] = await say('<at>DIBS Helpdesk</at> hjælp', { entities: [atBot] });
    expect(help?.suggestedActions).toBeUndefined();
    const [card] = cardsOf([help!]);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(card!.actions?.map((a) => a.title)).toEqual(kb.topics.map((t) => t.label.da));
    const acquirers = card!.actions!.find((a) => a.title === 'Indløsere')!;
    const [topic] = await say(undefined, { value: acquirers.data });
    expect(topic?.text).toMatch(/^Spørgsmål om Indløsere:\n\n1\. /);
  });

  it('the yes/no question is a card with Ja/Nej buttons; a click (value, no text) answers it, also in a group chat without @mention', async () => {
    const say = teamsConversation('teams-group-email', 'groupChat');
    const to = (text: string) => say(`<at>DIBS Helpdesk</at> ${text}`, { entities: [atBot] });
    await to('jeg skal ændre min login email');
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
