import type { Language } from '../../knowledge/schema';

/** The merchant card phone agents get in Teams ("kunde 100001"), in Danish and English. */
export const merchantCardTexts: Record<
  Language,
  {
    /** The message text that goes with the card. */
    summary: (company: string, customerId: string) => string;
    /** Only ever said to agents (staff); merchants never learn whether an ID exists. */
    unknownCustomer: (customerId: string) => string;
    card: {
      customerId: (customerId: string) => string;
      loginEmail: string;
      infoEmail: string;
      account: string;
      lockedUntil: (time: string, date: string) => string;
      notLocked: string;
      failedLogins: string;
      openCases: string;
      noOpenCases: string;
      emailChangeCase: (caseNumber: string, newEmail: string, created: string) => string;
      callbackCase: (caseNumber: string, topic: string, created: string) => string;
      checklistTitle: string;
      checklistHint: string;
    };
    /** Button titles; each button sends "<title> <customer id>". */
    buttons: { callerVerified: string; unlock: string; changeEmail: string; transactionStatus: string };
  }
> = {
  da: {
    summary: (company, customerId) => `Kunde ${customerId}: ${company}. Gå tjeklisten igennem med opkalderen, før du gør noget på kontoen.`,
    unknownCustomer: (customerId) => `Ingen kunde med det ID (${customerId}).`,
    card: {
      customerId: (customerId) => `Kunde-id ${customerId}`,
      loginEmail: 'Login-e-mail',
      infoEmail: 'Info-e-mail',
      account: 'Konto',
      lockedUntil: (time, date) => `Låst til kl. ${time} (${date})`,
      notLocked: 'Ikke låst',
      failedLogins: 'Mislykkede loginforsøg',
      openCases: 'Åbne sager',
      noOpenCases: 'Ingen åbne sager.',
      emailChangeCase: (caseNumber, newEmail, created) => `${caseNumber}: ny login-e-mail ${newEmail} – afventer godkendelse (oprettet ${created})`,
      callbackCase: (caseNumber, topic, created) => `${caseNumber}: ønsker at blive ringet op – "${topic}" (oprettet ${created})`,
      checklistTitle: 'Bekræft opkalderen: bed om',
      checklistHint: 'Passer alt med kontoen, så tryk "Opkalder bekræftet". Det træder i stedet for engangskoden.',
    },
    buttons: { callerVerified: 'Opkalder bekræftet', unlock: 'Lås konto op', changeEmail: 'Skift login-e-mail', transactionStatus: 'Transaktionsstatus' },
  },
  en: {
    summary: (company, customerId) => `Customer ${customerId}: ${company}. Go through the checklist with the caller before you do anything on the account.`,
    unknownCustomer: (customerId) => `No customer with that ID (${customerId}).`,
    card: {
      customerId: (customerId) => `Customer ID ${customerId}`,
      loginEmail: 'Login e-mail',
      infoEmail: 'Info e-mail',
      account: 'Account',
      lockedUntil: (time, date) => `Locked until ${time} (${date})`,
      notLocked: 'Not locked',
      failedLogins: 'Failed login attempts',
      openCases: 'Open cases',
      noOpenCases: 'No open cases.',
      emailChangeCase: (caseNumber, newEmail, created) => `${caseNumber}: new login e-mail ${newEmail} – awaiting approval (opened ${created})`,
      callbackCase: (caseNumber, topic, created) => `${caseNumber}: asked to be called back – "${topic}" (opened ${created})`,
      checklistTitle: 'Verify the caller: ask for',
      checklistHint: 'If everything matches the account, press "Caller verified". It takes the place of the one-time code.',
    },
    buttons: { callerVerified: 'Caller verified', unlock: 'Unlock account', changeEmail: 'Change login e-mail', transactionStatus: 'Transaction status' },
  },
};
