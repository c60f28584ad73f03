/**
 * A large sorted word list (one word a line, "#" lines first are comments), searched in place: the file
 * is kept as one string and looked up by binary search, so loading 130,000 words costs one file read
 * and one pass for the line starts, not 130,000 strings in a Set.
 */
export class WordList {
  private readonly starts: Int32Array;

  /** `text`: the file as read, which is also what identifies the list (knowledge/matching/analysisStore.ts). */
  constructor(readonly text: string) {
    const starts: number[] = [];
    let at = 0;
    while (at < text.length) {
      const end = text.indexOf('\n', at);
      const next = end < 0 ? text.length : end + 1;
      if (text.charCodeAt(at) !== 35 /* # */ && next - at > 1) starts.push(at);
      at = next;
    }
    this.starts = Int32Array.from(starts);
  }

  get size(): number {
    return this.starts.length;
  }

  private word(i: number): string {
    const start = this.starts[i] ?? 0;
    const end = this.text.indexOf('\n', start);
    return this.text.slice(start, end < 0 ? this.text.length : end);
  }

  has(word: string): boolean {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const w = this.word(mid);
      if (w === word) return true;
      if (w < word) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }
}
