/**
 * @orama/stemmers publishes its types through package "exports", which this project's
 * "moduleResolution": "node" does not read; these are the two entry points the matcher uses.
 */
declare module '@orama/stemmers/danish' {
  export function stemmer(word: string): string;
}
declare module '@orama/stemmers/english' {
  export function stemmer(word: string): string;
}
