import fs from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { z } from 'zod';
import { languageSchema } from '../../knowledge/schema';

/**
 * The labelled evaluation corpus: merchant messages with the answer each should get, in two parts.
 * - tuning/: used to develop the matcher and its data; its numbers are optimistic.
 * - locked/: written from the support page alone by someone who never saw the FAQ phrasings or the
 *   matcher. Only ever measured, never tuned on (see LABELS.md and knowledge/README.md).
 */
export const EVAL_STYLES = ['short', 'long', 'story', 'sms', 'typo', 'mixed', 'polite'] as const;
export const styleSchema = z.enum(EVAL_STYLES);
export type EvalStyle = z.infer<typeof styleSchema>;

/** The two labels that are not FAQ entries. */
export const OUT_OF_SCOPE = 'out-of-scope';
export const HANDOFF = 'handoff';

export const evalCaseSchema = z
  .object({
    q: z.string().min(1),
    lang: languageSchema,
    style: styleSchema,
    /** An FAQ entry id, `out-of-scope` or `handoff`. */
    expect: z.string().min(1),
    /** What an out-of-scope question is about (fees, mobilepay, chitchat, …). */
    category: z.string().min(1).optional(),
  })
  .strict();
export type EvalCase = z.infer<typeof evalCaseSchema>;

export const evalFileSchema = z.object({ cases: z.array(evalCaseSchema).min(1) }).strict();

/**
 * - examples: the labelled merchants' messages in knowledge/examples/, which the matcher learns from;
 *   measured by cross-validation (each fifth by a matcher trained without it), never as they are.
 * - tuning: fresh batches in test/eval/tuning/, not learnt from: their misses are read, and fixed by
 *   general means (concepts, phrasings, thresholds) or by moving the batch into the examples.
 * - locked: only measured (see LABELS.md).
 */
export const EVAL_PARTS = ['examples', 'tuning', 'locked'] as const;
export type EvalPart = (typeof EVAL_PARTS)[number];

export const evalDir = path.resolve(__dirname);
/** The labelled examples the matcher learns from. */
export const examplesDir = path.resolve(__dirname, '..', '..', 'knowledge', 'examples');

const examplesFileSchema = z.object({ examples: z.array(evalCaseSchema).min(1) }).strict();

export interface LoadedCase extends EvalCase {
  part: EvalPart;
  /** The file it came from, relative to test/eval. */
  file: string;
}

/** Every case of one part: all YAML files in its folder, validated. */
export function loadPart(part: EvalPart, dir: string = evalDir): LoadedCase[] {
  const folder = part === 'examples' ? examplesDir : path.join(dir, part);
  const files = fs.readdirSync(folder).filter((f) => /\.ya?ml$/.test(f)).sort();
  return files.flatMap((f) => {
    const text: unknown = load(fs.readFileSync(path.join(folder, f), 'utf8'));
    // Examples are knowledge (key `examples`), which the eval reads with its stricter case schema (a style for every case).
    const parsed = part === 'examples' ? examplesFileSchema.transform((d) => d.examples).safeParse(text) : evalFileSchema.transform((d) => d.cases).safeParse(text);
    if (!parsed.success) throw new Error(`${part}/${f}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return parsed.data.map((c) => ({ ...c, part, file: `${part}/${f}` }));
  });
}

/** The floors CI keeps (test/eval/floors.yaml), a little under what the matcher reaches. */
export const floorsSchema = z
  .object({
    minimumCases: z.object({ inScope: z.number().int(), outOfScope: z.number().int(), handoff: z.number().int() }).strict(),
    parts: z.record(
      z.enum(EVAL_PARTS),
      z
        .object({
          top1: z.number().min(0).max(1),
          top1LongAndStory: z.number().min(0).max(1),
          outOfScopeRejected: z.number().min(0).max(1),
          wrongAtMost: z.number().min(0).max(1),
          handoffReached: z.number().min(0).max(1),
        })
        .strict(),
    ),
  })
  .strict();
export type EvalFloors = z.infer<typeof floorsSchema>;

export function loadFloors(dir: string = evalDir): EvalFloors {
  return floorsSchema.parse(load(fs.readFileSync(path.join(dir, 'floors.yaml'), 'utf8')));
}
