import path from 'node:path';
import { KnowledgeError, formatProblem } from '../knowledge/loader';
import { KnowledgeBase } from '../knowledge/knowledgeBase';
import { AGENT_CHECKLIST_FILE, loadAgentChecklist } from '../knowledge/agentChecklist';

/** `npm run faq:check [folder]`: validates the knowledge base; names the file, entry and field of every problem. */
const dir = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'knowledge'));
try {
  const kb = KnowledgeBase.load(dir);
  const checklist = loadAgentChecklist(path.join(dir, AGENT_CHECKLIST_FILE));
  const phrasings = kb.entries.reduce((n, e) => n + e.questions.da.length + e.questions.en.length, 0);
  console.log(`Knowledge base OK: ${kb.entries.length} entries, ${phrasings} phrasings, ${kb.data.examples.length} labelled examples, ${kb.topics.length} topics, ${checklist.items.length} agent checklist items (${dir})`);
} catch (error: unknown) {
  if (error instanceof KnowledgeError) {
    console.error(`The knowledge base has ${error.problems.length} problem(s):`);
    for (const p of error.problems) console.error(formatProblem(p));
    process.exit(1);
  }
  throw error;
}
