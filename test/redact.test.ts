import { redact } from '../knowledge/redact';

describe('redact: questions lose their personal data before they are stored', () => {
  it.each([
    ['mit cpr-nummer er 010190-1234, hvorfor er jeg låst ude?', 'mit cpr-nummer er ######-####, hvorfor er jeg låst ude?'],
    ['ring til mig på +45 70 20 30 77', 'ring til mig på +## ## ## ## ##'],
    ['min kunde-id er 100001 og kontoen er spærret', 'min kunde-id er ###### og kontoen er spærret'],
    ['kortet 4571 1234 5678 9010 bliver afvist', 'kortet [kort] bliver afvist'],
    ['skriv til søren.ærø@blåbær-ost.dk om ordre 10024', 'skriv til [e-mail] om ordre #####'],
    ['my card 4571-1234-5678-9010 was declined', 'my card [kort] was declined'],
    ['card number 4571123456789010 charged twice', 'card number [kort] charged twice'],
    ['please email john.doe+dibs@example.co.uk about order 10023', 'please email [e-mail] about order #####'],
    ['call me on 20304050 or 2030 4050', 'call me on ######## or #### ####'],
  ])('%p -> %p', (question, stored) => {
    expect(redact(question)).toBe(stored);
  });

  it('keeps questions without personal data as they are', () => {
    expect(redact('Hvornår står pengene på min bankkonto?')).toBe('Hvornår står pengene på min bankkonto?');
    expect(redact('why is a payment marked suspicious')).toBe('why is a payment marked suspicious');
  });

  it('treats 13 to 19 digits as a card number, and shorter or longer runs digit by digit', () => {
    expect(redact('1234567890123')).toBe('[kort]');
    expect(redact('1234 5678 9012 3456 789')).toBe('[kort]');
    expect(redact('123456789012')).toBe('############');
    expect(redact('12345678901234567890')).toBe('####################');
  });

  it('leaves no digit and no @ behind, whatever the input', () => {
    const messy = 'Kunde 100001, kort 5019-1234-5678-9012, tlf. (+45) 70-20-30-77, mail a.b@c.dk, ordre #10024, beløb 1.299,50 kr., CPR 0101901234';
    const stored = redact(messy);
    expect(stored).not.toMatch(/\d|@/);
    expect(stored).toContain('[kort]');
    expect(stored).toContain('[e-mail]');
  });

  it('is deterministic and idempotent', () => {
    const question = 'min mail er kontakt@nordicbikes.dk og mit kort er 4571 1234 5678 9010';
    expect(redact(question)).toBe(redact(question));
    expect(redact(redact(question))).toBe(redact(question));
  });

  it('cuts long questions without splitting a character', () => {
    expect(redact('æøå😀'.repeat(10), 7)).toBe('æøå😀æøå');
  });
});
