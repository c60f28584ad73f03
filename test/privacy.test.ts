import { applyPrivacy, type PrivacyPolicy } from '../lib/privacy';

/** One table for the three privacy policies of lib/privacy.ts: what each destination may keep. */
const cases: { text: string; log: string; analytics: string; transcript: string }[] = [
  { text: 'min mail er kontakt@nordicbikes.dk', log: 'min mail er k*****@nordicbikes.dk', analytics: 'min mail er [e-mail]', transcript: 'min mail er k*****@nordicbikes.dk' },
  { text: 'søren@blåbær.dk skrev', log: 's*****@blåbær.dk skrev', analytics: '[e-mail] skrev', transcript: 's*****@blåbær.dk skrev' },
  { text: '(ordre@hyggehome.dk),', log: '(o*****@hyggehome.dk),', analytics: '([e-mail]),', transcript: '(o*****@hyggehome.dk),' },
  { text: 'kort 4571 1234 5678 9012', log: 'kort 4571 1234 5678 9012', analytics: 'kort [kort]', transcript: 'kort [kortnummer]' },
  { text: 'koden er 861 713', log: 'koden er 861 713', analytics: 'koden er ### ###', transcript: 'koden er [kode]' },
  { text: 'cpr 010190-1234', log: 'cpr 010190-1234', analytics: 'cpr ######-####', transcript: 'cpr [cpr-nummer]' },
  { text: 'ordre 10024', log: 'ordre 10024', analytics: 'ordre #####', transcript: 'ordre 10024' },
  { text: 'ring på +45 20 30 40 50', log: 'ring på +45 20 30 40 50', analytics: 'ring på +## ## ## ## ##', transcript: 'ring på +45 20 30 40 50' },
  { text: 'no address @ here', log: 'no address @ here', analytics: 'no address @ here', transcript: 'no address @ here' },
  // A word too long to be an address, with an "@" in it: hidden whole.
  { text: `x${'a'.repeat(400)}@nordicbikes.dk`, log: '[e-mail]', analytics: '[e-mail]', transcript: '[e-mail]' },
];

describe('privacy policies (lib/privacy.ts)', () => {
  for (const policy of ['log', 'analytics', 'transcript'] as PrivacyPolicy[]) {
    it.each(cases)(`${policy}: %j`, (c) => {
      expect(applyPrivacy(policy, c.text)).toBe(c[policy]);
    });
  }

  it('analytics cuts to the caller’s maximum by code points, the transcript to 500 characters with …', () => {
    expect(applyPrivacy('analytics', 'æøå😀'.repeat(10), 5)).toBe('æøå😀æ');
    const long = applyPrivacy('transcript', 'å'.repeat(2000));
    expect(Array.from(long)).toHaveLength(500);
    expect(long.endsWith('…')).toBe(true);
  });

  it('every policy reads a 10,000-character word or a 10,000-digit number whole, and keeps no e-mail in it', () => {
    const glued = `${'b'.repeat(9_000)} kontakt@nordicbikes.dk ${'9'.repeat(1_000)}`;
    for (const policy of ['log', 'analytics', 'transcript'] as PrivacyPolicy[]) {
      expect(applyPrivacy(policy, glued)).not.toContain('kontakt@');
      expect(applyPrivacy(policy, 'x'.repeat(10_000)).length).toBeGreaterThan(0);
    }
  });
});
