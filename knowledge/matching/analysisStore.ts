import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * What the analyser made of the knowledge base's own texts at start-up: each text's content words (the
 * vocabulary is learnt from them) and each training text's terms (the model is trained on them).
 * Reading them back is much cheaper than analysing some 6,000 texts twice.
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

/** The code that decides what an analysis is: every module of the matcher and the text folding, and the libraries it uses. */
let code: string | undefined;
function analyserCode(): string {
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
  for (const pkg of ['@orama/stemmers', 'fuse.js']) {
    try {
      hash.update(`${pkg}@${(JSON.parse(fs.readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')) as { version?: string }).version ?? '?'}`);
    } catch {
      hash.update(`${pkg}@unresolved`);
    }
  }
  hash.update(process.versions.v8);
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
