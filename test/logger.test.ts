import { createLogger, maskEmail } from '../lib/logger';

describe('logger', () => {
  it('masks e-mail addresses anywhere in a value', () => {
    expect(maskEmail('kontakt@nordicbikes.dk')).toBe('k*****@nordicbikes.dk');
    expect(maskEmail('to ordre@hyggehome.dk and foto@fjordfoto.dk')).toBe('to o*****@hyggehome.dk and f*****@fjordfoto.dk');
  });

  it('writes one JSON line per event, drops secret fields, keeps error codes', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'info', sink: (l) => lines.push(l) });
    log.debug('hidden');
    log.error('turn_failed', { code: 'STORE_UNAVAILABLE', password: 'hunter2', authorization: 'Bearer abc', to: 'kontakt@nordicbikes.dk', oneTimeCode: '123456' });
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(record).toMatchObject({ level: 'error', event: 'turn_failed', code: 'STORE_UNAVAILABLE', password: '[redacted]', authorization: '[redacted]', to: 'k*****@nordicbikes.dk', oneTimeCode: '[redacted]' });
    expect(lines[0]).not.toMatch(/hunter2|Bearer abc|123456|kontakt@/);
  });
});
