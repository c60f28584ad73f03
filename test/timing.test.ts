import { message, post, useBotWithMailSink } from './helpers/server';

/**
 * The customer-ID step must not tell known IDs from unknown ones by its timing: the reply comes after
 * the same response floor for both (accounts/verification.ts), whatever the mail server does.
 */
describe('the customer-ID step through the real server', () => {
  const running = useBotWithMailSink({ CODE_MAX_PER_WINDOW: '50', VERIFICATION_RESPONSE_FLOOR_MS: '250' });
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

  async function customerIdStep(flow: string, customerId: string, i: number): Promise<{ ms: number; text: string }> {
    const conversation = { id: `timing-${flow.length}-${customerId}-${i}-${Date.now()}` };
    await post(running.bot.url, message(flow, { conversation }));
    const started = process.hrtime.bigint();
    const res = await post(running.bot.url, message(customerId, { conversation }));
    return { ms: Number(process.hrtime.bigint() - started) / 1e6, text: res.replies.map((r) => r.text).join('\n') };
  }

  it.each(['min konto er låst', 'status på min ordre'])('"%s": known and unknown IDs answer alike and in the same time (median of 5, generous margin)', async (flow) => {
    const known: number[] = [];
    const unknown: number[] = [];
    const texts = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const k = await customerIdStep(flow, '100001', i);
      const u = await customerIdStep(flow, `99999${i}`, i);
      known.push(k.ms);
      unknown.push(u.ms);
      texts.add(k.text).add(u.text);
    }
    expect(texts.size).toBe(1);
    expect(Math.abs(median(known) - median(unknown))).toBeLessThan(60);
  });
});
