import type { Language } from '../../knowledge/schema';

/** A phone agent confirms that the caller passed the checklist ("Opkalder bekræftet"), in Danish and English. */
export const verifyCallerTexts: Record<
  Language,
  {
    lookUpFirst: string;
    unknownCustomer: (customerId: string) => string;
    verified: (company: string, customerId: string, minutes: number) => string;
  }
> = {
  da: {
    lookUpFirst: 'Slå kunden op først: skriv "kunde <kunde-id>", gå tjeklisten på kortet igennem med opkalderen, og tryk så "Opkalder bekræftet" på kortet.',
    unknownCustomer: (customerId) => `Ingen kunde med det ID (${customerId}).`,
    verified: (company, customerId, minutes) => `Opkalderen er bekræftet for ${company} (kunde-id ${customerId}) i ${minutes} minutter. Hvad skal jeg gøre?`,
  },
  en: {
    lookUpFirst: 'Look the customer up first: type "customer <customer ID>", go through the checklist on the card with the caller, then press "Caller verified" on the card.',
    unknownCustomer: (customerId) => `No customer with that ID (${customerId}).`,
    verified: (company, customerId, minutes) => `The caller is verified for ${company} (customer ID ${customerId}) for ${minutes} minutes. What shall I do?`,
  },
};
