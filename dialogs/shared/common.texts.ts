import type { Language } from '../../knowledge/schema';

/** Text shared by the guided dialogs, in Danish and English. */
export const commonTexts: Record<
  Language,
  {
    /** Help for this dialog's prompts ("hjælp" while one waits), by prompt. */
    help: Record<'confirm', string>;
    humanHelp: (phone: string, hours: string) => string;
    cancelled: string;
    nothingToCancel: string;
    unavailable: (phone: string) => string;
    yes: string;
    no: string;
    answerYesNo: string;
    resumeHint: string;
    someoneElsesFlow: string;
  }
> = {
  da: {
    help: {
      confirm: 'Svar "ja" for at fortsætte eller "nej" for at lade være. Skriv "annuller" for at stoppe helt.',
    },
    humanHelp: (phone, hours) => `Det ser ud til at drille. Ring til supporten på ${phone} (${hours}), så hjælper en medarbejder dig videre.`,
    cancelled: 'OK, jeg stopper her. Intet er ændret. Skriv endelig, hvis der er andet, jeg kan hjælpe med.',
    nothingToCancel: 'Der er ikke noget at annullere. Skriv dit spørgsmål, så hjælper jeg gerne.',
    unavailable: (phone) => `Jeg kan desværre ikke slå kontooplysninger op lige nu, fordi systemet er midlertidigt utilgængeligt. Prøv igen om lidt, eller ring til supporten på ${phone}. Jeg kan stadig svare på spørgsmål.`,
    yes: 'Ja',
    no: 'Nej',
    answerYesNo: 'Svar venligst ja eller nej.',
    resumeHint: 'Vi fortsætter, hvor vi slap:',
    someoneElsesFlow: 'Jeg er i gang med at hjælpe en anden i denne samtale. Skriv til mig i en privat chat, så hjælper jeg dig dér.',
  },
  en: {
    help: {
      confirm: 'Answer "yes" to go on or "no" to leave it. Type "cancel" to stop altogether.',
    },
    humanHelp: (phone, hours) => `This doesn't seem to be working. Please call support on ${phone} (${hours}) and a colleague will help you.`,
    cancelled: "OK, I've stopped. Nothing has been changed. Just write if there's anything else I can help with.",
    nothingToCancel: "There's nothing to cancel. Type your question and I'll be happy to help.",
    unavailable: (phone) => `Sorry, I can't look up account details right now because the system is temporarily unavailable. Please try again shortly, or call support on ${phone}. I can still answer questions.`,
    yes: 'Yes',
    no: 'No',
    answerYesNo: 'Please answer yes or no.',
    resumeHint: "Let's continue where we left off:",
    someoneElsesFlow: "I'm helping someone else in this conversation right now. Message me in a private chat and I'll help you there.",
  },
};

