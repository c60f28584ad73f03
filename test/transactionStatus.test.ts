import { useAccountFixture } from './helpers/accounts';
import { playTranscript } from './helpers/transcript';

const fx = useAccountFixture();

const code = () => fx.sink.lastCodeFor('ordre@hyggehome.dk');

describe('TransactionStatusDialog (real SQLite, real SMTP)', () => {
  it('explains every demo order in plain words, verifying once per conversation', async () => {
    const client = fx.client();
    await playTranscript(client, [
      // The FAQ answer says a code comes first; the flow adds no intro of its own.
      ['status på ordre 10024', [/Jeg kan slå status op på en ordre eller transaktion for dig\. Først skal du bekræfte din identitet/, /Hvad er dit kunde-ID\?/]],
      ['100002', /engangskode/],
      [code, ['Tak, det er bekræftet.', /Ordre 10024 .* markeret som mistænkelig: der var flere mislykkede betalingsforsøg fra samme IP-adresse.*røde tekst 'mistænkelig'.*manuelt/s]],
      // Verified: each next order goes straight to its status, with no word about codes.
      ['hvad er status på ordre 10023', [/Ordre 10023 \(transaktion 7734512\) på DKK 499,00 med Dankort via Nets er gennemført.*aftale, du har lavet med din indløser/s]],
      ['tjek ordre 10025', [/annulleret.*højst 30 dage.*kundens bank/s]],
      ['status på ordre 10026', [/ikke fået svar fra indløseren \(Nets\).*Undersøg, om du har modtaget pengene.*\+45 7020 3077/s]],
      ['status på ordre 10027', ['Der er ingen transaktion på ordre 10027. Kunden har lagt ordren i webshoppen, men er aldrig kommet til betalingsvinduet.']],
      ['status på transaktion 7734512', [/Ordre 10023/]],
      ['status på ordre 55555', [/kan ikke finde en ordre eller transaktion med nummeret 55555 på din konto/]],
    ]);
    const lookups = await fx.store.listAuditEvents({ customerId: '100002', action: 'transaction.lookup' });
    expect(lookups.map((e) => e.outcome)).toEqual(['success', 'success', 'success', 'success', 'success', 'success', 'not-found']);
    expect(fx.sink.mailsTo('ordre@hyggehome.dk')).toHaveLength(1);
  });

  it('after a lookup, "og ordre 10025?" or a bare order number is the next lookup, on the verification that holds', async () => {
    const client = fx.client();
    await playTranscript(client, [
      ['status på ordre 10024', [/slå status op/, /kunde-ID/]],
      ['100002', /engangskode/],
      [code, ['Tak, det er bekræftet.', /Ordre 10024/]],
      ['og ordre 10025?', /annulleret/],
      ['10023', /Ordre 10023 \(transaktion 7734512\)/],
      ['og 10027?', /ingen transaktion på ordre 10027/],
    ]);
    const lookups = await fx.store.listAuditEvents({ customerId: '100002', action: 'transaction.lookup' });
    expect(lookups).toHaveLength(4);
  });

  it('asks for the order ID when none was given, in English', async () => {
    const client = fx.client('en-US');
    await playTranscript(client, [
      ['can you check the status of a transaction for me', [/I can look up the status of an order or transaction for you\. First you need to confirm your identity/, /customer ID/]],
      ['100002', /one-time code/],
      [code, ['Thank you, that is confirmed.', /Which order ID or transaction ID/]],
      ['the one from yesterday', 'An order or transaction ID is a number like 10024; it may also contain letters.\nWhich order ID or transaction ID is it about?'],
      ['10024', /marked as suspicious: several failed payment attempts from the same IP address/],
    ]);
  });

  it('never shows another merchant’s order', async () => {
    const client = fx.client();
    await playTranscript(client, [
      ['status på ordre 10024', [/slå status op på en ordre/, /kunde-ID/]],
      ['100003', /engangskode/],
      [() => fx.sink.lastCodeFor('foto@fjordfoto.dk'), ['Tak, det er bekræftet.', /kan ikke finde en ordre eller transaktion med nummeret 10024/]],
    ]);
  });
});
