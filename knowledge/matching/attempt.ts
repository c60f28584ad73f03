/**
 * Runs a step of a store (the trained model, the analysed texts) and gives undefined if it throws: a
 * store that cannot be read or written only costs the time to train or analyse again.
 */
export function attempt<T>(step: () => T): T | undefined {
  try {
    return step();
  } catch {
    return undefined;
  }
}
