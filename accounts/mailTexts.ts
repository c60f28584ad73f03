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
  emailChangeCase: (c: { caseNumber: string; customerId: string; companyName: string; newEmail: string; documentName: string; channel: string }) => ({
    subject: `Ændring af login-e-mail ${c.caseNumber} – kunde-ID ${c.customerId}`,
    text:
      `En kunde har bedt om at få ændret login-e-mail via chatbotten (identitet bekræftet med engangskode).\n\n` +
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
};
