import type { Language } from '../knowledge/schema';

/** Text the bot shell itself says (outside any dialog), in Danish and English. */
export const shellTexts: Record<Language, { turnFailed: (phone: string) => string }> = {
  da: {
    turnFailed: (phone) => `Beklager, der gik noget galt hos mig. Prøv igen om lidt, eller ring til supporten på ${phone}.`,
  },
  en: {
    turnFailed: (phone) => `Sorry, something went wrong on my side. Please try again in a moment, or call support on ${phone}.`,
  },
};
