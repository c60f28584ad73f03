import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { load } from 'js-yaml';
import {
  danishHolidays,
  easterSunday,
  holidayIds,
  loadOpeningHours,
  OpeningHours,
  wallTimeIn,
  wallTimeToUtc,
  type OpeningHoursInput,
} from '../knowledge/openingHours';

// All moments are written as Copenhagen wall time with an explicit offset (+01:00 winter, +02:00
// summer), and all expectations as UTC, so nothing depends on the system clock or time zone.
const at = (iso: string): Date => new Date(iso);
const utc = (d: Date): string => d.toISOString();

const knowledgeDir = path.join(__dirname, '..', 'knowledge');
const yamlFile = path.join(knowledgeDir, 'opening-hours.yaml');
/** An operator's configuration with closing days (the shipped file has none: the support page states only the weekly hours). */
const withHolidaysFile = path.join(__dirname, 'fixtures', 'opening-hours-with-holidays.yaml');

/** The shipped weekly hours with every holiday rule configured, for tests that vary one part. */
const standard: OpeningHoursInput = {
  timeZone: 'Europe/Copenhagen',
  weekly: {
    monday: { opens: '09:00', closes: '17:00' },
    tuesday: { opens: '09:00', closes: '17:00' },
    wednesday: { opens: '09:00', closes: '17:00' },
    thursday: { opens: '09:00', closes: '17:00' },
    friday: { opens: '09:30', closes: '16:00' },
  },
  holidays: [...holidayIds],
};

describe('easterSunday', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2000, '2000-04-23'],
    [2038, '2038-04-25'], // latest possible date
    [2285, '2285-03-22'], // earliest possible date
  ])('%i → %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  it('refuses years that are not Gregorian', () => {
    expect(() => easterSunday(1500)).toThrow(RangeError);
    expect(() => easterSunday(2026.5)).toThrow(RangeError);
  });
});

describe('danishHolidays', () => {
  it('computes every rule for 2026, in date order', () => {
    expect(danishHolidays(2026, holidayIds).map((h) => `${h.date} ${h.id}`)).toEqual([
      '2026-01-01 new-years-day',
      '2026-04-02 maundy-thursday',
      '2026-04-03 good-friday',
      '2026-04-05 easter-sunday',
      '2026-04-06 easter-monday',
      '2026-05-14 ascension-day',
      '2026-05-24 whit-sunday',
      '2026-05-25 whit-monday',
      '2026-06-05 constitution-day',
      '2026-12-24 christmas-eve',
      '2026-12-25 christmas-day',
      '2026-12-26 boxing-day',
      '2026-12-31 new-years-eve',
    ]);
  });

  it('follows an early Easter (2024) and has no Store Bededag', () => {
    const dates = danishHolidays(2024, holidayIds).map((h) => h.date);
    expect(dates).toEqual(expect.arrayContaining(['2024-03-28', '2024-03-29', '2024-04-01', '2024-05-09', '2024-05-20']));
    // Store Bededag would have been the 4th Friday after Easter: 26 April 2024.
    expect(dates).not.toContain('2024-04-26');
    expect(danishHolidays(2026, holidayIds).map((h) => h.date)).not.toContain('2026-05-01');
  });

  it('returns only the observed rules, with names in both languages', () => {
    expect(danishHolidays(2026, ['whit-monday', 'christmas-day'])).toEqual([
      { date: '2026-05-25', id: 'whit-monday', name: { da: '2. pinsedag', en: 'Whit Monday' } },
      { date: '2026-12-25', id: 'christmas-day', name: { da: 'Juledag', en: 'Christmas Day' } },
    ]);
    expect(danishHolidays(2026, [])).toEqual([]);
  });
});

describe('time-zone conversion (Intl only)', () => {
  it('reads Copenhagen wall time in winter and in summer', () => {
    expect(wallTimeIn(at('2026-01-15T08:00:00Z'), 'Europe/Copenhagen')).toEqual({ year: 2026, month: 1, day: 15, hour: 9, minute: 0, second: 0 });
    expect(wallTimeIn(at('2026-07-15T22:30:00Z'), 'Europe/Copenhagen')).toEqual({ year: 2026, month: 7, day: 16, hour: 0, minute: 30, second: 0 });
  });

  it('turns wall time into UTC on both sides of a DST change', () => {
    const wall = (month: number, day: number, hour: number, minute = 0) => ({ year: 2026, month, day, hour, minute, second: 0 });
    expect(utc(wallTimeToUtc(wall(3, 28, 9), 'Europe/Copenhagen'))).toBe('2026-03-28T08:00:00.000Z');
    expect(utc(wallTimeToUtc(wall(3, 30, 9), 'Europe/Copenhagen'))).toBe('2026-03-30T07:00:00.000Z');
    expect(utc(wallTimeToUtc(wall(10, 24, 9), 'Europe/Copenhagen'))).toBe('2026-10-24T07:00:00.000Z');
    expect(utc(wallTimeToUtc(wall(10, 26, 9), 'Europe/Copenhagen'))).toBe('2026-10-26T08:00:00.000Z');
  });

  it('moves a time in the spring gap forward and takes the earlier of a doubled autumn time', () => {
    // 29 March 2026: 02:00 → 03:00, so 02:30 does not exist and becomes 03:30 summer time.
    expect(utc(wallTimeToUtc({ year: 2026, month: 3, day: 29, hour: 2, minute: 30, second: 0 }, 'Europe/Copenhagen'))).toBe('2026-03-29T01:30:00.000Z');
    // 25 October 2026: 03:00 → 02:00, so 02:30 happens twice; the first is still summer time.
    expect(utc(wallTimeToUtc({ year: 2026, month: 10, day: 25, hour: 2, minute: 30, second: 0 }, 'Europe/Copenhagen'))).toBe('2026-10-25T00:30:00.000Z');
  });
});

describe('OpeningHours on the real opening-hours.yaml', () => {
  const hours = OpeningHours.load(yamlFile);

  it('loads the file as written', () => {
    const config = loadOpeningHours(yamlFile);
    expect(config.timeZone).toBe('Europe/Copenhagen');
    expect(config.weekly.friday).toEqual({ opens: '09:30', closes: '16:00' });
    expect(config.weekly.saturday ?? null).toBeNull();
    expect(config.weekly.sunday ?? null).toBeNull();
    expect(config.holidays).toEqual([]);
    expect(config.extraClosedDates).toEqual([]);
  });

  it('names no closed day the support page does not state: Easter Monday and Christmas Eve are ordinary weekdays', () => {
    const easterMonday = at('2026-04-06T10:00:00+02:00');
    expect(hours.status(easterMonday)).toEqual({ open: true, closesAt: new Date('2026-04-06T15:00:00.000Z') });
    expect(hours.isOpen(at('2026-12-24T11:00:00+01:00'))).toBe(true);
    expect(hours.status(at('2026-06-05T11:00:00+02:00')).holiday).toBeUndefined();
  });

  it('describes the hours in Danish and English, exactly as contact.yaml says them', () => {
    expect(hours.describe('da')).toBe('mandag–torsdag 9.00–17.00 og fredag 9.30–16.00');
    expect(hours.describe('en')).toBe('Monday–Thursday 9.00–17.00 and Friday 9.30–16.00');
    const contact = load(fs.readFileSync(path.join(knowledgeDir, 'contact.yaml'), 'utf8')) as { hours: { da: string; en: string } };
    expect(contact.hours).toEqual({ da: hours.describe('da'), en: hours.describe('en') });
  });

  it('is closed on a weekday before opening and opens the same day at 09:00', () => {
    const tuesday = at('2026-04-14T08:30:00+02:00');
    expect(hours.isOpen(tuesday)).toBe(false);
    expect(utc(hours.nextOpening(tuesday))).toBe('2026-04-14T07:00:00.000Z');
    expect(hours.status(tuesday)).toEqual({ open: false, nextOpen: new Date('2026-04-14T07:00:00.000Z') });
  });

  it('is open on a Monday at noon, and says when it closes', () => {
    const monday = at('2026-04-13T12:00:00+02:00');
    expect(hours.isOpen(monday)).toBe(true);
    expect(hours.nextOpening(monday).getTime()).toBe(monday.getTime());
    expect(hours.status(monday)).toEqual({ open: true, closesAt: new Date('2026-04-13T15:00:00.000Z') });
  });

  it('opens at 09:00 sharp and closes at 17:00 sharp', () => {
    expect(hours.isOpen(at('2026-04-13T08:59:59+02:00'))).toBe(false);
    expect(hours.isOpen(at('2026-04-13T09:00:00+02:00'))).toBe(true);
    expect(hours.isOpen(at('2026-04-13T16:59:59+02:00'))).toBe(true);
    expect(hours.isOpen(at('2026-04-13T17:00:00+02:00'))).toBe(false);
  });

  it('on Friday is open at 15:59, closed at 16:01 and opens again Monday 09:00', () => {
    expect(hours.isOpen(at('2026-04-10T15:59:00+02:00'))).toBe(true);
    const late = at('2026-04-10T16:01:00+02:00');
    expect(hours.isOpen(late)).toBe(false);
    expect(utc(hours.nextOpening(late))).toBe('2026-04-13T07:00:00.000Z');
  });

  it('on Friday at 09:15 is closed and opens at 09:30', () => {
    const early = at('2026-04-10T09:15:00+02:00');
    expect(hours.isOpen(early)).toBe(false);
    expect(utc(hours.nextOpening(early))).toBe('2026-04-10T07:30:00.000Z');
  });

  it('is closed on Saturday and Sunday and opens Monday 09:00', () => {
    for (const weekend of ['2026-04-11T12:00:00+02:00', '2026-04-12T10:00:00+02:00']) {
      expect(hours.isOpen(at(weekend))).toBe(false);
      expect(utc(hours.nextOpening(at(weekend)))).toBe('2026-04-13T07:00:00.000Z');
      expect(hours.status(at(weekend)).holiday).toBeUndefined();
    }
  });

  it('finds Monday 09:00 summer time across the last weekend of March', () => {
    // Friday 27 March 2026 after closing (winter time) → Monday 30 March 09:00 CEST = 07:00 UTC.
    expect(utc(hours.nextOpening(at('2026-03-27T16:30:00+01:00')))).toBe('2026-03-30T07:00:00.000Z');
    // During the switch itself (Sunday 03:30 summer time).
    expect(utc(hours.nextOpening(at('2026-03-29T01:30:00Z')))).toBe('2026-03-30T07:00:00.000Z');
    // 07:30 UTC on that Monday is 09:30 in Copenhagen: open. With a winter offset it would be 08:30.
    expect(hours.isOpen(at('2026-03-30T07:30:00Z'))).toBe(true);
  });

  it('finds Monday 09:00 winter time across the last weekend of October', () => {
    // Friday 23 October 2026 at closing (summer time) → Monday 26 October 09:00 CET = 08:00 UTC.
    expect(utc(hours.nextOpening(at('2026-10-23T16:00:00+02:00')))).toBe('2026-10-26T08:00:00.000Z');
    // 07:30 UTC on that Monday is 08:30 in Copenhagen: not open yet. With a summer offset it would be 09:30.
    expect(hours.isOpen(at('2026-10-26T07:30:00Z'))).toBe(false);
    expect(hours.status(at('2026-10-26T15:00:00Z'))).toEqual({ open: true, closesAt: new Date('2026-10-26T16:00:00.000Z') });
  });

  it('refuses an invalid date', () => {
    expect(() => hours.isOpen(new Date(Number.NaN))).toThrow(/invalid date/);
  });
});

describe('OpeningHours with configured closing days (test/fixtures/opening-hours-with-holidays.yaml)', () => {
  const hours = OpeningHours.load(withHolidaysFile);

  it('loads the configured holidays', () => {
    expect([...loadOpeningHours(withHolidaysFile).holidays].sort()).toEqual([...holidayIds].sort());
  });

  it('is closed on Easter Monday 2026 and opens Tuesday 7 April 09:00', () => {
    const easterMonday = at('2026-04-06T10:00:00+02:00');
    expect(hours.isOpen(easterMonday)).toBe(false);
    expect(hours.status(easterMonday)).toEqual({
      open: false,
      nextOpen: new Date('2026-04-07T07:00:00.000Z'),
      holiday: { id: 'easter-monday', name: { da: '2. påskedag', en: 'Easter Monday' } },
    });
  });

  it('stays closed over the whole of Easter, from Wednesday evening to Tuesday', () => {
    expect(hours.isOpen(at('2026-04-02T10:00:00+02:00'))).toBe(false); // Skærtorsdag
    expect(hours.isOpen(at('2026-04-03T10:00:00+02:00'))).toBe(false); // Langfredag
    expect(hours.status(at('2026-04-05T10:00:00+02:00')).holiday?.id).toBe('easter-sunday');
    expect(utc(hours.nextOpening(at('2026-04-01T17:00:00+02:00')))).toBe('2026-04-07T07:00:00.000Z');
  });

  it('is closed on Ascension Day 2026 (Thursday 14 May) and opens Friday at 09:30', () => {
    const ascension = at('2026-05-14T11:00:00+02:00');
    expect(hours.isOpen(ascension)).toBe(false);
    expect(hours.status(ascension).holiday?.name.da).toBe('Kristi himmelfartsdag');
    expect(utc(hours.nextOpening(at('2026-05-13T17:30:00+02:00')))).toBe('2026-05-15T07:30:00.000Z');
  });

  it('is closed on Whit Monday 2026, so Friday 16:01 before it opens again on Tuesday', () => {
    expect(hours.isOpen(at('2026-05-25T11:00:00+02:00'))).toBe(false);
    expect(hours.status(at('2026-05-25T11:00:00+02:00')).holiday?.id).toBe('whit-monday');
    expect(utc(hours.nextOpening(at('2026-05-22T16:01:00+02:00')))).toBe('2026-05-26T07:00:00.000Z');
  });

  it('is closed on Grundlovsdag (Friday 5 June 2026)', () => {
    expect(hours.isOpen(at('2026-06-05T11:00:00+02:00'))).toBe(false);
    expect(utc(hours.nextOpening(at('2026-06-04T17:00:00+02:00')))).toBe('2026-06-08T07:00:00.000Z');
  });

  it('is closed 24–26 December and opens Monday 28 December 2026 in winter time', () => {
    expect(hours.isOpen(at('2026-12-23T16:00:00+01:00'))).toBe(true);
    for (const day of ['2026-12-24', '2026-12-25', '2026-12-26']) expect(hours.isOpen(at(`${day}T11:00:00+01:00`))).toBe(false);
    expect(hours.status(at('2026-12-24T11:00:00+01:00')).holiday?.name.en).toBe('Christmas Eve');
    expect(hours.status(at('2026-12-26T11:00:00+01:00')).holiday?.name.da).toBe('2. juledag');
    expect(utc(hours.nextOpening(at('2026-12-23T17:00:00+01:00')))).toBe('2026-12-28T08:00:00.000Z');
  });

  it('is closed on New Year’s Eve and Day and opens Monday 4 January 2027', () => {
    expect(utc(hours.nextOpening(at('2026-12-30T17:00:00+01:00')))).toBe('2027-01-04T08:00:00.000Z');
  });
});

describe('OpeningHours with other configurations', () => {
  it('keeps support open on a holiday that is removed from the list', () => {
    const open = new OpeningHours({ ...standard, holidays: standard.holidays!.filter((h) => h !== 'christmas-eve') });
    expect(open.isOpen(at('2026-12-24T11:00:00+01:00'))).toBe(true);
    expect(new OpeningHours(standard).isOpen(at('2026-12-24T11:00:00+01:00'))).toBe(false);
  });

  it('closes on extra closed dates', () => {
    const hours = new OpeningHours({ ...standard, extraClosedDates: ['2026-05-15'] });
    expect(hours.status(at('2026-05-15T11:00:00+02:00'))).toEqual({
      open: false,
      nextOpen: new Date('2026-05-18T07:00:00.000Z'),
      holiday: { id: 'extra-closed-date', name: { da: 'Ekstra lukkedag', en: 'Extra closed day' } },
    });
  });

  it('describes other weekly patterns', () => {
    const hours = new OpeningHours({
      ...standard,
      weekly: { ...standard.weekly, wednesday: null, saturday: { opens: '10:00', closes: '14:00' } },
    });
    expect(hours.describe('da')).toBe('mandag–tirsdag 9.00–17.00, torsdag 9.00–17.00, fredag 9.30–16.00 og lørdag 10.00–14.00');
    expect(hours.describe('en')).toBe('Monday–Tuesday 9.00–17.00, Thursday 9.00–17.00, Friday 9.30–16.00 and Saturday 10.00–14.00');
    expect(hours.isOpen(at('2026-04-11T10:30:00+02:00'))).toBe(true);
    expect(utc(hours.nextOpening(at('2026-04-14T17:00:00+02:00')))).toBe('2026-04-16T07:00:00.000Z');
  });

  it('refuses an invalid configuration', () => {
    expect(() => new OpeningHours({ ...standard, timeZone: 'Europe/Kopenhagen' })).toThrow(/time zone/);
  });
});

describe('loadOpeningHours rejects broken files', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opening-hours-'));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Writes the real file (or `source`) with one text replacement and loads it; returns the error message. */
  const loadBroken = (name: string, from: string | RegExp, to: string, source = yamlFile): string => {
    const original = fs.readFileSync(source, 'utf8');
    const broken = original.replace(from, to);
    expect(broken).not.toBe(original);
    const file = path.join(dir, name);
    fs.writeFileSync(file, broken);
    try {
      loadOpeningHours(file);
    } catch (error: unknown) {
      return (error as Error).message;
    }
    throw new Error(`${name} was accepted`);
  };

  it('names the file and the field of a bad time', () => {
    const message = loadBroken('bad-time.yaml', 'friday:    { opens: "09:30", closes: "16:00" }', 'friday:    { opens: "09:30", closes: "16.00" }');
    expect(message).toMatch(/bad-time\.yaml, field "weekly\.friday\.closes": must be a time/);
  });

  it('rejects closing before opening', () => {
    const message = loadBroken('backwards.yaml', 'monday:    { opens: "09:00", closes: "17:00" }', 'monday:    { opens: "17:00", closes: "09:00" }');
    expect(message).toMatch(/backwards\.yaml, field "weekly\.monday\.closes": must be later than "opens"/);
  });

  it('rejects an unknown holiday and explains Store Bededag', () => {
    expect(loadBroken('typo.yaml', '- whit-monday\n', '- whit-munday\n', withHolidaysFile)).toMatch(/typo\.yaml, field "holidays\.7": unknown holiday "whit-munday"; known holidays are new-years-day/);
    expect(loadBroken('bededag.yaml', '- christmas-day\n', '- great-prayer-day\n', withHolidaysFile)).toMatch(/bededag\.yaml, field "holidays\.8": Store Bededag is no longer a public holiday/);
  });

  it('rejects a date that does not exist, a misspelt day and an unknown time zone', () => {
    expect(loadBroken('date.yaml', 'extraClosedDates: []', 'extraClosedDates: ["2026-02-30"]')).toMatch(/date\.yaml, field "extraClosedDates\.0": must be a real date/);
    expect(loadBroken('day.yaml', '  tuesday: ', '  tusday: ')).toMatch(/day\.yaml, field "weekly": .*tusday/);
    expect(loadBroken('zone.yaml', 'timeZone: Europe/Copenhagen', 'timeZone: Europe/Kopenhagen')).toMatch(/zone\.yaml, field "timeZone": is not a known time zone/);
  });

  it('rejects YAML that does not parse, and a missing file', () => {
    expect(loadBroken('syntax.yaml', 'weekly:\n', 'weekly: [\n')).toMatch(/syntax\.yaml: not valid YAML/);
    expect(() => loadOpeningHours(path.join(dir, 'missing.yaml'))).toThrow(/missing\.yaml: the file cannot be read \(ENOENT\)/);
  });
});
