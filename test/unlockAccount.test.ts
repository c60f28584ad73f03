import { useAccountFixture } from './helpers/accounts';
import { buttons, playTranscript } from './helpers/transcript';

const fx = useAccountFixture();

describe('UnlockAccountDialog (real SQLite, real SMTP)', () => {
  it('unlocks a locked account after verification, resets the failed attempts and audits it', async () => {
    const client = fx.client();
    await playTranscript(client, [
      ['min konto er låst', [/automatisk låst op efter 30 minutter/, /låse kontoen op for dig/, /Hvad er dit kunde-ID\?/]],
      ['100001', /Hvis kunde-ID'et er registreret hos os, har jeg nu sendt en 6-cifret engangskode/],
      [() => fx.sink.lastCodeFor('kontakt@nordicbikes.dk'), ['Tak, det er bekræftet.', (r) => {
        expect(r.text).toMatch(/Din konto er låst.*automatisk op kl\. 11\.20.*Skal jeg låse den op nu\?/s);
        expect(buttons(r)).toEqual(['Ja', 'Nej']);
      }]],
      ['ja', /Din konto er låst op, og de mislykkede loginforsøg er nulstillet/],
    ]);
    const merchant = await fx.store.findMerchant('100001');
    expect(merchant).toMatchObject({ lockedUntil: null, failedLoginAttempts: 0 });
    const actions = (await fx.store.listAuditEvents({ customerId: '100001' })).map((e) => `${e.action}:${e.outcome}`);
    expect(actions).toEqual(['verification.code-request:success', 'verification.code-requested:success', 'verification.attempt:success', 'account.unlock:success']);
  });

  it('works in English, and picks up the customer ID from the first message', async () => {
    const client = fx.client('en-US');
    await playTranscript(client, [
      ['my account is locked, customer id 100001', [/unlocked automatically after 30 minutes/, /unlock the account for you/, /If the customer ID is registered with us/]],
      [() => fx.sink.lastCodeFor('kontakt@nordicbikes.dk'), ['Thank you, that is confirmed.', /unlocks automatically at 11:20.*Shall I unlock it now\?/s]],
      ['no', /I'll leave it\. The account unlocks automatically at 11:20/],
    ]);
    expect((await fx.store.findMerchant('100001'))?.failedLoginAttempts).toBe(5);
  });

  it('tells a merchant whose account is not locked, and points to the password help', async () => {
    const client = fx.client();
    await playTranscript(client, [
      ['min konto er spærret', [/30 minutter/, /låse kontoen op/, /kunde-ID/]],
      ['100003', /engangskode/],
      [() => fx.sink.lastCodeFor('foto@fjordfoto.dk'), ['Tak, det er bekræftet.', /ikke låst.*'glemt password'/s]],
    ]);
  });

  it('gives an unknown customer ID the same neutral wording and never mails anyone', async () => {
    const client = fx.client();
    const before = fx.sink.mails.length;
    const neutral = /Hvis kunde-ID'et er registreret hos os, har jeg nu sendt en 6-cifret engangskode/;
    await playTranscript(client, [
      ['min konto er låst', [/30 minutter/, /låse kontoen op/, /kunde-ID/]],
      ['999999', neutral],
      ['123456', /Koden passer ikke, eller den er udløbet\. Prøv igen \(4 forsøg tilbage\)/],
    ]);
    expect(fx.sink.mails.length).toBe(before);
    expect((await fx.store.listAuditEvents({ customerId: '999999' })).map((e) => `${e.action}:${e.outcome}`)).toEqual(['verification.code-request:success', 'verification.code-requested:not-found', 'verification.attempt:failure']);
  });

  it('stops after 5 wrong codes, and that code no longer works afterwards', async () => {
    const client = fx.client();
    await playTranscript(client, [
      ['min konto er låst', [/30 minutter/, /låse/, /kunde-ID/]],
      ['100001', /engangskode/],
      ['000000', /4 forsøg tilbage/],
      ['000001', /3 forsøg tilbage/],
      ['000002', /2 forsøg tilbage/],
      ['000003', /1 forsøg tilbage/],
      ['000004', /for mange forkerte forsøg/],
    ]);
    const burnt = fx.sink.lastCodeFor('kontakt@nordicbikes.dk');
    const attempts = await fx.store.listAuditEvents({ customerId: '100001', action: 'verification.attempt' });
    expect(attempts.map((e) => e.outcome)).toEqual(Array(5).fill('failure'));
    // The code is used up even though the right one was never tried.
    expect(attempts[0]!.conversationId).toBeTruthy();
    expect(await fx.store.latestVerificationCode('100001', attempts[0]!.conversationId!)).toBeUndefined();
    await playTranscript(client, [
      ['min konto er låst, kunde-id 100001', [/30 minutter/, /låse/, /engangskode/]],
    ]);
    // Codes are known in tests (helpers/accounts.ts), so the new one always differs: the burnt one fails.
    expect(fx.sink.lastCodeFor('kontakt@nordicbikes.dk')).not.toBe(burnt);
    await playTranscript(client, [[burnt, /Koden passer ikke/]]);
  });

  it('understands the ID and the code typed in a sentence', async () => {
    await playTranscript(fx.client(), [
      ['min konto er låst', [/30 minutter/, /låse/, /kunde-ID/]],
      ['mit kunde-id er 100001', /engangskode/],
      [() => `koden er ${fx.sink.lastCodeFor('kontakt@nordicbikes.dk').replace(/^(\d{3})/, '$1 ')}`, ['Tak, det er bekræftet.', /Skal jeg låse den op nu\?/]],
    ]);
  });

  it('rate-limits new codes per customer ID', async () => {
    for (let i = 0; i < 3; i++) {
      const client = fx.client();
      await playTranscript(client, [['min konto er låst, kunde-id 100001', [/30 minutter/, /låse/, /engangskode/]]]);
    }
    const client = fx.client();
    await playTranscript(client, [['min konto er låst, kunde-id 100001', [/30 minutter/, /låse/, /sendt flere koder til denne konto for nylig/]]]);
    fx.clock.advance(31 * 60_000);
    await playTranscript(fx.client(), [['min konto er låst, kunde-id 100001', [/30 minutter/, /låse/, /engangskode/]]]);
  });

  it('rate-limits an unknown customer ID with exactly the same wording', async () => {
    for (let i = 0; i < 3; i++) await playTranscript(fx.client(), [['min konto er låst, kunde-id 555555', [/30 minutter/, /låse/, /engangskode/]]]);
    await playTranscript(fx.client(), [['min konto er låst, kunde-id 555555', [/30 minutter/, /låse/, /sendt flere koder til denne konto for nylig/]]]);
  });

  it('an expired code is replaced by a new one instead of burning the attempts', async () => {
    const client = fx.client();
    await playTranscript(client, [
      ['min konto er låst', [/30 minutter/, /låse/, /kunde-ID/]],
      ['100001', /engangskode/],
    ]);
    const old = fx.sink.lastCodeFor('kontakt@nordicbikes.dk');
    fx.clock.advance(11 * 60_000);
    await playTranscript(client, [[old, ['Koden er udløbet eller allerede brugt, så jeg sender en ny.', /Hvis kunde-ID'et er registreret hos os, har jeg nu sendt en 6-cifret engangskode/]]]);
    const fresh = fx.sink.lastCodeFor('kontakt@nordicbikes.dk');
    expect(fresh).not.toBe(old);
    await playTranscript(client, [[fresh, ['Tak, det er bekræftet.', /Skal jeg låse den op nu\?/]]]);
  });

  it('re-prompts with the reason for a malformed customer ID, and offers human help after 3 failures', async () => {
    const client = fx.client();
    await playTranscript(client, [
      ['min konto er låst', [/30 minutter/, /låse/, /kunde-ID/]],
      ['abc123x', /^Jeg kan kun slå et kunde-ID op, der er skrevet med tal\.\nFor at beskytte din konto/],
      ['12', /^Jeg kan kun slå et kunde-ID på 4 til 10 cifre op\./],
      ['hundred', /Ring til supporten på \+45 7020 3077 \(mandag–torsdag 9\.00–17\.00 og fredag 9\.30–16\.00\)/],
      ['hvad er jeres adresse', [/Arne Jacobsens Allé 13/, 'Hjalp det?']],
    ]);
  });

  it('handles cancel, help and an FAQ question in the middle of the flow', async () => {
    const client = fx.client();
    await playTranscript(client, [
      ['min konto er låst', [/30 minutter/, /låse/, /kunde-ID/]],
      ['hjælp', [/^Dit kunde-ID står i din velkomstmail fra DIBS og på dine fakturaer\./, /Hvad er dit kunde-ID\?/]],
      ['hvornår har I åbent i supporten', [/9\.00.*17\.00/s, 'Vi fortsætter, hvor vi slap:', /Hvad er dit kunde-ID\?/]],
      ['100001', /engangskode/],
      ['annuller', /OK, jeg stopper her\. Intet er ændret/],
      ['hej', /support-bot/],
    ]);
    expect((await fx.store.findMerchant('100001'))?.failedLoginAttempts).toBe(5);
  });
});
