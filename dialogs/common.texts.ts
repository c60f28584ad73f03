import type { Language } from '../knowledge/schema';

/** Text shared by the guided dialogs, in Danish and English. */
export const commonTexts: Record<
  Language,
  {
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
    humanHelp: (phone, hours) => `Det ser ud til at drille. Ring til supporten på ${phone} (${hours}), så hjælper en medarbejder dig videre.`,
    cancelled: 'OK, jeg har stoppet. Intet er ændret. Skriv endelig, hvis der er andet, jeg kan hjælpe med.',
    nothingToCancel: 'Der er ikke noget at annullere. Skriv dit spørgsmål, så hjælper jeg gerne.',
    unavailable: (phone) => `Jeg kan desværre ikke slå kontooplysninger op lige nu, fordi systemet er midlertidigt utilgængeligt. Prøv igen om lidt, eller ring til supporten på ${phone}. Jeg kan stadig svare på spørgsmål.`,
    yes: 'Ja',
    no: 'Nej',
    answerYesNo: 'Svar venligst ja eller nej.',
    resumeHint: 'Vi fortsætter, hvor vi slap:',
    someoneElsesFlow: 'Jeg er i gang med at hjælpe en anden i denne samtale. Skriv til mig i en privat chat, så hjælper jeg dig dér.',
  },
  en: {
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

/** Help for the step a merchant is at ("hjælp" during a guided dialog), by prompt id. */
export const promptHelp: Record<Language, Record<string, string>> = {
  da: {
    CustomerIdPrompt: 'Dit kunde-ID er et nummer, som står i din velkomstmail fra DIBS og på dine fakturaer. Du finder det også i administrationen under \'indstillinger\' og \'rediger profil\'. Skriv kun tallene. Skriv "annuller" for at stoppe.',
    CodePrompt: 'Vi har sendt en 6-cifret engangskode til den login-e-mail, der er registreret på kontoen. Skriv de 6 cifre her. Kommer mailen ikke, så tjek dit spamfilter. Skriv "annuller" for at stoppe.',
    ConfirmPrompt: 'Svar "ja" for at fortsætte eller "nej" for at lade være. Skriv "annuller" for at stoppe helt.',
    NewEmailPrompt: 'Skriv den e-mailadresse, som du fremover vil logge ind med, fx navn@firma.dk. Skriv "annuller" for at stoppe.',
    DocumentPrompt: 'Vedhæft et dokument, der viser firmaets oplysninger – fx en faktura fra DIBS – som PDF, PNG eller JPEG på højst 10 MB. Brug klips-ikonet i chatten. Skriv "annuller" for at stoppe.',
    OrderIdPrompt: 'Skriv ordre-ID\'et eller transaktions-ID\'et. Du finder det i administrationen eller i ordren i din webshop. Skriv "annuller" for at stoppe.',
    NamePrompt: 'Skriv det navn, supporten skal spørge efter, når de ringer. Skriv "annuller" for at stoppe.',
    PhonePrompt: 'Skriv det telefonnummer, vi skal ringe til, fx +45 12 34 56 78. Skriv "annuller" for at stoppe.',
    OptionalCustomerIdPrompt: 'Dit kunde-ID står i velkomstmailen og på fakturaer fra DIBS. Har du det ikke, så skriv "spring over".',
    TopicPrompt: 'Skriv med et par ord, hvad supporten skal hjælpe med, så er de forberedt, når de ringer.',
    RejectReasonPrompt: 'Skriv kort, hvorfor sagen afvises – fx at dokumentet ikke viser firmaets oplysninger. Begrundelsen sendes til kunden. Skriv "annuller" for at lade sagen være.',
  },
  en: {
    CustomerIdPrompt: 'Your customer ID is a number shown in your welcome mail from DIBS and on your invoices. You also find it in the administration under \'indstillinger\' (settings) and \'rediger profil\' (edit profile). Type only the digits. Type "cancel" to stop.',
    CodePrompt: 'We sent a 6-digit one-time code to the login e-mail registered on the account. Type the 6 digits here. If the mail does not arrive, check your spam filter. Type "cancel" to stop.',
    ConfirmPrompt: 'Answer "yes" to go on or "no" to leave it. Type "cancel" to stop altogether.',
    NewEmailPrompt: 'Type the e-mail address you want to log in with from now on, e.g. name@company.dk. Type "cancel" to stop.',
    DocumentPrompt: 'Attach a document showing the company details – e.g. an invoice from DIBS – as a PDF, PNG or JPEG of at most 10 MB. Use the paperclip icon in the chat. Type "cancel" to stop.',
    OrderIdPrompt: 'Type the order ID or transaction ID. You find it in the administration or in the order in your webshop. Type "cancel" to stop.',
    NamePrompt: 'Type the name support should ask for when they call. Type "cancel" to stop.',
    PhonePrompt: 'Type the phone number we should call, e.g. +45 12 34 56 78. Type "cancel" to stop.',
    OptionalCustomerIdPrompt: 'Your customer ID is in the welcome mail and on invoices from DIBS. If you don\'t have it, type "skip".',
    TopicPrompt: 'Describe in a few words what support should help with, so they are prepared when they call.',
    RejectReasonPrompt: 'Write briefly why the case is rejected – e.g. that the document does not show the company details. The reason is sent to the customer. Type "cancel" to leave the case as it is.',
  },
};
