import { KnowledgeBase } from '../knowledge/knowledgeBase';
import { loadKnowledge } from '../knowledge/loader';
import { formatExplanation } from '../knowledge/matching/explain';
import type { MatchDecision } from '../knowledge/matching/matcher';
import { knowledgeDir, realKnowledge } from './helpers/knowledge';

function decide(q: string): MatchDecision {
  return realKnowledge().matcher.match(q).decision;
}
function answered(q: string): string | undefined {
  const d = decide(q);
  return d.kind === 'answer' ? d.best.entry.id : undefined;
}
const asksForPerson = (q: string): boolean => realKnowledge().smallTalkKind(q) === 'handoff';

describe('FAQ matcher', () => {
  it.each([
    ['min konto er låst', 'account-locked'],
    ['my account is locked', 'account-locked'],
    ['hvor finder jeg mit kunde ID', 'customer-id-location'],
    ['where can I find my customer id', 'customer-id-location'],
    ['hvorfor er min betaling markeret som mistænkelig', 'suspicious-why'],
    ['why is a payment marked suspicious', 'suspicious-why'],
    ['hvornår står pengene på min bankkonto', 'payout-timing'],
    ['when will the money reach my bank account', 'payout-timing'],
    ['jeg har annulleret ordren men pengene er stadig reserveret', 'cancelled-reservation'],
    ['hvad er jeres telefonnummer', 'contact-phone'],
    ['hvilket nr ringer man til hvis man vil ha fat i support', 'contact-phone'],
    ["i'd rather talk to a person, what number do i call", 'contact-phone'],
    ['Hvem skal jeg ringe til hvis jeg vil have fat i support?', 'contact-phone'],
    ['Hvilket nummer skal jeg bruge som kundenummer?', 'customer-id-location'],
    ['I refunded the order yesterday, when will the customer get the money?', 'refund-timing'],
    ['We have a new bank account, when will payouts arrive there?', 'payout-timing'],
    ['hvornår har I åbent', 'opening-hours'],
    // "When can I …" is still a question of time; "få stoppet" switches the marking off.
    ['When can I expect my refund?', 'refund-timing'],
    ['When can we expect the payout?', 'payout-timing'],
    ['Hvordan får jeg stoppet markeringen af mistænkelige betalinger?', 'suspicious-disable'],
    // Which half of the login the merchant has says which half is missing (username-known, password-known).
    ['I know my username, but the password is gone from my head. How do I get a new one?', 'password-change'],
  ])('answers %p with %p', (q, id) => {
    expect(answered(q)).toBe(id);
  });

  it('offers the username for "I have the password, what goes in the other field?"', () => {
    const d = decide('Min chef gav mig koden, men hvad skal jeg skrive i det andet felt?');
    expect(d.kind === 'answer' ? [d.best.entry.id] : d.candidates.map((c) => c.entry.id)).toContain('username');
  });

  it('copes with typos and missing diacritics', () => {
    expect(answered('min kontp er laast')).toBe('account-locked');
    expect(answered('hvad skal mit pasword indeholde')).toBe('password-requirements');
  });

  it('finds the question inside a long message with a greeting and a story', () => {
    expect(answered('Godmorgen! Vi har lige fået en ny medarbejder, og hun skal lave sit eget kodeord til administrationen, men systemet siger hele tiden nej. Hvad kræver I?')).toBe('password-requirements');
    expect(answered('Hi there, hope you are well. We moved our whole team to a new office last month and now I need the customer number for our paperwork, where can I see it?')).toBe('customer-id-location');
  });

  it.each(["what's the weather like", 'tell me a joke', 'hvem vandt fodboldkampen i går', 'asdfghjkl qwerty', 'hvad koster en pizza', 'Why was my payment declined?', 'Hvorfor er min betaling afvist?', 'hvad koster et gebyr pr. transaktion', "what's the weather like in Copenhagen today?", 'when does ikea close today', 'How do I refund a customer?', 'Hvad er betalingsfristen på jeres faktura?'])(
    'never answers a question the support page does not answer (%p) with an FAQ entry',
    (q) => {
      expect(decide(q).kind).toBe('fallback');
    },
  );

  it('tells how to make a refund (not on the page) from when a refund arrives (on the page)', () => {
    expect(decide('How do I refund a customer?').kind).toBe('fallback');
    expect(answered('We refunded a customer last week, when will she get the money?')).toBe('refund-timing');
    expect(answered('Jeg krediterede en kunde i mandags. Hvornår er pengene tilbage på hendes konto?')).toBe('refund-timing');
  });

  it('never picks an answer for one word that occurs everywhere', () => {
    for (const q of ['email', 'konto', 'DIBS', 'order', 'ordre', 'betaling', 'password']) expect([q, decide(q).kind]).not.toEqual([q, 'answer']);
    // "email" alone asks which of the e-mail entries was meant, and the acquirer's contact details are not one of them.
    const email = decide('email');
    expect(email.kind).toBe('clarify');
    expect(email.candidates.map((c) => c.entry.id)).toContain('login-email-lookup');
    expect(email.candidates.map((c) => c.entry.id)).not.toContain('acquirer-contact');
  });

  it.each(['42', '🙂', 'weather', 'vejret', '!!!'])('does not offer entries for %p (no topic named)', (q) => {
    expect(decide(q).kind).toBe('fallback');
  });

  it('does not send the question about the password length to the password change', () => {
    expect(answered('hvor længe skal koden være')).not.toBe('password-change');
  });

  it('gives a fallback for text without content words', () => {
    expect(decide('???').kind).toBe('fallback');
    expect(decide('hvad er det')).toMatchObject({ kind: 'fallback', reason: 'no-content' });
  });

  it('answers only when the best entry is likely enough and clearly ahead; otherwise it asks', () => {
    const kb = realKnowledge();
    const { answerConfidence, ambiguityMargin } = kb.data.matching;
    const decisions = ['mistænkelig', 'email', 'indløser aftale', 'reservation', 'kodeord', 'telefon', 'ordre 10023', 'min konto er låst', 'refund'].map(decide);
    expect(decisions.some((d) => d.kind === 'clarify')).toBe(true);
    expect(decisions.some((d) => d.kind === 'answer')).toBe(true);
    for (const q of ['mistænkelig', 'email', 'indløser aftale', 'reservation', 'kodeord', 'telefon', 'ordre 10023', 'min konto er låst', 'refund']) {
      const result = kb.matcher.match(q);
      if (result.decision.kind !== 'answer') continue;
      // The lead is over the runner-up entry and over "out of scope" alike.
      expect(result.decision.best.confidence).toBeGreaterThanOrEqual(answerConfidence);
      expect(result.margin).toBeGreaterThanOrEqual(ambiguityMargin);
      expect(result.decision.best.confidence - Math.max(result.decision.candidates[1]?.confidence ?? 0, result.outOfScope)).toBeCloseTo(result.margin, 10);
    }
  });

  it('reads the beginning and the end of a huge message, not what is in between', () => {
    const filler = 'bla '.repeat(3000);
    expect(answered(`min konto er låst ${filler}`)).toBe('account-locked');
    expect(answered(`${filler} min konto er låst`)).toBe('account-locked');
    expect(decide(`${filler} min konto er låst ${filler}`).kind).toBe('fallback');
  });

  it.each(['', '   ', '😀😀😀', '1234567890', '?!?!...', 'пароль утерян', '密码是什么', '\ud800\udfff', '1'.repeat(10_000), 'x'.repeat(10_000)])(
    'never picks an FAQ answer by chance for odd input (%#)',
    (q) => {
      expect(decide(q).kind).toBe('fallback');
    },
  );

  it('says it does not know when the question is out of scope, however much of the page its context names', () => {
    const q = 'Vi har en aftale med Nets som indløser, og den virker fint. Vi vil gerne sælge til Sverige. Kan vi tage betaling i svenske kroner gennem jer?';
    const result = realKnowledge().matcher.match(q);
    expect(result.decision.kind === 'fallback' && result.decision.reason).toBe('out-of-scope');
    // ... in a conversation too: the previous answer never makes it an answer.
    for (const previousEntryId of ['opening-hours', 'password-change', 'acquirer-agreement']) {
      expect(realKnowledge().matcher.match(q, { previousEntryId }).decision.kind).toBe('fallback');
    }
  });

  it('answers the question of a long message whose context is out of scope', () => {
    const result = realKnowledge().matcher.match('Vi overvejer at gå over til MobilePay og Klarna og måske opsige aftalen med jer helt. Hvad er jeres telefonnummer?');
    expect(result.decision.kind === 'answer' && result.decision.best.entry.id).toBe('contact-phone');
    expect(result.rule).toMatch(/asking sentence alone .* askingInScopeConfidence/);
  });

  it('reads what the merchant did already as the topic, not as something waved aside', () => {
    const d = decide('We already refunded the customer. When does she get the money?');
    expect(d.kind === 'answer' && d.best.entry.id).toBe('refund-timing');
  });

  it('leans on the previous answer when asked to', () => {
    const kb = realKnowledge();
    const ids = (d: MatchDecision): string[] => d.candidates.map((c) => c.entry.id);
    expect(ids(kb.matcher.match('hvor lang tid går der').decision)).not.toContain('cancelled-reservation');
    expect(ids(kb.matcher.match('hvor lang tid går der', { previousEntryId: 'cancelled-reservation' }).decision)).toContain('cancelled-reservation');
  });

  it('is trained the same way every time it starts', () => {
    const again = new KnowledgeBase(loadKnowledge(knowledgeDir));
    for (const q of ['min konto er låst', 'hvornår får jeg mine penge', 'kan jeg slå mistænkelig fra']) {
      expect(again.matcher.match(q).decision.candidates.map((c) => [c.entry.id, c.confidence])).toEqual(realKnowledge().matcher.match(q).decision.candidates.map((c) => [c.entry.id, c.confidence]));
    }
  });

  it('explains a decision: language, terms, candidates with the words that carried them, and the rule', () => {
    const text = formatExplanation(realKnowledge().explain('min konto er spærret efter for mange forsøg', 'da'));
    expect(text).toMatch(/Language: da/);
    expect(text).toMatch(/#locked ← spaerret/);
    expect(text).toMatch(/account-locked .*#locked \+\d/);
    expect(text).toMatch(/Decision: answer: .* ≥ answerConfidence/);
  });
});

describe('asking for a person (the handoff intent)', () => {
  it.each([
    'Jeg vil gerne tale med et menneske',
    'kan jeg tale med en medarbejder',
    'jeg vil tale med en rigtig person',
    'stil mig videre',
    'kan du stille mig videre til en kollega af dig',
    'Kan jeg ikke blive stillet over til en medarbejder?',
    'Hvornår kan jeg tale med en medarbejder?',
    'Mennesker tak',
    'Er der mennesker jeg kan tale med?',
    'I need humans',
    'Problem med et produkt, kan jeg tale med en person?',
    'ring mig op',
    'kan I ringe mig op i morgen?',
    'jeg gider ikke tale med en robot',
    'tale med et menneske tak, det her virker ikke',
    'tal med et mennske',
    'I want to speak to a person',
    'get me a human please',
    'can I talk to someone',
    'speak to an agent',
    'call me back',
    'i dont want to talk to a bot',
    'conect me to an agnet pls',
    'kan en ansat skrive til mig',
    'Nu vil jeg bare have en person i røret.',
    'We have a problem that is costing us sales right now. Please have one of your support people contact me.',
    'Are you a robot? Then I would much rather have a human.',
    'kan en af dine kolleger overtage samtalen?',
    'hallo, er der nogen hjemme?',
    'is anyone there',
    'jeg vil ha en medarbejder',
    'helst en ægte supporter',
    'supporter, ikke bot',
    'I want someone from your team to look at our account',
    'snak m en person',
    "I'd rather speak to a member of your support team than a bot",
    'er du et menneske? jeg vil gerne have et menneske',
    'Is this a bot? Let me talk to someone',
    'Can someone call me back? The number for our shop is 33445566',
    'Ring mig op. Hvilket nummer ringer I fra?',
    'How many people can log in at the same time? Please have someone call me',
    'Is it automated or should I speak to someone?',
    'Could I please be connected with a member of your staff?',
    'Kan nogen lige ringe til mig i eftermiddag?',
    'Er der ikke nogen der kan se på det?',
    'hvem kan jeg snakke med om det?',
    'en medarbejder med det samme',
    'personlig betjening tak',
    'can you loop in a technician from your side',
    'Medarbejder, nu.',
    'Din bot fatter ingenting. Medarbejder, nu.',
    'Kan vi ikke bare tage den over telefonen med en af jeres folk?',
    'så kan en af jer ikke lige kigge på det sammen med mig?',
    'kunden vil have en medarbejder',
    'Are any of your support folks online right now?',
    'Henvis mig til en sagsbehandler.',
    'jeg skal bruge en person NU',
    'Representative.',
    'Kan jeg få et callback fra en af jeres support-folk?',
    'The owner refuses to deal with a chatbot, he wants one of your employees to ring him.',
    'Kan du ikke sætte mig i kø til en supporter?',
    'could u transfere mig til en af jeres folk',
    'Jeg vil helst tale det igennem med en af jeres konsulenter.',
    'Could a support engineer get on a call with our developer?',
    'Kan en tekniker tage et kig på det sammen med mig?',
    'Jeg vil gerne tale med en specialist hos jer.',
    'Stop det der og find en medarbejder til mig',
    'We need one of your engineers on the phone today.',
    'Kan nogen fra jer ikke lige ringe, det er svært at skrive.',
  ])('%p reaches the handoff', (q) => {
    expect(asksForPerson(q)).toBe(true);
  });

  it.each([
    ['kan jeg tale med en sælger', 'sales-email'],
    ['can someone from sales call me about your products', 'sales-email'],
    ['can I call you', 'contact-phone'],
    ['hvad er jeres telefonnummer', 'contact-phone'],
  ])('%p is not a handoff but an FAQ question', (q, id) => {
    expect(asksForPerson(q)).toBe(false);
    const d = decide(q);
    expect(d.kind === 'answer' ? [d.best.entry.id] : d.candidates.map((c) => c.entry.id)).toEqual(expect.arrayContaining([id]));
  });

  it('does not mistake a person mentioned in a story for a request', () => {
    expect(asksForPerson('Vi har lige fået en ny medarbejder, og hun skal lave sit eget kodeord')).toBe(false);
    expect(asksForPerson('er du et menneske eller en robot?')).toBe(false);
    expect(asksForPerson('er du en rigtig person?')).toBe(false);
    expect(asksForPerson('Er det en AI, jeg skriver med lige nu, eller sidder der en person bag?')).toBe(false);
    expect(asksForPerson('hvor mange mennesker arbejder der egentlig hos DIBS?')).toBe(false);
    // People in the plural are the merchant's customers in a story; asking to talk to people is a request.
    expect(asksForPerson('Halvdelen af vores ordrer får et rødt flag, selvom kunderne er helt almindelige mennesker. Kan man slå den funktion fra?')).toBe(false);
    expect(asksForPerson('jeg vil tale med mennesker, ikke en maskine')).toBe(true);
    expect(asksForPerson('ugh. humans only please')).toBe(true);
    // Asking when support can be reached asks for the opening hours.
    expect(asksForPerson('Til hvornår kan man få fat i jeres support om eftermiddagen?')).toBe(false);
    // A name in the signature is not an agent ("Agnete" is no misspelt "agent").
    expect(asksForPerson('Hvad er typisk grunden til, at en ordre ligger i shoppen uden en transaktion? Mvh. Agnete')).toBe(false);
    // Customers who cannot get through to the payment, calling one's own customer, contacting the acquirer: no request.
    expect(asksForPerson('Flere kunder kan ikke komme igennem til betalingssiden i dag. Er der problemer?')).toBe(false);
    expect(asksForPerson('Bør jeg ringe kunden op, før jeg gennemfører en mistænkelig ordre?')).toBe(false);
    expect(asksForPerson('Vores bogholder vil gerne kontakte indløseren selv. Hvor finder hun deres oplysninger?')).toBe(false);
    expect(asksForPerson('Kunden vil have at jeg ringer ham op. Hvad siger jeg om en ordre der er markeret mistænkelig?')).toBe(false);
    expect(asksForPerson('Tre ordrer i shoppen findes ikke nogen steder i jeres administration. Hvorfor?')).toBe(false);
    expect(asksForPerson('How long until the payments are transfered to my bank account?')).toBe(false);
    // A phone agent on a call, a queue, a chat with the customer, moving to another acquirer, money moved: no request.
    expect(asksForPerson("I'm on a call with a customer right now, why is the order without a transaction?")).toBe(false);
    expect(asksForPerson('Jeg står i kø til en medarbejder, hvornår er I åbne?')).toBe(false);
    expect(asksForPerson('Chat live med kunden er ikke muligt, hvordan ser jeg transaktionens status?')).toBe(false);
    expect(asksForPerson('Kan jeg sætte mig over til en anden indløser uden at skifte aftale?')).toBe(false);
    expect(asksForPerson('Kan I transfer mig pengene hurtigere?')).toBe(false);
    expect(asksForPerson('Kan jeg få dagsrapporten på mail i stedet for chatten?')).toBe(false);
    // The merchant's own engineer, specialist or back office on the phone is no request either.
    expect(asksForPerson('Our engineer is on the phone with the customer right now, why does the order have no payment?')).toBe(false);
    // A developer's callback (the payment window calling the shop's server) is no call back.
    expect(asksForPerson('Our developer sees a callback problem on the test shop: the payment goes through but our server never hears of it. Why?')).toBe(false);
    expect(asksForPerson('Can I have a callback please?')).toBe(true);
    // ... while a request next to one's own customer still is one.
    expect(asksForPerson('Jeg har ringet til kunden og nu vil jeg gerne tale med en medarbejder')).toBe(true);
    expect(asksForPerson('Should I call you or can someone call me back?')).toBe(true);
    expect(asksForPerson('I want to be transferred')).toBe(true);
    expect(asksForPerson('Jeg vil gerne kontaktes')).toBe(true);
    // Asking whether a person is needed, or calling one's own customer back, is no request.
    expect(asksForPerson('I got locked out. Do I need to phone someone to get back in, or will it sort itself out?')).toBe(false);
    expect(asksForPerson('Should I call the customer back about the refund?')).toBe(false);
    expect(asksForPerson('Jeg prøver at finde nogen der kan logge ind')).toBe(false);
    expect(asksForPerson('Hvordan kan en ny medarbejder tage den i brug?')).toBe(false);
    expect(asksForPerson('Can my staff look at our sales reports?')).toBe(false);
    expect(asksForPerson('Which employees are connected with our account?')).toBe(false);
    expect(asksForPerson('Der er ikke nogen der kan logge ind, hjælp venligst')).toBe(false);
    expect(asksForPerson('vi har rigtig mange medarbejdere der skal logge ind')).toBe(false);
    expect(asksForPerson('Hello, I am planning a launch. Where can I follow your operational information? Best, Martin')).toBe(false);
    expect(asksForPerson('Could you give me the phone number for DIBS support?')).toBe(false);
    expect(asksForPerson('Your callbacks stopped arriving on our server yesterday')).toBe(false);
    expect(asksForPerson('do real people read what I write here?')).toBe(false);
    expect(asksForPerson('someone at a market told me I need an acquirer, what is that?')).toBe(false);
    // Someone who rang the merchant is a story, not a request to be rung.
    expect(asksForPerson('A customer keeps calling me about a charge on her card for an order I cancelled. When will that disappear for her?')).toBe(false);
    expect(asksForPerson('Our web developer called me and said he needs your integration documentation. Where can he find it?')).toBe(false);
    expect(asksForPerson('Kunden ringede til mig i morges, hun siger hun har betalt ordre 5512')).toBe(false);
    // One of DIBS's people alone is a request; a person with a question, or the merchant's own people, is not.
    expect(asksForPerson('medarbejder')).toBe(true);
    expect(asksForPerson('min medarbejder kan ikke logge ind')).toBe(false);
    for (const q of ['Hvor mange personer?', 'Jeg er ansat', 'What about my staff?', 'Login virker. Staff?', 'The payment window works fine. Someone?']) expect(asksForPerson(q)).toBe(false);
    // A callback in an integration is a technical word, whoever is near it.
    for (const q of ['The callback is not received by anyone on our side', 'Vores callback URL bliver ikke kaldt af nogen', 'Can someone explain why our callback URL returns 500?']) expect(asksForPerson(q)).toBe(false);
  });
});

describe('language detection', () => {
  const { detector } = realKnowledge();
  it('detects Danish and English from the text', () => {
    expect(detector.detect('hvor finder jeg mit kunde id', 'en')).toBe('da');
    expect(detector.detect('where do I find my customer id', 'da')).toBe('en');
    expect(detector.detect('min konto er laast', 'en')).toBe('da');
  });
  it('falls back when the text does not tell', () => {
    expect(detector.detect('10024', 'en')).toBe('en');
    expect(detector.detect('10024', 'da')).toBe('da');
  });
});

describe('neighbour groups (matching.yaml, neighbourGroups)', () => {
  // Neighbours share most of their words; the group's own model learns only what tells them apart.
  it.each([
    ['Hvornår kan man ringe til jer?', 'opening-hours', 'contact'],
    ['I sent back the full amount for a cancelled booking at our B&B on Thursday, and the guest emailed today saying nothing has come back on her Visa yet. Is there a normal timeframe for that?', 'refund-timing', 'money'],
  ])('%p is answered with %p, ranked by the %p group', (q, id, group) => {
    const result = realKnowledge().matcher.match(q);
    expect(result.decision.kind === 'answer' ? result.decision.best.entry.id : result.decision.kind).toBe(id);
    expect(result.rule).toContain(`the ${group} entries ranked by their own model`);
  });

  it('leave a follow-up in context to the context: "how long does that take?" after the reservation answer', () => {
    const result = realKnowledge().matcher.match('how long does that take?', { previousEntryId: 'cancelled-reservation' });
    expect(result.decision.kind === 'answer' ? result.decision.best.entry.id : result.decision.kind).toBe('cancelled-reservation');
  });
});
