import type { Language } from '../knowledge/schema';

/** The mails the bot sends, in Danish and English. */
export const mailTexts = {
  code: {
    da: (code: string, minutes: number) => ({
      subject: 'Din engangskode til DIBS support',
      text:
        `Hej\n\nDin engangskode er: ${code}\n\nSkriv koden i chatten med DIBS support. Koden udløber om ${minutes} minutter.\n` +
        'Har du ikke bedt om en kode, kan du se bort fra denne mail. Del aldrig koden med andre.\n\nVenlig hilsen\nDIBS support',
    }),
    en: (code: string, minutes: number) => ({
      subject: 'Your one-time code for DIBS support',
      text:
        `Hello\n\nYour one-time code is: ${code}\n\nType the code in the chat with DIBS support. It expires in ${minutes} minutes.\n` +
        'If you did not ask for a code, you can ignore this mail. Never share the code with anyone.\n\nKind regards\nDIBS support',
    }),
  } satisfies Record<Language, (code: string, minutes: number) => { subject: string; text: string }>,
  /** To support: a new login e-mail change case (support reads Danish). */
  emailChangeCase: (c: { caseNumber: string; customerId: string; companyName: string; newEmail: string; documentName: string; channel: string; viaAgent?: boolean }) => ({
    subject: `Ændring af login-e-mail ${c.caseNumber} – kunde-ID ${c.customerId}`,
    text:
      `En kunde har bedt om at få ændret login-e-mail via chatbotten (${c.viaAgent ? 'identitet bekræftet af en supportmedarbejder i telefonen' : 'identitet bekræftet med engangskode'}).\n\n` +
      `Sag: ${c.caseNumber}\nKunde-ID: ${c.customerId}\nFirma: ${c.companyName}\nNy login-e-mail: ${c.newEmail}\n` +
      `Dokument: ${c.documentName} (vedhæftet)\nKanal: ${c.channel}\n\n` +
      'Sagen afventer godkendelse. Adressen ændres først, når en supportmedarbejder har godkendt sagen.',
  }),
  /** To support: a merchant asks to be called back (support reads Danish). */
  callbackRequest: (c: { caseNumber: string; name: string; phone: string; customerId: string | null; topic: string; language: string; channel: string }) => ({
    subject: `Ring op: ${c.caseNumber}${c.customerId ? ` – kunde-ID ${c.customerId}` : ''}`,
    text:
      `En kunde har bedt om at blive ringet op via chatbotten.\n\n` +
      `Sag: ${c.caseNumber}\nNavn: ${c.name}\nTelefon: ${c.phone}\nKunde-ID: ${c.customerId ?? '(ikke oplyst, ikke bekræftet)'}\n` +
      `Emne: ${c.topic}\nSprog: ${c.language === 'en' ? 'engelsk' : 'dansk'}\nKanal: ${c.channel}\n\n` +
      'Kunde-ID er oplyst af kunden selv og er ikke bekræftet med engangskode.',
  }),
  /**
   * To the merchant's old and new login address when an agent approved a change. The merchant's
   * language is not stored, so Danish first with an English paragraph. Addresses are masked.
   */
  emailChangeApproved: (c: { caseNumber: string; customerId: string; companyName: string; oldEmail: string; newEmail: string; phone: string }) => ({
    subject: `Din login-e-mail hos DIBS er ændret / Your DIBS login e-mail has been changed (${c.caseNumber})`,
    text:
      `Hej\n\nLogin-e-mailen på DIBS-kontoen for ${c.companyName} (kunde-ID ${c.customerId}) er ændret fra ${c.oldEmail} til ${c.newEmail} (sag ${c.caseNumber}). ` +
      'Dit brugernavn og dit password er uændret. Link til nulstilling af password sendes fremover til den nye adresse.\n' +
      `Har du ikke bedt om denne ændring, så ring straks til DIBS support på ${c.phone}.\n\nVenlig hilsen\nDIBS support\n\n` +
      `--- English ---\n\nThe login e-mail of the DIBS account of ${c.companyName} (customer ID ${c.customerId}) has been changed from ${c.oldEmail} to ${c.newEmail} (case ${c.caseNumber}). ` +
      'Your username and password are unchanged. Password reset links are now sent to the new address.\n' +
      `If you did not ask for this change, please call DIBS support on ${c.phone} straight away.\n\nKind regards\nDIBS support`,
  }),
  /** To the merchant's current login address when an agent rejected a change, with the agent's reason. Danish, then English. */
  emailChangeRejected: (c: { caseNumber: string; customerId: string; companyName: string; reason: string; phone: string }) => ({
    subject: `Din anmodning om ny login-e-mail er afvist / Your request for a new login e-mail was rejected (${c.caseNumber})`,
    text:
      `Hej\n\nVi har afvist anmodningen om at ændre login-e-mailen på DIBS-kontoen for ${c.companyName} (kunde-ID ${c.customerId}), sag ${c.caseNumber}.\n\n` +
      `Begrundelse: ${c.reason}\n\nDin login-e-mail er uændret. Du er velkommen til at oprette en ny anmodning i chatten eller ringe til DIBS support på ${c.phone}.\n\nVenlig hilsen\nDIBS support\n\n` +
      `--- English ---\n\nWe have rejected the request to change the login e-mail of the DIBS account of ${c.companyName} (customer ID ${c.customerId}), case ${c.caseNumber}.\n\n` +
      `Reason (as written by support): ${c.reason}\n\nYour login e-mail is unchanged. You are welcome to make a new request in the chat or to call DIBS support on ${c.phone}.\n\nKind regards\nDIBS support`,
  }),
};
