import { SpellingIndex } from '../knowledge/matching/spelling';
import { clip, foldClauses, foldText } from '../knowledge/normalize';
import { boundedEditDistance } from '../knowledge/editDistance';
import { KnowledgeBase } from '../knowledge/knowledgeBase';
import type { AnalysedTexts } from '../knowledge/matching/analysisStore';
import { knowledgeDir, realKnowledge } from './helpers/knowledge';

describe('foldText', () => {
  it('lower-cases and spells æ/ø/å as ae/oe/aa', () => {
    expect(foldText('Låst ÆNDRE Kodeord Indløser')).toBe('laast aendre kodeord indloeser');
  });
  it('turns punctuation, emoji and control characters into single spaces', () => {
    expect(foldText('hej!!! 👋 min   konto\u0007er låst??')).toBe('hej min konto er laast');
  });
  it('drops apostrophes inside words, in plain ASCII text and in any other', () => {
    expect(foldText("I can't log in")).toBe('i cant log in');
    expect(foldText('I can’t log in – låst')).toBe('i cant log in laast');
  });
  it('keeps the beginning and the end of a text that is too long', () => {
    expect(clip('abcdefghij', 4)).toBe('ab ij');
    expect(clip('abc', 4)).toBe('abc');
  });
});

describe('foldClauses', () => {
  it('folds each comma-separated clause exactly as foldText does, for any text', () => {
    // A fixed pseudo-random walk over the characters that matter: letters, æøå, apostrophes, commas, digits, accents, emoji.
    const alphabet = ["a", "D", "i", "æ", "Ø", "å", "'", "’", "`", "´", "d", ",", " ", ".", "?", "7", "é", "ü", "\n", "😀", "-"];
    let seed = 7;
    const next = (): number => (seed = (seed * 48271) % 2147483647);
    for (let n = 0; n < 3000; n++) {
      const text = Array.from({ length: 1 + (next() % 24) }, () => alphabet[next() % alphabet.length]).join('');
      expect([text, foldClauses(text)]).toEqual([text, text.split(',').map(foldText)]);
    }
    expect(foldClauses("Hej, I'd like my kundenummer, tak")).toEqual(['hej', 'i would like my kundenummer', 'tak']);
  });
});

describe('edit distance', () => {
  it('counts a swap of two neighbouring letters as one edit', () => {
    expect(boundedEditDistance('transaktoin', 'transaktion', 2)).toBe(1);
    expect(boundedEditDistance('kodord', 'kodeord', 2)).toBe(1);
    expect(boundedEditDistance('abc', 'xyz', 1)).toBe(2);
  });
});

describe('the analyser with the real knowledge base', () => {
  const analyse = (text: string) => realKnowledge().analysis(text);
  const terms = (text: string): string[] => analyse(text).terms.map((t) => t.id);

  it('meets inflections through the Snowball stemmers', () => {
    expect(terms('transaktionerne')).toEqual(terms('transaktion'));
    expect(terms('kodeordet')).toEqual(terms('password'));
    expect(terms('payments')).toEqual(terms('betaling'));
  });

  it('does not meet a word through a short stem it merely shares with a form', () => {
    // "varighed" (duration) stems to "var"; "vare" (goods) is not a question of when.
    expect(terms('vare')).not.toContain('#when');
    expect(terms('koden')).toEqual(terms('kode'));
    // "slet ikke" is "not at all", not "slette" (delete).
    expect(terms('jeg kan slet ikke finde den')).not.toContain('#cancel');
    expect(terms('slet ordren')).toContain('#cancel');
  });

  it("reads English 'd as would, not as the word id", () => {
    expect(terms("I'd like my customer number")).toEqual(terms('I would like my customer number'));
    expect(terms('my customer id')).toEqual(terms('customer ID'));
  });

  it('reads the short forms of knowledge/language.yaml as the words they stand for', () => {
    expect(terms('kan ik komme ind efter 3 forsoeg')).toEqual(terms('kan ikke komme ind efter 3 forsoeg'));
    expect(terms('forgot my pw')).toEqual(terms('forgot my password'));
    expect(terms('hva er mit kundenummer')).toEqual(terms('hvad er mit kundenummer'));
  });

  it('maps Danish and English words of one concept to the same term', () => {
    expect(terms('Hvor finder jeg mit kundenummer?')).toEqual(terms('where do I find my merchant ID'));
    expect(terms('min konto er spærret')).toEqual(terms('my account is locked'));
    expect(terms('min konto er laast')).toEqual(terms('min konto er låst'));
    expect(terms('skift indlooser')).toEqual(terms('skift indløser'));
  });

  it('splits Danish compounds into known parts', () => {
    const parts = analyse('betalingsvindueproblemer kundenummerfeltet');
    expect(parts.terms.find((t) => t.words.includes('kundenummerfeltet'))).toMatchObject({ id: '#customer-id', via: 'compound' });
    expect(parts.terms.find((t) => t.words.includes('betalingsvindueproblemer'))).toMatchObject({ id: '#payment-window', via: 'compound' });
    expect(terms('indløsningsaftalerne')).toEqual(expect.arrayContaining(['#acquirer', '#agreement']));
  });

  it('does not split English words as if they were Danish compounds', () => {
    expect(terms('the payment is still not coming through')).not.toContain('#missing');
    expect(terms('in the meantime')).not.toContain('#attempts');
  });

  it('never corrects a real word into another one', () => {
    // "dukker" (turns up) is one edit from "lukker" (closes), but the Danish dictionary knows it.
    expect(terms('hvornår dukker pengene op')).not.toContain('#opening-hours');
  });

  it('corrects misspelt words to known ones, and leaves short words alone', () => {
    const corrected = analyse('transaktiom');
    expect(corrected.terms).toEqual([expect.objectContaining({ id: '#transaction', via: 'spelling' })]);
    expect(analyse('xq').terms).toEqual([]);
  });

  it('finds phrases, also with words in between where the form has a gap', () => {
    expect(terms('kan jeg slå den markering helt fra')).toEqual(expect.arrayContaining(['#disable', '#suspicious']));
    expect(terms('ring mig op')).toEqual(['#call-me']);
  });

  it('drops stop words and short numbers, and reports words it does not know', () => {
    const a = analyse('hvad er det og hvordan 12 flimflam');
    expect(a.terms).toEqual([]);
    expect(a.unknown).toEqual(['flimflam']);
  });

  it('reads a single letter as nothing on its own ("<b>nu</b>", "plan b")', () => {
    expect(terms('mobilepay <b>nu</b>')).toEqual(['#payment-method']);
  });

  it('reads a longer number as the term #number (an order number, a customer ID)', () => {
    expect(terms('er ordre 10234 betalt')).toEqual(expect.arrayContaining(['#order', '#number']));
  });

  it('weighs the asking sentence fully, its context less, and a context sentence the merchant waves aside least', () => {
    const weight = (text: string, id: string): number | undefined => analyse(text).terms.find((t) => t.id === id)?.weight;
    const config = realKnowledge().data.matching;
    const plain = 'Vi har lige fået en ny kode til administrationen. Hvor ændrer jeg den?';
    expect(weight(plain, '#change')).toBe(1);
    expect(weight(plain, '#admin')).toBe(config.contextWeight);
    const waved = 'Reglerne for koden kender jeg allerede. Hvor i administrationen ændrer jeg den?';
    expect(weight(waved, '#requirements')).toBe(config.dismissedWeight);
    expect(weight(waved, '#admin')).toBe(1);
    // Telling what was done already waves nothing aside: it names the topic.
    expect(weight('Vi har allerede refunderet kunden. Hvornår får hun pengene?', '#refund')).toBe(config.contextWeight);
  });

  it('reads a huge message only at its beginning and end', () => {
    const a = analyse(`min konto er låst ${'bla '.repeat(5000)} ring mig op`);
    expect(a.truncated).toBe(true);
    expect(a.terms.map((t) => t.id)).toEqual(expect.arrayContaining(['#account', '#locked', '#call-me']));
    expect(analyse(`${'bla '.repeat(2000)} telefonnummer ${'bla '.repeat(2000)}`).terms).toEqual([]);
  });
});

describe("the knowledge base's own texts at start-up", () => {
  it('get the same terms from their first reading as a question with the same words gets', () => {
    // Start-up reads each text once and looks its words up after the whole vocabulary is learnt; what
    // it trains on must be what a merchant typing the same words gets (phrases, numbers, compounds,
    // corrected typos, concepts found by their stems).
    const written: AnalysedTexts[] = [];
    const kb = KnowledgeBase.load(knowledgeDir, { analysisStore: { readAnalysis: () => undefined, writeAnalysis: (_key, analysis) => void written.push(analysis) } });
    const atStartUp = Object.entries(written[0]?.terms ?? {});
    expect(atStartUp.length).toBeGreaterThan(5000);
    const differing = atStartUp.filter(([text, terms]) => kb.analysis(text).terms.map((t) => t.id).join(' ') !== terms.join(' '));
    expect(differing.slice(0, 5)).toEqual([]);
  });
});

describe('signatures (language.yaml signOffs, matching.yaml signatureMaxWords)', () => {
  const kb = realKnowledge();
  const words = (text: string): string[] => {
    const analysis = kb.analysis(text);
    return [...analysis.terms.flatMap((t) => t.words), ...analysis.unknown];
  };

  it('does not read the name after a sign-off at the end of the message', () => {
    expect(words('Hvordan finder jeg mit kundenummer? Mvh. Agnete Kristensen')).not.toContain('agnete');
    expect(words('Where do I find our customer ID? Best regards, Hunter')).not.toContain('hunter');
    // ... and says what it left out (the explain output shows it).
    expect(kb.analysis('Where do I find our customer ID? Best regards, Hunter').signature).toEqual(['best', 'regards', 'hunter']);
    // Without the sign-off the name is read like any word.
    expect(words('Hvordan finder jeg mit kundenummer, Agnete')).toContain('agnete');
  });

  it('reads everything when the sign-off is not near the end, nothing precedes it, or it is no sign-off there', () => {
    expect(words('Mvh. Agnete her: hvordan finder jeg mit kundenummer hos jer i administrationen?')).toContain('agnete');
    expect(words('Mvh. Agnete')).toContain('agnete');
    // A sentence that asks, a postscript, a greeting asked for, a sign-off word inside a clause.
    expect(words('Hvad er jeres åbningstider? Tak på forhånd, kan I ringe mig op?')).toContain('ringe');
    expect(words('Hvordan nulstiller jeg mit kodeord? Mvh Agnete. PS: ring mig op')).toContain('ring');
    expect(words('kan I sende en hilsen til Jens?')).toContain('jens');
    expect(words('Har I en guide til Dankort? Jeg vil gerne have det på plads inden jul, venlig hilsen Jesper')).toContain('jul');
  });
});

describe('words with digits after them', () => {
  const kb = realKnowledge();
  it("reads a tried password like 'Password1' or 'Sommer2024' as its word, and a long number as a number", () => {
    expect(kb.terms("I tried 'Password1' and it was refused")).toContain('#password');
    // A number written in groups is one number, so a phrase around it still matches ("kort … afvist").
    expect(kb.terms('mit kort 4571 1234 5678 9012 blev afvist i går')).toEqual(expect.arrayContaining(['#declined', '#number']));
    // A concept form with digits of its own stays whole.
    expect(kb.terms('Do we need PSD2 compliance?')).toContain('#three-d-secure');
    expect(kb.terms('ordre 100234')).toContain('#number');
  });
});


describe('short words with one slip (matching.yaml slipMinLength)', () => {
  const kb = realKnowledge();
  it('reads a four-letter word with two letters swapped as the one known word it is', () => {
    expect(kb.terms('I need to tlak to someone')).toEqual(kb.terms('I need to talk to someone'));
    expect(kb.terms('Jeg vil tlae med en fra supporten')).toEqual(kb.terms('Jeg vil tale med en fra supporten'));
    expect(kb.smallTalkKind('I need to tlak to somone from yuor support')).toBe('handoff');
  });

  it('never corrects a short word that either dictionary knows, whatever the language of the message', () => {
    // "heck" (English) in a Danish message, "synd" (Danish) in an English one.
    // The message's language is detected first, as for every message the bot gets.
    const spelled = (text: string): string[] => kb.explain(text, 'da').match.analysis.terms.filter((t) => t.via === 'spelling').map((t) => t.id);
    expect(spelled('heck jeg kan ikke logge ind')).toEqual([]);
    expect(spelled('synd my order has no payment')).toEqual([]);
  });

  it('leaves a short word alone when it could be two known words', () => {
    const edits = (n: number): number => (n >= 5 ? 1 : 0);
    const sameConcept = (a: string, b: string): boolean => [a, b].every((w) => ['order', 'ordre'].includes(w));
    const spelling = new SpellingIndex(['long', 'login', 'talk', 'tak', 'kunde', 'kode', 'daily', 'order', 'ordre'], edits, () => 1, 4, sameConcept);
    expect(spelling.correct('tlak')).toBe('talk');
    expect(spelling.correct('daly')).toBe('daily');
    // "logn": "long" (a swap) or "login" (a letter left out); "kude": "kunde" (left out) or "kode" (typed wrong).
    expect(spelling.correct('logn')).toBeUndefined();
    expect(spelling.correct('kude')).toBeUndefined();
    // One letter left out of two words that mean the same: either will do.
    expect(['order', 'ordre']).toContain(spelling.correct('ordr'));
    // Three letters are too few for any guess.
    expect(spelling.correct('tka')).toBeUndefined();
  });
});
