import fs from 'node:fs';
import path from 'node:path';
import { dump, load } from 'js-yaml';
import { KnowledgeBase } from '../knowledge/knowledgeBase';
import { KnowledgeError, loadKnowledge } from '../knowledge/loader';
import { knowledgeDir, realKnowledge } from './helpers/knowledge';
import { tempDir } from './helpers/tmp';

/** A copy of the real knowledge base whose examples folder holds only the given file. */
function knowledgeWithExamples(examples: unknown): string {
  const dir = tempDir('kb-examples');
  fs.cpSync(knowledgeDir, dir, { recursive: true, filter: (src) => !src.endsWith('.ts') });
  fs.rmSync(path.join(dir, 'examples'), { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'examples'));
  fs.writeFileSync(path.join(dir, 'examples', 'support.yaml'), dump({ examples }));
  return dir;
}

const decisionOf = (kb: KnowledgeBase, q: string): string => {
  const u = kb.understand(q, 'en');
  if (u.kind !== 'faq') return u.smallTalk;
  const d = u.match.decision;
  return d.kind === 'answer' ? d.best.entry.id : d.kind;
};

describe('labelled examples (knowledge/examples/)', () => {
  // A word no phrasing uses: only the examples can teach it.
  const story = 'zorbled out of the admin, how long';

  it('are learnt like phrasings: a way of asking only the examples know gets its answer', () => {
    const without = knowledgeWithExamples([{ q: 'what is the weather like', lang: 'en', expect: 'out-of-scope' }]);
    expect(decisionOf(new KnowledgeBase(loadKnowledge(without)), story)).not.toBe('account-locked');
    const taught = knowledgeWithExamples([
      { q: 'we are zorbled out of the admin', lang: 'en', expect: 'account-locked' },
      { q: 'zorbled again after three tries', lang: 'en', expect: 'account-locked' },
      { q: 'how long does being zorbled last', lang: 'en', expect: 'account-locked' },
    ]);
    expect(decisionOf(new KnowledgeBase(loadKnowledge(taught)), story)).toBe('account-locked');
  });

  it('do not change what the bot shows: the entries keep the phrasings written in their FAQ file', () => {
    const written = load(fs.readFileSync(path.join(knowledgeDir, 'faq', 'login.yaml'), 'utf8')) as { entries: { id: string; questions: unknown }[] };
    expect(loadKnowledge(knowledgeDir).examples.filter((x) => x.expect === 'account-locked').length).toBeGreaterThan(10);
    expect(realKnowledge().entries.find((e) => e.id === 'account-locked')?.questions).toEqual(written.entries.find((e) => e.id === 'account-locked')?.questions);
  });

  it('name the file and the example of a label that is no entry', () => {
    const dir = knowledgeWithExamples([{ q: 'hvor er mit kundenummer', lang: 'da', expect: 'customer-number' }]);
    let problems: KnowledgeError['problems'] = [];
    try {
      loadKnowledge(dir);
    } catch (error: unknown) {
      if (error instanceof KnowledgeError) problems = error.problems;
    }
    expect(problems).toEqual([expect.objectContaining({ file: path.join('examples', 'support.yaml'), field: 'examples.0.expect', message: expect.stringContaining('customer-number') })]);
  });
});
