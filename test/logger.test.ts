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
    const record = JSON.parse(lines[0] ?? 'null') as Record<string, unknown>;
    expect(record).toMatchObject({ level: 'error', event: 'turn_failed', code: 'STORE_UNAVAILABLE', password: '[redacted]', authorization: '[redacted]', to: 'k*****@nordicbikes.dk', oneTimeCode: '[redacted]' });
    expect(lines[0]).not.toMatch(/hunter2|Bearer abc|123456|kontakt@/);
  });

  it('on stdout, writes info lines once per event-loop turn, and a warning at once with what came before it', async () => {
    const written: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const log = createLogger({ level: 'info' });
      log.info('turn', { n: 1 });
      log.info('turn', { n: 2 });
      expect(written).toHaveLength(0);
      await new Promise((resolve) => setImmediate(resolve));
      expect(written).toHaveLength(1);
      expect(written[0]?.trim().split('\n').map((l) => (JSON.parse(l) as { n: number }).n)).toEqual([1, 2]);
      log.info('turn', { n: 3 });
      log.error('store_unavailable', { code: 'STORE_UNAVAILABLE' });
      expect(written).toHaveLength(2);
      expect(written[1]?.trim().split('\n').map((l) => (JSON.parse(l) as { event: string }).event)).toEqual(['turn', 'store_unavailable']);
      await new Promise((resolve) => setImmediate(resolve));
      expect(written).toHaveLength(2);
    } finally {
      spy.mockRestore();
    }
  });
});
