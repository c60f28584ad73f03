import { z } from 'zod';
import { loadYamlFile } from './loader';
import { bilingualTextSchema } from './schema';

/** knowledge/agent-checklist.yaml: what a phone agent checks with a caller before acting for them. */
export const agentChecklistSchema = z
  .object({ items: z.array(bilingualTextSchema).min(1, 'needs at least one item').max(12, 'at most 12 items fit on the card') })
  .strict();
export type AgentChecklist = z.infer<typeof agentChecklistSchema>;

export const AGENT_CHECKLIST_FILE = 'agent-checklist.yaml';

/** Reads and validates the checklist; problems are located like the rest of the knowledge base. */
export function loadAgentChecklist(file: string): AgentChecklist {
  return loadYamlFile(file, agentChecklistSchema);
}
