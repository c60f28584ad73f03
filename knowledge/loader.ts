import fs from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import type { z } from 'zod';
import { AppError } from '../lib/errors';
import { WordList } from './wordList';
import { DISMISSED_CONCEPT } from './matching/analyzer';
import {
  conceptsFileSchema,
  contactFileSchema,
  intentsFileSchema,
  outOfScopeFileSchema,
  faqFileSchema,
  examplesFileSchema,
  HANDOFF_LABEL,
  OUT_OF_SCOPE_LABEL,
  languageFileSchema,
  matchingConfigSchema,
  smallTalkFileSchema,
  topicsFileSchema,
  type Concept,
  type ContactData,
  type FaqEntry,
  type IntentRule,
  type IntentsData,
  type LabelledExample,
  type OutOfScopeData,
  type LanguageData,
  type MatchingConfig,
  type SmallTalkData,
  type Topic,
} from './schema';

/** Everything the bot knows, loaded from YAML under knowledge/ and validated. */
export interface KnowledgeData {
  topics: Topic[];
  entries: FaqEntry[];
  language: LanguageData;
  concepts: Concept[];
  intents: IntentsData;
  outOfScope: OutOfScopeData;
  smallTalk: SmallTalkData;
  matching: MatchingConfig;
  contact: ContactData;
  /** Labelled merchants' messages (knowledge/examples/), learnt like the phrasings. */
  examples: LabelledExample[];
  /** Snowball stems of the Danish and English dictionaries' words (knowledge/dictionary/): real words are never spell-corrected. */
  dictionaryStems: { da: WordList; en: WordList };
  /** Files that were read, relative to the knowledge folder. */
  files: string[];
}

/** One problem in the knowledge files, located for support staff. */
export interface KnowledgeProblem {
  file: string;
  entry?: string;
  field?: string;
  message: string;
}

export class KnowledgeError extends AppError {
  constructor(readonly problems: KnowledgeProblem[]) {
    super('KNOWLEDGE_INVALID', `The knowledge base has ${problems.length} problem(s):\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'KnowledgeError';
  }
}

export function formatProblem(p: KnowledgeProblem): string {
  const where = [p.file, p.entry ? `entry "${p.entry}"` : undefined, p.field ? `field "${p.field}"` : undefined]
    .filter(Boolean)
    .join(', ');
  return `  - ${where}: ${p.message}`;
}

function readYaml(dir: string, file: string, problems: KnowledgeProblem[]): unknown {
  const full = path.join(dir, file);
  let text: string;
  try {
    text = fs.readFileSync(full, 'utf8');
  } catch (error: unknown) {
    // Not `instanceof Error`: errors from node:fs may come from another realm (e.g. under jest).
    const code = typeof error === 'object' && error !== null && 'code' in error ? ` (${String(error.code)})` : '';
    problems.push({ file, message: `the file cannot be read${code}` });
    return undefined;
  }
  try {
    // js-yaml: duplicate keys are an error; it reads the large files at start-up several times faster than `yaml`.
    return load(text, { filename: file }) as unknown;
  } catch (error: unknown) {
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
    problems.push({ file, message: `not valid YAML: ${message}` });
    return undefined;
  }
}

/** The folder of labelled examples (optional). */
export const EXAMPLES_DIR = 'examples';

/** The YAML files of an optional folder, relative to the knowledge folder, sorted. */
function yamlFilesIn(dir: string, folder: string): string[] {
  if (!fs.existsSync(path.join(dir, folder))) return [];
  return fs
    .readdirSync(path.join(dir, folder))
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .map((f) => path.join(folder, f));
}

/** The dictionaries' stems (made by `npm run dictionary:stems`). */
export const DICTIONARY_FILES = { da: path.join('dictionary', 'stems-da.txt'), en: path.join('dictionary', 'stems-en.txt') } as const;

/** A sorted word list: one word a line, "#" lines are comments. */
function readWordList(dir: string, file: string, problems: KnowledgeProblem[]): WordList {
  try {
    const list = new WordList(fs.readFileSync(path.join(dir, file), 'utf8'));
    if (list.size === 0) problems.push({ file, message: 'the word list is empty (run `npm run dictionary:stems`)' });
    return list;
  } catch {
    problems.push({ file, message: 'the word list cannot be read (run `npm run dictionary:stems`)' });
    return new WordList('');
  }
}

/** Validates with zod and turns issues into located problems. */
function validate<T extends z.ZodTypeAny>(schema: T, data: unknown, file: string, problems: KnowledgeProblem[]): z.infer<T> | undefined {
  const result = schema.safeParse(data);
  if (result.success) return result.data as z.infer<T>;
  for (const issue of result.error.issues) {
    problems.push({ file, ...locate(data, issue.path), message: issue.message });
  }
  return undefined;
}

/**
 * Reads and validates one standalone YAML file (opening hours, the agents' checklist). Throws a
 * KnowledgeError whose problems name the file (as given) and the field.
 */
export function loadYamlFile<T extends z.ZodTypeAny>(file: string, schema: T): z.infer<T> {
  const problems: KnowledgeProblem[] = [];
  const data = readYaml(path.dirname(file), path.basename(file), problems);
  if (problems.length > 0) throw new KnowledgeError(problems.map((p) => ({ ...p, file })));
  const result = schema.safeParse(data);
  if (result.success) return result.data as z.infer<T>;
  // Not a list of entries: a problem is located by its field path alone ("holidays.7").
  throw new KnowledgeError(result.error.issues.map((issue) => ({ file, field: issue.path.length > 0 ? issue.path.join('.') : undefined, message: issue.message })));
}

/** For a path like ["entries", 3, "answer", "da"], names the entry by its id and the field by the rest. */
function locate(data: unknown, issuePath: (string | number)[]): Pick<KnowledgeProblem, 'entry' | 'field'> {
  const [list, index, ...rest] = issuePath;
  if (typeof list === 'string' && typeof index === 'number' && data !== null && typeof data === 'object') {
    const items = (data as Record<string, unknown>)[list];
    const item = Array.isArray(items) ? (items[index] as unknown) : undefined;
    const id =
      item !== null && typeof item === 'object' && typeof (item as Record<string, unknown>).id === 'string'
        ? String((item as Record<string, unknown>).id)
        : `#${index + 1}`;
    return { entry: id, field: rest.length > 0 ? rest.join('.') : undefined };
  }
  return { field: issuePath.length > 0 ? issuePath.join('.') : undefined };
}

/** Loads and validates the whole knowledge base. Throws KnowledgeError listing every problem. */
export function loadKnowledge(dir: string): KnowledgeData {
  const problems: KnowledgeProblem[] = [];
  const topics = validate(topicsFileSchema, readYaml(dir, 'topics.yaml', problems), 'topics.yaml', problems);
  const language = validate(languageFileSchema, readYaml(dir, 'language.yaml', problems), 'language.yaml', problems);
  const concepts = validate(conceptsFileSchema, readYaml(dir, 'concepts.yaml', problems), 'concepts.yaml', problems);
  const intents = validate(intentsFileSchema, readYaml(dir, 'intents.yaml', problems), 'intents.yaml', problems);
  const outOfScope = validate(outOfScopeFileSchema, readYaml(dir, 'out-of-scope.yaml', problems), 'out-of-scope.yaml', problems);
  const smallTalk = validate(smallTalkFileSchema, readYaml(dir, 'smalltalk.yaml', problems), 'smalltalk.yaml', problems);
  const matching = validate(matchingConfigSchema, readYaml(dir, 'matching.yaml', problems), 'matching.yaml', problems);
  const contact = validate(contactFileSchema, readYaml(dir, 'contact.yaml', problems), 'contact.yaml', problems);
  const dictionaryStems = { da: readWordList(dir, DICTIONARY_FILES.da, problems), en: readWordList(dir, DICTIONARY_FILES.en, problems) };

  const faqDir = path.join(dir, 'faq');
  let faqFiles: string[] = [];
  try {
    faqFiles = fs
      .readdirSync(faqDir)
      .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
      .sort()
      .map((f) => path.join('faq', f));
  } catch {
    problems.push({ file: 'faq/', message: 'the folder with FAQ files is missing' });
  }
  if (faqFiles.length === 0 && problems.length === 0) problems.push({ file: 'faq/', message: 'there are no FAQ files (*.yaml)' });

  const entries: FaqEntry[] = [];
  const fileOfEntry = new Map<string, string>();
  for (const file of faqFiles) {
    const parsed = validate(faqFileSchema, readYaml(dir, file, problems), file, problems);
    for (const entry of parsed?.entries ?? []) {
      const earlier = fileOfEntry.get(entry.id);
      if (earlier) {
        problems.push({ file, entry: entry.id, field: 'id', message: `the id is already used in ${earlier}` });
        continue;
      }
      fileOfEntry.set(entry.id, file);
      entries.push(entry);
    }
  }

  const topicIds = new Set((topics?.topics ?? []).map((t) => t.id));
  const entryIds = new Set(entries.map((e) => e.id));
  const exampleFiles = yamlFilesIn(dir, EXAMPLES_DIR);
  const examples: LabelledExample[] = [];
  for (const file of exampleFiles) {
    const parsed = validate(examplesFileSchema, readYaml(dir, file, problems), file, problems);
    (parsed?.examples ?? []).forEach((example, i) => {
      if (entryIds.has(example.expect) || example.expect === OUT_OF_SCOPE_LABEL || example.expect === HANDOFF_LABEL) examples.push(example);
      else problems.push({ file, field: `examples.${i}.expect`, message: `"${example.expect}" is neither an entry id nor ${OUT_OF_SCOPE_LABEL} or ${HANDOFF_LABEL}` });
    });
  }
  for (const entry of entries) {
    const file = fileOfEntry.get(entry.id) ?? 'faq/';
    if (topics && !topicIds.has(entry.topic)) {
      problems.push({ file, entry: entry.id, field: 'topic', message: `unknown topic "${entry.topic}" (topics.yaml lists ${[...topicIds].join(', ')})` });
    }
    entry.followUps.forEach((f, i) => {
      if (!entryIds.has(f)) problems.push({ file, entry: entry.id, field: `followUps.${i}`, message: `no entry has the id "${f}"` });
      if (f === entry.id) problems.push({ file, entry: entry.id, field: `followUps.${i}`, message: 'an entry cannot follow up on itself' });
    });
  }
  if (matching && matching.suggestConfidence > matching.answerConfidence) {
    problems.push({ file: 'matching.yaml', field: 'suggestConfidence', message: 'must not be above answerConfidence' });
  }
  if (matching && (matching.maxQuestionChars < 20 || matching.maxWordLength > matching.maxQuestionChars)) {
    problems.push({ file: 'matching.yaml', field: 'maxQuestionChars', message: 'must be at least 20 and at least maxWordLength' });
  }
  const grouped = new Map<string, string>();
  (matching?.neighbourGroups ?? []).forEach((group, g) => {
    group.entries.forEach((id, i) => {
      const field = `neighbourGroups.${g}.entries.${i}`;
      if (!entryIds.has(id)) problems.push({ file: 'matching.yaml', field, message: `no entry has the id "${id}"` });
      else if (grouped.has(id)) problems.push({ file: 'matching.yaml', field, message: `"${id}" is in neighbour group "${grouped.get(id)}" already (an entry belongs to one group at most)` });
      else grouped.set(id, group.id);
    });
  });
  if (matching && matching.lowConfidenceBelow < matching.answerConfidence) {
    problems.push({ file: 'matching.yaml', field: 'lowConfidenceBelow', message: 'must not be below answerConfidence (equal to it flags no answers as low-confidence)' });
  }

  const conceptIds = new Set<string>();
  for (const [i, concept] of (concepts?.concepts ?? []).entries()) {
    if (conceptIds.has(concept.id)) problems.push({ file: 'concepts.yaml', field: `concepts.${i}.id`, message: `the concept "${concept.id}" is defined twice` });
    conceptIds.add(concept.id);
  }
  // A concept the analyser reads by its id: without it the feature would silently be off.
  if (concepts && !conceptIds.has(DISMISSED_CONCEPT)) problems.push({ file: 'concepts.yaml', message: `the concept "${DISMISSED_CONCEPT}" is missing (sentences the merchant waves aside, matching.yaml dismissedWeight)` });
  if (concepts && intents) {
    const ruleIds = (field: string) => (r: IntentRule, i: number) => ({ field: `${field}.${i}`, ids: [...r.all, ...r.unless] });
    const rules = [...intents.handoff.rules.map(ruleIds('handoff.rules')), ...intents.handoff.unless.map(ruleIds('handoff.unless'))];
    for (const { field, ids } of rules) {
      for (const id of ids) if (!conceptIds.has(id)) problems.push({ file: 'intents.yaml', field, message: `no concept has the id "${id}" (concepts.yaml)` });
    }
  }

  if (problems.length > 0 || !topics || !language || !concepts || !intents || !outOfScope || !smallTalk || !matching || !contact) throw new KnowledgeError(problems);
  return {
    topics: topics.topics,
    entries,
    language,
    concepts: concepts.concepts,
    intents,
    outOfScope,
    smallTalk,
    matching,
    contact,
    examples,
    dictionaryStems,
    files: [DICTIONARY_FILES.da, DICTIONARY_FILES.en, 'topics.yaml', 'language.yaml', 'concepts.yaml', 'intents.yaml', 'out-of-scope.yaml', 'smalltalk.yaml', 'matching.yaml', 'contact.yaml', ...faqFiles, ...exampleFiles],
  };
}
