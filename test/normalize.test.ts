import { createNormaliser, foldText, stem } from '../knowledge/normalize';
import { realKnowledge } from './helpers/knowledge';

describe('foldText', () => {
  it('lower-cases and spells æ/ø/å as ae/oe/aa', () => {
    expect(foldText('Låst ÆNDRE Kodeord Indløser')).toBe('laast aendre kodeord indloeser');
  });
  it('turns punctuation, emoji and control characters into single spaces', () => {
    expect(foldText('hej!!! 👋 min   konto\u0007er låst??')).toBe('hej min konto er laast');
  });
  it('drops apostrophes inside words', () => {
    expect(foldText("I can't log in")).toBe('i cant log in');
  });
});

describe('stem', () => {
  it('meets inflected Danish and English forms', () => {
    expect(stem('transaktionerne')).toBe(stem('transaktion'));
    expect(stem('payments')).toBe(stem('payment'));
  });
  it('leaves short words and numbers alone', () => {
    expect(stem('kode')).toBe('kode');
    expect(stem('10024')).toBe('10024');
  });
});

describe('normaliser with the real language data', () => {
  const { normaliser } = realKnowledge();
  it('maps Danish and English synonyms to the same words', () => {
    expect(normaliser.normalise('Hvor finder jeg mit kundenummer?')).toEqual(normaliser.normalise('where do I find my merchant ID'));
    expect(normaliser.normalise('adgangskode')).toEqual(normaliser.normalise('password'));
    expect(normaliser.normalise('min konto er spærret')).toEqual(normaliser.normalise('my account is locked'));
  });
  it('treats ae/oe/aa spellings like æ/ø/å', () => {
    expect(normaliser.normalise('min konto er laast')).toEqual(normaliser.normalise('min konto er låst'));
    expect(normaliser.normalise('skift indlooser')).toEqual(normaliser.normalise('skift indløser'));
  });
  it('removes stop words in both languages', () => {
    expect(normaliser.normalise('hvad er det og hvordan')).toEqual([]);
    expect(normaliser.normalise('what is the and how')).toEqual([]);
  });
  it('prefers the longest synonym ("credit card" is a card, not a refund)', () => {
    expect(normaliser.normalise('credit card')).toEqual(normaliser.normalise('kort'));
  });
  it('a custom synonym table is data, not code', () => {
    const n = createNormaliser({ synonyms: [{ canonical: 'frugt', variants: ['æble', 'banan'] }], stopWords: { da: ['en'], en: [] }, markers: { da: [], en: [] } });
    expect(n.normalise('en banan')).toEqual(['frugt']);
  });
});
