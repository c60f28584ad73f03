/**
 * The entries' phrasings as an inverted index (term → phrasings), for a second, plain opinion: which
 * entry has the phrasing that shares the most telling words with a question (IDF-weighted overlap,
 * measured both ways). The matcher answers only when this opinion agrees with its model, or the model
 * is far more certain; when they disagree it asks which of the two was meant.
 */
export class PhrasingIndex {
  private readonly postings = new Map<string, number[]>();
  private readonly phrasings: { label: number; weight: number }[] = [];
  private readonly idf = new Map<string, number>();

  constructor(phrasings: { label: number; terms: string[] }[], ignore: (term: string) => boolean) {
    const df = new Map<string, number>();
    for (const p of phrasings) for (const t of new Set(p.terms)) if (!ignore(t)) df.set(t, (df.get(t) ?? 0) + 1);
    for (const [t, n] of df) this.idf.set(t, Math.log(1 + phrasings.length / n));
    phrasings.forEach((p, id) => {
      let weight = 0;
      for (const t of new Set(p.terms)) {
        const w = this.idf.get(t);
        if (w === undefined) continue;
        weight += w;
        const list = this.postings.get(t);
        if (list) list.push(id);
        else this.postings.set(t, [id]);
      }
      this.phrasings.push({ label: p.label, weight });
    });
  }

  /** Per label: the best phrasing's overlap with the question (0..1, F-measure of the weighted overlap). */
  scores(terms: Map<string, number>): Map<number, number> {
    const overlap = new Map<number, number>();
    let queryWeight = 0;
    for (const [t, value] of terms) {
      const w = this.idf.get(t);
      if (w === undefined) continue;
      queryWeight += w * value;
      for (const id of this.postings.get(t) ?? []) overlap.set(id, (overlap.get(id) ?? 0) + w * value);
    }
    const best = new Map<number, number>();
    for (const [id, shared] of overlap) {
      const p = this.phrasings[id];
      if (!p || p.weight === 0 || queryWeight === 0) continue;
      const precision = shared / queryWeight;
      const recall = Math.min(1, shared / p.weight);
      const f = (2 * precision * recall) / (precision + recall);
      if (f > (best.get(p.label) ?? 0)) best.set(p.label, f);
    }
    return best;
  }
}
