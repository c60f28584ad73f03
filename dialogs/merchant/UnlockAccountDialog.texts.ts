import type { Language } from '../../knowledge/schema';

export const unlockTexts: Record<
  Language,
  {
    intro: string;
    notLocked: string;
    locked: (until: string) => string;
    unlocked: string;
    keptLocked: (until: string) => string;
    failed: (phone: string) => string;
    /** For a phone agent acting for a caller: "the caller's account", not "yours". */
    caller: { notLocked: string; locked: (until: string) => string; unlocked: string; keptLocked: (until: string) => string };
  }
> = {
  da: {
    intro: 'Jeg kan også låse kontoen op for dig med det samme.',
    notLocked:
      "Din konto er ikke låst. Kan du ikke logge ind, er det måske dit password: du kan ændre det via 'glemt password'-linket på login-siden, så sender vi dig en mail med et link.",
    locked: (until) => `Din konto er låst, fordi der blev tastet forkert for mange gange. Den låses automatisk op kl. ${until} (30 minutter efter låsningen). Skal jeg låse den op nu?`,
    unlocked: 'Din konto er låst op, og de mislykkede loginforsøg er nulstillet. Du kan logge ind igen nu.',
    keptLocked: (until) => `OK, jeg lader den være. Kontoen låses automatisk op kl. ${until}.`,
    failed: (phone) => `Jeg kunne ikke låse kontoen op. Ring til supporten på ${phone}, så låser de den op med det samme.`,
    caller: {
      notLocked: "Kundens konto er ikke låst. Kan opkalderen ikke logge ind, er det måske passwordet: det kan ændres via 'glemt password'-linket på login-siden.",
      locked: (until) => `Kundens konto er låst efter for mange forkerte loginforsøg. Den låses automatisk op kl. ${until}. Skal jeg låse den op nu?`,
      unlocked: 'Kundens konto er låst op, og de mislykkede loginforsøg er nulstillet. Opkalderen kan logge ind igen nu.',
      keptLocked: (until) => `OK, kundens konto forbliver låst. Den låses automatisk op kl. ${until}.`,
    },
  },
  en: {
    intro: 'I can also unlock the account for you straight away.',
    notLocked:
      "Your account is not locked. If you can't log in, it may be your password: you can change it with the 'glemt password' (forgot password) link on the login page, and we'll mail you a link.",
    locked: (until) => `Your account is locked because of too many failed logins. It unlocks automatically at ${until} (30 minutes after it was locked). Shall I unlock it now?`,
    unlocked: 'Your account is unlocked and the failed login attempts are reset. You can log in again now.',
    keptLocked: (until) => `OK, I'll leave it. The account unlocks automatically at ${until}.`,
    failed: (phone) => `I couldn't unlock the account. Please call support on ${phone} and they'll unlock it straight away.`,
    caller: {
      notLocked: "The caller's account is not locked. If they can't log in, it may be the password: it can be changed with the 'glemt password' (forgot password) link on the login page.",
      locked: (until) => `The caller's account is locked after too many failed logins. It unlocks automatically at ${until}. Shall I unlock it now?`,
      unlocked: "The caller's account is unlocked and the failed login attempts are reset. The caller can log in again now.",
      keptLocked: (until) => `OK, the caller's account stays locked. It unlocks automatically at ${until}.`,
    },
  },
};
