import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { runRetention, startRetention } from '../bot/retention';
import { FixedClock } from '../lib/clock';
import { AppError } from '../lib/errors';
import { createLogger } from '../lib/logger';
import type { PrismaAccountStore } from '../store/prismaStore';
import { openTestStore, testProvider } from './helpers/database';

const DAY = 24 * 60 * 60 * 1000;
const MINUTE = 60_000;
const root = path.resolve(__dirname, '..');

let store: PrismaAccountStore;
let url: string;
beforeEach(async () => {
  ({ store, url } = await openTestStore('retention'));
});
afterEach(async () => {
  await store.close();
});

const question = (createdAt: Date, text: string) =>
  store.recordQuestions([{ outcome: 'fallback', question: text, language: 'da', channel: 'webchat', conversationId: 'c-1', createdAt }]);
const feedback = (createdAt: Date, text: string) =>
  store.recordFeedback({ entryId: 'account-locked', question: text, score: 0.9, helpful: false, language: 'da', channel: 'webchat', conversationId: 'c-1', createdAt });

describe(`data retention on ${testProvider}`, () => {
  it('deletes questions, feedback, conversation state and delivery records older than the retention period, keeps newer ones, and audits each run', async () => {
    const t0 = new Date();
    await question(new Date(t0.getTime() - 100 * DAY), 'old question');
    await question(t0, 'recent question');
    await feedback(new Date(t0.getTime() - 100 * DAY), 'old feedback');
    await feedback(t0, 'recent feedback');
    // Conversation state and delivery records carry the database's own time of writing (now).
    await store.writeState('webchat/conversations/c-1', '{"transcript":[{"from":"user","text":"hej"}]}');
    expect(await store.claimActivity('webchat:c-1:a-1', 'c-1')).toBe(true);

    // 90 days after just before the recent rows were written: they are newer than the cut-off, the old ones are not.
    const first = await runRetention(store, new FixedClock(new Date(t0.getTime() + 90 * DAY - 10 * MINUTE)), 90);
    expect(first).toMatchObject({ questions: 1, feedback: 1, conversations: 0, activities: 0 });
    expect((await store.listQuestionEvents({})).map((q) => q.question)).toEqual(['recent question']);
    expect((await store.listFeedback({})).map((f) => f.question)).toEqual(['recent feedback']);
    expect(await store.readStates(['webchat/conversations/c-1'])).toHaveLength(1);
    expect(await store.claimActivity('webchat:c-1:a-1', 'c-1')).toBe(false); // still recorded

    // 90 days after the recent rows were written: they are past the cut-off too, and go.
    const second = await runRetention(store, new FixedClock(new Date(t0.getTime() + 90 * DAY + 10 * MINUTE)), 90);
    expect(second).toMatchObject({ questions: 1, feedback: 1, conversations: 1, activities: 1 });
    expect(await store.listQuestionEvents({})).toEqual([]);
    expect(await store.listFeedback({})).toEqual([]);
    expect(await store.readStates(['webchat/conversations/c-1'])).toEqual([]);
    expect(await store.claimActivity('webchat:c-1:a-1', 'c-1')).toBe(true); // the record was gone

    const audit = await store.listAuditEvents({ action: 'retention.prune' });
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ actor: 'system', channel: 'system', outcome: 'success' });
    expect(audit[0]?.detail).toBe(`days=90 cutoff=${first.cutoff.toISOString()} questions=1 feedback=1 conversations=0 activities=0`);
    expect(audit[1]?.detail).toMatch(/questions=1 feedback=1 conversations=1 activities=1$/);
    // Counts only: no customer, no conversation, no question text.
    for (const a of audit) {
      expect([a.customerId, a.conversationId]).toEqual([undefined, undefined]);
      expect(a.detail).not.toMatch(/c-1|old |recent|hej/);
    }
  });

  it('the schedule runs at start with the configured number of days and logs the counts', async () => {
    const t0 = new Date();
    await question(new Date(t0.getTime() - 8 * DAY), 'eight days old');
    await question(new Date(t0.getTime() - 6 * DAY), 'six days old');
    const logs: string[] = [];
    const schedule = startRetention({ store, clock: new FixedClock(t0), logger: createLogger({ level: 'info', sink: (l) => logs.push(l) }), days: 7, intervalMs: 60 * MINUTE });
    await schedule.firstRun;
    await schedule.stop();
    expect((await store.listQuestionEvents({})).map((q) => q.question)).toEqual(['six days old']);
    expect(logs.map((l) => JSON.parse(l) as Record<string, unknown>)).toContainEqual(expect.objectContaining({ event: 'retention_pruned', days: 7, questions: 1 }));
  });

  it('a failed run is logged with its code and audited, and does not throw', async () => {
    const logs: string[] = [];
    const failing = {
      pruneOlderThan: () => Promise.reject(new AppError('STORE_UNAVAILABLE', 'database down')),
      pruneStates: () => Promise.reject(new AppError('STORE_UNAVAILABLE', 'database down')),
      pruneActivities: () => Promise.reject(new AppError('STORE_UNAVAILABLE', 'database down')),
      audit: store.audit.bind(store),
    };
    const schedule = startRetention({ store: failing, clock: new FixedClock(new Date()), logger: createLogger({ level: 'info', sink: (l) => logs.push(l) }), days: 90, intervalMs: 60 * MINUTE });
    await expect(schedule.firstRun).resolves.toBeUndefined();
    await schedule.stop();
    expect(logs.map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual([expect.objectContaining({ event: 'retention_failed', level: 'error', code: 'STORE_UNAVAILABLE' })]);
    expect(await store.listAuditEvents({ action: 'retention.prune' })).toEqual([expect.objectContaining({ outcome: 'error', actor: 'system' })]);
  });

  it('npm run retention deletes once, prints the counts and audits the run', async () => {
    await question(new Date(Date.now() - 3 * DAY), 'three days old');
    await question(new Date(Date.now() - 60 * MINUTE), 'an hour old');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'retention.ts')], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'test', DATABASE_URL: url, RETENTION_DAYS: '2' },
    });
    expect(stdout).toMatch(/^Deleted data older than 2 days \(before \d{4}-\d\d-\d\dT[\d:.]+Z\): 0 conversation states, 1 question events, 0 feedback entries, 0 delivery records\.\n$/);
    expect((await store.listQuestionEvents({})).map((q) => q.question)).toEqual(['an hour old']);
    expect(await store.listAuditEvents({ action: 'retention.prune' })).toEqual([expect.objectContaining({ outcome: 'success', detail: expect.stringMatching(/^days=2 .* questions=1 /) as unknown as string })]);
  }, 60_000);
});
