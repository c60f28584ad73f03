import { z } from 'zod';
import { loadYamlFile } from './loader';
import type { BilingualText, Language } from './schema';

/**
 * Support's opening hours (knowledge/opening-hours.yaml): is support open at a given moment, when
 * does it open next, and how to say the hours in Danish or English.
 *
 * Pure: the clock is always passed in, and time-zone math uses only Intl.DateTimeFormat, so the
 * answers do not depend on the server's own time zone.
 */

// ---------------------------------------------------------------------------------------------
// Holidays

/** Holiday rules that opening-hours.yaml may list under `holidays:`. Store Bededag is gone from 2024. */
export const holidayIds = [
  'new-years-day',
  'maundy-thursday',
  'good-friday',
  'easter-sunday',
  'easter-monday',
  'ascension-day',
  'whit-sunday',
  'whit-monday',
  'constitution-day',
  'christmas-eve',
  'christmas-day',
  'boxing-day',
  'new-years-eve',
] as const;
export type HolidayId = (typeof holidayIds)[number];

type HolidayRule = { name: BilingualText } & ({ easterOffset: number } | { month: number; day: number });

const holidayRules: Record<HolidayId, HolidayRule> = {
  'new-years-day': { month: 1, day: 1, name: { da: 'Nytårsdag', en: "New Year's Day" } },
  'maundy-thursday': { easterOffset: -3, name: { da: 'Skærtorsdag', en: 'Maundy Thursday' } },
  'good-friday': { easterOffset: -2, name: { da: 'Langfredag', en: 'Good Friday' } },
  'easter-sunday': { easterOffset: 0, name: { da: 'Påskedag', en: 'Easter Sunday' } },
  'easter-monday': { easterOffset: 1, name: { da: '2. påskedag', en: 'Easter Monday' } },
  'ascension-day': { easterOffset: 39, name: { da: 'Kristi himmelfartsdag', en: 'Ascension Day' } },
  'whit-sunday': { easterOffset: 49, name: { da: 'Pinsedag', en: 'Whit Sunday' } },
  'whit-monday': { easterOffset: 50, name: { da: '2. pinsedag', en: 'Whit Monday' } },
  'constitution-day': { month: 6, day: 5, name: { da: 'Grundlovsdag', en: 'Constitution Day' } },
  'christmas-eve': { month: 12, day: 24, name: { da: 'Juleaftensdag', en: 'Christmas Eve' } },
  'christmas-day': { month: 12, day: 25, name: { da: 'Juledag', en: 'Christmas Day' } },
  'boxing-day': { month: 12, day: 26, name: { da: '2. juledag', en: 'Boxing Day' } },
  'new-years-eve': { month: 12, day: 31, name: { da: 'Nytårsaftensdag', en: "New Year's Eve" } },
};

export interface Holiday {
  /** YYYY-MM-DD, a calendar date in Denmark. */
  date: string;
  id: HolidayId;
  name: BilingualText;
}

/** A calendar date without a time or zone. */
interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** Easter Sunday of a Gregorian year as YYYY-MM-DD (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  return isoDate(easterDate(year));
}

function easterDate(year: number): LocalDate {
  if (!Number.isInteger(year) || year < 1583) throw new RangeError(`easterSunday: ${year} is not a Gregorian year`);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const n = h + l - 7 * m + 114;
  return { year, month: Math.floor(n / 31), day: (n % 31) + 1 };
}

/** The observed holidays of a year, in date order. */
export function danishHolidays(year: number, observedRuleIds: readonly HolidayId[]): Holiday[] {
  const easter = easterDate(year);
  const result: Holiday[] = [];
  for (const id of new Set(observedRuleIds)) {
    const rule = holidayRules[id];
    if (!rule) throw new RangeError(`danishHolidays: unknown holiday rule "${String(id)}"`);
    const date = 'easterOffset' in rule ? addDays(easter, rule.easterOffset) : { year, month: rule.month, day: rule.day };
    result.push({ date: isoDate(date), id, name: rule.name });
  }
  return result.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------
// Schema

const weekdayKeys = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
type WeekdayKey = (typeof weekdayKeys)[number];

const clockTimeSchema = z
  .string({ invalid_type_error: 'must be a time in quotes, like "09:00"' })
  .regex(/^([01]?\d|2[0-3]):[0-5]\d$/, 'must be a time from "00:00" to "23:59", like "09:00"');

const dayHoursSchema = z
  .object({ opens: clockTimeSchema, closes: clockTimeSchema })
  .strict()
  .refine((d) => minutesOf(d.closes) > minutesOf(d.opens), { message: 'must be later than "opens" on the same day', path: ['closes'] });
export type DayHours = z.infer<typeof dayHoursSchema>;

const weeklySchema = z
  .object(Object.fromEntries(weekdayKeys.map((k) => [k, dayHoursSchema.nullable().optional()])) as Record<WeekdayKey, z.ZodOptional<z.ZodNullable<typeof dayHoursSchema>>>)
  .strict()
  .refine((w) => weekdayKeys.some((k) => w[k]), { message: 'at least one day must have opening hours' });

const holidayIdSchema = z.enum(holidayIds, {
  errorMap: (issue, ctx) => {
    if (issue.code !== 'invalid_enum_value') return { message: ctx.defaultError };
    if (typeof ctx.data === 'string' && /bede|prayer/i.test(ctx.data)) {
      return { message: 'Store Bededag is no longer a public holiday (abolished from 2024); to close anyway, add the date under extraClosedDates' };
    }
    return { message: `unknown holiday "${String(ctx.data)}"; known holidays are ${holidayIds.join(', ')}` };
  },
});

const isoDateSchema = z
  .string({ invalid_type_error: 'must be a date in quotes, like "2026-12-23"' })
  .refine((s) => parseIsoDate(s) !== undefined, { message: 'must be a real date written YYYY-MM-DD, like "2026-12-23"' });

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** knowledge/opening-hours.yaml */
export const openingHoursSchema = z
  .object({
    timeZone: z.string().refine(isValidTimeZone, { message: 'is not a known time zone, e.g. "Europe/Copenhagen"' }),
    weekly: weeklySchema,
    holidays: z.array(holidayIdSchema).default([]),
    extraClosedDates: z.array(isoDateSchema).nullable().default([]).transform((d) => d ?? []),
  })
  .strict();
export type OpeningHoursConfig = z.infer<typeof openingHoursSchema>;
export type OpeningHoursInput = z.input<typeof openingHoursSchema>;

/** Reads and validates an opening-hours file. Throws a KnowledgeError naming the file and field. */
export function loadOpeningHours(file: string): OpeningHoursConfig {
  return loadYamlFile(file, openingHoursSchema);
}

// ---------------------------------------------------------------------------------------------
// Time zones, with Intl only

/** A wall-clock time in some zone. Month 1–12. */
export interface WallTime extends LocalDate {
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock time shown in `timeZone` at the instant `at`. */
export function wallTimeIn(at: Date, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour! % 24, // some ICU versions say 24 at midnight
    minute: parts.minute!,
    second: parts.second!,
  };
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The wall time read as if it were UTC, in ms. */
function wallAsUtcMs(w: WallTime): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/** How far the zone's clocks are ahead of UTC at instant `ms` (e.g. +2 h in Danish summer time). */
function offsetMs(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000; // Intl shows whole seconds
  return wallAsUtcMs(wallTimeIn(new Date(whole), timeZone)) - whole;
}

/**
 * The instant at which the zone's clocks show `wall`. Found by iterating on the offset: guess, read
 * the offset the zone has at the guess, correct the guess, until it no longer moves.
 * - When clocks go back (a wall time happens twice) the earlier instant is returned.
 * - When clocks go forward (a wall time does not exist) the time is moved forward by the gap,
 *   e.g. 02:30 on the last Sunday of March in Copenhagen becomes 03:30 summer time.
 */
export function wallTimeToUtc(wall: WallTime, timeZone: string): Date {
  const target = wallAsUtcMs(wall);
  let guess = target - offsetMs(target, timeZone);
  for (let round = 0; round < 4; round++) {
    const corrected = target - offsetMs(guess, timeZone);
    if (corrected === guess) {
      // Found. If the offset was larger shortly before, the same wall time also happened earlier.
      const earlier = target - offsetMs(guess - DAY_MS, timeZone);
      if (earlier < guess && wallAsUtcMs(wallTimeIn(new Date(earlier), timeZone)) === target) return new Date(earlier);
      return new Date(guess);
    }
    guess = corrected;
  }
  // No instant shows this wall time (a gap): use the offset from before the change.
  return new Date(target - offsetMs(target - DAY_MS, timeZone));
}

// ---------------------------------------------------------------------------------------------
// Opening hours

export interface ClosedDay {
  /** A holiday rule id, or "extra-closed-date" for a date from extraClosedDates. */
  id: HolidayId | 'extra-closed-date';
  name: BilingualText;
}

export interface OpeningStatus {
  open: boolean;
  /** When open: when support closes today. */
  closesAt?: Date;
  /** When closed: when support opens next. */
  nextOpen?: Date;
  /** When closed all day because of a holiday or an extra closed date. */
  holiday?: ClosedDay;
}

interface Period {
  opens: Date;
  closes: Date;
}

/** How many days ahead nextOpening looks before giving up (a year and a bit). */
const SEARCH_DAYS = 400;

/** Index = Date#getUTCDay() (0 = Sunday). */
const byUtcDay: readonly WeekdayKey[] = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

const dayNames: Record<Language, Record<WeekdayKey, string>> = {
  da: { monday: 'mandag', tuesday: 'tirsdag', wednesday: 'onsdag', thursday: 'torsdag', friday: 'fredag', saturday: 'lørdag', sunday: 'søndag' },
  en: { monday: 'Monday', tuesday: 'Tuesday', wednesday: 'Wednesday', thursday: 'Thursday', friday: 'Friday', saturday: 'Saturday', sunday: 'Sunday' },
};

const extraClosedName: BilingualText = { da: 'Ekstra lukkedag', en: 'Extra closed day' };

export class OpeningHours {
  readonly config: OpeningHoursConfig;
  private readonly extraClosed: ReadonlySet<string>;
  private readonly holidaysByYear = new Map<number, Map<string, Holiday>>();

  /** Validates the configuration; throws a ZodError if it is invalid. */
  constructor(config: OpeningHoursInput) {
    this.config = openingHoursSchema.parse(config);
    this.extraClosed = new Set(this.config.extraClosedDates);
  }

  static load(file: string): OpeningHours {
    return new OpeningHours(loadOpeningHours(file));
  }

  get timeZone(): string {
    return this.config.timeZone;
  }

  isOpen(at: Date): boolean {
    return this.periodContaining(at) !== undefined;
  }

  /** `at` itself if support is open then; otherwise the next moment support opens. */
  nextOpening(at: Date): Date {
    if (this.isOpen(at)) return new Date(at.getTime());
    const today = localDate(wallTimeIn(at, this.timeZone));
    for (let i = 0; i <= SEARCH_DAYS; i++) {
      const period = this.periodOn(addDays(today, i));
      if (period && period.opens.getTime() > at.getTime()) return period.opens;
    }
    throw new Error(`Support does not open within ${SEARCH_DAYS} days after ${at.toISOString()}; check opening-hours.yaml`);
  }

  status(at: Date): OpeningStatus {
    const period = this.periodContaining(at);
    if (period) return { open: true, closesAt: period.closes };
    const status: OpeningStatus = { open: false, nextOpen: this.nextOpening(at) };
    const holiday = this.closedDay(localDate(wallTimeIn(at, this.timeZone)));
    if (holiday) status.holiday = holiday;
    return status;
  }

  /** The weekly hours as a phrase, e.g. "mandag–torsdag 9.00–17.00 og fredag 9.30–16.00". Holidays are not mentioned. */
  describe(language: Language): string {
    const groups: { from: WeekdayKey; to: WeekdayKey; hours: DayHours }[] = [];
    let previous: DayHours | undefined;
    for (const key of weekdayKeys) {
      const hours = this.config.weekly[key] ?? undefined;
      const last = groups.at(-1);
      if (hours && previous && last && sameHours(hours, previous)) last.to = key;
      else if (hours) groups.push({ from: key, to: key, hours });
      previous = hours;
    }
    const names = dayNames[language];
    const phrases = groups.map(({ from, to, hours }) => {
      const days = from === to ? names[from] : `${names[from]}–${names[to]}`;
      return `${days} ${spokenTime(hours.opens)}–${spokenTime(hours.closes)}`;
    });
    if (phrases.length <= 1) return phrases.join('');
    return `${phrases.slice(0, -1).join(', ')} ${language === 'da' ? 'og' : 'and'} ${phrases.at(-1)!}`;
  }

  /** The holiday or extra closed day on a date, if any. */
  private closedDay(date: LocalDate): ClosedDay | undefined {
    const iso = isoDate(date);
    const holiday = this.holidaysOf(date.year).get(iso);
    if (holiday) return { id: holiday.id, name: holiday.name };
    if (this.extraClosed.has(iso)) return { id: 'extra-closed-date', name: extraClosedName };
    return undefined;
  }

  private holidaysOf(year: number): Map<string, Holiday> {
    let map = this.holidaysByYear.get(year);
    if (!map) {
      map = new Map(danishHolidays(year, this.config.holidays).map((h) => [h.date, h]));
      this.holidaysByYear.set(year, map);
    }
    return map;
  }

  /** When support is open on a local date, or undefined if closed all day. */
  private periodOn(date: LocalDate): Period | undefined {
    const hours = this.config.weekly[byUtcDay[weekdayOf(date)]!];
    if (!hours || this.closedDay(date)) return undefined;
    const at = (time: string): Date => {
      const minutes = minutesOf(time);
      return wallTimeToUtc({ ...date, hour: Math.floor(minutes / 60), minute: minutes % 60, second: 0 }, this.timeZone);
    };
    return { opens: at(hours.opens), closes: at(hours.closes) };
  }

  private periodContaining(at: Date): Period | undefined {
    if (Number.isNaN(at.getTime())) throw new RangeError('OpeningHours: invalid date');
    const period = this.periodOn(localDate(wallTimeIn(at, this.timeZone)));
    if (period && at.getTime() >= period.opens.getTime() && at.getTime() < period.closes.getTime()) return period;
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Small date helpers (calendar arithmetic in UTC, which has no DST)

function localDate(w: LocalDate): LocalDate {
  return { year: w.year, month: w.month, day: w.day };
}

function addDays(d: LocalDate, days: number): LocalDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday. */
function weekdayOf(d: LocalDate): number {
  return new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
}

function isoDate(d: LocalDate): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

function parseIsoDate(s: string): LocalDate | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return undefined;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  const t = new Date(Date.UTC(date.year, date.month - 1, date.day));
  return t.getUTCFullYear() === date.year && t.getUTCMonth() + 1 === date.month && t.getUTCDate() === date.day ? date : undefined;
}

function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h! * 60 + m!;
}

function sameHours(a: DayHours, b: DayHours): boolean {
  return minutesOf(a.opens) === minutesOf(b.opens) && minutesOf(a.closes) === minutesOf(b.closes);
}

/** "09:30" → "9.30", the way Danish support writes times. */
function spokenTime(time: string): string {
  const minutes = minutesOf(time);
  return `${Math.floor(minutes / 60)}.${String(minutes % 60).padStart(2, '0')}`;
}
