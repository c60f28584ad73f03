import type { MatchingConfig } from '../schema';
import type { Contribution, LinearModel, Scores } from './linearModel';
import type { ModelStore } from './modelStore';
import { trainLinearModel, type TrainingExample } from './training';

/** One group's say: its entries' new probabilities, and what each term adds to one of them in the group's model. */
export interface GroupRanking {
  group: string;
  /** Class index (the main model's) → probability: the group's share of the main model, shared out anew. */
  probabilities: Map<number, number>;
  contributions: (classIndex: number) => Contribution[];
}

/**
 * Entries easily taken for one another (matching.yaml, `neighbourGroups`). The main model weighs every
 * word against every entry and against out-of-scope; inside a group the words that tell the entries
 * apart ("why" against "what do I do with it" against "turn it off") are drowned by the words they
 * share. Each group gets a small model of its own, trained on the group's phrasings and examples
 * alone, with the main model's settings. When the main model's two best entries are in one group, the
 * group's total probability stays as it is and the group's model shares it out among its entries.
 *
 * A group's model is trained when it is first needed, or before that by `trainNext` (the bot calls it
 * in the background once it listens), so that start-up pays for the main model only. Training is
 * deterministic, so a model trained late is the same model: only the first turn that needs it waits.
 */
export class NeighbourGroups {
  private readonly groupOf = new Map<number, number>();
  private readonly groups: { id: string; members: number[]; examples: TrainingExample[]; model?: LinearModel }[] = [];

  constructor(
    groups: MatchingConfig['neighbourGroups'],
    classOf: (entryId: string) => number | undefined,
    examples: TrainingExample[],
    private readonly training: MatchingConfig['training'],
    /** Where trained models are kept between starts (each group's model is keyed by its own examples). */
    private readonly store?: ModelStore,
  ) {
    for (const { id, entries } of groups) {
      const members = entries.map(classOf).filter((c): c is number => c !== undefined && !this.groupOf.has(c));
      if (members.length < 2) continue;
      const local = new Map(members.map((c, k) => [c, k]));
      const own = examples.flatMap((e) => {
        const label = local.get(e.label);
        return label === undefined ? [] : [{ ...e, label }];
      });
      const index = this.groups.length;
      this.groups.push({ id, members, examples: own });
      for (const c of members) this.groupOf.set(c, index);
    }
  }

  /** The group's ranking when the two best classes (by the main model) are in one group; otherwise none. */
  rank(best: number, second: number, scores: Scores, terms: Map<string, number>): GroupRanking | undefined {
    const index = this.groupOf.get(best);
    if (index === undefined || this.groupOf.get(second) !== index) return undefined;
    const group = this.groups[index];
    if (!group) return undefined;
    const { id, members } = group;
    const model = this.modelOf(group);
    const own = model.scores(terms);
    const share = members.reduce((sum, c) => sum + scores.probability(c), 0);
    const probabilities = new Map(members.map((c, k) => [c, share * own.probability(k)]));
    const contributions = (classIndex: number): Contribution[] => {
      const k = members.indexOf(classIndex);
      return k < 0 ? [] : model.contributions(terms, k).terms;
    };
    return { group: id, probabilities, contributions };
  }

  /** Trains the next group's model not trained yet; whether any is still left to train. */
  trainNext(): boolean {
    const group = this.groups.find((g) => !g.model);
    if (!group) return false;
    this.modelOf(group);
    return this.groups.some((g) => !g.model);
  }

  private modelOf(group: { members: number[]; examples: TrainingExample[]; model?: LinearModel }): LinearModel {
    if (!group.model) {
      group.model = trainLinearModel(group.examples, group.members.length, this.training, this.store);
      group.examples = [];
    }
    return group.model;
  }
}
