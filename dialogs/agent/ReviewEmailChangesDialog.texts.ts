import type { Language } from '../../knowledge/schema';

/** Phone agents review merchants' login e-mail change requests, in Danish and English. */
export const reviewTexts: Record<
  Language,
  {
    /** Help for this dialog's prompts ("hjælp" while one waits), by prompt. */
    help: Record<'reason', string>;
    none: string;
    summary: (shown: number, total: number) => string;
    caseTitle: (caseNumber: string, company: string, customerId: string) => string;
    caseFacts: { newEmail: string; created: string; document: string };
    buttons: { document: string; approve: string; reject: string };
    /** The command word each button sends, followed by the case number. */
    commands: { document: string; approve: string; reject: string };
    notFound: (caseNumber: string) => string;
    alreadyDecided: (caseNumber: string, approved: boolean, by: string | undefined, when: string) => string;
    /** When a case was decided ("27. november 2026 kl. 11.00"). */
    decidedAt: (date: string, time: string) => string;
    documentHere: (caseNumber: string, name: string) => string;
    documentTooLarge: (caseNumber: string, name: string, size: string) => string;
    approved: (caseNumber: string, company: string, newEmail: string) => string;
    askReason: (caseNumber: string) => string;
    reasonProblem: string;
    reasonGaveUp: (caseNumber: string) => string;
    rejected: (caseNumber: string, company: string) => string;
    merchantNotNotified: string;
  }
> = {
  da: {
    help: {
      reason: 'Skriv kort, hvorfor sagen afvises – fx at dokumentet ikke viser firmaets oplysninger. Begrundelsen sendes til kunden. Skriv "annuller" for at lade sagen være.',
    },
    none: 'Der er ingen afventende ændringer af login-e-mail.',
    summary: (shown, total) => (shown === total ? `Afventende ændringer af login-e-mail (${total}):` : `Afventende ændringer af login-e-mail: de ${shown} ældste af ${total}.`),
    caseTitle: (caseNumber, company, customerId) => `${caseNumber} – ${company} (kunde-id ${customerId})`,
    caseFacts: { newEmail: 'Ny login-e-mail', created: 'Oprettet', document: 'Dokument' },
    buttons: { document: 'Vis dokument', approve: 'Godkend', reject: 'Afvis' },
    commands: { document: 'dokument', approve: 'godkend', reject: 'afvis' },
    notFound: (caseNumber) => `Der findes ingen sag ${caseNumber}.`,
    decidedAt: (date, time) => `den ${date} kl. ${time}`,
    alreadyDecided: (caseNumber, approved, by, when) => `Sag ${caseNumber} er allerede ${approved ? 'godkendt' : 'afvist'}${by ? ` af ${by}` : ''} ${when}. Intet er ændret.`,
    documentHere: (caseNumber, name) => `Dokumentet til sag ${caseNumber}: ${name}`,
    documentTooLarge: (caseNumber, name, size) =>
      `Dokumentet til sag ${caseNumber} (${name}, ${size}) er for stort til at vise her i chatten. Det er vedhæftet mailen om sagen i supportens postkasse.`,
    approved: (caseNumber, company, newEmail) => `Sag ${caseNumber} er godkendt. Login-e-mailen for ${company} er nu ${newEmail}. Kunden har fået besked på både den gamle og den nye adresse.`,
    askReason: (caseNumber) => `Hvorfor afvises sag ${caseNumber}? Begrundelsen sendes til kunden på mail.`,
    reasonProblem: 'Skriv en begrundelse på mindst 3 tegn (højst 500). Den sendes til kunden.',
    reasonGaveUp: (caseNumber) => `Jeg har ikke afvist sag ${caseNumber}. Skriv "afvis ${caseNumber}" for at prøve igen.`,
    rejected: (caseNumber, company) => `Sag ${caseNumber} er afvist. ${company} har fået begrundelsen på sin nuværende login-e-mail; adressen er uændret.`,
    merchantNotNotified: 'Mailen til kunden kunne ikke sendes lige nu – giv kunden besked på anden vis.',
  },
  en: {
    help: {
      reason: 'Write briefly why the case is rejected – e.g. that the document does not show the company details. The reason is sent to the customer. Type "cancel" to leave the case as it is.',
    },
    none: 'There are no pending login e-mail changes.',
    summary: (shown, total) => (shown === total ? `Pending login e-mail changes (${total}):` : `Pending login e-mail changes: the ${shown} oldest of ${total}.`),
    caseTitle: (caseNumber, company, customerId) => `${caseNumber} – ${company} (customer ID ${customerId})`,
    caseFacts: { newEmail: 'New login e-mail', created: 'Opened', document: 'Document' },
    buttons: { document: 'Show document', approve: 'Approve', reject: 'Reject' },
    commands: { document: 'document', approve: 'approve', reject: 'reject' },
    notFound: (caseNumber) => `There is no case ${caseNumber}.`,
    decidedAt: (date, time) => `${date} at ${time}`,
    alreadyDecided: (caseNumber, approved, by, when) => `Case ${caseNumber} was already ${approved ? 'approved' : 'rejected'}${by ? ` by ${by}` : ''} ${when}. Nothing has been changed.`,
    documentHere: (caseNumber, name) => `The document of case ${caseNumber}: ${name}`,
    documentTooLarge: (caseNumber, name, size) =>
      `The document of case ${caseNumber} (${name}, ${size}) is too large to show here in the chat. It is attached to the mail about the case in support's mailbox.`,
    approved: (caseNumber, company, newEmail) => `Case ${caseNumber} is approved. The login e-mail of ${company} is now ${newEmail}. The customer has been told at both the old and the new address.`,
    askReason: (caseNumber) => `Why is case ${caseNumber} rejected? The reason is mailed to the customer.`,
    reasonProblem: 'Please write a reason of at least 3 characters (at most 500). It is sent to the customer.',
    reasonGaveUp: (caseNumber) => `I have not rejected case ${caseNumber}. Type "reject ${caseNumber}" to try again.`,
    rejected: (caseNumber, company) => `Case ${caseNumber} is rejected. ${company} has been sent the reason at its current login e-mail; the address is unchanged.`,
    merchantNotNotified: "The mail to the customer couldn't be sent just now – please let the customer know another way.",
  },
};
