/**
 * A small multinomial logistic regression over terms, stored as an inverted index: each term lists
 * the classes it has a weight for. A class's score is its bias plus the weights of the question's
 * terms. A question is scored by reading only the postings of its own terms; the classes they do not
 * touch score their bias, whose share of the softmax is one number worked out at training. So the
 * cost grows with the classes a question's terms touch, not with the size of the knowledge base.
 * Every score is a sum of readable parts: which term added how much to which class.
 * Trained by ./training.ts.
 */
export interface Contribution {
  term: string;
  weight: number;
}

/** A question's probabilities: the classes its terms touch, ranked, and the rest in one number. */
export interface Scores {
  /** Classes the terms (or the extra scores) touch, most likely first. */
  ranked: { classIndex: number; probability: number }[];
  probability(classIndex: number): number;
}

export interface Posting {
  classes: Int32Array;
  /** Index of the (class, term) weight in the weights array, per class of `classes` (sorted by class). */
  slots: Int32Array;
}

export class LinearModel {
  /** max(bias) and the sum of exp(bias - max) over all classes: the softmax of the untouched classes. */
  private biasMax = 0;
  private biasSum = 0;
  private readonly scratch: Scratch;

  constructor(
    private readonly termIndex: Map<string, number>,
    readonly postings: Posting[],
    readonly classCount: number,
    readonly weights: Float64Array,
    readonly bias: Float64Array,
  ) {
    this.scratch = new Scratch(classCount);
    this.settle();
  }

  /** Works out the bias part of the softmax again; call it after the weights changed. */
  settle(): void {
    this.biasMax = maxOf(this.bias);
    let sum = 0;
    for (let c = 0; c < this.classCount; c++) sum += Math.exp((this.bias[c] as number) - this.biasMax);
    this.biasSum = sum;
  }

  get terms(): number {
    return this.termIndex.size;
  }

  /** The terms in index order (for storing the model). */
  termList(): string[] {
    const list = new Array<string>(this.termIndex.size);
    for (const [term, i] of this.termIndex) list[i] = term;
    return list;
  }

  /** The index of a term, if the model knows it. */
  indexOf(term: string): number | undefined {
    return this.termIndex.get(term);
  }

  /** The weight slot of (term, class), or -1. Postings are sorted by class: binary search. */
  slotOf(term: number, classIndex: number): number {
    const p = this.postings[term];
    if (!p) return -1;
    let lo = 0;
    let hi = p.classes.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = p.classes[mid] as number;
      if (c === classIndex) return p.slots[mid] as number;
      if (c < classIndex) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** The terms the model has weights for (others add nothing). */
  knows(term: string): boolean {
    return this.termIndex.has(term);
  }

  /**
   * Probabilities over all classes for these terms (each counting its value, 1 as in training or
   * less for context), with `extra` added to some classes' scores. Reads only the terms' postings.
   */
  scores(terms: Map<string, number>, extra?: Map<number, number>): Scores {
    const { scratch, bias, weights } = this;
    scratch.reset();
    for (const [term, value] of terms) {
      const t = this.termIndex.get(term);
      const p = t === undefined ? undefined : this.postings[t];
      if (!p) continue;
      for (let k = 0; k < p.classes.length; k++) scratch.add(p.classes[k] as number, (weights[p.slots[k] as number] as number) * value, bias);
    }
    if (extra) for (const [c, v] of extra) scratch.add(c, v, bias);
    const logits = new Map<number, number>();
    let max = this.biasMax;
    for (let k = 0; k < scratch.count; k++) {
      const c = scratch.touched[k] as number;
      const z = scratch.logit[c] as number;
      logits.set(c, z);
      if (z > max) max = z;
    }
    // All classes at their bias, then the touched ones corrected to their score.
    let sum = this.biasSum * Math.exp(this.biasMax - max);
    for (const [c, z] of logits) sum += Math.exp(z - max) - Math.exp((bias[c] as number) - max);
    const probability = (c: number): number => Math.exp((logits.get(c) ?? (bias[c] ?? 0)) - max) / sum;
    const ranked = [...logits.keys()].map((c) => ({ classIndex: c, probability: probability(c) })).sort((a, b) => b.probability - a.probability || a.classIndex - b.classIndex);
    return { ranked, probability };
  }

  /** What each term adds to one class's score (its weight times its value), largest first, and the class's bias. */
  contributions(terms: Map<string, number>, classIndex: number): { bias: number; terms: Contribution[] } {
    const list: Contribution[] = [];
    for (const [term, value] of terms) {
      const t = this.termIndex.get(term);
      if (t === undefined) continue;
      const slot = this.slotOf(t, classIndex);
      list.push({ term, weight: slot >= 0 ? (this.weights[slot] as number) * value : 0 });
    }
    list.sort((a, b) => b.weight - a.weight);
    return { bias: this.bias[classIndex] ?? 0, terms: list };
  }
}

/** Scores of the classes touched by one question or example, reused without clearing the whole array. */
export class Scratch {
  readonly logit: Float64Array;
  readonly touched: Int32Array;
  private readonly stamp: Int32Array;
  private epoch = 0;
  count = 0;

  constructor(classCount: number) {
    this.logit = new Float64Array(classCount);
    this.touched = new Int32Array(classCount);
    this.stamp = new Int32Array(classCount);
  }

  reset(): void {
    this.epoch += 1;
    this.count = 0;
  }

  add(c: number, value: number, bias: Float64Array): void {
    if (this.stamp[c] !== this.epoch) {
      this.stamp[c] = this.epoch;
      this.logit[c] = bias[c] as number;
      this.touched[this.count++] = c;
    }
    this.logit[c] = (this.logit[c] as number) + value;
  }
}

export function maxOf(values: Float64Array): number {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) if ((values[i] as number) > max) max = values[i] as number;
  return max;
}
