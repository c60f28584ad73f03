import { execFile } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ConversationState, MemoryStorage, TestAdapter, TurnContext, type Activity, type Attachment } from 'botbuilder';
import { ClaimsIdentity } from 'botframework-connector';
import { DialogTestClient } from 'botbuilder-testing';
import { AgentDirectory } from '../accounts/agents';
import { agentDeps, createRootDialog, guidedDialogDeps } from '../bot/app';
import { loadConfig } from '../bot/config';
import { AgentGate, agentOfTurn } from '../dialogs/agent/agentAccess';
import { parseAgentCommand } from '../dialogs/agent/agentCommands';
import { FixedClock } from '../lib/clock';
import { silentLogger } from '../lib/logger';
import { openStore } from '../store/openStore';
import type { EmailChangeRequest } from '../store/types';
import { useAccountFixture } from './helpers/accounts';
import { dropDatabase, freshDatabaseUrl } from './helpers/database';
import { pdfBytes } from './helpers/documents';
import { knowledgeDir, realKnowledge } from './helpers/knowledge';
import { buttons, playTranscript } from './helpers/transcript';

const AGENT_ID = '5f0c1d2e-3a4b-4c5d-8e9f-0a1b2c3d4e5f';
const OTHER_AGENT_ID = '0b6e9a51-7c2d-4f3e-9a8b-1c2d3e4f5a6b';
const STRANGER_ID = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';

const fx = useAccountFixture();

interface Who {
  id: string;
  name: string;
  aadObjectId?: string;
}
const agent: Who = { id: '29:agent', name: 'Mette Jensen', aadObjectId: AGENT_ID };
const otherAgent: Who = { id: '29:other', name: 'Lars Holm', aadObjectId: OTHER_AGENT_ID };
const stranger: Who = { id: '29:stranger', name: 'Mette Jensen', aadObjectId: STRANGER_ID };

/**
 * A conversation with the real bot (root dialog, guided and agent dialogs, store, SMTP) on a channel,
 * as one user. `agents: false` builds the bot without any agent features, for comparison.
 */
function chat(from: Who, channelId = 'msteams', options: { agents?: boolean; locale?: string } = {}): DialogTestClient {
  const config = loadConfig({ NODE_ENV: 'test', SMTP_URL: fx.sink.url, KNOWLEDGE_DIR: knowledgeDir, SUPPORT_EMAIL: 'support@dibs.dk' });
  const conversationState = new ConversationState(new MemoryStorage());
  const kb = realKnowledge();
  const deps = { config, logger: silentLogger, kb, store: fx.store, clock: fx.clock };
  const guided = guidedDialogDeps(deps, conversationState);
  const agents = options.agents === false ? undefined : agentDeps(deps, conversationState);
  const root = createRootDialog(kb, conversationState, guided, 10_000, fx.store, undefined, agents);
  const client = new DialogTestClient(channelId, root, undefined, [], conversationState);
  const send = client.sendActivity.bind(client);
  const locale = options.locale ?? 'da-DK';
  client.sendActivity = (activity) => send(typeof activity === 'string' ? { type: 'message', text: activity, locale, from } : { locale, from, ...activity });
  return client;
}

async function addAgent(who: Who): Promise<void> {
  await fx.store.upsertAgent({ aadObjectId: who.aadObjectId!, name: who.name, createdBy: 'operator:test' });
}

async function pendingCase(customerId = '100001', newEmail = 'ny@nordicbikes.dk'): Promise<EmailChangeRequest> {
  return fx.store.createEmailChangeRequest({ customerId, newEmail, documentName: 'faktura.pdf', documentMime: 'application/pdf', document: pdfBytes, documentSha256: 'x'.repeat(64) });
}

function card(reply: Partial<Activity>): { body: unknown[]; actions?: { title: string; data: { command: string } }[] } {
  const attachment = reply.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  if (!attachment) throw new Error(`no Adaptive Card in reply: ${reply.text}`);
  expect((attachment.content as { version: string }).version).toBe('1.5');
  return attachment.content as { body: unknown[]; actions?: { title: string; data: { command: string } }[] };
}

/** Everything a reply shows as text: its text and the text blocks of its Adaptive Cards (Teams shows yes/no and statuses as cards). */
function shown(reply: Partial<Activity>): string {
  const blocks: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      const element = node as { type?: unknown; text?: unknown };
      if (element.type === 'TextBlock' && typeof element.text === 'string') blocks.push(element.text);
      Object.values(node).forEach(walk);
    }
  };
  walk((reply.attachments ?? []).map((a) => a.content as unknown));
  return [reply.text ?? '', ...blocks].join('\n');
}

/** A transcript expectation on what the reply shows, whether as text or on a card. */
function says(pattern: RegExp): (reply: Partial<Activity>) => void {
  return (reply) => expect(shown(reply)).toMatch(pattern);
}

/** The mail's text with quoted-printable soft breaks and escapes undone. */
function bodyOf(raw: string): string {
  const joined = raw.replace(/=\r?\n/g, '');
  return Buffer.from(joined.replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
}

/** The SMTP sink lives for the whole file: only the mails of the running test count. */
let mailMark = 0;
beforeEach(() => {
  mailMark = fx.sink.mails.length;
});
function newMailsTo(address?: string): { to: string[]; raw: string }[] {
  return fx.sink.mails.slice(mailMark).filter((m) => address === undefined || m.to.includes(address));
}

async function actionsOf(customerId: string): Promise<string[]> {
  return (await fx.store.listAuditEvents({ customerId })).map((e) => `${e.actor} ${e.action}:${e.outcome}`);
}

describe('phone agents in Teams (real SQLite, real SMTP)', () => {
  beforeEach(async () => {
    await addAgent(agent);
  });

  it('an agent looks a merchant up and gets a card with masked e-mails, lock state, open cases and the checklist', async () => {
    const request = await pendingCase();
    const callback = await fx.store.createCallbackRequest({ name: 'Ole', phone: '+45 20 30 40 50', customerId: '100001', topic: 'Kan ikke logge ind', language: 'da', channel: 'webchat', conversationId: 'c1' });
    for (const command of ['kunde 100001', 'kunde: 100001', 'merchant 100001', 'customer 100001']) {
      await playTranscript(chat(agent), [
        [command, (r) => {
          expect(r.text).toMatch(/(Kunde|Customer) 100001: Nordic Bikes ApS/);
          const json = JSON.stringify(card(r));
          expect(json).toContain('Nordic Bikes ApS');
          expect(json).toContain('k*****@nordicbikes.dk');
          expect(json).toContain('i*****@nordicbikes.dk');
          expect(json).not.toContain('kontakt@nordicbikes.dk');
          expect(json).not.toContain('ny@nordicbikes.dk');
          expect(json).toMatch(/(Låst til kl\. 11\.20|Locked until 11:20)/);
          expect(json).toContain(request.caseNumber);
          expect(json).toContain(callback.caseNumber);
          expect(json).toMatch(/Kontaktperson og telefonnummer på kontrakten|Contact person and phone number on the contract/);
        }],
      ]);
    }
    const reply = await chat(agent).sendActivity('kunde 100001');
    const facts = (card(reply).body.find((e) => (e as { type: string }).type === 'FactSet') as { facts: { title: string; value: string }[] }).facts;
    expect(facts).toEqual([
      { title: 'Login-e-mail', value: 'k*****@nordicbikes.dk' },
      { title: 'Info-e-mail', value: 'i*****@nordicbikes.dk' },
      { title: 'Konto', value: 'Låst til kl. 11.20 (27. november 2026)' },
      { title: 'Mislykkede loginforsøg', value: '5' },
    ]);
    expect(card(reply).actions?.map((a) => [a.title, a.data.command])).toEqual([
      ['Opkalder bekræftet', 'Opkalder bekræftet 100001'],
      ['Lås konto op', 'Lås konto op 100001'],
      ['Skift login-e-mail', 'Skift login-e-mail 100001'],
      ['Transaktionsstatus', 'Transaktionsstatus 100001'],
    ]);
    expect(await actionsOf('100001')).toContain(`agent:${AGENT_ID} agent.merchant-lookup:success`);
  });

  it('tells an agent (staff) when there is no customer with that ID', async () => {
    await playTranscript(chat(agent), [['kunde 999999', 'Ingen kunde med det ID (999999).']]);
  });

  it('"Opkalder bekræftet" then "Lås konto op" unlocks for the caller without any one-time code, audited with the agent', async () => {
    const client = chat(agent);
    await playTranscript(client, [
      ['kunde 100001', /Kunde 100001: Nordic Bikes ApS/],
      ['Lås konto op', /Opkalderen er ikke bekræftet endnu/],
      ['Opkalder bekræftet', (r) => {
        expect(r.text).toBe('Opkalderen er bekræftet for Nordic Bikes ApS (kunde-id 100001) i 15 minutter. Hvad skal jeg gøre?');
        expect(buttons(r)).toEqual(['Lås konto op', 'Skift login-e-mail', 'Transaktionsstatus']);
      }],
      // Worded for the agent: no "I can unlock it for you" meant for a merchant.
      ['Lås konto op', [says(/^Kundens konto er låst .*automatisk op kl\. 11\.20\. Skal jeg låse den op nu\?$/m)]],
      ['ja', 'Kundens konto er låst op, og de mislykkede loginforsøg er nulstillet. Opkalderen kan logge ind igen nu.'],
    ]);
    expect(await fx.store.findMerchant('100001')).toMatchObject({ lockedUntil: null, failedLoginAttempts: 0 });
    expect(newMailsTo('kontakt@nordicbikes.dk')).toHaveLength(0);
    expect(await actionsOf('100001')).toEqual([
      `agent:${AGENT_ID} agent.merchant-lookup:success`,
      `agent:${AGENT_ID} agent.caller-verified:success`,
      `agent:${AGENT_ID} account.unlock:success`,
    ]);
  });

  it('the card buttons carry the customer ID; a confirmation is for the merchant looked up last', async () => {
    await playTranscript(chat(agent), [
      ['Opkalder bekræftet 100001', /Slå kunden op først/],
      ['kunde 100002', /Hygge Home A\/S/],
      ['Opkalder bekræftet 100001', /Slå kunden op først/],
      ['Opkalder bekræftet 100002', /bekræftet for Hygge Home A\/S/],
      ['Lås konto op 100001', 'Opkalderen er bekræftet for kunde 100002, ikke 100001. Slå kunde 100001 op, og bekræft opkalderen først.'],
      ['Transaktionsstatus 100002', /Hvilket ordre-ID/],
      ['10024', says(/markeret som mistænkelig/)],
      // A new call: looking up another merchant ends the earlier caller's confirmation.
      ['kunde 100003', /Fjord Foto IVS/],
      ['Transaktionsstatus', /Opkalderen er ikke bekræftet endnu/],
    ]);
    expect(await actionsOf('100002')).toContain(`agent:${AGENT_ID} transaction.lookup:success`);
    expect(newMailsTo()).toHaveLength(0);
  });

  it('a new merchant looked up in the middle of a flow ends that flow and its caller: nothing is done on the old merchant', async () => {
    await playTranscript(chat(agent), [
      ['kunde 100003', /Fjord Foto IVS/],
      ['Opkalder bekræftet', /bekræftet for Fjord Foto IVS/],
      ['Transaktionsstatus', /Hvilket ordre-ID/],
      // The next caller: the lookup is not read as an order ID for the previous one.
      ['kunde 100002', /Hygge Home A\/S/],
      ['Transaktionsstatus', /Opkalderen er ikke bekræftet endnu/],
    ]);
    const transactionLookups = (await fx.store.listAuditEvents({})).filter((e) => e.action === 'transaction.lookup');
    expect(transactionLookups).toEqual([]);
  });

  it('a lookup of an unknown ID also starts a new call: the earlier caller is no longer confirmed', async () => {
    await playTranscript(chat(agent), [
      ['kunde 100001', /Nordic Bikes ApS/],
      ['Opkalder bekræftet', /Opkalderen er bekræftet/],
      ['kunde 999999', 'Ingen kunde med det ID (999999).'],
      ['Lås konto op', /Opkalderen er ikke bekræftet endnu/],
    ]);
    expect(await fx.store.findMerchant('100001')).toMatchObject({ failedLoginAttempts: 5 });
  });

  it('runs the login e-mail change for a caller and addresses the agent', async () => {
    const upload = { type: 'message', attachments: [{ name: 'faktura.pdf', contentType: 'application/pdf', contentUrl: `data:application/pdf;base64,${pdfBytes.toString('base64')}` }] };
    await playTranscript(chat(agent, 'msteams', { locale: 'en-US' }), [
      ['customer 100001', /Customer 100001: Nordic Bikes ApS/],
      ['Caller verified', /The caller is verified for Nordic Bikes ApS/],
      ['Change login e-mail', "The customer's current login e-mail is k*****@nordicbikes.dk. Which e-mail address should the customer's login be tied to from now on?"],
      ['ny@nordicbikes.dk', says(/Shall the login e-mail be changed to ny@nordicbikes\.dk\?/)],
      ['yes', /attach a document/],
      [upload, /^The case number is EC-\d{8}-[A-Z0-9]{6} and it awaits approval/],
    ]);
    const [request] = await fx.store.listEmailChangeRequests({ customerId: '100001' });
    expect(request).toMatchObject({ status: 'pending', newEmail: 'ny@nordicbikes.dk' });
    expect(bodyOf(newMailsTo('support@dibs.dk').at(-1)!.raw)).toContain('identitet bekræftet af en supportmedarbejder i telefonen');
    expect(await actionsOf('100001')).toContain(`agent:${AGENT_ID} email-change.requested:success`);
  });

  it('an agent lists pending changes, sees the document and approves: the login e-mail changes and both addresses are told', async () => {
    const request = await pendingCase();
    const client = chat(agent);
    await playTranscript(client, [
      ['afventende', (r) => {
        expect(r.text).toBe('Afventende ændringer af login-e-mail (1):');
        const json = JSON.stringify(card(r));
        expect(json).toContain(`${request.caseNumber} – Nordic Bikes ApS (kunde-id 100001)`);
        expect(json).toContain('n*****@nordicbikes.dk');
        expect(json).not.toContain('ny@nordicbikes.dk');
        expect(json).toContain(`"command":"godkend ${request.caseNumber}"`);
        expect(json).toContain(`"command":"afvis ${request.caseNumber}"`);
      }],
      [`dokument ${request.caseNumber}`, (r) => {
        expect(r.text).toBe(`Dokumentet til sag ${request.caseNumber}: faktura.pdf`);
        const [document] = r.attachments as Attachment[];
        expect(document).toEqual({ name: 'faktura.pdf', contentType: 'application/pdf', contentUrl: `data:application/pdf;base64,${pdfBytes.toString('base64')}` });
      }],
      [`godkend ${request.caseNumber}`, `Sag ${request.caseNumber} er godkendt. Login-e-mailen for Nordic Bikes ApS er nu n*****@nordicbikes.dk. Kunden har fået besked på både den gamle og den nye adresse.`],
      [`godkend ${request.caseNumber}`, new RegExp(`^Sag ${request.caseNumber} er allerede godkendt af Mette Jensen den 27\\. november 2026 kl\\. 11\\.00\\. Intet er ændret\\.$`)],
      ['godkendelser', 'Der er ingen afventende ændringer af login-e-mail.'],
    ]);
    expect((await fx.store.findMerchant('100001'))?.loginEmail).toBe('ny@nordicbikes.dk');
    expect(await fx.store.findEmailChangeRequest(request.caseNumber)).toMatchObject({ status: 'approved', decidedBy: `agent:${AGENT_ID}` });
    for (const address of ['kontakt@nordicbikes.dk', 'ny@nordicbikes.dk']) {
      const [mail, ...more] = newMailsTo(address);
      expect(more).toHaveLength(0);
      expect(bodyOf(mail!.raw)).toContain(`er ændret fra k*****@nordicbikes.dk til n*****@nordicbikes.dk (sag ${request.caseNumber})`);
      expect(bodyOf(mail!.raw)).toContain('has been changed from k*****@nordicbikes.dk to n*****@nordicbikes.dk');
      // The login e-mail is where the password reset link goes; the username (by default the customer ID) does not change.
      expect(bodyOf(mail!.raw)).toContain('Dit brugernavn og dit password er uændret. Link til nulstilling af password sendes fremover til den nye adresse.');
      expect(bodyOf(mail!.raw)).toContain('Your username and password are unchanged. Password reset links are now sent to the new address.');
    }
    expect(await actionsOf('100001')).toEqual([
      `agent:${AGENT_ID} email-change.document-view:success`,
      `agent:${AGENT_ID} email-change.approve:success`,
      `agent:${AGENT_ID} email-change.approve:denied`,
    ]);
  });

  it('a rejection needs a reason, which is mailed to the merchant; the address stays', async () => {
    const request = await pendingCase();
    await playTranscript(chat(agent), [
      [`afvis ${request.caseNumber}`, `Hvorfor afvises sag ${request.caseNumber}? Begrundelsen sendes til kunden på mail.`],
      ['', /^Skriv en begrundelse på mindst 3 tegn .*\nHvorfor afvises sag/],
      ['  ', /^Skriv en begrundelse/],
      ['Fakturaen viser et andet firma end kontoen', `Sag ${request.caseNumber} er afvist. Nordic Bikes ApS har fået begrundelsen på sin nuværende login-e-mail; adressen er uændret.`],
      [`afvis ${request.caseNumber}`, /er allerede afvist af Mette Jensen/],
    ]);
    expect((await fx.store.findMerchant('100001'))?.loginEmail).toBe('kontakt@nordicbikes.dk');
    expect(await fx.store.findEmailChangeRequest(request.caseNumber)).toMatchObject({ status: 'rejected', decisionReason: 'Fakturaen viser et andet firma end kontoen' });
    const [mail, ...more] = newMailsTo('kontakt@nordicbikes.dk');
    expect(more).toHaveLength(0);
    expect(bodyOf(mail!.raw)).toContain('Begrundelse: Fakturaen viser et andet firma end kontoen');
    expect(newMailsTo('ny@nordicbikes.dk')).toHaveLength(0);
    expect(await actionsOf('100001')).toEqual([`agent:${AGENT_ID} email-change.reject:success`]);
  });

  it('"annuller" while asked for a reason leaves the case pending', async () => {
    const request = await pendingCase();
    await playTranscript(chat(agent), [
      [`afvis ${request.caseNumber}`, /Hvorfor afvises/],
      ['annuller', /OK, jeg stopper her\. Intet er ændret/],
    ]);
    expect((await fx.store.findEmailChangeRequest(request.caseNumber))?.status).toBe('pending');
  });

  it('a case another agent decided meanwhile is reported, not decided twice', async () => {
    await addAgent(otherAgent);
    const request = await pendingCase();
    const mine = chat(agent);
    await playTranscript(mine, [[`afvis ${request.caseNumber}`, /Hvorfor afvises/]]);
    await playTranscript(chat(otherAgent, 'msteams', { locale: 'en-US' }), [[`approve ${request.caseNumber}`, new RegExp(`^Case ${request.caseNumber} is approved`)]]);
    await playTranscript(mine, [['Dokumentet er utydeligt', new RegExp(`^Sag ${request.caseNumber} er allerede godkendt af Lars Holm .*Intet er ændret\\.$`)]]);
    expect(await fx.store.findEmailChangeRequest(request.caseNumber)).toMatchObject({ status: 'approved', decidedBy: `agent:${OTHER_AGENT_ID}`, decisionReason: null });
    expect((await fx.store.findMerchant('100001'))?.loginEmail).toBe('ny@nordicbikes.dk');
  });

  it('FAQ answers show agents the short form to read aloud; merchants do not get it', async () => {
    // (After the answer comes the "did this help?" question, in whatever form; only the first two replies matter here.)
    const staff = chat(agent);
    expect((await staff.sendActivity('hvad skal mit password indeholde')).text).toMatch(/^Dit password skal indeholde:\n- 8 tegn/);
    expect(staff.getNextReply()?.text).toBe('🔊 Kort svar: Dit password skal have 8 tegn med mindst ét stort bogstav, ét lille bogstav og ét tal. Det må ikke indeholde æ, ø, å eller andre specialtegn.');
    const merchant = chat(stranger);
    expect((await merchant.sendActivity('hvad skal mit password indeholde')).text).toMatch(/^Dit password skal indeholde:\n- 8 tegn/);
    for (let r = merchant.getNextReply(); r; r = merchant.getNextReply()) expect(shown(r)).not.toMatch(/🔊|Kort svar/);
  });

  it('removing an agent takes effect within a minute, also for a caller confirmed earlier', async () => {
    const client = chat(agent);
    await playTranscript(client, [
      ['kunde 100001', /Nordic Bikes ApS/],
      ['Opkalder bekræftet', /Opkalderen er bekræftet/],
    ]);
    await fx.store.removeAgent(AGENT_ID);
    fx.clock.advance(60_000);
    const reply = await client.sendActivity('kunde 100001');
    expect(reply.attachments ?? []).toHaveLength(0);
    expect(reply.text).not.toMatch(/Nordic Bikes/);
    while (client.getNextReply()) { /* the rest of the merchant flow's reply */ }
    // The confirmation in this conversation no longer skips the code: the merchant flow sends one.
    await playTranscript(client, [['min konto er låst, kunde-id 100001', [/30 minutter/, /låse kontoen op/, /Hvis kunde-ID'et er registreret hos os/]]]);
    expect(newMailsTo('kontakt@nordicbikes.dk')).toHaveLength(1);
  });

  it('an agent removed in the middle of a flow for a caller cannot finish it', async () => {
    const client = chat(agent);
    await playTranscript(client, [
      ['kunde 100001', /Nordic Bikes ApS/],
      ['Opkalder bekræftet', /Opkalderen er bekræftet/],
      ['Lås konto op', says(/Skal jeg låse den op nu\?$/m)],
    ]);
    await fx.store.removeAgent(AGENT_ID);
    fx.clock.advance(60_000);
    await playTranscript(client, [['ja', 'Du har ikke længere adgang til supportfunktionerne, så jeg stopper her. Intet er ændret.']]);
    expect(await fx.store.findMerchant('100001')).toMatchObject({ failedLoginAttempts: 5 });
    expect(await actionsOf('100001')).not.toContainEqual(expect.stringMatching(/account\.unlock/));
  });
});

describe('an agent removed while a flow they started through the FAQ waits', () => {
  beforeEach(async () => {
    await addAgent(agent);
  });

  it('cannot finish it: the flow stops and nothing changes', async () => {
    const client = chat(agent);
    await playTranscript(client, [
      ['kunde 100001', /Nordic Bikes ApS/],
      ['Opkalder bekræftet', /Opkalderen er bekræftet/],
    ]);
    // The merchants' own unlock flow, started by the FAQ answer: the agent's confirmation replaces the code.
    const shownAll = async (text: string): Promise<string> => {
      const all = [shown(await client.sendActivity(text))];
      for (let r = client.getNextReply(); r; r = client.getNextReply()) all.push(shown(r));
      return all.join('\n');
    };
    const mailsBefore = fx.sink.mails.length;
    const afterQuestion = await shownAll('min konto er låst');
    const prompt = /Skal jeg låse den op nu\?/.test(afterQuestion) ? afterQuestion : await shownAll('100001');
    expect(prompt).toMatch(/Skal jeg låse den op nu\?/);
    // No one-time code was mailed: the agent's confirmation stood in for it.
    expect(fx.sink.mails).toHaveLength(mailsBefore);
    await fx.store.removeAgent(AGENT_ID);
    fx.clock.advance(60_000);
    await playTranscript(client, [['ja', 'Du har ikke længere adgang til supportfunktionerne, så jeg stopper her. Intet er ændret.']]);
    expect(await fx.store.findMerchant('100001')).toMatchObject({ failedLoginAttempts: 5 });
    expect(await actionsOf('100001')).not.toContainEqual(expect.stringMatching(/account\.unlock/));
  });
});

describe('nobody else gets agent powers', () => {
  beforeEach(async () => {
    await addAgent(agent);
  });

  /** What a reply shows: text, buttons and cards (not ids or timestamps). */
  const visible = (r: Partial<Activity> | undefined): unknown => r && { text: r.text, attachments: r.attachments, suggestedActions: r.suggestedActions?.actions };

  async function replies(client: DialogTestClient, text: string): Promise<unknown[]> {
    const all = [visible(await client.sendActivity(text))];
    for (let r = client.getNextReply(); r; r = client.getNextReply()) all.push(visible(r));
    return all;
  }

  const impostors: [string, Who, string][] = [
    ['an unknown Entra object id in Teams', stranger, 'msteams'],
    ["the agent's object id on Web Chat", agent, 'webchat'],
    ["the agent's object id on the emulator", agent, 'emulator'],
    ['a Teams user without an object id', { id: AGENT_ID, name: 'Mette Jensen' }, 'msteams'],
  ];

  it.each(impostors)('%s gets exactly the merchant flow: no card, no customer data, no "exists"', async (_label, who, channelId) => {
    const request = await pendingCase();
    const commands = [
      'kunde 100001',
      'kunde 999999',
      'customer 100001',
      'afventende',
      'pending requests',
      `godkend ${request.caseNumber}`,
      `dokument ${request.caseNumber}`,
      `afvis ${request.caseNumber}`,
      'Opkalder bekræftet 100001',
      'Lås konto op 100001',
      `Mette Jensen ${AGENT_ID}: kunde 100001`,
    ];
    for (const command of commands) {
      // A yes/no card carries a random id for its question (so an old card cannot answer a newer question).
      const withoutNonces = (list: unknown): unknown => JSON.parse(JSON.stringify(list).replace(/"question":"[^"]*"/g, '"question":"…"'));
      const got = await replies(chat(who, channelId), command);
      const plainBot = await replies(chat(who, channelId, { agents: false }), command);
      expect(withoutNonces(got)).toEqual(withoutNonces(plainBot));
      const json = JSON.stringify(got);
      for (const secret of ['Nordic Bikes', 'nordicbikes', 'Ingen kunde', 'No customer', 'Kontaktperson', request.caseNumber.slice(3), 'application/vnd.microsoft.card.adaptive']) {
        expect(json).not.toContain(secret);
      }
    }
    // The same words for a known and an unknown ID.
    expect(await replies(chat(who, channelId), 'kunde 100001')).toEqual(await replies(chat(who, channelId), 'kunde 999999'));
    expect(await fx.store.findEmailChangeRequest(request.caseNumber)).toMatchObject({ status: 'pending' });
    expect(await fx.store.findMerchant('100001')).toMatchObject({ loginEmail: 'kontakt@nordicbikes.dk', failedLoginAttempts: 5 });
    expect((await fx.store.listAuditEvents({})).filter((e) => e.actor.startsWith('agent:') || e.action.startsWith('agent.') || e.action.startsWith('email-change.'))).toEqual([]);
  });
});

describe('AgentGate: who counts as an agent', () => {
  const agentRow = { aadObjectId: AGENT_ID, name: 'Mette Jensen', createdBy: 'operator:test', createdAt: new Date() };
  const directory = new AgentDirectory({ findAgent: async (id) => (id === AGENT_ID ? agentRow : undefined) }, new FixedClock(new Date()));

  async function agentFor(activity: Partial<Activity>, options: ConstructorParameters<typeof AgentGate>[1], identity?: ClaimsIdentity): Promise<string | undefined> {
    const adapter = new TestAdapter();
    const context = new TurnContext(adapter, { type: 'message', text: 'kunde 100001', channelId: 'msteams', conversation: { id: 'c1', isGroup: false, conversationType: 'personal', name: '' }, from: { id: '29:x', name: 'x', aadObjectId: AGENT_ID }, ...activity } as Activity);
    if (identity) context.turnState.set(adapter.BotIdentityKey, identity);
    await new AgentGate(directory, options).resolve(context);
    return agentOfTurn(context)?.aadObjectId;
  }

  const appId = '11111111-2222-4333-8444-555555555555';
  const token = (aud: string): ClaimsIdentity => new ClaimsIdentity([{ type: 'aud', value: aud }, { type: 'iss', value: 'https://api.botframework.com' }], true);

  it('with Bot Framework auth, needs a token for this bot', async () => {
    expect(await agentFor({}, { appId }, token(appId))).toBe(AGENT_ID);
    expect(await agentFor({}, { appId })).toBeUndefined();
    expect(await agentFor({}, { appId }, new ClaimsIdentity([], 'anonymous'))).toBeUndefined();
    expect(await agentFor({}, { appId }, token('99999999-2222-4333-8444-555555555555'))).toBeUndefined();
  });

  it('with a tenant configured, needs a Teams activity from that tenant', async () => {
    const tenantId = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
    expect(await agentFor({ channelData: { tenant: { id: tenantId } } }, { appId, tenantId }, token(appId))).toBe(AGENT_ID);
    expect(await agentFor({ channelData: { tenant: { id: 'ffffffff-bbbb-4ccc-8ddd-eeeeeeeeeeee' } } }, { appId, tenantId }, token(appId))).toBeUndefined();
    expect(await agentFor({}, { appId, tenantId }, token(appId))).toBeUndefined();
  });

  it('only on the msteams channel, only with the listed object id', async () => {
    expect(await agentFor({ channelId: 'webchat' }, {})).toBeUndefined();
    expect(await agentFor({ from: { id: AGENT_ID, name: 'x' } }, {})).toBeUndefined();
    expect(await agentFor({ from: { id: '29:x', name: 'x', aadObjectId: STRANGER_ID } }, {})).toBeUndefined();
    expect(await agentFor({ from: { id: '29:x', name: 'x', aadObjectId: AGENT_ID.toUpperCase() } }, {})).toBe(AGENT_ID);
  });

  it('only in a personal chat or the agents\' own channel: never in another group chat or channel', async () => {
    const agentsChannel = '19:agents-desk@thread.tacv2';
    const group = { id: '19:meeting-chat@thread.v2', isGroup: true, conversationType: 'groupChat', name: '' };
    const inChannel = (id: string) => ({ conversation: { id: `${id};messageid=1700000000000`, isGroup: true, conversationType: 'channel', name: '' }, channelData: { channel: { id } } });
    expect(await agentFor({ conversation: group }, {})).toBeUndefined();
    expect(await agentFor({ conversation: group }, { agentsChannelId: agentsChannel })).toBeUndefined();
    expect(await agentFor(inChannel('19:general@thread.tacv2'), { agentsChannelId: agentsChannel })).toBeUndefined();
    expect(await agentFor(inChannel(agentsChannel), {})).toBeUndefined();
    expect(await agentFor(inChannel(agentsChannel), { agentsChannelId: agentsChannel })).toBe(AGENT_ID);
    expect(await agentFor({}, { agentsChannelId: agentsChannel })).toBe(AGENT_ID);
  });

  it('recognises the commands, also with a Teams @mention, and nothing in between', () => {
    expect(parseAgentCommand('<at>DIBS Helpdesk</at> kunde 100001')).toEqual({ kind: 'lookup', customerId: '100001', language: 'da' });
    expect(parseAgentCommand('kunde-id: 100001')).toMatchObject({ kind: 'lookup', customerId: '100001' });
    expect(parseAgentCommand('Caller verified 100001')).toEqual({ kind: 'caller-verified', customerId: '100001', language: 'en' });
    expect(parseAgentCommand('afvis ec-20261127-abcdef')).toEqual({ kind: 'reject', caseNumber: 'EC-20261127-ABCDEF', language: 'da' });
    expect(parseAgentCommand('min konto er låst, kunde-id 100001')).toBeUndefined();
    expect(parseAgentCommand('hvem er kunde 100001 egentlig')).toBeUndefined();
  });
});

describe('npm run agents (subprocess)', () => {
  const root = path.resolve(__dirname, '..');
  const run = promisify(execFile);
  let url = '';
  beforeEach(() => {
    url = freshDatabaseUrl('agents-cli');
  });
  afterEach(async () => {
    await dropDatabase(url);
  });

  async function agents(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    try {
      const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'agents.ts'), ...args], {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_URL: url },
      });
      return { code: 0, stdout, stderr };
    } catch (error: unknown) {
      const e = error as { code?: number; stdout?: string; stderr?: string };
      return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
    }
  }

  it('adds, lists and removes an agent, audited as the operator', async () => {
    const added = await agents('add', AGENT_ID.toUpperCase(), 'Mette Jensen');
    expect(added).toMatchObject({ code: 0, stdout: `Added agent ${AGENT_ID} ("Mette Jensen").\n` });
    const listed = await agents('list');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`^${AGENT_ID}  Mette Jensen  \\(added .* by operator:${os.userInfo().username}\\)\\n$`));
    expect(await agents('remove', AGENT_ID)).toMatchObject({ code: 0, stdout: expect.stringContaining(`Removed agent ${AGENT_ID}`) });
    expect(await agents('list')).toMatchObject({ code: 0, stdout: 'No agents.\n' });
    expect(await agents('remove', AGENT_ID)).toMatchObject({ code: 1, stderr: `There is no agent ${AGENT_ID}.\n` });
    const store = await openStore(url);
    try {
      const events = (await store.listAuditEvents({})).map((e) => `${e.actor} ${e.action}:${e.outcome} ${e.channel} ${e.detail}`);
      const actor = `operator:${os.userInfo().username}`;
      expect(events).toEqual([`${actor} agent.add:success cli agent ${AGENT_ID}`, `${actor} agent.remove:success cli agent ${AGENT_ID}`, `${actor} agent.remove:not-found cli agent ${AGENT_ID}`]);
    } finally {
      await store.close();
    }
  }, 90_000);

  it('refuses a malformed object id or missing arguments with a clear message and exit code 1', async () => {
    const bad = await agents('add', 'not-a-guid', 'Mette Jensen');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/aadObjectId: must be a Microsoft Entra object id, a GUID/);
    expect(bad.stderr).toMatch(/usage:/);
    expect(await agents('add', AGENT_ID)).toMatchObject({ code: 1, stderr: expect.stringContaining('"add" needs <aadObjectId> <name>') });
    expect(await agents('promote', AGENT_ID)).toMatchObject({ code: 1, stderr: expect.stringContaining('unknown command "promote"') });
  }, 60_000);
});
