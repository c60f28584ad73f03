import { QuestionLog } from '../dialogs/shared/questionLog';
import { silentLogger } from '../lib/logger';
import type { AnswerFeedbackInput, QuestionEventInput } from '../store/types';

function recorder() {
  const batches: QuestionEventInput[][] = [];
  const feedback: AnswerFeedbackInput[] = [];
  return {
    batches,
    feedback,
    store: {
      recordQuestions: async (events: QuestionEventInput[]) => void batches.push(events),
      recordFeedback: async (f: AnswerFeedbackInput) => void feedback.push(f),
    },
  };
}

const event = (n: number): QuestionEventInput => ({ outcome: 'answered', entryId: `e${n}`, language: 'da', channel: 'webchat', conversationId: `c${n}` });

describe('QuestionLog batches question events', () => {
  afterEach(() => jest.useRealTimers());

  it('writes the questions of many turns in one insert, within a second, without flush()', async () => {
    jest.useFakeTimers();
    const { batches, store } = recorder();
    const log = new QuestionLog(store, silentLogger);
    for (let i = 0; i < 5; i++) log.question(event(i));
    expect(batches).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(1000);
    expect(batches).toHaveLength(1);
    expect(batches[0]?.map((e) => e.entryId)).toEqual(['e0', 'e1', 'e2', 'e3', 'e4']);
    // Each event keeps the time it happened, not the time of the write.
    expect(batches[0]?.every((e) => e.createdAt instanceof Date)).toBe(true);
  });

  it('a full batch is written at once, and flush() writes the rest', async () => {
    const { batches, store } = recorder();
    const log = new QuestionLog(store, silentLogger);
    for (let i = 0; i < 205; i++) log.question(event(i));
    expect(batches.map((b) => b.length)).toEqual([200]);
    await log.flush();
    expect(batches.map((b) => b.length)).toEqual([200, 5]);
  });

  it('feedback is written at once', async () => {
    const { feedback, store } = recorder();
    const log = new QuestionLog(store, silentLogger);
    log.feedback({ entryId: 'e1', question: 'q', score: 0.9, helpful: true, language: 'da', channel: 'webchat', conversationId: 'c1' });
    await log.flush();
    expect(feedback).toHaveLength(1);
  });
});
