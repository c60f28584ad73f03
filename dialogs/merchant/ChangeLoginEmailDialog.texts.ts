import type { Language } from '../../knowledge/schema';
import type { DocumentProblem } from '../../accounts/documents';

export const changeEmailTexts: Record<
  Language,
  {
    /** Help for this dialog's prompts ("hjælp" while one waits), by prompt. */
    help: Record<'newEmail' | 'document', string>;
    intro: string;
    /** The merchant did not want the case opened in the chat. */
    declined: string;
    askNewEmail: (current: string) => string;
    invalidEmail: string;
    sameEmail: string;
    confirm: (email: string) => string;
    notConfirmed: string;
    askDocument: (maxMb: number) => string;
    noDocument: (maxMb: number) => string;
    documentProblem: (problem: DocumentProblem, maxMb: number) => string;
    caseOpened: (caseNumber: string, email: string) => string;
    supportNotNotified: string;
    /** For a phone agent acting for a caller. */
    caller: { askNewEmail: (current: string) => string; caseOpened: (caseNumber: string, email: string) => string };
  }
> = {
  da: {
    help: {
      newEmail: 'Skriv den e-mailadresse, som dit login fremover skal være knyttet til, fx navn@firma.dk. Skriv "annuller" for at stoppe.',
      document: 'Vedhæft et dokument, der viser firmaets oplysninger – fx en faktura fra DIBS – som PDF, PNG eller JPEG på højst 10 MB. Brug klips-ikonet i chatten. Skriv "annuller" for at stoppe.',
    },
    intro: 'Jeg kan også oprette sagen for dig her i chatten. Skal jeg det?',
    declined: 'OK, så gør jeg ikke mere ved det. Skriv endelig, hvis der er andet, jeg kan hjælpe med.',
    askNewEmail: (current) => `Din nuværende login-e-mail er ${current}. Hvilken e-mailadresse skal dit login fremover være knyttet til?`,
    invalidEmail: 'Det ligner ikke en gyldig e-mailadresse (fx navn@firma.dk).',
    sameEmail: 'Det er den samme adresse, som kontoen allerede har.',
    confirm: (email) => `Skal login-e-mailen ændres til ${email}?`,
    notConfirmed: 'OK, så prøver vi igen.',
    askDocument: (maxMb) =>
      `Vedhæft et dokument, der viser firmaets oplysninger – fx en faktura fra DIBS. Det skal være en PDF, PNG eller JPEG på højst ${maxMb} MB.`,
    noDocument: (maxMb) => `Jeg mangler dokumentet. Vedhæft det som PDF, PNG eller JPEG (højst ${maxMb} MB) med klips-ikonet.`,
    documentProblem: (problem, maxMb) =>
      ({
        'too-large': `Filen er for stor. Den må højst fylde ${maxMb} MB.`,
        'wrong-type': 'Filen er ikke en PDF, PNG eller JPEG (jeg ser på indholdet, ikke på filnavnet).',
        unreadable: 'Jeg kunne ikke læse filen. Prøv at vedhæfte den igen.',
      })[problem],
    caseOpened: (caseNumber, email) =>
      `Tak! Din sag har nummeret ${caseNumber}. Supporten kontrollerer dokumentet, og når sagen er godkendt, bliver din login-e-mail ændret til ${email}. Du får besked på mail, både på den gamle og den nye adresse. Indtil da er din login-e-mail uændret.`,
    supportNotNotified: 'Sagen er gemt, og supporten ser den i deres liste, selvom mailen til dem ikke kunne sendes lige nu.',
    caller: {
      askNewEmail: (current) => `Kundens nuværende login-e-mail er ${current}. Hvilken e-mailadresse skal kundens login fremover være knyttet til?`,
      caseOpened: (caseNumber, email) =>
        `Sagen har nummeret ${caseNumber} og afventer godkendelse (skriv "afventende"). Når den er godkendt, ændres kundens login-e-mail til ${email}, og kunden får besked på både den gamle og den nye adresse.`,
    },
  },
  en: {
    help: {
      newEmail: 'Type the e-mail address your login should be tied to from now on, e.g. name@company.dk. Type "cancel" to stop.',
      document: 'Attach a document showing the company details – e.g. an invoice from DIBS – as a PDF, PNG or JPEG of at most 10 MB. Use the paperclip icon in the chat. Type "cancel" to stop.',
    },
    intro: 'I can also open the case for you here in the chat. Shall I?',
    declined: "OK, I'll leave it there. Just write if there's anything else I can help with.",
    askNewEmail: (current) => `Your current login e-mail is ${current}. Which e-mail address should your login be tied to from now on?`,
    invalidEmail: "That doesn't look like a valid e-mail address (e.g. name@company.dk).",
    sameEmail: 'That is the address the account already has.',
    confirm: (email) => `Shall the login e-mail be changed to ${email}?`,
    notConfirmed: "OK, let's try again.",
    askDocument: (maxMb) => `Please attach a document showing the company details – e.g. an invoice from DIBS. It must be a PDF, PNG or JPEG of at most ${maxMb} MB.`,
    noDocument: (maxMb) => `I still need the document. Attach it as a PDF, PNG or JPEG (at most ${maxMb} MB) with the paperclip icon.`,
    documentProblem: (problem, maxMb) =>
      ({
        'too-large': `The file is too large. It may be at most ${maxMb} MB.`,
        'wrong-type': "The file isn't a PDF, PNG or JPEG (I look at the content, not the file name).",
        unreadable: "I couldn't read the file. Please attach it again.",
      })[problem],
    caseOpened: (caseNumber, email) =>
      `Thank you! Your case number is ${caseNumber}. Support will check the document, and once the case is approved your login e-mail changes to ${email}. You'll be told by mail, at both the old and the new address. Until then your login e-mail is unchanged.`,
    supportNotNotified: "The case is saved, and support sees it in their list even though the mail to them couldn't be sent just now.",
    caller: {
      askNewEmail: (current) => `The customer's current login e-mail is ${current}. Which e-mail address should the customer's login be tied to from now on?`,
      caseOpened: (caseNumber, email) =>
        `The case number is ${caseNumber} and it awaits approval (type "pending"). Once it is approved, the customer's login e-mail changes to ${email}, and the customer is told at both the old and the new address.`,
    },
  },
};
