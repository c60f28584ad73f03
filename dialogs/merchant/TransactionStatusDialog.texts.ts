import type { Language } from '../../knowledge/schema';
import type { OrderStatus } from '../../store/types';

export interface OrderFacts {
  orderId: string;
  transactionId: string;
  amount: string;
  card: string;
  acquirer: string;
  date: string;
  reason: string;
  phone: string;
}

export const transactionTexts: Record<
  Language,
  {
    /** Help for this dialog's prompts ("hjælp" while one waits), by prompt. */
    help: Record<'orderId', string>;
    intro: string;
    askOrderId: string;
    invalidOrderId: string;
    notFound: (id: string) => string;
    /** For a phone agent acting for a caller. */
    notFoundForCaller: (id: string) => string;
    status: {
      captured: (f: OrderFacts) => string;
      authorised: (f: OrderFacts) => string;
      suspicious: (f: OrderFacts) => string;
      cancelled: (f: OrderFacts) => string;
      'awaiting-acquirer': (f: OrderFacts) => string;
      'no-transaction': (f: OrderFacts) => string;
    };
    unknownCard: string;
    unknownAcquirer: string;
    /** The status card in Teams. */
    card: {
      title: (orderId: string) => string;
      status: (label: string) => string;
      statusLabel: Record<OrderStatus, string>;
      facts: { order: string; transaction: string; amount: string; card: string; acquirer: string; created: string; authorised: string; captured: string; cancelled: string };
    };
  }
> = {
  da: {
    help: {
      orderId: 'Skriv ordre-ID\'et eller transaktions-ID\'et. Du finder det i administrationen eller i ordren i din webshop. Skriv "annuller" for at stoppe.',
    },
    intro: 'Jeg kan slå en ordre eller transaktion op for dig.',
    askOrderId: 'Hvilket ordre-ID eller transaktions-ID drejer det sig om?',
    invalidOrderId: 'Et ordre- eller transaktions-ID er et nummer som 10024; det kan også indeholde bogstaver.',
    notFound: (id) => `Jeg kan ikke finde en ordre eller transaktion med nummeret ${id} på din konto. Tjek nummeret i din webshop eller i administrationen, og prøv igen.`,
    notFoundForCaller: (id) => `Jeg kan ikke finde en ordre eller transaktion med nummeret ${id} på kundens konto. Bed opkalderen tjekke nummeret i webshoppen eller i administrationen.`,
    status: {
      captured: (f) =>
        `Ordre ${f.orderId} (transaktion ${f.transactionId}) på ${f.amount} med ${f.card} via ${f.acquirer} er gennemført og hævet den ${f.date}.\n` +
        'Hvornår pengene står på din bankkonto, afhænger af den aftale, du har lavet med din indløser.',
      authorised: (f) =>
        `Ordre ${f.orderId} (transaktion ${f.transactionId}) på ${f.amount} er godkendt den ${f.date}, men endnu ikke hævet.`,
      suspicious: (f) =>
        `Ordre ${f.orderId} (transaktion ${f.transactionId}) på ${f.amount} er markeret som mistænkelig: ${f.reason}.\n` +
        "Den bliver ikke gennemført automatisk. Klik på den røde tekst 'mistænkelig' ved ordren i administrationen; så får du forklaringen og kan vælge at gennemføre eller annullere ordren manuelt.",
      cancelled: (f) =>
        `Ordre ${f.orderId} (transaktion ${f.transactionId}) på ${f.amount} blev godkendt og derefter annulleret den ${f.date}.\n` +
        'Pengene kan stadig være reserveret hos indløseren eller kundens bank. Hverken DIBS eller indløseren kan ophæve reservationen; banken ophæver den automatisk efter højst 30 dage, og kun kundens bank kan sige, om det kan ske tidligere.',
      'awaiting-acquirer': (f) =>
        `Vi har endnu ikke fået svar fra indløseren (${f.acquirer}) på ordre ${f.orderId} (transaktion ${f.transactionId}) på ${f.amount}.\n` +
        `Undersøg, om du har modtaget pengene, og kontakt derefter supporten på ${f.phone}.`,
      'no-transaction': (f) =>
        `Der er ingen transaktion på ordre ${f.orderId}. Kunden har lagt ordren i webshoppen, men er aldrig kommet til betalingsvinduet.`,
    },
    unknownCard: 'ukendt korttype',
    unknownAcquirer: 'indløseren',
    card: {
      title: (orderId) => `Ordre ${orderId}`,
      status: (label) => `Status: ${label}`,
      statusLabel: {
        captured: 'Gennemført og hævet',
        authorised: 'Godkendt, ikke hævet',
        suspicious: 'Mistænkelig',
        cancelled: 'Annulleret',
        'awaiting-acquirer': 'Afventer svar fra indløseren',
        'no-transaction': 'Ingen transaktion',
      },
      facts: { order: 'Ordre', transaction: 'Transaktion', amount: 'Beløb', card: 'Korttype', acquirer: 'Indløser', created: 'Oprettet', authorised: 'Godkendt', captured: 'Hævet', cancelled: 'Annulleret' },
    },
  },
  en: {
    help: {
      orderId: 'Type the order ID or transaction ID. You find it in the administration or in the order in your webshop. Type "cancel" to stop.',
    },
    intro: 'I can look up an order or transaction for you.',
    askOrderId: 'Which order ID or transaction ID is it about?',
    invalidOrderId: 'An order or transaction ID is a number like 10024; it may also contain letters.',
    notFound: (id) => `I can't find an order or transaction with the number ${id} on your account. Please check the number in your webshop or the administration and try again.`,
    notFoundForCaller: (id) => `I can't find an order or transaction with the number ${id} on the caller's account. Ask the caller to check the number in the webshop or the administration.`,
    status: {
      captured: (f) =>
        `Order ${f.orderId} (transaction ${f.transactionId}) for ${f.amount} with ${f.card} via ${f.acquirer} is completed and captured on ${f.date}.\n` +
        'When the money reaches your bank account depends on the agreement you have with your acquirer.',
      authorised: (f) =>
        `Order ${f.orderId} (transaction ${f.transactionId}) for ${f.amount} was authorised on ${f.date} but not captured yet.`,
      suspicious: (f) =>
        `Order ${f.orderId} (transaction ${f.transactionId}) for ${f.amount} is marked as suspicious: ${f.reason}.\n` +
        "It will not be completed automatically. Click the red text 'mistænkelig' (suspicious) next to the order in the administration; you'll see the explanation and can complete or cancel the order manually.",
      cancelled: (f) =>
        `Order ${f.orderId} (transaction ${f.transactionId}) for ${f.amount} was authorised and then cancelled on ${f.date}.\n` +
        "The money may still be reserved by the acquirer or the customer's bank. Neither DIBS nor the acquirer can lift the reservation; the bank lifts it automatically after at most 30 days, and only the customer's bank can say whether it can happen sooner.",
      'awaiting-acquirer': (f) =>
        `We have not yet had an answer from the acquirer (${f.acquirer}) for order ${f.orderId} (transaction ${f.transactionId}) for ${f.amount}.\n` +
        `Please check whether you have received the money, then contact support on ${f.phone}.`,
      'no-transaction': (f) =>
        `There is no transaction for order ${f.orderId}. The customer placed the order in the webshop but never reached the payment window.`,
    },
    unknownCard: 'unknown card type',
    unknownAcquirer: 'the acquirer',
    card: {
      title: (orderId) => `Order ${orderId}`,
      status: (label) => `Status: ${label}`,
      statusLabel: {
        captured: 'Completed and captured',
        authorised: 'Authorised, not captured',
        suspicious: 'Suspicious',
        cancelled: 'Cancelled',
        'awaiting-acquirer': 'Awaiting the acquirer',
        'no-transaction': 'No transaction',
      },
      facts: { order: 'Order', transaction: 'Transaction', amount: 'Amount', card: 'Card type', acquirer: 'Acquirer', created: 'Created', authorised: 'Authorised', captured: 'Captured', cancelled: 'Cancelled' },
    },
  },
};

/** Reasons stored in English in the store, shown in Danish where we know them. */
export const suspiciousReasonDa: Record<string, string> = {
  'several failed payment attempts from the same IP address before this payment': 'der var flere mislykkede betalingsforsøg fra samme IP-adresse før denne betaling',
  'several failed payment attempts on the same card before this payment': 'der var flere mislykkede betalingsforsøg på samme kort før denne betaling',
};
