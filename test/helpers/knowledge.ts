import path from 'node:path';
import { KnowledgeBase } from '../../knowledge/knowledgeBase';

export const knowledgeDir = path.resolve(__dirname, '..', '..', 'knowledge');

let cached: KnowledgeBase | undefined;
/** The real knowledge base from knowledge/, loaded once per test file. */
export function realKnowledge(): KnowledgeBase {
  cached ??= KnowledgeBase.load(knowledgeDir);
  return cached;
}
