import fs from 'node:fs';
import YAML from 'yaml';
import { z } from 'zod';
import { KnowledgeError, type KnowledgeProblem } from './loader';
import { bilingualTextSchema } from './schema';

/** knowledge/agent-checklist.yaml: what a phone agent checks with a caller before acting for them. */
export const agentChecklistSchema = z
  .object({ items: z.array(bilingualTextSchema).min(1, 'needs at least one item').max(12, 'at most 12 items fit on the card') })
  .strict();
export type AgentChecklist = z.infer<typeof agentChecklistSchema>;

export const AGENT_CHECKLIST_FILE = 'agent-checklist.yaml';

/** Reads and validates the checklist; problems are located like the rest of the knowledge base. */
export function loadAgentChecklist(file: string): AgentChecklist {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error: unknown) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? ` (${String(error.code)})` : '';
    throw new KnowledgeError([{ file, message: `the file cannot be read${code}` }]);
  }
  const doc = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new KnowledgeError(doc.errors.map((e) => ({ file, message: `not valid YAML: ${e.message.split('\n')[0]}` })));
  }
  const result = agentChecklistSchema.safeParse(doc.toJS());
  if (!result.success) {
    throw new KnowledgeError(
      result.error.issues.map((issue): KnowledgeProblem => ({ file, field: issue.path.length > 0 ? issue.path.join('.') : undefined, message: issue.message })),
    );
  }
  return result.data;
}
