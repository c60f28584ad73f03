import path from 'node:path';
import { DEMO_NOW, useAccountFixture } from './helpers/accounts';
import { loadConversations, type Conversation } from './helpers/conversation';
import { ConversationFailure, playConversation } from './helpers/conversationPlayer';

/**
 * Every conversation in test/conversations/ (format: test/conversations/README.md), played against
 * the real bot with the real database (SQLite, or PostgreSQL with TEST_DATABASE=postgresql) and SMTP
 * sink. `status: known-defect` runs as it.failing: it passes while the defect is there, and fails as
 * soon as the bot does what the conversation asks; then set `status: works`. It also fails when a
 * turn before the first `defect: true` turn goes wrong: then the conversation no longer reaches its
 * defect, and its earlier turns need updating.
 * SHOW_DEFECTS=1 prints why each known defect fails; SHOW_REPLIES=1 prints every turn's replies.
 */
const files = loadConversations(path.join(__dirname, 'conversations'), path.join(__dirname, '..'));
const showDefects = process.env.SHOW_DEFECTS === '1';
const show = process.env.SHOW_REPLIES === '1' ? (line: string) => console.log(line) : undefined;

describe('conversation files', () => {
  it('there are some, and each one reads', () => {
    expect(files.length).toBeGreaterThan(0);
    const broken = files.flatMap((f) => ('error' in f ? [f.error] : []));
    if (broken.length > 0) throw new Error(broken.join('\n\n'));
  });
});

// One fixture (database, SMTP sink, clock) per start time.
const byStart = new Map<string, { file: string; conversation: Conversation }[]>();
for (const f of files) {
  if (!('conversation' in f)) continue;
  const start = new Date(f.conversation.now ?? DEMO_NOW).toISOString();
  byStart.set(start, [...(byStart.get(start) ?? []), f]);
}

for (const [start, conversations] of byStart) {
  describe(`conversations starting ${start}`, () => {
    const fx = useAccountFixture(new Date(start));
    for (const { file, conversation } of conversations) {
      const name = `${file}: ${conversation.title}`;
      if (conversation.status === 'works') {
        it(name, () => playConversation(file, conversation, fx, show));
      } else {
        const defectFrom = Math.max(0, conversation.turns.findIndex((t) => t.defect));
        it.failing(`[known defect] ${name}`, async () => {
          try {
            await playConversation(file, conversation, fx, show);
            console.error(`${file} works now: set "status: works" and remove its "defect: true" marks.`);
          } catch (error: unknown) {
            if (error instanceof ConversationFailure && error.turn < defectFrom) {
              // Returning makes it.failing fail: the conversation broke before the turn with the defect.
              console.error(`${file} went wrong at turn ${error.turn + 1}, before its defect (turn ${defectFrom + 1}): update the turns before it.\n${error.message}`);
              return;
            }
            if (showDefects) console.log(error instanceof Error ? error.message : String(error));
            throw error;
          }
        });
      }
    }
  });
}
