import http from 'node:http';
import { performance } from 'node:perf_hooks';

/** One conversation's script for load runs: FAQ questions and guided-dialog turns (start, help, cancel) mixed. */
export const mixedScript = [
  'hvor finder jeg mit kunde id',
  'min konto er låst',
  'hjælp',
  'annuller',
  'why is a payment marked as suspicious',
  'hvornår står pengene på min konto',
  'menu',
  'what is the weather like',
];

/** The `i`-th item of a list read round and round (turn 9 of an 8-turn script is its first turn again). */
export function cycle<T>(items: readonly T[], i: number): T {
  const item = items[i % items.length];
  if (item === undefined) throw new Error('cannot cycle through an empty list');
  return item;
}

/** Environment for a bot under load: demo data, production log level, rate limits out of the way. */
export const loadTestEnv = {
  NODE_ENV: 'development',
  DEMO_DATA: 'on',
  LOG_LEVEL: 'info',
  RATE_LIMIT_IP_PER_MINUTE: '100000000',
  RATE_LIMIT_CONVERSATION_PER_MINUTE: '100000',
};

/** Posts message activities with expectReplies over kept-alive connections. */
export class LoadClient {
  private readonly agent: http.Agent;
  private seq = 0;

  constructor(maxSockets: number) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  /** Sends one message; resolves with the HTTP status and the latency in ms. */
  send(url: string, conversation: string, text: string): Promise<{ status: number; ms: number }> {
    const body = JSON.stringify({
      type: 'message',
      id: `load-${++this.seq}`,
      text,
      channelId: 'load',
      deliveryMode: 'expectReplies',
      conversation: { id: conversation },
      from: { id: `u-${conversation}` },
      recipient: { id: 'bot' },
      locale: 'da-DK',
    });
    const target = new URL(url);
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const req = http.request(
        { host: target.hostname, port: target.port, path: '/api/messages', method: 'POST', agent: this.agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  destroy(): void {
    this.agent.destroy();
  }
}
