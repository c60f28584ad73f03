import { buildReport, daysBetween, groupUnanswered, tokenSimilarity, windowStart, worstFeedback } from '../scripts/reportModel';
import { renderHtml, renderText } from '../scripts/reportRender';
import type { AnswerFeedback, QuestionEvent, QuestionOutcome } from '../store/types';
import { realKnowledge } from './helpers/knowledge';

const kb = realKnowledge();
const TZ = 'Europe/Copenhagen';
const NOW = new Date('2026-11-27T15:00:00Z');
const SINCE = windowStart(NOW, 3, TZ);

let id = 0;
function event(outcome: QuestionOutcome, at: string, extra: Partial<QuestionEvent> = {}): QuestionEvent {
  return { id: ++id, outcome, language: 'da', channel: 'webchat', conversationId: `c${id}`, createdAt: new Date(at), ...extra };
}
function vote(entryId: string, helpful: boolean, question = 'et spørgsmål', extra: Partial<AnswerFeedback> = {}): AnswerFeedback {
  return { id: ++id, entryId, helpful, question, score: 0.8, language: 'da', channel: 'webchat', conversationId: `c${id}`, createdAt: new Date('2026-11-27T09:00:00Z'), ...extra };
}
const times = (n: number, make: () => QuestionEvent): QuestionEvent[] => Array.from({ length: n }, make);

describe('report: grouping unanswered questions', () => {
  it('treats near-identical spellings and split compounds as the same word', () => {
    expect(tokenSimilarity(['mobilepay', 'integration'], ['mobilpay', 'integration'])).toBe(1);
    expect(tokenSimilarity(['add', 'mobile', 'pay'], ['mobilepay', 'support'])).toBeCloseTo(1 / 3);
    expect(tokenSimilarity(['faktura'], ['shopify', 'plugin'])).toBe(0);
    expect(tokenSimilarity([], ['x'])).toBe(0);
  });

  it('groups wordings of the same question, most asked first, and ignores answered questions', () => {
    const at = '2026-11-26T10:00:00Z';
    const events = [
      ...times(4, () => event('fallback', at, { question: 'mobilepay integration' })),
      ...times(2, () => event('fallback', at, { question: 'MobilePay integration!' })),
      ...times(2, () => event('fallback', at, { question: 'hvordan tilføjer jeg mobilepay' })),
      event('low-confidence', at, { question: 'how do I add mobile pay', language: 'en' }),
      ...times(3, () => event('fallback', at, { question: 'shopify plugin' })),
      event('clarify', at, { question: 'har I et modul til shopify' }),
      event('fallback', at, { question: 'hvordan bliver vejret i morgen' }),
      ...times(5, () => event('answered', at, { entryId: 'payout-timing' })),
    ];
    const groups = groupUnanswered(kb, events);
    expect(groups.map((g) => [g.size, g.representative])).toEqual([
      [9, 'mobilepay integration'],
      [4, 'shopify plugin'],
      [1, 'hvordan bliver vejret i morgen'],
    ]);
    expect(groups[0]?.variants).toEqual(['hvordan tilføjer jeg mobilepay', 'how do I add mobile pay']);
    expect(groups[0]?.outcomes).toEqual({ fallback: 8, 'low-confidence': 1, clarify: 0 });
    expect(groups[1]?.outcomes).toEqual({ fallback: 3, 'low-confidence': 0, clarify: 1 });
  });

  it('suggests the nearest FAQ entry when the matcher finds one', () => {
    const question = 'mistænkelig';
    const [nearest] = kb.matcher.match(question).decision.candidates;
    if (!nearest) throw new Error(`the matcher has no candidate for "${question}"`);
    const [group] = groupUnanswered(kb, [event('clarify', '2026-11-26T10:00:00Z', { question })]);
    expect(group?.suggestion).toEqual({ entryId: nearest.entry.id, title: kb.title(nearest.entry, 'da'), confidence: nearest.confidence });
    const [unknown] = groupUnanswered(kb, [event('fallback', '2026-11-26T10:00:00Z', { question: 'hvem vinder superligaen' })]);
    expect(unknown?.suggestion).toBeUndefined();
  });
});

describe('report: feedback and rates', () => {
  it('ranks entries by their share of 👎, only with enough votes', () => {
    const votes = [
      ...[true, false, false, false].map((h) => vote('payout-timing', h, 'hvornår får jeg pengene')),
      ...[true, true, false].map((h) => vote('refund-timing', h)),
      ...[false, false].map((h) => vote('opening-hours', h)),
    ];
    const rows = worstFeedback(kb, votes, 3);
    expect(rows.map((r) => [r.entryId, r.down, r.total])).toEqual([
      ['payout-timing', 3, 4],
      ['refund-timing', 1, 3],
    ]);
    expect(rows[0]?.downShare).toBe(0.75);
    expect(rows[0]?.downQuestions).toEqual(['hvornår får jeg pengene']);
    expect(rows[0]?.title).toBe(kb.title(kb.entry('payout-timing')!, 'da'));
  });

  it('computes daily answer and handoff rates per language and channel, over whole days in Copenhagen', () => {
    expect(daysBetween(SINCE, NOW, TZ)).toEqual(['2026-11-25', '2026-11-26', '2026-11-27']);
    const events = [
      // 25 Nov, da · webchat: 3 answered (one with low confidence), 1 fallback, 1 handoff.
      event('answered', '2026-11-25T09:00:00Z'),
      event('answered', '2026-11-25T10:00:00Z'),
      event('low-confidence', '2026-11-25T11:00:00Z', { question: 'x' }),
      event('fallback', '2026-11-25T12:00:00Z', { question: 'y' }),
      event('handoff', '2026-11-25T12:01:00Z'),
      // 23:30 UTC on 26 Nov is already 27 Nov in Copenhagen.
      event('clarify', '2026-11-26T23:30:00Z', { question: 'z' }),
      event('answered', '2026-11-27T08:00:00Z'),
      // en · msteams on 26 Nov only.
      event('answered', '2026-11-26T08:00:00Z', { language: 'en', channel: 'msteams' }),
      event('fallback', '2026-11-26T08:00:00Z', { language: 'en', channel: 'msteams', question: 'w' }),
      // Outside the window.
      event('fallback', '2026-11-24T20:00:00Z', { question: 'old' }),
    ];
    const report = buildReport(kb, events, [vote('payout-timing', false)], { since: SINCE, until: NOW, timeZone: TZ });
    expect(report.series.map((s) => s.series)).toEqual(['da · webchat', 'en · msteams']);
    const rate = (series: string, day: string) => report.rates.find((r) => r.series === series && r.day === day)!;
    expect(rate('da · webchat', '2026-11-25')).toMatchObject({ questions: 4, answered: 3, handoffs: 1, answerRate: 0.75, handoffRate: 0.25 });
    expect(rate('da · webchat', '2026-11-26')).toMatchObject({ questions: 0 });
    expect(rate('da · webchat', '2026-11-26').answerRate).toBeUndefined();
    expect(rate('da · webchat', '2026-11-27')).toMatchObject({ questions: 2, answered: 1, answerRate: 0.5, handoffRate: 0 });
    expect(rate('en · msteams', '2026-11-26')).toMatchObject({ questions: 2, answered: 1, answerRate: 0.5 });
    expect(report.rates).toHaveLength(6);
    expect(report.totals).toMatchObject({ questions: 8, answered: 5, lowConfidence: 1, clarify: 1, fallback: 2, handoffs: 1, feedbackDown: 1, answerRate: 5 / 8, handoffRate: 1 / 8 });
    expect(report.groups.map((g) => g.representative)).not.toContain('old');
  });
});

describe('report: output', () => {
  const events = [
    ...times(3, () => event('fallback', '2026-11-26T10:00:00Z', { question: '<script>alert("x")</script> kan jeg få mobilepay' })),
    event('fallback', '2026-11-26T10:00:00Z', { question: 'mobilepay & "shopify" <b>nu</b>' }),
    event('answered', '2026-11-26T10:00:00Z'),
    event('answered', '2026-11-27T10:00:00Z'),
    event('handoff', '2026-11-26T10:05:00Z', { language: 'en', channel: 'msteams' }),
  ];
  const feedback = [vote('payout-timing', false, '<img src=x onerror=alert(1)>'), vote('payout-timing', false), vote('payout-timing', true)];
  const report = buildReport(kb, events, feedback, { since: SINCE, until: NOW, timeZone: TZ });
  const html = renderHtml(report, NOW);

  it('writes one self-contained HTML file: inline SVG charts, no scripts, nothing fetched from elsewhere', () => {
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<svg');
    expect(html).toContain('<polyline');
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/<script|<link|@import|url\(/i);
  });

  it('escapes what merchants wrote', () => {
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; kan jeg få mobilepay');
    expect(html).toContain('mobilepay &amp; &quot;shopify&quot; &lt;b&gt;nu&lt;/b&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>nu');
  });

  it('prints the same findings as text', () => {
    const text = renderText(report);
    // Both wordings ask about MobilePay (the concept #payment-method), so they are one group.
    expect(text).toContain('4×  "<script>alert("x")</script> kan jeg få mobilepay"');
    expect(text).toMatch(/payout-timing\s+👎 2\/3/);
    expect(text).toMatch(/en · msteams\s+0 questions/);
  });
});
