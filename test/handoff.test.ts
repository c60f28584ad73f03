import path from 'node:path';
import { KnowledgeBase } from '../knowledge/knowledgeBase';
import { OpeningHours } from '../knowledge/openingHours';
import { useAccountFixture } from './helpers/accounts';
import { buttons, playTranscript } from './helpers/transcript';
import { realKnowledge } from './helpers/knowledge';

// Instants in Copenhagen time (CET = UTC+1 in winter, CEST = UTC+2 in summer).
const TUESDAY_0830 = new Date('2026-12-01T07:30:00Z');
const FRIDAY_1559 = new Date('2026-11-27T14:59:00Z');
const FRIDAY_1601 = new Date('2026-11-27T15:01:00Z');
const SATURDAY_1200 = new Date('2026-11-28T11:00:00Z');
const EASTER_MONDAY_1000 = new Date('2026-04-06T08:00:00Z');

describe('handoff on a weekday before opening', () => {
  const fx = useAccountFixture(TUESDAY_0830);
  it('says support is closed and opens at 9.00 today, and books a callback stored as a case and mailed to support', async () => {
    await playTranscript(fx.client(), [
      ['tal med en person', [/Supporten har lukket lige nu\. Vi åbner igen tirsdag den 1\. december kl\. 9\.00\. Du kan ringe på \+45 7020 3077/, (r) => {
        expect(r.text).toBe('Vil du hellere have, at vi ringer dig op?');
        expect(buttons(r)).toEqual(['Ja', 'Nej']);
      }]],
      ['ja', 'Hvad er dit navn?'],
      ['Mette Hansen', 'Hvilket telefonnummer skal vi ringe til?'],
      ['ring mig', /Det ligner ikke et telefonnummer/],
      ['+45 20 30 40 50', /Hvad er dit kunde-ID\?/],
      ['spring over', /Hvad drejer det sig om\?/],
      ['Vi kan ikke se vores udbetalinger', /^Tak! Vi ringer dig op, når vi har åbent igen, tidligst tirsdag den 1\. december kl\. 9\.00\. Dit sagsnummer er CB-\d{8}-[A-Z0-9]{6}\.$/],
    ]);
    const [request] = await fx.store.listCallbackRequests({ status: 'open' });
    expect(request).toMatchObject({ name: 'Mette Hansen', phone: '+45 20 30 40 50', customerId: null, topic: 'Vi kan ikke se vores udbetalinger', language: 'da' });
    const mail = fx.sink.mailsTo('support@dibs.dk').at(-1)!;
    expect(mail.raw).toContain(request!.caseNumber);
    expect(mail.raw).toContain('+45 20 30 40 50');
  });
});

describe('handoff on Friday', () => {
  describe('at 15:59', () => {
    const fx = useAccountFixture(FRIDAY_1559);
    it('says support is open until 16.00', async () => {
      await playTranscript(fx.client('en-US'), [['talk to a human', [/Support is open now \(until 16:00\)\. Call \+45 7020 3077/, /call you back/]], ['no', /You can always call support on \+45 7020 3077/]]);
    });
  });
  describe('at 16:01', () => {
    const fx = useAccountFixture(FRIDAY_1601);
    it('says support is closed and opens on Monday at 9.00', async () => {
      await playTranscript(fx.client(), [['tal med en person', [/lukket lige nu\. Vi åbner igen mandag den 30\. november kl\. 9\.00\./, /ringer dig op/]]]);
    });
  });
});

describe('handoff at the weekend', () => {
  const fx = useAccountFixture(SATURDAY_1200);
  it('says support is closed until Monday', async () => {
    await playTranscript(fx.client('en-US'), [['talk to a person', [/closed right now\. We open again Monday 30 November at 09:00/, /call you back/]]]);
  });
});

describe('handoff on Easter Monday', () => {
  const fx = useAccountFixture(EASTER_MONDAY_1000);
  it('with the shipped hours (no closing days: the support page states none) it is an ordinary Monday', async () => {
    await playTranscript(fx.client(), [['tal med en person', ['Supporten har åbent nu (til kl. 17.00). Ring på +45 7020 3077, så får du fat i en medarbejder.', /ringer dig op/]]]);
  });

  it('with closing days configured by the operator it names the holiday and opens on Tuesday', async () => {
    const real = realKnowledge();
    const kb = new KnowledgeBase(real.data, OpeningHours.load(path.join(__dirname, 'fixtures', 'opening-hours-with-holidays.yaml')), real.agentChecklist);
    await playTranscript(fx.client('da-DK', {}, kb), [
      ['tal med en person', ['Supporten har lukket lige nu (2. påskedag). Vi åbner igen tirsdag den 7. april kl. 9.00. Du kan ringe på +45 7020 3077, når vi har åbent.', /ringer dig op/]],
    ]);
    await playTranscript(fx.client('en-US', {}, kb), [
      ['talk to a person', ["Support is closed right now (Easter Monday). We open again Tuesday 7 April at 09:00. You can call +45 7020 3077 when we're open.", /call you back/]],
    ]);
  });
});

describe('handoff after repeated failures', () => {
  const fx = useAccountFixture(FRIDAY_1559);
  it('offers a person after three fallbacks in a row, and a verified flow is not affected', async () => {
    await playTranscript(fx.client(), [
      ['hvordan bliver vejret i morgen', /kan jeg desværre ikke svare på/],
      ['hvem vinder fodboldkampen i aften', /kan jeg desværre ikke svare på/],
      ['kan jeg bestille pizza hos jer', [/ikke kunnet hjælpe dig de sidste par gange/, /Supporten har åbent nu \(til kl\. 16\.00\)/, /ringer dig op/]],
      ['nej', /Helt i orden/],
    ]);
  });

  it('a merchant can ask for a person in the middle of a guided flow', async () => {
    await playTranscript(fx.client(), [
      ['min konto er låst', [/30 minutter/, /låse/, /kunde-ID/]],
      ['tal med en person', [/Supporten har åbent nu/, /ringer dig op/]],
    ]);
  });
});
