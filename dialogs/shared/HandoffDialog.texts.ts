import type { Language } from '../../knowledge/schema';

export const handoffTexts: Record<
  Language,
  {
    /** Help for this dialog's prompts ("hjælp" while one waits), by prompt. */
    help: Record<'name' | 'phone' | 'customerId' | 'topic', string>;
    afterFallbacks: string;
    openNow: (phone: string, closes: string) => string;
    closedNow: (phone: string, nextOpen: string, holiday?: string) => string;
    offerCallback: string;
    askName: string;
    askPhone: string;
    invalidPhone: string;
    askCustomerId: string;
    skip: string;
    askTopic: string;
    noCallback: (phone: string) => string;
    /** `nextOpen` when support is closed: the call comes at the earliest then, no promise of the hour. */
    callbackBooked: (caseNumber: string, nextOpen?: string) => string;
    phoneAndHours: (phone: string, hours: string) => string;
    nameTooLong: string;
    topicLength: string;
  }
> = {
  da: {
    help: {
      name: 'Skriv det navn, supporten skal spørge efter, når de ringer. Skriv "annuller" for at stoppe.',
      phone: 'Skriv det telefonnummer, vi skal ringe til, fx +45 12 34 56 78. Skriv "annuller" for at stoppe.',
      customerId: 'Dit kunde-ID står i velkomstmailen og på fakturaer fra DIBS. Har du det ikke, så skriv "spring over".',
      topic: 'Skriv med et par ord, hvad supporten skal hjælpe med, så er de forberedt, når de ringer.',
    },
    afterFallbacks: 'Jeg har desværre ikke kunnet hjælpe dig de sidste par gange. Lad mig sætte dig i forbindelse med en person.',
    openNow: (phone, closes) => `Supporten har åbent nu (til kl. ${closes}). Ring på ${phone}, så får du fat i en medarbejder.`,
    closedNow: (phone, nextOpen, holiday) =>
      `Supporten har lukket lige nu${holiday ? ` (${holiday})` : ''}. Vi åbner igen ${nextOpen}. Du kan ringe på ${phone}, når vi har åbent.`,
    offerCallback: 'Vil du hellere have, at vi ringer dig op?',
    askName: 'Hvad er dit navn?',
    askPhone: 'Hvilket telefonnummer skal vi ringe til?',
    invalidPhone: 'Det ligner ikke et telefonnummer (fx +45 12 34 56 78).',
    askCustomerId: 'Hvad er dit kunde-ID? (Skriv "spring over", hvis du ikke har det ved hånden.)',
    skip: 'Spring over',
    askTopic: 'Hvad drejer det sig om? Skriv kort, hvad vi skal hjælpe med.',
    noCallback: (phone) => `Helt i orden. Du kan altid ringe til supporten på ${phone}.`,
    callbackBooked: (caseNumber, nextOpen) =>
      `Tak! Vi ringer dig op${nextOpen ? `, når vi har åbent igen, tidligst ${nextOpen}` : ', så snart vi kan'}. Dit sagsnummer er ${caseNumber}.`,
    phoneAndHours: (phone, hours) => `Ring til supporten på ${phone} (${hours}).`,
    nameTooLong: 'Skriv venligst dit navn med højst 100 tegn.',
    topicLength: 'Skriv venligst emnet med 2 til 500 tegn.',
  },
  en: {
    help: {
      name: 'Type the name support should ask for when they call. Type "cancel" to stop.',
      phone: 'Type the phone number we should call, e.g. +45 12 34 56 78. Type "cancel" to stop.',
      customerId: 'Your customer ID is in the welcome mail and on invoices from DIBS. If you don\'t have it, type "skip".',
      topic: 'Describe in a few words what support should help with, so they are prepared when they call.',
    },
    afterFallbacks: "I'm sorry I couldn't help you the last few times. Let me put you in touch with a person.",
    openNow: (phone, closes) => `Support is open now (until ${closes}). Call ${phone} to reach a colleague.`,
    closedNow: (phone, nextOpen, holiday) => `Support is closed right now${holiday ? ` (${holiday})` : ''}. We open again ${nextOpen}. You can call ${phone} when we're open.`,
    offerCallback: 'Would you rather we call you back?',
    askName: 'What is your name?',
    askPhone: 'Which phone number should we call?',
    invalidPhone: "That doesn't look like a phone number (e.g. +45 12 34 56 78).",
    askCustomerId: 'What is your customer ID? (Type "skip" if you don\'t have it to hand.)',
    skip: 'Skip',
    askTopic: 'What is it about? Briefly describe what we should help with.',
    noCallback: (phone) => `No problem. You can always call support on ${phone}.`,
    callbackBooked: (caseNumber, nextOpen) =>
      `Thank you! We'll call you back ${nextOpen ? `once we're open again, at the earliest ${nextOpen}` : 'as soon as we can'}. Your case number is ${caseNumber}.`,
    phoneAndHours: (phone, hours) => `Call support on ${phone} (${hours}).`,
    nameTooLong: 'Please type your name in at most 100 characters.',
    topicLength: 'Please describe the topic in 2 to 500 characters.',
  },
};
