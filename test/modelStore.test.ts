import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KnowledgeBase } from '../knowledge/knowledgeBase';
import { loadKnowledge } from '../knowledge/loader';
import { deserialiseModel, FileModelStore, trainingKey } from '../knowledge/matching/modelStore';
import { analyserCode, analysisKey } from '../knowledge/matching/analysisStore';
import { knowledgeDir, realKnowledge } from './helpers/knowledge';

/** What a merchant sees for each question: the decision and the entries with their confidence. */
const QUESTIONS = ['min konto er låst', 'hvornår får jeg mine penge', 'Vi har travlt i julehandlen, men jeg kan ikke se noget af beløbet hos banken endnu – går der lang tid?', 'what is the capital of France?'];
const answers = (kb: KnowledgeBase): unknown[] =>
  QUESTIONS.map((q) => {
    const d = kb.matcher.match(q).decision;
    return [d.kind, d.candidates.map((c) => [c.entry.id, c.confidence])];
  });

describe('trained models kept between starts (knowledge/matching/modelStore.ts)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'matcher-cache-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const files = (): string[] => fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
  // A start and its warm-up store the matcher's model and one per neighbour group (matching.yaml).
  const perStart = 1 + loadKnowledge(knowledgeDir).matching.neighbourGroups.length;
  /** A start with its warm-up done, as the running bot has it a moment after it listens. */
  const loadWarm = (options: Parameters<typeof KnowledgeBase.load>[1]): KnowledgeBase => {
    const kb = KnowledgeBase.load(knowledgeDir, options);
    kb.warmUpNow();
    return kb;
  };

  it('trains only the main model before it answers; the warm-up trains the group models, and answers stay the same', async () => {
    const events: string[] = [];
    const store = new FileModelStore(dir, (event) => events.push(event));
    const kb = KnowledgeBase.load(knowledgeDir, { modelStore: store });
    expect(events).toEqual(['stored']);
    await kb.warmUp();
    expect(files()).toHaveLength(perStart);
    expect(answers(kb)).toEqual(answers(realKnowledge()));
    // A question that needs a group's model before the warm-up trains it then, with the same result.
    const cold = KnowledgeBase.load(knowledgeDir);
    expect(answers(cold)).toEqual(answers(kb));
  });

  it('stores the model at the first start and answers the same from it at the next, without training', () => {
    const events: string[] = [];
    const store = new FileModelStore(dir, (event) => events.push(event));
    const first = loadWarm({ modelStore: store });
    expect(files()).toHaveLength(perStart);
    expect(answers(first)).toEqual(answers(realKnowledge()));

    const read = jest.spyOn(store, 'read');
    const write = jest.spyOn(store, 'write');
    const second = loadWarm({ modelStore: store });
    expect(read.mock.results[0]?.value).toBeDefined();
    expect(write).not.toHaveBeenCalled();
    expect(answers(second)).toEqual(answers(realKnowledge()));
    // What the operator's log says: stored at the first start, reused at the second.
    expect(events).toEqual([...Array<string>(perStart).fill('stored'), ...Array<string>(perStart).fill('reused')]);
  });

  it('trains again when the stored file is damaged, and answers as if nothing had been stored', () => {
    const store = new FileModelStore(dir);
    KnowledgeBase.load(knowledgeDir, { modelStore: store });
    const [file] = files();
    const full = path.join(dir, file ?? '');
    fs.writeFileSync(full, fs.readFileSync(full, 'utf8').slice(0, 5000));
    const again = KnowledgeBase.load(knowledgeDir, { modelStore: store });
    expect(answers(again)).toEqual(answers(realKnowledge()));
    // ... and the damaged file was replaced by a whole one.
    expect(() => JSON.parse(fs.readFileSync(full, 'utf8'))).not.toThrow();
  });

  it('does not reuse a model trained on other knowledge: an edit means training again', () => {
    const store = new FileModelStore(dir);
    loadWarm({ modelStore: store });
    const data = loadKnowledge(knowledgeDir);
    const fewer = new KnowledgeBase({ ...data, examples: data.examples.slice(0, 50) }, undefined, undefined, { modelStore: store });
    fewer.warmUpNow();
    const untouched = new KnowledgeBase({ ...data, examples: data.examples.slice(0, 50) });
    expect(answers(fewer)).toEqual(answers(untouched));
    expect(answers(fewer)).not.toEqual(answers(realKnowledge()));
    // Both are kept (several bots or versions may share the folder): a second matcher model, and the
    // group models whose examples changed.
    expect(files().length).toBeGreaterThan(perStart);
    expect(files().length).toBeLessThanOrEqual(2 * perStart);
  });

  it('keys a model by the examples, the options and the trainer, so none of them can go stale', () => {
    const examples = [{ terms: ['a', 'b'], label: 0, weight: 1 }];
    const options = { iterations: 30, learningRate: 1.5, l2: 0.0002, rivalMaxClasses: 4, maxClassesPerTerm: 40 };
    const key = trainingKey(examples, 2, options, 'trainer v1');
    expect(trainingKey(examples, 2, options, 'trainer v1')).toBe(key);
    expect(trainingKey([{ ...examples[0]!, label: 1 }], 2, options, 'trainer v1')).not.toBe(key);
    expect(trainingKey(examples, 2, { ...options, l2: 0.0005 }, 'trainer v1')).not.toBe(key);
    expect(trainingKey(examples, 2, options, 'trainer v2')).not.toBe(key);
  });

  it('refuses a stored model that does not fit: another key, another class count, broken numbers', () => {
    const store = new FileModelStore(dir);
    KnowledgeBase.load(knowledgeDir, { modelStore: store });
    const [file] = files();
    const raw = JSON.parse(fs.readFileSync(path.join(dir, file ?? ''), 'utf8')) as { key: string; classCount: number; bias: string };
    expect(deserialiseModel(raw.key, raw.classCount, raw)).toBeDefined();
    expect(deserialiseModel('another key', raw.classCount, raw)).toBeUndefined();
    expect(deserialiseModel(raw.key, raw.classCount - 1, raw)).toBeUndefined();
    const nan = Buffer.from(new Float64Array(raw.classCount).fill(Number.NaN).buffer).toString('base64');
    expect(deserialiseModel(raw.key, raw.classCount, { ...raw, bias: nan })).toBeUndefined();
  });

  it('still starts when the folder cannot be written', () => {
    const blocked = path.join(dir, 'not-a-folder');
    fs.writeFileSync(blocked, 'a file where the folder should be');
    const events: string[] = [];
    const kb = loadWarm({ modelStore: new FileModelStore(blocked, (event) => events.push(event)) });
    expect(answers(kb)).toEqual(answers(realKnowledge()));
    expect(events).toEqual(Array<string>(perStart).fill('unwritable'));
  });
});

describe('analysed knowledge texts kept between starts (knowledge/matching/analysisStore.ts)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'analysis-cache-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const analysisFiles = (): string[] => fs.readdirSync(dir).filter((f) => f.startsWith('analysis-') && f.endsWith('.json'));
  const both = (store: FileModelStore) => ({ modelStore: store, analysisStore: store });

  it('stores the analysis at the first start and, read back at the next, answers exactly as a fresh analysis', () => {
    const store = new FileModelStore(dir);
    KnowledgeBase.load(knowledgeDir, both(store));
    expect(analysisFiles()).toHaveLength(1);
    const read = jest.spyOn(store, 'readAnalysis');
    const write = jest.spyOn(store, 'writeAnalysis');
    const second = KnowledgeBase.load(knowledgeDir, both(store));
    expect(read.mock.results[0]?.value).toBeDefined();
    expect(write).not.toHaveBeenCalled();
    expect(answers(second)).toEqual(answers(realKnowledge()));
    // The stored terms are those a fresh analysis gives.
    const stored = read.mock.results[0]?.value as { terms: Record<string, string[]> };
    const someText = realKnowledge().entries[0]?.questions.da[0] ?? '';
    expect(stored.terms[someText]).toEqual(realKnowledge().terms(someText));
  });

  it('analyses again after an edit to the knowledge: a new concept form changes what the texts mean', () => {
    const store = new FileModelStore(dir);
    KnowledgeBase.load(knowledgeDir, both(store));
    const data = loadKnowledge(knowledgeDir);
    // "penge" (money) made a word of the locked account: it changes many texts and the answer to "hvornår får jeg mine penge".
    const concepts = data.concepts.map((c) => (c.id === 'locked' ? { ...c, forms: [...c.forms, 'penge', 'pengene'] } : c));
    const edited = new KnowledgeBase({ ...data, concepts }, undefined, undefined, both(store));
    expect(analysisFiles()).toHaveLength(2);
    const fresh = answers(new KnowledgeBase({ ...data, concepts }));
    expect(fresh).not.toEqual(answers(realKnowledge()));
    expect(answers(edited)).toEqual(fresh);
  });

  it('keys the analysis by the libraries it uses and the engine, and finds their versions', () => {
    expect(() => analyserCode()).not.toThrow();
    expect(analysisKey({ a: 1 }, ['x'])).toBe(analysisKey({ a: 1 }, ['x']));
    expect(analysisKey({ a: 2 }, ['x'])).not.toBe(analysisKey({ a: 1 }, ['x']));
    expect(analysisKey({ a: 1 }, ['y'])).not.toBe(analysisKey({ a: 1 }, ['x']));
  });

  it('analyses again when the stored file is damaged or belongs to another key', () => {
    const store = new FileModelStore(dir);
    KnowledgeBase.load(knowledgeDir, both(store));
    const [file] = analysisFiles();
    const full = path.join(dir, file ?? '');
    const whole = JSON.parse(fs.readFileSync(full, 'utf8')) as { key: string };
    const read = jest.spyOn(store, 'readAnalysis');
    fs.writeFileSync(full, JSON.stringify({ ...whole, analysis: { contentWords: {}, terms: { x: [1] } } }));
    expect(answers(KnowledgeBase.load(knowledgeDir, both(store)))).toEqual(answers(realKnowledge()));
    expect(read.mock.results[0]?.value).toBeUndefined();
    // A whole, well-formed analysis of other knowledge (another key) is not used either.
    fs.writeFileSync(full, JSON.stringify({ ...whole, key: 'another key' }));
    expect(answers(KnowledgeBase.load(knowledgeDir, both(store)))).toEqual(answers(realKnowledge()));
    expect(read.mock.results[1]?.value).toBeUndefined();
  });
});
