import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * What the analyser made of the knowledge base's own texts at start-up: each text's content words (the
 * vocabulary is learnt from them) and each training text's terms (the model is trained on them).
 * Reading them back is much cheaper than reading some 6,000 texts and learning the vocabulary again.
 */
export const analysedTextsSchema = z
  .object({
    contentWords: z.record(z.string(), z.array(z.string())),
    terms: z.record(z.string(), z.array(z.string())),
  })
  .strict();
export type AnalysedTexts = z.infer<typeof analysedTextsSchema>;

/**
 * Analysed texts kept between starts. The analysis is deterministic: the same texts, concepts, stop
 * words, short forms, dictionaries and settings, read by the same analyser code and libraries, give
 * the same result. The key is a hash of all of that, so any edit to the YAML or the code means
 * analysing again; a store that cannot be read or written only costs the analysis time.
 */
export interface AnalysisStore {
  readAnalysis(key: string): AnalysedTexts | undefined;
  writeAnalysis(key: string, analysis: AnalysedTexts): void;
}

/** Bump when the stored format changes: older files are then ignored. */
const FORMAT = 1;

const packageJsonSchema = z.object({ version: z.string() });

/** A package's version, from the package.json above the file it resolves to (undefined when not found). */
function packageVersion(entry: string): string | undefined {
  let dir = path.dirname(require.resolve(entry));
  for (let i = 0; i < 6; i++) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) return packageJsonSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8'))).data?.version;
    dir = path.dirname(dir);
  }
  return undefined;
}

/**
 * The code that decides what an analysis is: every module of the matcher and the text folding, the
 * stemmer and spelling libraries' versions, and the engine's Unicode data (folding uses NFKC and
 * Unicode letter classes). Throws when a library's version cannot be found: then no store is used.
 */
let code: string | undefined;
export function analyserCode(): string {
  if (code !== undefined) return code;
  const hash = createHash('sha256');
  const own = (dir: string, names?: string[]): void => {
    for (const f of fs.readdirSync(dir).sort()) {
      const base = f.replace(/\.(ts|js)$/, '');
      if (!/\.(ts|js)$/.test(f) || (names && !names.includes(base))) continue;
      hash.update(`${f}\n`).update(fs.readFileSync(path.join(dir, f)));
    }
  };
  own(__dirname);
  own(path.join(__dirname, '..'), ['normalize', 'editDistance', 'wordList']);
  for (const entry of ['@orama/stemmers/danish', '@orama/stemmers/english', 'fuse.js']) {
    const version = packageVersion(entry);
    if (version === undefined) throw new Error(`no version found for ${entry}`);
    hash.update(`${entry}@${version}\n`);
  }
  hash.update(JSON.stringify([process.version, process.versions.v8, process.versions.icu, process.versions.unicode]));
  code = hash.digest('hex');
  return code;
}

/** The key of an analysis: everything it depends on (`inputs` as JSON, large texts such as the dictionaries as they are). */
export function analysisKey(inputs: unknown, texts: string[]): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ format: FORMAT, inputs }));
  for (const t of texts) hash.update(`\u0000${t}`);
  hash.update(analyserCode());
  return hash.digest('hex');
}

const storedSchema = z.object({ format: z.literal(FORMAT), key: z.string(), analysis: analysedTextsSchema }).strict();

/** The analysis a stored file holds, or undefined when it is not a whole analysis for `key`. */
export function parseStoredAnalysis(key: string, raw: unknown): AnalysedTexts | undefined {
  const parsed = storedSchema.safeParse(raw);
  return parsed.success && parsed.data.key === key ? parsed.data.analysis : undefined;
}

export function storedAnalysis(key: string, analysis: AnalysedTexts): z.infer<typeof storedSchema> {
  return { format: FORMAT, key, analysis };
}
