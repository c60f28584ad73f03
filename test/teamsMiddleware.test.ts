import { ActionTypes, ActivityTypes, CardFactory, ConversationState, MemoryStorage, MessageFactory, TestAdapter, type Activity, type ConversationAccount, type TurnContext } from 'botbuilder';
import { TeamsMentions } from '../bot/teamsMentions';
import { adaptForTeams, TeamsRendering, teamsMarkdown } from '../bot/teamsRendering';
import { adaptiveCardAttachment, choicesOf, feedbackCard, type AdaptiveCard } from '../dialogs/shared/cards';
import { createLogger } from '../lib/logger';
import { adaptiveCardProblems } from './helpers/adaptiveCards';

const topics = ['Kodeord og login', 'Indløsere', 'Transaktioner og betalinger', 'Kontakt'];
const BOT = { id: '28:dibs-bot', name: 'DIBS Helpdesk' };
const mention = { type: 'mention', mentioned: BOT, text: '<at>DIBS Helpdesk</at>' };

type Reply = (context: TurnContext) => Promise<void>;
/** The bot's usual reply here: a text with 4 choices. */
const topicsReply: Reply = async (context) => {
  await context.sendActivity(MessageFactory.suggestedActions(topics, 'Jeg kan hjælpe med kodeord og login, indløsere, transaktioner og betalinger og kontakt.'));
};

/** A bot behind the two Teams middlewares: records what it read, keeps a counter in conversation state, replies with `reply`. */
function harness(reply: Reply = topicsReply) {
  const memory: Record<string, string> = {};
  const storage = new MemoryStorage(memory);
  const state = new ConversationState(storage);
  const seen: Partial<Activity>[] = [];
  const logs: string[] = [];
  const adapter = new TestAdapter(async (context: TurnContext) => {
    seen.push({ ...context.activity });
    const turns = state.createProperty<number>('turns');
    await turns.set(context, (await turns.get(context, 0)) + 1);
    await reply(context);
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
const teamsTypes = [['personal', 'personal-1'], ['groupChat', 'group-1'], ['channel', 'channel-1']] as const;
const addressed = (type: string, text: string): Partial<Activity> => (type === 'personal' ? { text } : { text: `<at>DIBS Helpdesk</at> ${text}`, entities: [mention] });

function cardsOf(reply: Partial<Activity>): AdaptiveCard[] {
  return (reply.attachments ?? []).filter((a) => a.contentType === CardFactory.contentTypes.adaptiveCard).map((a) => a.content as AdaptiveCard);
}

const followUps = ['Hvordan ændrer jeg mit password?', 'Hvorfor er min konto låst, og hvad gør jeg, når den er låst?'];
/** An FAQ answer as the root dialog sends it in Teams: the answer with its follow-ups, then "did this help?" on a card (with the follow-ups again). */
async function sendAnswer(context: TurnContext, between: string[] = []): Promise<void> {
  await context.sendActivity(MessageFactory.suggestedActions(followUps, 'Dit password skal indeholde:\n- 8 tegn\n- minimum ét tal (0-9)\n\nDit password må ikke indeholde æ, ø eller å.'));
  for (const text of between) await context.sendActivity(text);
  const feedback = MessageFactory.attachment(adaptiveCardAttachment(feedbackCard('Hjalp det?', { up: '👍 Ja', down: '👎 Nej' }, 'password-requirements')));
  feedback.suggestedActions = { to: [], actions: followUps.map((title) => ({ type: ActionTypes.ImBack, title, value: title })) };
  await context.sendActivity(feedback);
}

describe('TeamsRendering: replies fit what Teams shows', () => {
  it('puts the choices on a card in a personal chat, a group chat and a channel (all 4; the text still names every one)', async () => {
    const { send } = harness();
    for (const [type, id] of teamsTypes) {
      const [reply, ...rest] = await send({ ...teams(type, id), ...addressed(type, 'hjælp') });
      expect(rest).toEqual([]);
      expect(reply!.suggestedActions).toBeUndefined();
      for (const topic of topics) expect(reply!.text!.toLowerCase()).toContain(topic.toLowerCase());
      const [card, ...others] = cardsOf(reply!);
      expect(others).toEqual([]);
      expect(adaptiveCardProblems(card)).toEqual([]);
      // Each choice is a box with its whole title, wrapped, that sends the title when clicked.
      expect(choicesOf(card)).toEqual(topics);
      for (const box of card!.body) expect(box).toMatchObject({ type: 'Container', items: [{ type: 'TextBlock', wrap: true }], selectAction: { type: 'Action.Submit' } });
    }
  });

  it('reads a click on a choice box (a value, no text, no @mention) as the title typed, in every conversation type', async () => {
    const { send, seen } = harness();
    for (const [type, id] of teamsTypes) expect(await send({ ...teams(type, id), value: { suggestion: 'Indløsere' } })).toHaveLength(1);
    expect(seen.map((a) => a.text)).toEqual(['Indløsere', 'Indløsere', 'Indløsere']);
  });

  it('one card per answer: the follow-ups are boxes on the "did this help?" card, in every conversation type', async () => {
    const { send } = harness((context) => sendAnswer(context));
    for (const [type, id] of teamsTypes) {
      const replies = await send({ ...teams(type, id), ...addressed(type, 'hvad skal mit password indeholde') });
      expect(replies).toHaveLength(2);
      const [answer, feedback] = replies;
      // The answer is text only (no suggested actions, so also the Agents Playground shows its Markdown), its list a list.
      expect(answer).not.toHaveProperty('suggestedActions');
      expect(answer!.attachments ?? []).toEqual([]);
      expect(answer!.text).toBe('Dit password skal indeholde:\n\n- 8 tegn\n- minimum ét tal (0-9)\n\nDit password må ikke indeholde æ, ø eller å.');
      expect(feedback!.suggestedActions).toBeUndefined();
      const [card, ...others] = cardsOf(feedback!);
      expect(others).toEqual([]);
      expect(adaptiveCardProblems(card)).toEqual([]);
      expect(choicesOf(card)).toEqual(followUps);
      // The question comes last, just above its thumbs.
      expect(card!.body.at(-1)).toMatchObject({ type: 'TextBlock', text: 'Hjalp det?' });
      expect(card!.actions?.map((a) => [a.title, a.data])).toEqual([
        ['👍 Ja', { feedback: 'up', entry: 'password-requirements' }],
        ['👎 Nej', { feedback: 'down', entry: 'password-requirements' }],
      ]);
    }
  });

  it('keeps the order when a message comes between the answer and its feedback card (the agents\' short answer)', async () => {
    const { send } = harness((context) => sendAnswer(context, ['🔊 Kort svar: 8 tegn.']));
    const replies = await send({ ...teams('personal', 'personal-1'), text: 'hvad skal mit password indeholde' });
    expect(replies.map((r) => r.text)).toEqual([expect.stringMatching(/^Dit password/), '🔊 Kort svar: 8 tegn.', undefined]);
    expect(replies.map((r) => cardsOf(r).length)).toEqual([0, 0, 1]);
    expect(choicesOf(cardsOf(replies[2]!)[0])).toEqual(followUps);
  });

  it('a message with choices and no feedback card after it gets its own card, in order, by the end of the turn', async () => {
    const { send } = harness(async (context) => {
      await context.sendActivity(MessageFactory.suggestedActions(followUps, 'Et svar.'));
      await context.sendActivity('Hvad er dit kunde-ID?');
      await context.sendActivity(MessageFactory.suggestedActions(['Ja', 'Nej'], 'Skal jeg?'));
    });
    const replies = await send({ ...teams('groupChat', 'group-1'), ...addressed('groupChat', 'hej') });
    expect(replies.map((r) => [r.text, cardsOf(r).map(choicesOf)])).toEqual([
      ['Et svar.', [followUps]],
      ['Hvad er dit kunde-ID?', []],
      ['Skal jeg?', [['Ja', 'Nej']]],
    ]);
  });

  it('a held message counts as sent (a prompt does not ask again)', async () => {
    let responded: boolean[] = [];
    const { send } = harness(async (context) => {
      await context.sendActivity(MessageFactory.suggestedActions(['Ja', 'Nej'], 'Skal jeg?'));
      responded = [context.responded];
    });
    expect(await send({ ...teams('personal', 'personal-1'), text: 'hej' })).toHaveLength(1);
    expect(responded).toEqual([true]);
  });

  it('keeps lists as lists and every other line on its own line (Teams reads text as Markdown), except in plain text', () => {
    expect(teamsMarkdown('Mente du:\n1. Første\n2. Anden\nSvar med nummeret.')).toBe('Mente du:\n\n1. Første\n2. Anden\n\nSvar med nummeret.');
    expect(teamsMarkdown('Dit password skal indeholde:\n- 8 tegn \n- minimum ét tal\n\n\nIkke æ, ø, å.\nRing til os.')).toBe('Dit password skal indeholde:\n\n- 8 tegn\n- minimum ét tal\n\nIkke æ, ø, å.\n\nRing til os.');
    const list: Partial<Activity> = { type: 'message', text: 'Mente du:\n1. Første\n2. Anden' };
    adaptForTeams(list);
    expect(list.text).toBe('Mente du:\n\n1. Første\n2. Anden');
    const plain: Partial<Activity> = { type: 'message', text: 'a\nb', textFormat: 'plain' };
    adaptForTeams(plain);
    expect(plain.text).toBe('a\nb');
  });

  it('changes nothing outside Teams', async () => {
    const { send } = harness();
    const [reply] = await send({ channelId: 'webchat', conversation: conversation('web-1', 'groupChat'), text: 'hjælp', value: { suggestion: 'Kontakt' } });
    expect(reply!.suggestedActions?.actions.map((a) => a.title)).toEqual(topics);
    expect(reply!.attachments ?? []).toEqual([]);
    const answer = harness((context) => sendAnswer(context));
    const replies = await answer.send({ channelId: 'webchat', conversation: conversation('web-2', 'personal'), text: 'hvad skal mit password indeholde' });
    expect(replies.map((r) => r.suggestedActions?.actions.length)).toEqual([2, 2]);
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
