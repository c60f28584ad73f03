import { boundedEditDistance } from '../knowledge/editDistance';
import type { KnowledgeBase } from '../knowledge/knowledgeBase';
import type { Language } from '../knowledge/schema';
import type { AnswerFeedback, QuestionEvent, QuestionOutcome } from '../store/types';

/**
 * The support report's numbers, computed from stored question events and answer feedback.
 * Pure: no database, no bot framework, no clock (the window comes in as options).
 */

/** Outcomes that are a merchant's question (a handoff is counted separately). */
export const QUESTION_OUTCOMES: readonly QuestionOutcome[] = ['answered', 'low-confidence', 'clarify', 'fallback'];
/** Outcomes whose (redacted) text is kept: what the bot could not answer with confidence. */
export const UNANSWERED_OUTCOMES = ['fallback', 'low-confidence', 'clarify'] as const;
export type UnansweredOutcome = (typeof UNANSWERED_OUTCOMES)[number];

export interface ReportOptions {
  since: Date;
  until: Date;
  /** Days are calendar days in this time zone; default: the knowledge base's (support's) time zone. */
  timeZone?: string;
  /** How many groups of unanswered questions to list. */
  topGroups?: number;
  /** Token-set similarity (0..1) from which two questions count as the same question; default 1/3. */
  similarity?: number;
  /** Entries need this many votes to be ranked by their 👎 share. */
  minVotes?: number;
}

export interface Suggestion {
  entryId: string;
  title: string;
  confidence: number;
}

export interface UnansweredGroup {
  /** How many times it was asked. */
  size: number;
  /** The most frequent wording. */
  representative: string;
  /** Other wordings, most frequent first (at most 5). */
  variants: string[];
  outcomes: Record<UnansweredOutcome, number>;
  language: Language;
  /** The FAQ entry that comes closest, as a hint for what to add phrasings to (or that a new entry is needed). */
  suggestion?: Suggestion;
  lastAsked: Date;
}

export interface EntryFeedback {
  entryId: string;
  title: string;
  up: number;
  down: number;
  total: number;
  /** 👎 / total. */
  downShare: number;
  /** Questions that got a 👎 (redacted), at most 3. */
  downQuestions: string[];
}

export interface DailyRate {
  day: string;
  /** "da · webchat" */
  series: string;
  questions: number;
  answered: number;
  handoffs: number;
  /** Undefined on a day without questions. */
  answerRate?: number;
  handoffRate?: number;
}

export interface Totals {
  questions: number;
  answered: number;
  lowConfidence: number;
  clarify: number;
  fallback: number;
  handoffs: number;
  answerRate?: number;
  handoffRate?: number;
  feedbackUp: number;
  feedbackDown: number;
}

export interface SeriesTotals extends Totals {
  series: string;
}

export interface DailyVolume {
  day: string;
  counts: Record<QuestionOutcome, number>;
}

export interface SupportReport {
  since: Date;
  until: Date;
  timeZone: string;
  days: string[];
  totals: Totals;
  /** Per language and channel, sorted by name. */
  series: SeriesTotals[];
  groups: UnansweredGroup[];
  /** Groups beyond `topGroups`. */
  moreGroups: number;
  worstEntries: EntryFeedback[];
  minVotes: number;
  /** One row per series and day, every day of the window. */
  rates: DailyRate[];
  volume: DailyVolume[];
}

/** "YYYY-MM-DD" of an instant in a time zone. */
export function dayKey(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** The UTC offset (ms) of a time zone at an instant: local wall-clock time minus UTC. */
function offsetAt(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(at);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(at.getTime() / 1000) * 1000;
}

/** Midnight (in the time zone) at the start of the calendar day `days - 1` days before `now`: a window of `days` whole days. */
export function windowStart(now: Date, days: number, timeZone: string): Date {
  const [y, m, d] = dayKey(now, timeZone).split('-').map(Number) as [number, number, number];
  const midnightUtc = Date.UTC(y, m - 1, d - (days - 1));
  const first = midnightUtc - offsetAt(new Date(midnightUtc), timeZone);
  // Once more with the offset at the result itself (daylight-saving changes at night).
  return new Date(midnightUtc - offsetAt(new Date(first), timeZone));
}

/** Every calendar day from `since` to `until`, in order. */
export function daysBetween(since: Date, until: Date, timeZone: string): string[] {
  const days: string[] = [];
  // Steps of 3 hours never skip a day, also across daylight-saving changes.
  for (let t = since.getTime(); t < until.getTime(); t += 3 * 3_600_000) {
    const day = dayKey(new Date(t), timeZone);
    if (days[days.length - 1] !== day) days.push(day);
  }
  const last = dayKey(until, timeZone);
  if (days[days.length - 1] !== last) days.push(last);
  return days;
}

export function seriesName(language: string, channel: string): string {
  return `${language} · ${channel}`;
}

/** Two words match when equal, or (both at least 5 letters) one edit apart: "mobilpay" and "mobilepay". */
function sameWord(a: string, b: string): boolean {
  return a === b || (a.length >= 5 && b.length >= 5 && boundedEditDistance(a, b, 1) <= 1);
}

/** Joins two neighbouring words where the other side writes them as one ("mobile pay" and "mobilepay"). */
function joinCompounds(words: readonly string[], other: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const next = words[i + 1];
    if (word === undefined) continue;
    const joined = next === undefined ? undefined : word + next;
    if (joined !== undefined && other.some((o) => sameWord(joined, o))) {
      out.push(joined);
      i++;
    } else out.push(word);
  }
  return out;
}

/**
 * Jaccard similarity of two word sets (|A ∩ B| / |A ∪ B|), where near-identical spellings and
 * split compounds count as the same word.
 */
export function tokenSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const left = [...new Set(joinCompounds(a, b))];
  const right = [...new Set(joinCompounds(b, a))];
  const matched = left.filter((w) => right.some((v) => sameWord(w, v))).length;
  return matched / (left.length + right.length - matched);
}

interface Wording {
  key: string;
  text: string;
  count: number;
  tokens: string[];
  outcomes: Record<UnansweredOutcome, number>;
  languages: Map<Language, number>;
  lastAsked: Date;
}

function emptyOutcomes(): Record<UnansweredOutcome, number> {
  return { fallback: 0, 'low-confidence': 0, clarify: 0 };
}

function isUnanswered(outcome: QuestionOutcome): outcome is UnansweredOutcome {
  return (UNANSWERED_OUTCOMES as readonly string[]).includes(outcome);
}

function toLanguage(language: string): Language {
  return language === 'en' ? 'en' : 'da';
}

/** Questions have few content words: sharing one of two ("mobilepay integration", "mobilepay support") is the same topic. */
export const DEFAULT_SIMILARITY = 1 / 3;

/**
 * Groups the stored unanswered questions by similarity: their words after the FAQ's own
 * normalisation (case, æøå, stems, synonyms, stop words), with a token-set Jaccard similarity to the
 * group's most frequent wording of at least `similarity`. Greedy and deterministic: wordings are
 * taken most frequent first, and each joins the first group it is similar enough to.
 */
export function groupUnanswered(kb: KnowledgeBase, events: readonly QuestionEvent[], similarity = DEFAULT_SIMILARITY): UnansweredGroup[] {
  const wordings = new Map<string, Wording>();
  const texts = new Map<string, Map<string, number>>();
  for (const event of events) {
    if (!isUnanswered(event.outcome) || !event.question?.trim()) continue;
    const text = event.question.trim();
    const key = kb.fold(text) || text.toLowerCase();
    let wording = wordings.get(key);
    if (!wording) {
      wording = { key, text, count: 0, tokens: kb.terms(text), outcomes: emptyOutcomes(), languages: new Map(), lastAsked: event.createdAt };
      wordings.set(key, wording);
    }
    wording.count += 1;
    wording.outcomes[event.outcome] += 1;
    const language = toLanguage(event.language);
    wording.languages.set(language, (wording.languages.get(language) ?? 0) + 1);
    if (event.createdAt > wording.lastAsked) wording.lastAsked = event.createdAt;
    const forms = texts.get(key) ?? new Map<string, number>();
    texts.set(key, forms);
    forms.set(text, (forms.get(text) ?? 0) + 1);
  }
  // The most frequent spelling of each wording is the one shown.
  for (const wording of wordings.values()) wording.text = mostFrequent(texts.get(wording.key), wording.text);

  const ordered = [...wordings.values()].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  const clusters: { founder: Wording; members: Wording[] }[] = [];
  for (const wording of ordered) {
    const cluster = clusters.find((c) => tokenSimilarity(c.founder.tokens, wording.tokens) >= similarity - 1e-9);
    if (cluster) cluster.members.push(wording);
    else clusters.push({ founder: wording, members: [wording] });
  }

  const groups = clusters.map(({ founder, members }): UnansweredGroup => {
    const outcomes = emptyOutcomes();
    const languages = new Map<Language, number>();
    let lastAsked = founder.lastAsked;
    for (const m of members) {
      for (const o of UNANSWERED_OUTCOMES) outcomes[o] += m.outcomes[o];
      for (const [l, n] of m.languages) languages.set(l, (languages.get(l) ?? 0) + n);
      if (m.lastAsked > lastAsked) lastAsked = m.lastAsked;
    }
    const language = (languages.get('en') ?? 0) > (languages.get('da') ?? 0) ? 'en' : 'da';
    return {
      size: members.reduce((sum, m) => sum + m.count, 0),
      representative: founder.text,
      variants: members.slice(1, 6).map((m) => m.text),
      outcomes,
      language,
      suggestion: nearestEntry(kb, members.map((m) => m.text), language),
      lastAsked,
    };
  });
  return groups.sort((a, b) => b.size - a.size || a.representative.localeCompare(b.representative));
}

/** The most frequent text (ties: alphabetically first); `otherwise` when there is none. */
function mostFrequent(counts: Map<string, number> | undefined, otherwise: string): string {
  const [first] = [...(counts ?? [])].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return first?.[0] ?? otherwise;
}

/**
 * The FAQ entry the matcher finds closest to any of the wordings, whatever its decision was, if it is
 * at least as likely as an entry the bot would offer in a clarification (suggestConfidence).
 */
function nearestEntry(kb: KnowledgeBase, wordings: string[], language: Language): Suggestion | undefined {
  let best: Suggestion | undefined;
  for (const text of wordings) {
    const candidate = kb.matcher.match(text).decision.candidates[0];
    const confidence = candidate?.confidence ?? 0;
    if (candidate && confidence >= kb.data.matching.suggestConfidence && (!best || confidence > best.confidence)) best = { entryId: candidate.entry.id, title: kb.title(candidate.entry, language), confidence };
  }
  return best;
}

/** FAQ entries by their share of 👎 (at least `minVotes` votes), worst first. */
export function worstFeedback(kb: KnowledgeBase, feedback: readonly AnswerFeedback[], minVotes = 3): EntryFeedback[] {
  const byEntry = new Map<string, EntryFeedback>();
  for (const f of feedback) {
    let row = byEntry.get(f.entryId);
    if (!row) {
      const entry = kb.entry(f.entryId);
      row = { entryId: f.entryId, title: entry ? kb.title(entry, 'da') : f.entryId, up: 0, down: 0, total: 0, downShare: 0, downQuestions: [] };
      byEntry.set(f.entryId, row);
    }
    row.total += 1;
    if (f.helpful) row.up += 1;
    else {
      row.down += 1;
      if (row.downQuestions.length < 3 && f.question && !row.downQuestions.includes(f.question)) row.downQuestions.push(f.question);
    }
  }
  const rows = [...byEntry.values()].filter((r) => r.total >= minVotes);
  for (const r of rows) r.downShare = r.down / r.total;
  return rows.sort((a, b) => b.downShare - a.downShare || b.down - a.down || a.entryId.localeCompare(b.entryId));
}

function emptyTotals(): Totals {
  return { questions: 0, answered: 0, lowConfidence: 0, clarify: 0, fallback: 0, handoffs: 0, feedbackUp: 0, feedbackDown: 0 };
}

function addEvent(totals: Totals, outcome: QuestionOutcome): void {
  if (outcome === 'handoff') {
    totals.handoffs += 1;
    return;
  }
  totals.questions += 1;
  if (outcome === 'answered' || outcome === 'low-confidence') totals.answered += 1;
  if (outcome === 'low-confidence') totals.lowConfidence += 1;
  if (outcome === 'clarify') totals.clarify += 1;
  if (outcome === 'fallback') totals.fallback += 1;
}

function withRates<T extends Totals>(totals: T): T {
  if (totals.questions > 0) {
    totals.answerRate = totals.answered / totals.questions;
    totals.handoffRate = totals.handoffs / totals.questions;
  }
  return totals;
}

/**
 * The whole report. Answer rate = questions answered (also with low confidence) / questions asked;
 * handoff rate = handoffs / questions asked. A clarification counts as a question not answered
 * (the pick that follows it counts as an answered one).
 */
export function buildReport(kb: KnowledgeBase, questionEvents: readonly QuestionEvent[], feedback: readonly AnswerFeedback[], options: ReportOptions): SupportReport {
  const timeZone = options.timeZone ?? kb.timeZone;
  const inWindow = <T extends { createdAt: Date }>(x: T): boolean => x.createdAt >= options.since && x.createdAt <= options.until;
  const events = questionEvents.filter(inWindow);
  const votes = feedback.filter(inWindow);
  const days = daysBetween(options.since, options.until, timeZone);
  const minVotes = options.minVotes ?? 3;

  const totals = emptyTotals();
  const bySeries = new Map<string, SeriesTotals>();
  const cells = new Map<string, DailyRate>();
  const volume = new Map<string, DailyVolume>(days.map((day) => [day, { day, counts: { answered: 0, 'low-confidence': 0, clarify: 0, fallback: 0, handoff: 0 } }]));
  for (const e of events) {
    const series = seriesName(e.language, e.channel);
    const day = dayKey(e.createdAt, timeZone);
    addEvent(totals, e.outcome);
    let s = bySeries.get(series);
    if (!s) bySeries.set(series, (s = { series, ...emptyTotals() }));
    addEvent(s, e.outcome);
    const cellKey = `${series}|${day}`;
    let cell = cells.get(cellKey);
    if (!cell) cells.set(cellKey, (cell = { day, series, questions: 0, answered: 0, handoffs: 0 }));
    if (e.outcome === 'handoff') cell.handoffs += 1;
    else {
      cell.questions += 1;
      if (e.outcome === 'answered' || e.outcome === 'low-confidence') cell.answered += 1;
    }
    const v = volume.get(day);
    if (v) v.counts[e.outcome] += 1;
  }
  for (const f of votes) {
    const s = bySeries.get(seriesName(f.language, f.channel));
    if (f.helpful) totals.feedbackUp += 1;
    else totals.feedbackDown += 1;
    if (s) {
      if (f.helpful) s.feedbackUp += 1;
      else s.feedbackDown += 1;
    }
  }

  const seriesNames = [...bySeries.keys()].sort();
  const rates: DailyRate[] = [];
  for (const series of seriesNames) {
    for (const day of days) {
      const cell = cells.get(`${series}|${day}`) ?? { day, series, questions: 0, answered: 0, handoffs: 0 };
      if (cell.questions > 0) {
        cell.answerRate = cell.answered / cell.questions;
        cell.handoffRate = cell.handoffs / cell.questions;
      }
      rates.push(cell);
    }
  }

  const allGroups = groupUnanswered(kb, events, options.similarity);
  const top = options.topGroups ?? 10;
  return {
    since: options.since,
    until: options.until,
    timeZone,
    days,
    totals: withRates(totals),
    series: seriesNames.map((name) => withRates(bySeries.get(name)!)),
    groups: allGroups.slice(0, top),
    moreGroups: Math.max(0, allGroups.length - top),
    worstEntries: worstFeedback(kb, votes, minVotes),
    minVotes,
    rates,
    volume: days.map((day) => volume.get(day)!),
  };
}
