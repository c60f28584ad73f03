import type { Language } from '../../knowledge/schema';

/** Everything the root dialog says, in Danish and English. */
export interface RootTexts {
  welcome: (topics: string) => string;
  help: (topics: string) => string;
  menu: string;
  topicIntro: (topic: string) => string;
  clarify: string;
  clarifyHint: string;
  fallback: (topics: string, phone: string, hours: string) => string;
  thanks: string;
  goodbye: string;
  tooLong: (max: number) => string;
  noText: string;
}

export const rootTexts: Record<Language, RootTexts> = {
  da: {
    welcome: (topics) =>
      `Hej, jeg er DIBS' support-bot. Jeg svarer på spørgsmål om ${topics} – på dansk eller engelsk.\n` +
      `Skriv dit spørgsmål med dine egne ord, eller skriv "menu" for at se emnerne.`,
    help: (topics) =>
      `Jeg kan svare på spørgsmål om ${topics}.\n` +
      `Skriv dit spørgsmål med dine egne ord, fx "hvor finder jeg mit kunde-ID?". Skriv "menu" for at se emnerne.`,
    menu: 'Vælg et emne:',
    topicIntro: (topic) => `Spørgsmål om ${topic}:`,
    clarify: 'Jeg er ikke helt sikker på, hvad du mener. Mente du:',
    clarifyHint: 'Svar med nummeret, eller skriv dit spørgsmål på en anden måde.',
    fallback: (topics, phone, hours) =>
      `Det kan jeg desværre ikke svare på, og jeg vil ikke gætte.\n` +
      `Jeg kan hjælpe med ${topics}.\n` +
      `Du kan også ringe til supporten på ${phone} (${hours}).`,
    thanks: 'Selv tak! Skriv endelig, hvis der er andet, jeg kan hjælpe med.',
    goodbye: 'Tak for nu, og hav en god dag!',
    tooLong: (max) => `Din besked er for lang til mig (over ${max} tegn). Skriv dit spørgsmål lidt kortere, så hjælper jeg gerne.`,
    noText: 'Jeg kan kun læse tekst her. Skriv dit spørgsmål med ord, så hjælper jeg gerne.',
  },
  en: {
    welcome: (topics) =>
      `Hi, I'm the DIBS support bot. I answer questions about ${topics} – in Danish or English.\n` +
      `Type your question in your own words, or type "menu" to see the topics.`,
    help: (topics) =>
      `I can answer questions about ${topics}.\n` +
      `Type your question in your own words, e.g. "where do I find my customer ID?". Type "menu" to see the topics.`,
    menu: 'Choose a topic:',
    topicIntro: (topic) => `Questions about ${topic}:`,
    clarify: "I'm not quite sure what you mean. Did you mean:",
    clarifyHint: 'Reply with the number, or rephrase your question.',
    fallback: (topics, phone, hours) =>
      `Sorry, I can't answer that, and I'd rather not guess.\n` +
      `I can help with ${topics}.\n` +
      `You can also call support on ${phone} (${hours}).`,
    thanks: "You're welcome! Just write if there's anything else I can help with.",
    goodbye: 'Thank you, and have a nice day!',
    tooLong: (max) => `Your message is too long for me (over ${max} characters). Please write your question a bit shorter.`,
    noText: 'I can only read text here. Please type your question in words.',
  },
};

/** Joins labels as "a, b og c" / "a, b and c". */
export function joinList(items: string[], language: Language): string {
  if (items.length <= 1) return items.join('');
  const last = items[items.length - 1];
  return `${items.slice(0, -1).join(', ')} ${language === 'da' ? 'og' : 'and'} ${last}`;
}
