import type { Language } from '../knowledge/schema';

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

/** "DKK 499,00" / "DKK 499.00". */
export function formatAmount(amountMinor: number, currency: string, language: Language): string {
  const value = (amountMinor / 100).toLocaleString(locales[language], { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return `${currency} ${value}`;
}
