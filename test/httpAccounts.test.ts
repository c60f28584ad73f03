import fs from 'node:fs';
import path from 'node:path';
import { message, post, startBot, useBotWithMailSink } from './helpers/server';
import { pdfBytes, upload } from './helpers/documents';

const running = useBotWithMailSink();

/** One conversation over HTTP: each call sends a message and returns the texts of the replies. */
function conversation(id: string, locale = 'da-DK') {
  return async (text: string | undefined, extra: Record<string, unknown> = {}): Promise<string[]> => {
    const { status, replies } = await post(running.bot.url, message(text, { conversation: { id }, locale, ...extra }));
    expect(status).toBe(200);
    return replies.map((r) => r.text ?? '');
  };
}

describe('HTTP: the demo scenarios complete through /api/messages, with the code arriving over SMTP', () => {
  it('unlocks 100001 (Nordic Bikes)', async () => {
    const say = conversation('http-unlock');
    expect((await say('min konto er låst')).join('\n')).toMatch(/Hvad er dit kunde-ID\?/);
    expect((await say('100001')).join('\n')).toMatch(/engangskode/);
    const code = running.sink.lastCodeFor('kontakt@nordicbikes.dk');
    expect((await say(code)).join('\n')).toMatch(/Skal jeg låse den op nu\?/);
    expect((await say('ja')).join('\n')).toMatch(/Din konto er låst op/);
    expect(await running.bot.store.findMerchant('100001')).toMatchObject({ lockedUntil: null, failedLoginAttempts: 0 });
  });

  it('looks up every order of 100002 (Hygge Home)', async () => {
    const say = conversation('http-orders', 'en-US');
    expect((await say('what is the status of order 10023')).join('\n')).toMatch(/customer ID/);
    await say('100002');
    const replies = (await say(running.sink.lastCodeFor('ordre@hyggehome.dk'))).join('\n');
    expect(replies).toMatch(/Order 10023 \(transaction 7734512\) for DKK 499\.00 with Dankort via Nets is completed/);
    const expected: Record<string, RegExp> = {
      '10024': /marked as suspicious/,
      '10025': /cancelled.*30 days/s,
      '10026': /not yet had an answer from the acquirer/,
      '10027': /never reached the payment window/,
    };
    for (const [id, pattern] of Object.entries(expected)) expect((await say(`status of order ${id}`)).join('\n')).toMatch(pattern);
  });

  it('opens an e-mail change case for 100003 (Fjord Foto) with an uploaded PDF', async () => {
    const say = conversation('http-email');
    expect((await say('jeg skal ændre min login email')).join('\n')).toMatch(/Skal jeg det\?/);
    await say('ja');
    await say('100003');
    expect((await say(running.sink.lastCodeFor('foto@fjordfoto.dk'))).join('\n')).toMatch(/f\*\*\*\*\*@fjordfoto\.dk/);
    await say('nyfoto@fjordfoto.dk');
    await say('ja');
    const done = (await say(undefined, { attachments: [upload('faktura.pdf', pdfBytes, 'application/pdf')] })).join('\n');
    expect(done).toMatch(/EC-\d{8}-[A-Z0-9]{6}/);
    expect(running.sink.mailsTo('support@dibs.dk').at(-1)?.raw).toContain(done.match(/EC-\d{8}-[A-Z0-9]{6}/)![0]);
  });

  it('never writes the code, the question text or a full e-mail address to the logs', async () => {
    const logs = running.bot.logs.join('\n');
    expect(logs).not.toMatch(/kontakt@nordicbikes\.dk|ordre@hyggehome\.dk|foto@fjordfoto\.dk/);
    expect(logs).not.toContain(running.sink.lastCodeFor('kontakt@nordicbikes.dk'));
    expect(logs).toContain('k*****@nordicbikes.dk');
  });
});

describe('HTTP: without SMTP_URL, development mail goes to the outbox folder', () => {
  it('writes the code mail as an .eml file and logs where', async () => {
    const local = await startBot();
    try {
      const say = async (text: string) => (await post(local.url, message(text, { conversation: { id: 'outbox-1' } }))).replies.map((r) => r.text).join('\n');
      await say('min konto er låst');
      expect(await say('100001')).toMatch(/engangskode/);
      const dir = local.config.mail.outboxDir;
      const files = fs.readdirSync(dir).filter((f) => f.endsWith('.eml'));
      expect(files).toHaveLength(1);
      expect(fs.readFileSync(path.join(dir, files[0]!), 'utf8')).toMatch(/To: kontakt@nordicbikes\.dk[\s\S]*Din engangskode er: \d{6}/);
      expect(local.logs.join('\n')).toContain(`"event":"mail_written_to_outbox","file":"${path.join(dir, files[0]!)}"`);
    } finally {
      await local.stop();
    }
  });
});
