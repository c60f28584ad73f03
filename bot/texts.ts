import type { Language } from '../knowledge/schema';

/** Text the bot shell itself says (outside any dialog), in Danish and English. */
export const shellTexts: Record<Language, { turnFailed: (phone: string) => string; repeat: string }> = {
  da: {
    repeat: 'Din besked krydsede en anden besked i samme samtale, så jeg kunne ikke gemme den. Skriv den venligst igen.',
    turnFailed: (phone) => `Beklager, der gik noget galt hos mig. Prøv igen om lidt, eller ring til supporten på ${phone}.`,
  },
  en: {
    repeat: 'Your message crossed another one in the same conversation, so I could not save it. Please send it again.',
    turnFailed: (phone) => `Sorry, something went wrong on my side. Please try again in a moment, or call support on ${phone}.`,
  },
};
