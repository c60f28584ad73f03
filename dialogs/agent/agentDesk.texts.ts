import type { Language } from '../../knowledge/schema';

/** Texts shared by the phone agents' dialogs (Teams), in Danish and English. */
export const agentDeskTexts: Record<
  Language,
  {
    /** Added below an FAQ answer for agents: the entry's short form, easy to read aloud. */
    shortAnswer: (text: string) => string;
    /** An agent removed while one of their flows was waiting. */
    noLongerAgent: string;
  }
> = {
  da: {
    shortAnswer: (text) => `🔊 Kort svar: ${text}`,
    noLongerAgent: 'Du har ikke længere adgang til supportfunktionerne, så jeg stopper her. Intet er ændret.',
  },
  en: {
    shortAnswer: (text) => `🔊 Short answer: ${text}`,
    noLongerAgent: "You no longer have access to the support functions, so I've stopped. Nothing has been changed.",
  },
};
