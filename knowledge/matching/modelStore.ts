import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { LinearModel, type Posting } from './linearModel';
import type { TrainingExample, TrainingOptions } from './training';
import { parseStoredAnalysis, storedAnalysis, type AnalysedTexts, type AnalysisStore } from './analysisStore';

/**
 * Trained models kept between starts. Training is deterministic, so a model trained on exactly the
 * same examples with the same options, by the same training code on the same engine, is the same
 * model: the key is a hash of all of that (each example's terms, label and weight, the class count, the
 * options, the trainer's source and the V8 version). An edit to a phrasing, an example, a concept or
 * the analyser's code that changes any example's terms changes the key, and so does a change to the
 * trainer or an upgrade of Node: the model is trained again. A store that cannot be read or written
 * only costs the training time.
 */
export interface ModelStore {
  read(key: string, classCount: number): LinearModel | undefined;
  write(key: string, model: LinearModel): void;
}

/** Bump when the stored format changes: older files are then ignored. */
const FORMAT = 1;

export function trainingKey(examples: TrainingExample[], classCount: number, options: TrainingOptions, trainerSource: string): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ format: FORMAT, classCount, options, engine: process.versions.v8 }));
  hash.update(trainerSource);
  for (const e of examples) hash.update(`\n${e.label}\t${e.weight}\t${e.terms.join('\u0001')}`);
  return hash.digest('hex');
}

const storedSchema = z
  .object({
    format: z.literal(FORMAT),
    key: z.string(),
    classCount: z.number().int().min(1),
    terms: z.array(z.string()),
    /** Per term, its classes and weight slots (two base64 Int32Arrays). */
    postings: z.array(z.tuple([z.string(), z.string()])),
    weights: z.string(),
    bias: z.string(),
  })
  .strict();
type Stored = z.infer<typeof storedSchema>;

const toBase64 = (a: Int32Array | Float64Array): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
/** The typed array a base64 text holds; throws when its length is no whole number of elements. */
function typed<T>(text: string, bytes: number, make: (buffer: ArrayBuffer) => T): T {
  const b = Buffer.from(text, 'base64');
  if (b.byteLength % bytes !== 0) throw new Error('bad typed array');
  return make(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}
const int32s = (text: string): Int32Array => typed(text, 4, (buffer) => new Int32Array(buffer));
const float64s = (text: string): Float64Array => typed(text, 8, (buffer) => new Float64Array(buffer));

export function serialiseModel(key: string, model: LinearModel): Stored {
  return {
    format: FORMAT,
    key,
    classCount: model.classCount,
    terms: model.termList(),
    postings: model.postings.map((p) => [toBase64(p.classes), toBase64(p.slots)]),
    weights: toBase64(model.weights),
    bias: toBase64(model.bias),
  };
}

const finite = (a: Float64Array): boolean => a.every((x) => Number.isFinite(x));
/** Classes in strictly increasing order (the model's look-up searches them), each a real class. */
const validClasses = (classes: Int32Array, classCount: number): boolean => classes.every((c, i) => c >= 0 && c < classCount && (i === 0 || c > (classes[i - 1] as number)));

/** The model a stored file holds, or undefined when it is not a whole, consistent model for `key` and `classCount`. */
export function deserialiseModel(key: string, classCount: number, raw: unknown): LinearModel | undefined {
  const parsed = storedSchema.safeParse(raw);
  if (!parsed.success || parsed.data.key !== key || parsed.data.classCount !== classCount) return undefined;
  const s = parsed.data;
  try {
    const weights = float64s(s.weights);
    const bias = float64s(s.bias);
    if (bias.length !== classCount || s.postings.length !== s.terms.length || new Set(s.terms).size !== s.terms.length) return undefined;
    if (!finite(weights) || !finite(bias)) return undefined;
    const postings: Posting[] = s.postings.map(([c, sl]) => ({ classes: int32s(c), slots: int32s(sl) }));
    const consistent = postings.every((p) => p.classes.length === p.slots.length && validClasses(p.classes, classCount) && p.slots.every((x) => x >= 0 && x < weights.length));
    if (!consistent) return undefined;
    return new LinearModel(new Map(s.terms.map((t, i) => [t, i])), postings, s.classCount, weights, bias);
  } catch {
    return undefined;
  }
}

/** The kinds of file a store keeps: trained models, and the analysed texts they were trained on. */
type Kind = 'matcher' | 'analysis';

/**
 * How many stored files of each kind a folder keeps (several bots or versions may share it: a rolling
 * deploy). A knowledge version stores one analysis and several models: the matcher's and one per
 * neighbour group (matching.yaml), so six versions need more models than analyses.
 */
const KEEP: Record<Kind, number> = { matcher: 60, analysis: 6 };

/** What a store did, for the operator's log: a stored model reused, a new one stored, or a folder it cannot write. */
export type ModelStoreEvent = 'reused' | 'stored' | 'unwritable';


/** One JSON file per kind and key in a folder (by default under node_modules/.cache, see the config). */
export class FileModelStore implements ModelStore, AnalysisStore {
  constructor(
    private readonly dir: string,
    private readonly report: (event: ModelStoreEvent, file: string) => void = () => undefined,
  ) {}

  private file(kind: Kind, key: string): string {
    return path.join(this.dir, `${kind}-${key.slice(0, 32)}.json`);
  }

  /** A stored file parsed, or undefined (no file, unreadable, not JSON, or not what `parse` accepts). */
  private readFile<T>(kind: Kind, key: string, parse: (raw: unknown) => T | undefined): T | undefined {
    try {
      const found = parse(JSON.parse(fs.readFileSync(this.file(kind, key), 'utf8')));
      if (found !== undefined) this.report('reused', this.file(kind, key));
      return found;
    } catch {
      return undefined;
    }
  }

  private writeFile(kind: Kind, key: string, value: unknown): void {
    try {
      fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      // Written whole, then renamed: another instance never reads half a file.
      const tmp = `${this.file(kind, key)}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(value), { mode: 0o600 });
      fs.renameSync(tmp, this.file(kind, key));
      this.prune(kind);
      this.report('stored', this.file(kind, key));
    } catch {
      // A read-only or full disk only means training (or analysing) again at the next start.
      this.report('unwritable', this.dir);
    }
  }

  read(key: string, classCount: number): LinearModel | undefined {
    return this.readFile('matcher', key, (raw) => deserialiseModel(key, classCount, raw));
  }

  write(key: string, model: LinearModel): void {
    this.writeFile('matcher', key, serialiseModel(key, model));
  }

  readAnalysis(key: string): AnalysedTexts | undefined {
    return this.readFile('analysis', key, (raw) => parseStoredAnalysis(key, raw));
  }

  writeAnalysis(key: string, analysis: AnalysedTexts): void {
    this.writeFile('analysis', key, storedAnalysis(key, analysis));
  }

  /** Keeps the newest files of a kind (other bots or versions may share the folder) and drops stale temporary files. */
  private prune(kind: Kind): void {
    const pattern = new RegExp(`^${kind}-[0-9a-f]{32}\\.json(\\.[0-9]+-[0-9a-f]+\\.tmp)?$`);
    // Another instance may rename or prune a file meanwhile: a file that is gone is skipped.
    const entries = fs
      .readdirSync(this.dir)
      .filter((f) => pattern.test(f))
      .flatMap((f) => {
        try {
          return [{ f, mtime: fs.statSync(path.join(this.dir, f)).mtimeMs }];
        } catch {
          return [];
        }
      });
    const hour = 60 * 60 * 1000;
    const kept = entries.filter((e) => e.f.endsWith('.json')).sort((a, b) => b.mtime - a.mtime);
    const stale = [...kept.slice(KEEP[kind]), ...entries.filter((e) => e.f.endsWith('.tmp') && Date.now() - e.mtime > hour)];
    for (const { f } of stale) fs.rmSync(path.join(this.dir, f), { force: true });
  }
}
