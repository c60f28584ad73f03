import { ActivityTypes, CardFactory, ConversationState, MemoryStorage, MessageFactory, TestAdapter, type Activity, type ConversationAccount, type TurnContext } from 'botbuilder';
import { TeamsMentions } from '../bot/teamsMentions';
import { adaptForTeams, TeamsRendering, TEAMS_MAX_SUGGESTED_ACTIONS } from '../bot/teamsRendering';
import type { AdaptiveCard } from '../dialogs/cards';
import { createLogger } from '../lib/logger';
import { adaptiveCardProblems } from './helpers/adaptiveCards';

const topics = ['Kodeord og login', 'Indløsere', 'Transaktioner og betalinger', 'Kontakt'];
const BOT = { id: '28:dibs-bot', name: 'DIBS Helpdesk' };
const mention = { type: 'mention', mentioned: BOT, text: '<at>DIBS Helpdesk</at>' };

/** A bot behind the two Teams middlewares: records what it read, keeps a counter in conversation state, replies with 4 buttons. */
function harness() {
  const memory: Record<string, string> = {};
  const storage = new MemoryStorage(memory);
  const state = new ConversationState(storage);
  const seen: Partial<Activity>[] = [];
  const logs: string[] = [];
  const adapter = new TestAdapter(async (context: TurnContext) => {
    seen.push({ ...context.activity });
    const turns = state.createProperty<number>('turns');
    await turns.set(context, (await turns.get(context, 0)) + 1);
    await context.sendActivity(MessageFactory.suggestedActions(topics, 'Jeg kan hjælpe med kodeord og login, indløsere, transaktioner og betalinger og kontakt.'));
    await state.saveChanges(context);
  });
  adapter.use(new TeamsMentions(createLogger({ level: 'debug', sink: (line) => logs.push(line) })), new TeamsRendering());
  const send = async (activity: Partial<Activity>): Promise<Partial<Activity>[]> => {
    adapter.activeQueue.splice(0);
    await adapter.receiveActivity({ type: ActivityTypes.Message, recipient: BOT, from: { id: '29:user', name: 'Alex Wilber', aadObjectId: 'aad-user' }, locale: 'da-DK', ...activity });
    return adapter.activeQueue.splice(0);
  };
  const storedKeys = (): string[] => Object.keys(memory).sort();
  return { send, seen, logs, storedKeys };
}

const conversation = (id: string, conversationType: string): ConversationAccount => ({ id, name: '', conversationType, isGroup: conversationType !== 'personal' });
const teams = (conversationType: string, id: string): Partial<Activity> => ({ channelId: 'msteams', conversation: conversation(id, conversationType) });

describe('TeamsRendering: replies fit what Teams shows', () => {
  it('keeps at most 3 suggested actions in a Teams personal chat, and the text still names every topic', async () => {
    const { send } = harness();
    const [reply] = await send({ ...teams('personal', 'personal-1'), text: 'hjælp' });
    expect(reply!.suggestedActions?.actions.map((a) => a.title)).toEqual(topics.slice(0, TEAMS_MAX_SUGGESTED_ACTIONS));
    for (const topic of topics) expect(reply!.text!.toLowerCase()).toContain(topic.toLowerCase());
    expect(reply!.attachments ?? []).toEqual([]);
  });

  it('turns suggested actions into card buttons in group chats and channels (Teams shows no suggested actions there)', async () => {
    const { send, seen } = harness();
    for (const [type, id] of [['groupChat', 'group-1'], ['channel', 'channel-1']] as const) {
      const [reply] = await send({ ...teams(type, id), text: '<at>DIBS Helpdesk</at> hjælp', entities: [mention] });
      expect(reply!.suggestedActions).toBeUndefined();
      expect(reply!.text).toMatch(/kodeord og login/);
      const card = reply!.attachments?.find((a) => a.contentType === CardFactory.contentTypes.adaptiveCard)?.content as AdaptiveCard | undefined;
      expect(adaptiveCardProblems(card)).toEqual([]);
      // All four: a card has room for them; each is a submit button that sends its title.
      expect(card?.actions?.map((b) => [b.type, b.title, b.data])).toEqual(topics.map((t) => ['Action.Submit', t, { suggestion: t }]));
    }
    // A click arrives as a value without text (and without @mention); the bot reads the title as the text.
    seen.length = 0;
    expect(await send({ ...teams('channel', 'channel-1'), value: { suggestion: 'Indløsere' } })).toHaveLength(1);
    expect(seen.map((a) => a.text)).toEqual(['Indløsere']);
  });

  it('turns each line break into a paragraph break (Teams reads the text as Markdown), except in plain text', () => {
    const list: Partial<Activity> = { type: 'message', text: 'Mente du:\n1. Første\n2. Anden\nSvar med nummeret.' };
    adaptForTeams(list, false);
    expect(list.text).toBe('Mente du:\n\n1. Første\n\n2. Anden\n\nSvar med nummeret.');
    const plain: Partial<Activity> = { type: 'message', text: 'a\nb', textFormat: 'plain' };
    adaptForTeams(plain, false);
    expect(plain.text).toBe('a\nb');
  });

  it('changes nothing outside Teams', async () => {
    const { send } = harness();
    const [reply] = await send({ channelId: 'webchat', conversation: conversation('web-1', 'groupChat'), text: 'hjælp', value: { suggestion: 'Kontakt' } });
    expect(reply!.suggestedActions?.actions.map((a) => a.title)).toEqual(topics);
    expect(reply!.attachments ?? []).toEqual([]);
  });
});

describe('TeamsMentions: in group chats and channels the bot answers only when addressed', () => {
  it('ignores a channel or group message that does not @mention the bot: no reply, bot not run, no state written', async () => {
    const { send, seen, storedKeys, logs } = harness();
    expect(await send({ ...teams('channel', 'channel-1'), text: 'hvordan finder jeg mit kunde-id?' })).toEqual([]);
    expect(await send({ ...teams('groupChat', 'group-1'), text: '<at>Megan Bowen</at> kan du se på det?', entities: [{ type: 'mention', mentioned: { id: '29:megan', name: 'Megan Bowen' }, text: '<at>Megan Bowen</at>' }] })).toEqual([]);
    expect(seen).toEqual([]);
    expect(storedKeys()).toEqual([]);
    expect(logs.join('\n')).toContain('not_addressed');
  });

  it('answers an @mention, with the mention stripped and the text trimmed before the bot reads it', async () => {
    const { send, seen, storedKeys } = harness();
    const replies = await send({ ...teams('channel', 'channel-1'), text: '<at>DIBS Helpdesk</at>  hvordan finder jeg mit kunde-id? \n', entities: [mention] });
    expect(replies).toHaveLength(1);
    expect(seen.map((a) => a.text)).toEqual(['hvordan finder jeg mit kunde-id?']);
    await send({ ...teams('groupChat', 'group-1'), text: 'hej <at>DIBS Helpdesk</at>, min konto er låst', entities: [mention] });
    expect(seen[1]!.text).toBe('hej , min konto er låst');
    expect(storedKeys()).toEqual(['msteams/conversations/channel-1/', 'msteams/conversations/group-1/']);
  });

  it('counts a click on the bot’s card (value, no text) as addressed to the bot', async () => {
    const { send, seen } = harness();
    expect(await send({ ...teams('groupChat', 'group-1'), value: { confirm: 'yes' } })).toHaveLength(1);
    expect(seen[0]!.value).toEqual({ confirm: 'yes' });
  });

  it('leaves personal chats and other channels alone', async () => {
    const { send, seen } = harness();
    await send({ ...teams('personal', 'personal-1'), text: 'hej' });
    await send({ channelId: 'webchat', conversation: conversation('web-1', 'groupChat'), text: 'hej' });
    expect(seen.map((a) => a.text)).toEqual(['hej', 'hej']);
  });

  it('lets non-message activities through (installation and member updates)', async () => {
    const { send, seen } = harness();
    await send({ ...teams('channel', 'channel-1'), type: ActivityTypes.ConversationUpdate, membersAdded: [BOT] });
    expect(seen).toHaveLength(1);
  });
});
