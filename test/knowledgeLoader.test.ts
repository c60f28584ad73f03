import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { dump, load } from 'js-yaml';
import { KnowledgeError, loadKnowledge } from '../knowledge/loader';
import { knowledgeDir } from './helpers/knowledge';
import { tempDir } from './helpers/tmp';

/** Copies the real knowledge base so a test can break one file. */
function copyKnowledge(): string {
  const dir = tempDir('kb');
  fs.cpSync(knowledgeDir, dir, { recursive: true, filter: (src) => !src.endsWith('.ts') });
  return dir;
}

function problemsOf(dir: string): KnowledgeError['problems'] {
  try {
    loadKnowledge(dir);
  } catch (error: unknown) {
    if (error instanceof KnowledgeError) return error.problems;
    throw error;
  }
  throw new Error('expected the knowledge base to be rejected');
}

describe('knowledge loader', () => {
  it('loads the real knowledge base: every entry bilingual, with follow-ups that exist', () => {
    const data = loadKnowledge(knowledgeDir);
    expect(data.entries.length).toBeGreaterThanOrEqual(25);
    const ids = new Set(data.entries.map((e) => e.id));
    for (const e of data.entries) {
      expect(e.answer.da.length).toBeGreaterThan(10);
      expect(e.answer.en.length).toBeGreaterThan(10);
      for (const f of e.followUps) expect(ids.has(f)).toBe(true);
    }
  });

  it('keeps the seed’s contact facts as answers', () => {
    const { entries } = loadKnowledge(knowledgeDir);
    const all = entries.map((e) => e.answer.da).join('\n');
    for (const fact of ['+45 7020 3077', '9.00', '17.00', '9.30', '16.00', 'salg@dibs.dk', 'Arne Jacobsens Allé 13', '2300 København S']) {
      expect(all).toContain(fact);
    }
  });

  it('English answers, short ones too, keep the Danish names the merchant sees on screen', () => {
    const quoted = (text: string): string[] => [...text.matchAll(/'([^']+)'/g)].map((m) => m[1] ?? '');
    const checked: string[] = [];
    for (const e of loadKnowledge(knowledgeDir).entries) {
      for (const kind of ['answer', 'short'] as const) {
        const texts = e[kind];
        if (!texts) continue;
        for (const name of quoted(texts.da)) {
          expect({ entry: e.id, kind, en: texts.en }).toEqual({ entry: e.id, kind, en: expect.stringContaining(`'${name}'`) });
          checked.push(name);
        }
      }
    }
    expect(checked).toEqual(expect.arrayContaining(['indstillinger', 'brugerindstillinger', 'tilpas profil', 'rediger profil', 'svindelkontrol', 'mistænkelig', 'Dagsrapport', 'Teknisk support', 'Driftsstatus']));
  });

  it('the documentation and operating-status answers say where to find them (DIBS\'s support page), not that the bot cannot give a link', () => {
    const { entries } = loadKnowledge(knowledgeDir);
    for (const id of ['technical-docs', 'operating-status']) {
      const e = entries.find((x) => x.id === id)!;
      for (const text of [e.answer.da, e.answer.en, e.short?.da ?? '', e.short?.en ?? '']) {
        expect(text).toMatch(/DIBS' supportside|DIBS's support page/);
        expect(text).not.toMatch(/desværre|unfortunately|can't give|kan .*ikke give/i);
      }
    }
  });

  it('names the file, the entry and the field of a missing answer', () => {
    const dir = copyKnowledge();
    const file = path.join(dir, 'faq', 'login.yaml');
    const doc = load(fs.readFileSync(file, 'utf8')) as { entries: { id: string; answer: { da?: string } }[] };
    delete doc.entries.find((e) => e.id === 'account-locked')!.answer.da;
    fs.writeFileSync(file, dump(doc));
    const problems = problemsOf(dir);
    expect(problems).toEqual(expect.arrayContaining([expect.objectContaining({ file: path.join('faq', 'login.yaml'), entry: 'account-locked', field: 'answer.da' })]));
  });

  it('rejects a follow-up that points to no entry, and invalid YAML', () => {
    const dir = copyKnowledge();
    const file = path.join(dir, 'faq', 'contact.yaml');
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, text.replace(/followUps: \[[^\]]*\]/, 'followUps: [no-such-entry]'));
    expect(problemsOf(dir)).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'followUps.0', message: expect.stringContaining('no-such-entry') })]));
    fs.writeFileSync(file, 'entries: [\n  - : :');
    expect(problemsOf(dir)[0]).toMatchObject({ file: path.join('faq', 'contact.yaml'), message: expect.stringContaining('not valid YAML') });
  });

  it('rejects a duplicate id across files', () => {
    const dir = copyKnowledge();
    fs.copyFileSync(path.join(dir, 'faq', 'contact.yaml'), path.join(dir, 'faq', 'zz-copy.yaml'));
    expect(problemsOf(dir)).toEqual(expect.arrayContaining([expect.objectContaining({ file: path.join('faq', 'zz-copy.yaml'), field: 'id' })]));
  });

  it('rejects a concepts file without the concept the analyser reads by id (dismissed)', () => {
    const dir = copyKnowledge();
    const file = path.join(dir, 'concepts.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('  - id: dismissed\n', '  - id: dismissed-renamed\n'));
    expect(problemsOf(dir)).toEqual([expect.objectContaining({ file: 'concepts.yaml', message: expect.stringMatching(/"dismissed" is missing/) })]);
  });

  it('rejects a low-confidence threshold below the answer threshold, and defaults it when missing', () => {
    const dir = copyKnowledge();
    const file = path.join(dir, 'matching.yaml');
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, text.replace(/^lowConfidenceBelow: .*$/m, 'lowConfidenceBelow: 0.2'));
    expect(problemsOf(dir)).toEqual([expect.objectContaining({ file: 'matching.yaml', field: 'lowConfidenceBelow' })]);
    fs.writeFileSync(file, text.replace(/^lowConfidenceBelow: .*$/m, ''));
    expect(loadKnowledge(dir).matching.lowConfidenceBelow).toBe(0.5);
  });

  it('rejects a neighbour group naming an entry that does not exist, or one already in another group', () => {
    const dir = copyKnowledge();
    const file = path.join(dir, 'matching.yaml');
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, text.replace('entries: [refund-timing, payout-timing, cancelled-reservation]', 'entries: [refund-timing, payout-timings, cancelled-reservation, suspicious-why]'));
    const problems = problemsOf(dir);
    expect(problems).toEqual([
      expect.objectContaining({ file: 'matching.yaml', field: expect.stringMatching(/^neighbourGroups\.\d+\.entries\.1$/), message: expect.stringContaining('"payout-timings"') }),
      expect.objectContaining({ file: 'matching.yaml', field: expect.stringMatching(/^neighbourGroups\.\d+\.entries\.3$/), message: expect.stringContaining('"suspicious-payments" already') }),
    ]);
  });

  it('npm run faq:check fails with the location of the problem', () => {
    const dir = copyKnowledge();
    fs.writeFileSync(path.join(dir, 'matching.yaml'), 'answerConfidence: 2\n');
    let output = '';
    try {
      execFileSync('npx', ['tsx', path.join(__dirname, '..', 'scripts', 'faqCheck.ts'), dir], { encoding: 'utf8', stdio: 'pipe' });
    } catch (error: unknown) {
      output = String((error as { stderr?: string }).stderr);
    }
    expect(output).toMatch(/matching\.yaml, field "answerConfidence"/);
  });
});
