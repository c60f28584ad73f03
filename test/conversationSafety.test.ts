import { useAccountFixture } from './helpers/accounts';
import { playTranscript } from './helpers/transcript';

const fx = useAccountFixture();
const from = (id: string) => ({ id, name: id, aadObjectId: `aad-${id}` });

describe('a group chat with two people', () => {
  it('one person’s verification does not let another see the account, and nobody answers another’s prompts', async () => {
    const client = fx.client();
    const say = (who: string, text: string) => ({ type: 'message', text, from: from(who) });
    await playTranscript(client, [
      [say('anna', 'status på ordre 10024'), [/slå status op/, /kunde-ID/]],
      [say('bo', '100002'), /i gang med at hjælpe en anden/],
      [say('anna', '100002'), /engangskode/],
      [() => ({ type: 'message', text: fx.sink.lastCodeFor('ordre@hyggehome.dk'), from: from('anna') }), ['Tak, det er bekræftet.', /Ordre 10024/]],
      // Anna is verified; Bo asking about the same merchant must verify himself.
      [say('bo', 'status på ordre 10025'), [/slå status op/, /Hvad er dit kunde-ID\?/]],
    ]);
  });
});

describe('a flow left alone', () => {
  it('is dropped after 30 minutes, so the merchant starts fresh', async () => {
    const client = fx.client();
    await playTranscript(client, [['status på ordre 10024', [/slå status op/, /kunde-ID/]]]);
    fx.clock.advance(31 * 60_000);
    await playTranscript(client, [['hej', /support-bot/]]);
  });
});
