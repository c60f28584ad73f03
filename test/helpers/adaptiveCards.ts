import fs from 'node:fs';
import path from 'node:path';

/** The part of the `adaptivecards` renderer library (3.x) the card checks use. */
interface Version {
  major: number;
  minor: number;
  toString(): string;
}
interface AdaptiveCardsLib {
  AdaptiveCard: new () => {
    version: Version;
    parse(source: unknown, context?: unknown): void;
    validateProperties(): { validationEvents: { message: string }[] };
  };
  SerializationContext: new (targetVersion?: Version) => { eventCount: number; getEventAt(index: number): { message: string } };
  Versions: { v1_5: Version };
}

const root = path.resolve(__dirname, '../..');

/**
 * Loads adaptivecards 3.x (the Microsoft renderer library, schema up to 1.6). The top-level
 * `adaptivecards` is 1.2.3 (pulled in by botframework-schema) and knows only schema 1.2; 3.x is
 * installed with botframework-webchat. Its `lib/` is ESM, so the UMD build in `dist/` is loaded.
 */
function loadAdaptiveCards(): AdaptiveCardsLib {
  const candidates = [path.join(root, 'node_modules/adaptivecards'), path.join(root, 'node_modules/botframework-webchat/node_modules/adaptivecards')];
  for (const dir of candidates) {
    const pkg = path.join(dir, 'package.json');
    if (!fs.existsSync(pkg)) continue;
    const { version } = JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version: string };
    if (Number(version.split('.')[0]) >= 3) return require(path.join(dir, 'dist/adaptivecards.js')) as AdaptiveCardsLib;
  }
  throw new Error('adaptivecards 3.x is not installed (npm i -D adaptivecards@^3)');
}

const lib = loadAdaptiveCards();

/**
 * Everything the Adaptive Cards library objects to in a card, parsed as Teams would (schema 1.5):
 * unknown elements or actions, properties newer than 1.5, invalid values, a version above 1.5.
 */
export function adaptiveCardProblems(json: unknown): string[] {
  const card = new lib.AdaptiveCard();
  const context = new lib.SerializationContext(lib.Versions.v1_5);
  card.parse(json, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  problems.push(...card.validateProperties().validationEvents.map((e) => e.message));
  const v = card.version;
  if (v.major > 1 || (v.major === 1 && v.minor > 5)) problems.push(`version ${v.toString()} is above 1.5 (Teams renders up to 1.5)`);
  return problems;
}
