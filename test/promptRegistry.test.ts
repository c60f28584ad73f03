import { ConversationState, MemoryStorage } from 'botbuilder';
import { ComponentDialog, Prompt, type Dialog } from 'botbuilder-dialogs';
import { agentDeps, createRootDialog, guidedDialogDeps } from '../bot/app';
import { loadConfig } from '../bot/config';
import { promptRegistry } from '../dialogs/shared/promptRegistry';
import { silentLogger } from '../lib/logger';
import { useAccountFixture } from './helpers/accounts';
import { knowledgeDir, realKnowledge } from './helpers/knowledge';

const fx = useAccountFixture();

/** Every dialog under `dialog`, itself included. */
function allDialogs(dialog: Dialog): Dialog[] {
  const inner = dialog instanceof ComponentDialog ? dialog.dialogs.getDialogs().flatMap(allDialogs) : [];
  return [dialog, ...inner];
}

describe('the prompt registry (dialogs/shared/promptRegistry.ts)', () => {
  it('declares every prompt of every dialog the bot runs: what it accepts, and its help in both languages', () => {
    const config = loadConfig({ NODE_ENV: 'test', SMTP_URL: fx.sink.url, KNOWLEDGE_DIR: knowledgeDir });
    const conversationState = new ConversationState(new MemoryStorage());
    const kb = realKnowledge();
    const deps = { config, logger: silentLogger, kb, store: fx.store, clock: fx.clock };
    const root = createRootDialog(kb, conversationState, guidedDialogDeps(deps, conversationState), 10_000, fx.store, undefined, agentDeps(deps, conversationState));
    const prompts = [...new Set(allDialogs(root).filter((d) => d instanceof Prompt).map((d) => d.id))];
    expect(prompts.length).toBeGreaterThanOrEqual(10);
    // A prompt missing here would take every message as its answer: no interruption could reach the flow.
    expect(prompts.filter((id) => !promptRegistry.has(id))).toEqual([]);
    for (const id of prompts) {
      const help = promptRegistry.get(id)?.help;
      expect(help?.da.length).toBeGreaterThan(10);
      expect(help?.en.length).toBeGreaterThan(10);
    }
  });
});
