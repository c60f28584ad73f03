import type { Language } from '../../knowledge/schema';

/** A phone agent starts an account action for a verified caller, in Danish and English. */
export const actForCallerTexts: Record<Language, { notVerified: string; otherCustomer: (verified: string, asked: string) => string }> = {
  da: {
    notVerified:
      'Opkalderen er ikke bekræftet endnu. Slå kunden op ("kunde <kunde-id>"), gå tjeklisten på kortet igennem med opkalderen, og tryk "Opkalder bekræftet". Bekræftelsen gælder kun dig og kun i et kvarter.',
    otherCustomer: (verified, asked) => `Opkalderen er bekræftet for kunde ${verified}, ikke ${asked}. Slå kunde ${asked} op, og bekræft opkalderen først.`,
  },
  en: {
    notVerified:
      'The caller is not verified yet. Look the customer up ("customer <customer ID>"), go through the checklist on the card with the caller, and press "Caller verified". The confirmation holds only for you and only for a quarter of an hour.',
    otherCustomer: (verified, asked) => `The caller is verified for customer ${verified}, not ${asked}. Look customer ${asked} up and verify the caller first.`,
  },
};
