/**
 * A small multinomial logistic regression over terms: one weight per (class, term) and a bias per
 * class. Trained at start-up from the knowledge base's own texts, deterministically (full-batch
 * gradient descent from zero weights, AdaGrad steps, L2), in well under a second. Every score is a sum
 * of readable parts: which term added how much to which class.
 */
export interface TrainingExample {
  terms: string[];
  label: number;
  weight: number;
}

export interface TrainingOptions {
  iterations: number;
  learningRate: number;
  l2: number;
}

export interface Contribution {
  term: string;
  weight: number;
}

export class LinearModel {
  private constructor(
    private readonly termIndex: Map<string, number>,
    private readonly classCount: number,
    /** weights[c * termCount + t] */
    private readonly weights: Float64Array,
    private readonly bias: Float64Array,
  ) {}

  get terms(): number {
    return this.termIndex.size;
  }

  static train(examples: TrainingExample[], classCount: number, options: TrainingOptions): LinearModel {
    const termIndex = new Map<string, number>();
    for (const e of examples) for (const t of e.terms) if (!termIndex.has(t)) termIndex.set(t, termIndex.size);
    const termCount = termIndex.size;
    const encoded = examples.map((e) => ({ ids: [...new Set(e.terms.map((t) => termIndex.get(t) ?? -1))].filter((i) => i >= 0), label: e.label, weight: e.weight }));
    const totalWeight = examples.reduce((s, e) => s + e.weight, 0) || 1;

    const weights = new Float64Array(classCount * termCount);
    const bias = new Float64Array(classCount);
    const gradW = new Float64Array(classCount * termCount);
    const gradB = new Float64Array(classCount);
    const sumSqW = new Float64Array(classCount * termCount);
    const sumSqB = new Float64Array(classCount);
    const logits = new Float64Array(classCount);
    const eps = 1e-8;

    for (let iteration = 0; iteration < options.iterations; iteration++) {
      gradW.fill(0);
      gradB.fill(0);
      for (const e of encoded) {
        scoreInto(logits, e.ids, weights, bias, classCount, termCount);
        softmaxInPlace(logits);
        const share = e.weight / totalWeight;
        for (let c = 0; c < classCount; c++) {
          const g = ((logits[c] ?? 0) - (c === e.label ? 1 : 0)) * share;
          if (g === 0) continue;
          gradB[c] = (gradB[c] ?? 0) + g;
          const row = c * termCount;
          for (const t of e.ids) gradW[row + t] = (gradW[row + t] ?? 0) + g;
        }
      }
      for (let i = 0; i < weights.length; i++) {
        const g = (gradW[i] ?? 0) + options.l2 * (weights[i] ?? 0);
        if (g === 0) continue;
        sumSqW[i] = (sumSqW[i] ?? 0) + g * g;
        weights[i] = (weights[i] ?? 0) - (options.learningRate * g) / (Math.sqrt(sumSqW[i] ?? 0) + eps);
      }
      for (let c = 0; c < classCount; c++) {
        const g = gradB[c] ?? 0;
        sumSqB[c] = (sumSqB[c] ?? 0) + g * g;
        bias[c] = (bias[c] ?? 0) - (options.learningRate * g) / (Math.sqrt(sumSqB[c] ?? 0) + eps);
      }
    }
    return new LinearModel(termIndex, classCount, weights, bias);
  }

  /** The terms the model has weights for (others add nothing). */
  knows(term: string): boolean {
    return this.termIndex.has(term);
  }

  /** Raw scores per class (before the softmax), plus `extra` per class if given. */
  logits(terms: string[], extra?: Float64Array): Float64Array {
    const ids = [...new Set(terms.map((t) => this.termIndex.get(t) ?? -1))].filter((i) => i >= 0);
    const out = new Float64Array(this.classCount);
    scoreInto(out, ids, this.weights, this.bias, this.classCount, this.termIndex.size);
    if (extra) for (let c = 0; c < this.classCount; c++) out[c] = (out[c] ?? 0) + (extra[c] ?? 0);
    return out;
  }

  /** What each term adds to one class's score, largest first, and the class's bias. */
  contributions(terms: string[], classIndex: number): { bias: number; terms: Contribution[] } {
    const row = classIndex * this.termIndex.size;
    const list: Contribution[] = [];
    for (const term of new Set(terms)) {
      const t = this.termIndex.get(term);
      if (t !== undefined) list.push({ term, weight: this.weights[row + t] ?? 0 });
    }
    list.sort((a, b) => b.weight - a.weight);
    return { bias: this.bias[classIndex] ?? 0, terms: list };
  }
}

function scoreInto(out: Float64Array, ids: number[], weights: Float64Array, bias: Float64Array, classCount: number, termCount: number): void {
  for (let c = 0; c < classCount; c++) {
    let z = bias[c] ?? 0;
    const row = c * termCount;
    for (const t of ids) z += weights[row + t] ?? 0;
    out[c] = z;
  }
}

/** Turns scores into probabilities, in place. */
export function softmaxInPlace(values: Float64Array): Float64Array {
  let max = -Infinity;
  for (const v of values) if (v > max) max = v;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const e = Math.exp((values[i] ?? 0) - max);
    values[i] = e;
    sum += e;
  }
  for (let i = 0; i < values.length; i++) values[i] = (values[i] ?? 0) / sum;
  return values;
}
