import type { Language } from '../../knowledge/schema';
import type { CustomerIdProblem } from '../shared/entities';

export const verifyTexts: Record<
  Language,
  {
    /** Help for this dialog's prompts ("hjælp" while one waits), by prompt. */
    help: Record<'customerId' | 'code', string>;
    askCustomerId: string;
    customerIdProblem: Record<CustomerIdProblem, string>;
    codeSent: (minutes: number) => string;
    codeFormat: string;
    askCode: string;
    codeExpired: string;
    codeInvalid: (left: number) => string;
    tooManyAttempts: (phone: string) => string;
    rateLimited: (phone: string) => string;
    verified: string;
  }
> = {
  da: {
    help: {
      customerId: 'Dit kunde-ID står i din velkomstmail fra DIBS og på dine fakturaer. Du finder det også i administrationen under \'indstillinger\' og \'rediger profil\'. Skriv kun tallene. Skriv "annuller" for at stoppe.',
      code: 'Vi har sendt en 6-cifret engangskode til den login-e-mail, der er registreret på kontoen. Skriv de 6 cifre her. Kommer mailen ikke, så tjek dit spamfilter. Skriv "annuller" for at stoppe.',
    },
    askCustomerId: 'For at beskytte din konto skal jeg først bekræfte, at det er dig. Hvad er dit kunde-ID?',
    customerIdProblem: {
      empty: 'Jeg fik ikke noget kunde-ID.',
      'not-digits': 'Jeg kan kun slå et kunde-ID op, der er skrevet med tal.',
      length: 'Jeg kan kun slå et kunde-ID på 4 til 10 cifre op.',
    },
    codeSent: (minutes) =>
      `Hvis kunde-ID'et er registreret hos os, har jeg nu sendt en 6-cifret engangskode til den login-e-mail, der står på kontoen. Skriv koden her. Den gælder i ${minutes} minutter.`,
    codeFormat: 'Koden består af 6 cifre.',
    askCode: 'Skriv den 6-cifrede kode fra mailen her.',
    codeExpired: 'Koden er udløbet eller allerede brugt, så jeg sender en ny.',
    codeInvalid: (left) => `Koden passer ikke, eller den er udløbet. Prøv igen (${left} forsøg tilbage).`,
    tooManyAttempts: (phone) => `Det blev til for mange forkerte forsøg, så jeg stopper her for en sikkerheds skyld. Vent lidt og prøv igen, eller ring til supporten på ${phone}.`,
    rateLimited: (phone) => `Der er sendt flere koder til denne konto for nylig. Vent lidt, før du beder om en ny, eller ring til supporten på ${phone}.`,
    verified: 'Tak, det er bekræftet.',
  },
  en: {
    help: {
      customerId: 'Your customer ID is in your welcome mail from DIBS and on your invoices. You also find it in the administration under \'indstillinger\' (settings) and \'rediger profil\' (edit profile). Type only the digits. Type "cancel" to stop.',
      code: 'We sent a 6-digit one-time code to the login e-mail registered on the account. Type the 6 digits here. If the mail does not arrive, check your spam filter. Type "cancel" to stop.',
    },
    askCustomerId: "To protect your account I first need to confirm it's you. What is your customer ID?",
    customerIdProblem: {
      empty: "I didn't get a customer ID.",
      'not-digits': 'I can only look up a customer ID written in digits.',
      length: 'I can only look up a customer ID of 4 to 10 digits.',
    },
    codeSent: (minutes) =>
      `If the customer ID is registered with us, I've now sent a 6-digit one-time code to the login e-mail on the account. Type the code here. It is valid for ${minutes} minutes.`,
    codeFormat: 'The code has 6 digits.',
    askCode: 'Type the 6-digit code from the e-mail here.',
    codeExpired: "The code has expired or was already used, so I'll send a new one.",
    codeInvalid: (left) => `That code is wrong or has expired. Please try again (${left} attempts left).`,
    tooManyAttempts: (phone) => `That was too many wrong attempts, so I'm stopping here to be safe. Please wait a while and try again, or call support on ${phone}.`,
    rateLimited: (phone) => `Several codes have been sent for this account recently. Please wait before asking for a new one, or call support on ${phone}.`,
    verified: 'Thank you, that is confirmed.',
  },
};
