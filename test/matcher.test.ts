import { realKnowledge } from './helpers/knowledge';
import type { MatchDecision } from '../knowledge/matching/matcher';

function decide(q: string): MatchDecision {
  return realKnowledge().matcher.match(q).decision;
}
function answered(q: string): string | undefined {
  const d = decide(q);
  return d.kind === 'answer' ? d.best.entry.id : undefined;
}

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
    ['hvornår har I åbent', 'opening-hours'],
  ])('answers %p with %p', (q, id) => {
    expect(answered(q)).toBe(id);
  });

  it('copes with typos and missing diacritics', () => {
    expect(answered('min kontp er laast')).toBe('account-locked');
    expect(answered('hvad skal mit pasword indeholde')).toBe('password-requirements');
  });

  it.each(["what's the weather like", 'tell me a joke', 'hvem vandt fodboldkampen i går', 'asdfghjkl qwerty', 'hvad koster en pizza'])(
    'never answers an unrelated question (%p) with an FAQ entry',
    (q) => {
      expect(decide(q).kind).toBe('fallback');
    },
  );

  it('gives a fallback for text without content words', () => {
    expect(decide('???').kind).toBe('fallback');
    expect(decide('hvad er det')).toMatchObject({ kind: 'fallback', reason: 'no-content' });
  });

  it('asks which entry was meant only when the best candidates are close or weak', () => {
    const kb = realKnowledge();
    const { answerConfidence, ambiguityMargin, suggestConfidence } = kb.data.matching;
    const decisions = ['mistænkelig', 'email', 'indløser aftale', 'reservation', 'kodeord', 'telefon', 'ordre'].map(decide);
    const clarified = decisions.filter((d) => d.kind === 'clarify');
    expect(clarified.length).toBeGreaterThan(0);
    for (const d of clarified) {
      const [best, second] = d.candidates;
      expect(best).toBeDefined();
      expect(best!.confidence < answerConfidence || (second !== undefined && best!.confidence - second.confidence < ambiguityMargin)).toBe(true);
    }
    for (const d of decisions.filter((x) => x.kind === 'answer')) {
      if (d.kind !== 'answer') continue;
      const second = d.candidates[1];
      expect(d.best.confidence).toBeGreaterThanOrEqual(answerConfidence);
      if (second && second.confidence >= suggestConfidence) expect(d.best.confidence - second.confidence).toBeGreaterThanOrEqual(ambiguityMargin);
    }
  });

  it('ignores the part of a huge message past the configured limit without failing', () => {
    const q = 'min konto er låst ' + 'x'.repeat(10_000);
    expect(() => decide(q)).not.toThrow();
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
