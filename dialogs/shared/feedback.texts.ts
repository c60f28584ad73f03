import type { Language } from '../../knowledge/schema';

/** What the root dialog says around answer feedback ("did this help?"), in Danish and English. */
export interface FeedbackTexts {
  question: string;
  /** Button labels; the emoji at the start is what the bot recognises. */
  up: string;
  down: string;
  thanks: string;
  sorry: string;
  rephrase: string;
  handoff: string;
  rephraseHint: string;
}

export const feedbackTexts: Record<Language, FeedbackTexts> = {
  da: {
    question: 'Hjalp det?',
    up: '👍 Ja',
    down: '👎 Nej',
    thanks: 'Tak for tilbagemeldingen!',
    sorry: 'Det er jeg ked af. Vil du stille spørgsmålet på en anden måde, eller tale med en person?',
    rephrase: 'Stil spørgsmålet anderledes',
    // Also a handoff phrase in knowledge/smalltalk.yaml, so the button starts the handoff.
    handoff: 'Tal med en person',
    rephraseHint: 'Skriv dit spørgsmål med andre ord – gerne med lidt flere detaljer – så prøver jeg igen.',
  },
  en: {
    question: 'Did this help?',
    up: '👍 Yes',
    down: '👎 No',
    thanks: 'Thanks for the feedback!',
    sorry: "I'm sorry about that. Would you like to ask in a different way, or talk to a person?",
    rephrase: 'Ask it differently',
    handoff: 'Talk to a person',
    rephraseHint: 'Please write your question in other words – a few more details help – and I will try again.',
  },
};
