import type { Language } from '../../knowledge/schema';

const zone = 'Europe/Copenhagen';
const locales: Record<Language, string> = { da: 'da-DK', en: 'en-GB' };

/** "14:35" in Copenhagen time. */
export function formatTime(date: Date, language: Language): string {
  return date.toLocaleTimeString(locales[language], { timeZone: zone, hour: '2-digit', minute: '2-digit' });
}

/** "27. november 2026" / "27 November 2026" in Copenhagen time. */
export function formatDate(date: Date, language: Language): string {
  return date.toLocaleDateString(locales[language], { timeZone: zone, day: 'numeric', month: 'long', year: 'numeric' });
}

/** "27. november 2026 kl. 11.00" / "27 November 2026, 11:00" in Copenhagen time. */
export function formatDateTime(date: Date, language: Language): string {
  return `${formatDate(date, language)}${language === 'da' ? ' kl.' : ','} ${formatTime(date, language)}`;
}

/** "DKK 499,00" / "DKK 499.00". */
export function formatAmount(amountMinor: number, currency: string, language: Language): string {
  const value = (amountMinor / 100).toLocaleString(locales[language], { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `${currency} ${value}`;
}

/** "mandag 30. november kl. 09.00" / "Monday 30 November at 09:00", in Copenhagen time. */
export function formatDayAndTime(date: Date, language: Language): string {
  const day = date.toLocaleDateString(locales[language], { timeZone: zone, weekday: 'long', day: 'numeric', month: 'long' });
  return `${day} ${language === 'da' ? 'kl.' : 'at'} ${formatTime(date, language)}`;
}
