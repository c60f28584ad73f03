import type { Language } from '../../knowledge/schema';

/**
 * Dates and times as the bot writes them. Every time is shown in support's time zone, the knowledge
 * base's `timeZone` (knowledge/opening-hours.yaml), which callers pass in.
 */
const locales: Record<Language, string> = { da: 'da-DK', en: 'en-GB' };

/** "9.05" / "09:05" in support's time zone (Danish writes the hour without a leading zero: "kl. 9.00"). */
export function formatTime(date: Date, language: Language, zone: string): string {
  return date.toLocaleTimeString(locales[language], { timeZone: zone, hour: language === 'da' ? 'numeric' : '2-digit', minute: '2-digit' });
}

/** "27. november 2026" / "27 November 2026" in support's time zone. */
export function formatDate(date: Date, language: Language, zone: string): string {
  return date.toLocaleDateString(locales[language], { timeZone: zone, day: 'numeric', month: 'long', year: 'numeric' });
}

/** "27. november 2026 kl. 11.00" / "27 November 2026, 11:00" in support's time zone. */
export function formatDateTime(date: Date, language: Language, zone: string): string {
  return `${formatDate(date, language, zone)}${language === 'da' ? ' kl.' : ','} ${formatTime(date, language, zone)}`;
}

/** "DKK 499,00" / "DKK 499.00". */
export function formatAmount(amountMinor: number, currency: string, language: Language): string {
  const value = (amountMinor / 100).toLocaleString(locales[language], { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `${currency} ${value}`;
}

/** "tirsdag den 1. december kl. 9.00" / "Tuesday 1 December at 09:00", in support's time zone. */
export function formatDayAndTime(date: Date, language: Language, zone: string): string {
  const weekday = date.toLocaleDateString(locales[language], { timeZone: zone, weekday: 'long' });
  const dayAndMonth = date.toLocaleDateString(locales[language], { timeZone: zone, day: 'numeric', month: 'long' });
  return language === 'da' ? `${weekday} den ${dayAndMonth} kl. ${formatTime(date, language, zone)}` : `${weekday} ${dayAndMonth} at ${formatTime(date, language, zone)}`;
}
