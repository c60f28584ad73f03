import type { Merchant, Order } from '../store/types';

/**
 * The documented demo merchants (README, "Demo data"). Loaded into an empty database in
 * development mode only; production never loads them. Times are relative to `now`.
 */
export function demoData(now: Date = new Date()): { merchants: Merchant[]; orders: Order[] } {
  const minutes = (m: number): Date => new Date(now.getTime() + m * 60_000);
  const days = (d: number): Date => new Date(now.getTime() + d * 86_400_000);
  const merchants: Merchant[] = [
    {
      customerId: '100001',
      companyName: 'Nordic Bikes ApS',
      loginEmail: 'kontakt@nordicbikes.dk',
      infoEmail: 'info@nordicbikes.dk',
      // Locked 10 minutes ago after 5 failed logins; unlocks by itself after 30 minutes.
      lockedUntil: minutes(20),
      failedLoginAttempts: 5,
    },
    { customerId: '100002', companyName: 'Hygge Home A/S', loginEmail: 'ordre@hyggehome.dk', infoEmail: 'info@hyggehome.dk', lockedUntil: null, failedLoginAttempts: 0 },
    { customerId: '100003', companyName: 'Fjord Foto IVS', loginEmail: 'foto@fjordfoto.dk', infoEmail: 'foto@fjordfoto.dk', lockedUntil: null, failedLoginAttempts: 0 },
  ];
  const base = { customerId: '100002', suspicious: false, suspiciousReason: null, authorisedAt: null, capturedAt: null, cancelledAt: null };
  const orders: Order[] = [
    { ...base, orderId: '10023', transactionId: '7734512', amountMinor: 49900, currency: 'DKK', cardType: 'Dankort', acquirer: 'Nets', status: 'captured', createdAt: days(-3), authorisedAt: days(-3), capturedAt: days(-2) },
    {
      ...base,
      orderId: '10024',
      transactionId: '7734588',
      amountMinor: 129500,
      currency: 'DKK',
      cardType: 'Visa',
      acquirer: 'Nets',
      status: 'suspicious',
      suspicious: true,
      suspiciousReason: 'several failed payment attempts from the same IP address before this payment',
      createdAt: days(-1),
      authorisedAt: days(-1),
    },
    { ...base, orderId: '10025', transactionId: '7734601', amountMinor: 34900, currency: 'DKK', cardType: 'Mastercard', acquirer: 'Nets', status: 'cancelled', createdAt: days(-2), authorisedAt: days(-2), cancelledAt: days(-1) },
    { ...base, orderId: '10026', transactionId: '7734655', amountMinor: 89900, currency: 'DKK', cardType: 'Visa', acquirer: 'Nets', status: 'awaiting-acquirer', createdAt: minutes(-90) },
    { ...base, orderId: '10027', transactionId: null, amountMinor: 19900, currency: 'DKK', cardType: null, acquirer: null, status: 'no-transaction', createdAt: minutes(-45) },
  ];
  return { merchants, orders };
}
