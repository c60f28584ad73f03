import { LinearModel, Scratch, maxOf, type Posting } from './linearModel';
import { trainingKey, type ModelStore } from './modelStore';
import { attempt } from './attempt';

/**
 * Trains the matcher's model at start-up from the knowledge base's own texts, deterministically:
 * full-batch gradient descent from zero weights, AdaGrad steps, L2. The softmax over all classes is
 * exact: the classes an example's terms do not touch are handled as one sum per iteration.
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

/**
 * The trained model; with a store, the one trained before on exactly these examples and options if
 * the store has it (training is deterministic, so it is the same model), else trained and stored.
 */
export function trainLinearModel(examples: TrainingExample[], classCount: number, options: TrainingOptions, store?: ModelStore): LinearModel {
  if (!store) return train(examples, classCount, options);
  const key = trainingKey(examples, classCount, options, trainerSource());
  const stored = attempt(() => store.read(key, classCount));
  if (stored) return stored;
  const model = train(examples, classCount, options);
  attempt(() => store.write(key, model));
  return model;
}

/** The code that decides what a trained model is: a change to it means training again. */
let source: string | undefined;
function trainerSource(): string {
  source ??= [train, fit, adagrad, LinearModel, Scratch, maxOf].map((f) => f.toString()).join('\n');
  return source;
}

function train(examples: TrainingExample[], classCount: number, options: TrainingOptions): LinearModel {
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
    const rivals = new Set<number>();
    for (const o of e.ids) {
      const classes = seen.get(o);
      if (classes && classes.size <= options.rivalMaxClasses) for (const c of classes.keys()) rivals.add(c);
    }
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
  fit(model, [...merged.values()], options);
  model.settle();
  return model;
}


function fit(model: LinearModel, encoded: { ids: number[]; label: number; weight: number }[], options: TrainingOptions): void {
  const { weights, bias, classCount } = model;
  // Each example's touched classes, with the weight slots of its terms for each, worked out once.
  // The slots are grouped by class in two passes over the terms' postings (count, then place).
  const scratch = new Scratch(classCount);
  const position = new Int32Array(classCount);
  const plans = encoded.map((e) => {
    scratch.reset();
    for (const t of e.ids) for (const c of model.postings[t]?.classes ?? []) scratch.add(c, 0, bias);
    scratch.add(e.label, 0, bias);
    const classes = Int32Array.from(scratch.touched.subarray(0, scratch.count));
    classes.forEach((c, k) => (position[c] = k));
    const offsets = new Int32Array(classes.length + 1);
    for (const t of e.ids) {
      for (const c of model.postings[t]?.classes ?? []) {
        const k = (position[c] as number) + 1;
        offsets[k] = (offsets[k] as number) + 1;
      }
    }
    for (let k = 0; k < classes.length; k++) offsets[k + 1] = (offsets[k + 1] as number) + (offsets[k] as number);
    const fill = offsets.slice(0, classes.length);
    const slots = new Int32Array(offsets[classes.length] as number);
    for (const t of e.ids) {
      const p = model.postings[t];
      if (!p) continue;
      for (let j = 0; j < p.classes.length; j++) {
        const k = position[p.classes[j] as number] as number;
        slots[fill[k] as number] = p.slots[j] as number;
        fill[k] = (fill[k] as number) + 1;
      }
    }
    return { classes, offsets, slots, label: e.label, weight: e.weight };
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
      const touched = classes.length;
      for (let k = 0; k < touched; k++) {
        const c = classes[k] as number;
        let z = bias[c] as number;
        const end = offsets[k + 1] as number;
        for (let j = offsets[k] as number; j < end; j++) z += weights[slots[j] as number] as number;
        logit[c] = z;
        if (z > max) max = z;
      }
      // exp(bias - max) = expBias * scale: one exp per example instead of one per class.
      const scale = Math.exp(biasMax - max);
      let sum = biasSum * scale;
      for (let k = 0; k < touched; k++) {
        const c = classes[k] as number;
        const e = Math.exp((logit[c] as number) - max);
        expLogit[c] = e;
        sum += e - (expBias[c] as number) * scale;
      }
      untouchedFactor += (share * scale) / sum;
      const label = plan.label;
      for (let k = 0; k < touched; k++) {
        const c = classes[k] as number;
        const g = (((expLogit[c] as number) - (c === label ? sum : 0)) / sum) * share;
        gradB[c] = (gradB[c] as number) + g - (((expBias[c] as number) * scale) / sum) * share;
        const end = offsets[k + 1] as number;
        for (let j = offsets[k] as number; j < end; j++) {
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
