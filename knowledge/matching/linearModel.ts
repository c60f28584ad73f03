/**
 * A small multinomial logistic regression over terms, stored as an inverted index: each term lists
 * the classes it was seen with and its weight for each. A class's score is its bias plus the weights
 * of the question's terms. A question is scored by reading only the postings of its own terms, so
 * the cost grows with the number of classes those terms touch, not with the size of the knowledge base.
 *
 * Trained at start-up from the knowledge base's own texts, deterministically (full-batch gradient
 * descent from zero weights, AdaGrad steps, L2). The softmax over all classes is exact: the classes a
 * question's terms do not touch score their bias, and their share is kept as one running sum.
 * Every score is a sum of readable parts: which term added how much to which class.
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
  /** A term seen with at most this many classes makes those classes rivals of the other terms beside it. */
  rivalMaxClasses: number;
  /** A term keeps weights for at most this many classes. */
  maxClassesPerTerm: number;
}

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

interface Posting {
  classes: Int32Array;
  /** Index of the (class, term) weight in the weights array, per class of `classes`. */
  slots: Int32Array;
}

export class LinearModel {
  private constructor(
    private readonly termIndex: Map<string, number>,
    private readonly postings: Posting[],
    private readonly classCount: number,
    private readonly weights: Float64Array,
    private readonly bias: Float64Array,
  ) {}

  get terms(): number {
    return this.termIndex.size;
  }

  static train(examples: TrainingExample[], classCount: number, options: TrainingOptions): LinearModel {
    const termIndex = new Map<string, number>();
    for (const e of examples) for (const t of e.terms) if (!termIndex.has(t)) termIndex.set(t, termIndex.size);
    // Examples with the same terms and label are one example with their weights added up.
    const merged = new Map<string, { ids: number[]; label: number; weight: number }>();
    for (const e of examples) {
      const ids = [...new Set(e.terms.map((t) => termIndex.get(t) ?? -1))].filter((i) => i >= 0).sort((a, b) => a - b);
      const key = `${e.label}:${ids.join(',')}`;
      const existing = merged.get(key);
      if (existing) existing.weight += e.weight;
      else merged.set(key, { ids, label: e.label, weight: e.weight });
    }
    // A weight for every (class, term) pair seen together in training, and for the classes that
    // compete with them: those seen with the other terms of the same examples, when such a term
    // belongs to few classes (a word every topic uses says nothing about rivals). So a term can count
    // against its rivals too, and the index stays sparse where topics do not meet. A term keeps at
    // most `maxClassesPerTerm` classes, those it was seen with most (rivals last), so that a word of
    // every topic costs the same in a knowledge base of any size.
    const seen = new Map<number, Map<number, number>>();
    for (const e of merged.values()) {
      for (const t of e.ids) {
        const byClass = seen.get(t) ?? new Map<number, number>();
        byClass.set(e.label, (byClass.get(e.label) ?? 0) + e.weight);
        seen.set(t, byClass);
      }
    }
    const candidates = new Map<number, Map<number, number>>();
    for (const [t, byClass] of seen) candidates.set(t, new Map(byClass));
    for (const e of merged.values()) {
      const rivals = e.ids.filter((o) => (seen.get(o)?.size ?? 0) <= options.rivalMaxClasses).flatMap((o) => [...(seen.get(o)?.keys() ?? [])]);
      for (const t of e.ids) {
        const byClass = candidates.get(t) ?? new Map<number, number>();
        for (const c of rivals) if (!byClass.has(c)) byClass.set(c, 0);
        candidates.set(t, byClass);
      }
    }
    const pairs = new Map<number, Map<number, number>>();
    let slotCount = 0;
    for (const [t, byClass] of candidates) {
      const kept = [...byClass].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, options.maxClassesPerTerm);
      pairs.set(t, new Map(kept.map(([c]) => [c, slotCount++])));
    }
    const postings: Posting[] = [...termIndex.values()].map((t) => {
      const byClass = [...(pairs.get(t) ?? new Map<number, number>())].sort((a, b) => a[0] - b[0]);
      return { classes: Int32Array.from(byClass.map(([c]) => c)), slots: Int32Array.from(byClass.map(([, s]) => s)) };
    });
    const model = new LinearModel(termIndex, postings, classCount, new Float64Array(slotCount), new Float64Array(classCount));
    model.fit([...merged.values()], options);
    return model;
  }

  private fit(encoded: { ids: number[]; label: number; weight: number }[], options: TrainingOptions): void {
    const { weights, bias, classCount } = this;
    // Each example's touched classes, with the weight slots of its terms for each, worked out once.
    const plans = encoded.map((e) => {
      const scratch = new Scratch(classCount);
      this.logitsInto(scratch, e.ids, undefined, e.label);
      const classes = Int32Array.from(scratch.touched.subarray(0, scratch.count));
      const slots: number[] = [];
      const offsets = new Int32Array(classes.length + 1);
      classes.forEach((c, k) => {
        for (const t of e.ids) {
          const slot = this.slotOf(t, c);
          if (slot >= 0) slots.push(slot);
        }
        offsets[k + 1] = slots.length;
      });
      return { classes, offsets, slots: Int32Array.from(slots), label: e.label, weight: e.weight };
    });
    const totalWeight = encoded.reduce((s, e) => s + e.weight, 0) || 1;
    const gradW = new Float64Array(weights.length);
    const gradB = new Float64Array(classCount);
    const sumSqW = new Float64Array(weights.length);
    const sumSqB = new Float64Array(classCount);
    const logit = new Float64Array(classCount);
    const { learningRate, l2 } = options;
    const eps = 1e-8;

    const expLogit = new Float64Array(classCount);
    const expBias = new Float64Array(classCount);
    for (let iteration = 0; iteration < options.iterations; iteration++) {
      gradW.fill(0);
      gradB.fill(0);
      const biasMax = maxOf(bias);
      let biasSum = 0;
      for (let c = 0; c < classCount; c++) {
        const e = Math.exp((bias[c] as number) - biasMax);
        expBias[c] = e;
        biasSum += e;
      }
      // Untouched classes get p = exp(bias - biasMax) * factor, summed over all examples at the end.
      let untouchedFactor = 0;
      for (const plan of plans) {
        const share = plan.weight / totalWeight;
        const { classes, offsets, slots } = plan;
        let max = biasMax;
        for (let k = 0; k < classes.length; k++) {
          const c = classes[k] as number;
          let z = bias[c] as number;
          for (let j = offsets[k] as number; j < (offsets[k + 1] as number); j++) z += weights[slots[j] as number] as number;
          logit[c] = z;
          if (z > max) max = z;
        }
        // exp(bias - max) = expBias * scale: one exp per example instead of one per class.
        const scale = Math.exp(biasMax - max);
        let sum = biasSum * scale;
        for (let k = 0; k < classes.length; k++) {
          const c = classes[k] as number;
          const e = Math.exp((logit[c] as number) - max);
          expLogit[c] = e;
          sum += e - (expBias[c] as number) * scale;
        }
        untouchedFactor += (share * scale) / sum;
        for (let k = 0; k < classes.length; k++) {
          const c = classes[k] as number;
          const g = (((expLogit[c] as number) - (c === plan.label ? sum : 0)) / sum) * share;
          gradB[c] = (gradB[c] as number) + g - (((expBias[c] as number) * scale) / sum) * share;
          for (let j = offsets[k] as number; j < (offsets[k + 1] as number); j++) {
            const slot = slots[j] as number;
            gradW[slot] = (gradW[slot] as number) + g;
          }
        }
      }
      for (let c = 0; c < classCount; c++) gradB[c] = (gradB[c] as number) + (expBias[c] as number) * untouchedFactor;
      adagrad(weights, gradW, sumSqW, learningRate, l2, eps);
      adagrad(bias, gradB, sumSqB, learningRate, 0, eps);
    }
  }

  /** The weight slot of (term, class), or -1. Postings are sorted by class: binary search. */
  private slotOf(term: number, classIndex: number): number {
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

  /**
   * Scores of the classes the terms touch (plus `extra` and `alsoClass`), into `scratch`; returns the
   * softmax's maximum and normaliser over all classes.
   */
  private logitsInto(scratch: Scratch, ids: number[], extra: Map<number, number> | undefined, alsoClass?: number): { max: number; sum: number } {
    scratch.reset();
    const { bias, weights } = this;
    for (const t of ids) {
      const p = this.postings[t];
      if (!p) continue;
      for (let k = 0; k < p.classes.length; k++) scratch.add(p.classes[k] as number, weights[p.slots[k] as number] as number, bias);
    }
    if (extra) for (const [c, v] of extra) scratch.add(c, v, bias);
    if (alsoClass !== undefined) scratch.add(alsoClass, 0, bias);
    let max = maxOf(bias);
    for (let k = 0; k < scratch.count; k++) max = Math.max(max, scratch.logit[scratch.touched[k] as number] as number);
    // Every class at its bias, then the touched ones corrected to their real score.
    let sum = 0;
    for (let c = 0; c < this.classCount; c++) sum += Math.exp((bias[c] as number) - max);
    for (let k = 0; k < scratch.count; k++) {
      const c = scratch.touched[k] as number;
      sum += Math.exp((scratch.logit[c] as number) - max) - Math.exp((bias[c] as number) - max);
    }
    return { max, sum };
  }

  /** The terms the model has weights for (others add nothing). */
  knows(term: string): boolean {
    return this.termIndex.has(term);
  }

  /**
   * Probabilities over all classes for these terms (each counting its value, 1 as in training or
   * less for context), with `extra` added to some classes' scores.
   */
  scores(terms: Map<string, number>, extra?: Map<number, number>): Scores {
    const scratch = new Scratch(this.classCount);
    scratch.reset();
    const { bias, weights } = this;
    for (const [term, value] of terms) {
      const t = this.termIndex.get(term);
      const p = t === undefined ? undefined : this.postings[t];
      if (!p) continue;
      for (let k = 0; k < p.classes.length; k++) scratch.add(p.classes[k] as number, (weights[p.slots[k] as number] as number) * value, bias);
    }
    if (extra) for (const [c, v] of extra) scratch.add(c, v, bias);
    let max = maxOf(bias);
    const logits = new Map<number, number>();
    for (let k = 0; k < scratch.count; k++) {
      const c = scratch.touched[k] as number;
      const z = scratch.logit[c] as number;
      logits.set(c, z);
      if (z > max) max = z;
    }
    let sum = 0;
    for (let c = 0; c < this.classCount; c++) sum += Math.exp((logits.get(c) ?? (bias[c] as number)) - max);
    const probability = (c: number): number => Math.exp((logits.get(c) ?? (this.bias[c] as number)) - max) / sum;
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

/** Per-question scores of the touched classes, reused without clearing the whole array. */
class Scratch {
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

function maxOf(values: Float64Array): number {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) if ((values[i] as number) > max) max = values[i] as number;
  return max;
}

function adagrad(values: Float64Array, grad: Float64Array, sumSq: Float64Array, rate: number, l2: number, eps: number): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    const g = (grad[i] as number) + l2 * v;
    if (g === 0) continue;
    const sq = (sumSq[i] as number) + g * g;
    sumSq[i] = sq;
    values[i] = v - (rate * g) / (Math.sqrt(sq) + eps);
  }
}
