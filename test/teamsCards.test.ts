import { changeEmailTexts } from '../dialogs/merchant/ChangeLoginEmailDialog.texts';
import { commonTexts } from '../dialogs/shared/common.texts';
import { ADAPTIVE_CARD_SCHEMA, choicesOf, confirmAnswerOf, confirmCard, feedbackAnswerOf, feedbackCard, feedbackEntryOf, isFeedbackCard, suggestionOf, suggestionsCard, withChoices, type AdaptiveCard, type CardElement, type FactSet } from '../dialogs/shared/cards';
import { feedbackTexts } from '../dialogs/shared/feedback.texts';
import { handoffTexts } from '../dialogs/shared/HandoffDialog.texts';
import { describeOrder, orderStatusCard } from '../dialogs/merchant/TransactionStatusDialog';
import { unlockTexts } from '../dialogs/merchant/UnlockAccountDialog.texts';
import { demoData } from '../prisma/demoData';
import { orderStatuses } from '../store/types';
import { adaptiveCardProblems } from './helpers/adaptiveCards';
import { realKnowledge } from './helpers/knowledge';

const languages = ['da', 'en'] as const;
const phone = '+45 7020 3077';
const timeZone = realKnowledge().timeZone;
const demo = demoData(new Date('2026-11-27T10:00:00Z')).orders;
/** The demo orders, plus an authorised one (the demo data has none), so every status gets a card. */
const orders = [...demo, { ...demo[0]!, orderId: '10028', transactionId: '7734700', status: 'authorised' as const, capturedAt: null }];

function texts(elements: CardElement[]): string[] {
  return elements.flatMap((e) => (e.type === 'TextBlock' ? [e.text] : []));
}
function facts(card: AdaptiveCard): Record<string, string> {
  const set = card.body.find((e): e is FactSet => e.type === 'FactSet');
  return Object.fromEntries((set?.facts ?? []).map((f) => [f.title, f.value]));
}

/** Every yes/no question the bot asks, as the first ask and as the re-ask after an unclear answer. */
const confirmQuestions = languages.flatMap((language) => {
  const questions = [changeEmailTexts[language].confirm('ny@firma.dk'), unlockTexts[language].locked('11.20'), unlockTexts[language].caller.locked('11.20'), handoffTexts[language].offerCallback];
  return questions.flatMap((q) => [
    { language, question: q },
    { language, question: `${commonTexts[language].answerYesNo}\n${q}` },
  ]);
});

describe('Adaptive Cards for Teams are valid for the Adaptive Cards renderer at schema 1.5', () => {
  it('the validator itself reports a 1.6 property, an unknown element and a version above 1.5', () => {
    expect(adaptiveCardProblems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Input.Text', id: 'x', labelPosition: 'inline' }] }).join()).toMatch(/1\.6/);
    expect(adaptiveCardProblems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Carousel' }] }).join()).toMatch(/Unknown element type/);
    expect(adaptiveCardProblems({ type: 'AdaptiveCard', version: '1.6', body: [] }).join()).toMatch(/above 1\.5/);
  });

  it('the orders cover every order status', () => {
    expect(new Set(orders.map((o) => o.status))).toEqual(new Set(orderStatuses));
  });

  for (const language of languages) {
    it(`transaction status cards (${language}): every demo order, valid 1.5, with facts and the wrapped explanation`, () => {
      for (const order of orders) {
        const card = orderStatusCard(order, language, phone, timeZone);
        expect(adaptiveCardProblems(card)).toEqual([]);
        expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5', $schema: ADAPTIVE_CARD_SCHEMA });
        // The explanation is all there, line by line, and every TextBlock wraps.
        expect(texts(card.body).join('\n')).toContain(describeOrder(order, language, phone, timeZone));
        for (const element of card.body) if (element.type === 'TextBlock') expect(element.wrap).toBe(true);
        expect(Object.values(facts(card))).toContain(order.orderId);
      }
    });
  }

  it('a transaction card shows order, transaction, status, amount, card type, acquirer and dates', () => {
    const captured = orders.find((o) => o.orderId === '10023')!;
    const da = orderStatusCard(captured, 'da', phone, timeZone);
    expect(texts(da.body)).toContain('Status: Gennemført og hævet');
    expect(facts(da)).toMatchObject({ Ordre: '10023', Transaktion: '7734512', Beløb: 'DKK 499,00', Korttype: 'Dankort', Indløser: 'Nets' });
    expect(facts(da).Hævet).toMatch(/^25\. november 2026 kl\. 11\.00$/);
    const en = orderStatusCard(captured, 'en', phone, timeZone);
    expect(facts(en)).toMatchObject({ Order: '10023', Transaction: '7734512', Amount: 'DKK 499.00', 'Card type': 'Dankort', Acquirer: 'Nets' });
    expect(facts(en).Captured).toBe('25 November 2026, 11:00');
    // The times are in the zone given (the knowledge base's), not a fixed one: 10:00 UTC is 05:00 in New York.
    expect(facts(orderStatusCard(captured, 'en', phone, 'America/New_York')).Captured).toBe('25 November 2026, 05:00');
    // An order without a transaction shows no empty facts.
    const withoutTransaction = orders.find((o) => o.orderId === '10027');
    if (!withoutTransaction) throw new Error('demo order 10027 is gone');
    const none = orderStatusCard(withoutTransaction, 'en', phone, timeZone);
    expect(Object.keys(facts(none))).toEqual(['Order', 'Amount', 'Created']);
  });

  it('an authorised order is described only by its own data: authorised on a date, not captured yet, nothing about how long the amount stays reserved', () => {
    const authorised = orders.find((o) => o.orderId === '10028')!;
    expect(describeOrder(authorised, 'da', phone, timeZone)).toBe('Ordre 10028 (transaktion 7734700) på DKK 499,00 er godkendt den 24. november 2026, men endnu ikke hævet.');
    expect(describeOrder(authorised, 'en', phone, timeZone)).toBe('Order 10028 (transaction 7734700) for DKK 499.00 was authorised on 24 November 2026 but not captured yet.');
  });

  it('yes/no cards: every confirmation in both languages, valid 1.5, with Ja/Nej (Yes/No) submit buttons the prompt understands', () => {
    expect(confirmQuestions.length).toBe(16);
    for (const { language, question } of confirmQuestions) {
      const card = confirmCard(question, commonTexts[language]);
      expect(adaptiveCardProblems(card)).toEqual([]);
      expect(card.version).toBe('1.5');
      expect(texts(card.body)).toEqual(question.split('\n'));
      expect(card.actions?.map((a) => a.title)).toEqual(language === 'da' ? ['Ja', 'Nej'] : ['Yes', 'No']);
      expect(card.actions?.map((a) => confirmAnswerOf(a.data))).toEqual(['yes', 'no']);
    }
  });

  it('choice cards (every Teams conversation): the topics and every entry\'s follow-ups in both languages, valid 1.5, each choice a box that wraps its whole title', () => {
    const kb = realKnowledge();
    for (const language of languages) {
      const lists = [kb.topics.map((t) => t.label[language]), ...kb.entries.map((e) => e.followUps.map((id) => kb.title(kb.entry(id)!, language))).filter((l) => l.length > 0)];
      expect(lists.length).toBeGreaterThan(5);
      for (const titles of lists) {
        const card = suggestionsCard(titles);
        expect(adaptiveCardProblems(card)).toEqual([]);
        expect(card.version).toBe('1.5');
        expect(choicesOf(card)).toEqual(titles);
        // Not buttons (Teams cuts a button's label off): boxes whose whole area is clickable and whose text wraps.
        expect(card.actions ?? []).toEqual([]);
        expect(card.body.map((box) => box.type === 'Container' && [box.items[0].text, box.items[0].wrap, box.selectAction.type, suggestionOf(box.selectAction.data)])).toEqual(titles.map((t) => [t, true, 'Action.Submit', t]));
      }
    }
  });

  it('the "did this help?" card carries the answer\'s follow-ups, every entry in both languages: one card per answer, valid 1.5', () => {
    const kb = realKnowledge();
    for (const language of languages) {
      for (const entry of kb.entries.filter((e) => e.followUps.length > 0)) {
        const followUps = entry.followUps.map((id) => kb.title(kb.entry(id)!, language));
        const card = feedbackCard(feedbackTexts[language].question, feedbackTexts[language], entry.id, followUps);
        expect(adaptiveCardProblems(card)).toEqual([]);
        expect(isFeedbackCard(card)).toBe(true);
        expect(choicesOf(card)).toEqual(followUps);
        // The follow-ups first, then the question just above its 👍/👎 (the only buttons).
        expect(card.body.at(-1)).toMatchObject({ type: 'TextBlock', text: feedbackTexts[language].question, separator: true });
        expect(card.actions?.map((a) => [a.title, feedbackAnswerOf(a.data), feedbackEntryOf(a.data)])).toEqual([
          [feedbackTexts[language].up, 'up', entry.id],
          [feedbackTexts[language].down, 'down', entry.id],
        ]);
      }
    }
    // Without follow-ups it is the plain question; withChoices adds them to a card made before.
    const plain = feedbackCard('Hjalp det?', { up: '👍 Ja', down: '👎 Nej' }, 'x');
    expect(choicesOf(plain)).toEqual([]);
    expect(withChoices(plain, ['A', 'B'])).toEqual(feedbackCard('Hjalp det?', { up: '👍 Ja', down: '👎 Nej' }, 'x', ['A', 'B']));
  });

  it('tells a "did this help?" card from other cards and from anything else', () => {
    expect(isFeedbackCard(feedbackCard('Hjalp det?', { up: '👍', down: '👎' }))).toBe(true);
    expect(isFeedbackCard(confirmCard('Skal jeg?', { yes: 'Ja', no: 'Nej' }))).toBe(false);
    expect(isFeedbackCard(suggestionsCard(['A']))).toBe(false);
    for (const other of [undefined, null, 'card', { type: 'AdaptiveCard' }, { type: 'AdaptiveCard', body: [], actions: 'x' }]) expect(isFeedbackCard(other)).toBe(false);
    expect(choicesOf({ type: 'AdaptiveCard', body: [{ type: 'Container' }, null, { selectAction: { data: { suggestion: 'A' } } }] })).toEqual(['A']);
  });

  it('reads only a yes/no card value as an answer', () => {
    expect(confirmAnswerOf({ confirm: 'yes' })).toBe('yes');
    expect(confirmAnswerOf({ confirm: 'no' })).toBe('no');
    expect(confirmAnswerOf({ confirm: 'maybe' })).toBeUndefined();
    expect(confirmAnswerOf({ suggestion: 'Ja' })).toBeUndefined();
    expect(confirmAnswerOf('yes')).toBeUndefined();
    expect(confirmAnswerOf(undefined)).toBeUndefined();
  });
});
