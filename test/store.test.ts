import fs from 'node:fs';
import { ConversationState, TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { PrismaStorage, StateConflictError } from '../bot/prismaStorage';
import { demoData } from '../prisma/demoData';
import { postgresSchemaFile, postgresSchemaFrom, sqliteSchemaFile } from '../scripts/postgresSchema';
import { migratePostgres, migrateSqlite, readMigrations, defaultMigrationsDir, postgresMigrationsDir } from '../store/migrate';
import type { PrismaAccountStore } from '../store/prismaStore';
import { openTestStore, testProvider } from './helpers/database';

let store: PrismaAccountStore;
let url: string;
beforeEach(async () => {
  ({ store, url } = await openTestStore('repo'));
  await store.seed(demoData(new Date('2026-11-27T10:00:00Z')));
});
afterEach(async () => {
  await store.close();
});

describe(`account store on ${testProvider}`, () => {
  it('returns domain types, and order IDs are per merchant', async () => {
    expect(await store.findMerchant('100001')).toMatchObject({ companyName: 'Nordic Bikes ApS', failedLoginAttempts: 5 });
    expect(await store.findMerchant('nope')).toBeUndefined();
    expect(await store.findOrder('100002', '7734588')).toMatchObject({ orderId: '10024', status: 'suspicious' });
    expect(await store.findOrder('100001', '10024')).toBeUndefined();
  });

  it('migrates once: opening again applies nothing new', async () => {
    const report = url.startsWith('file:') ? migrateSqlite(url) : await migratePostgres(url);
    expect(report.applied).toEqual([]);
    expect(report.alreadyApplied).toBe(readMigrations(url.startsWith('file:') ? defaultMigrationsDir : postgresMigrationsDir).length);
  });

  it('stores bot state with compare-and-set on the eTag', async () => {
    const first = await store.writeState('conv/1', '{"n":1}');
    expect(first).toBeDefined();
    const second = await store.writeState('conv/1', '{"n":2}', first);
    expect(second).toBeDefined();
    // A writer that read the first version loses.
    expect(await store.writeState('conv/1', '{"n":3}', first)).toBeUndefined();
    expect(await store.readStates(['conv/1'])).toEqual([{ id: 'conv/1', data: '{"n":2}', eTag: second }]);
    await store.deleteStates(['conv/1']);
    expect(await store.readStates(['conv/1'])).toEqual([]);
  });

  it('PrismaStorage never silently loses an update between two instances', async () => {
    const a = new PrismaStorage(store);
    const b = new PrismaStorage(store);
    await a.write({ 'test/conversations/c1': { step: 1 } });
    const readA = await a.read(['test/conversations/c1']);
    const readB = await b.read(['test/conversations/c1']);
    await a.write({ 'test/conversations/c1': { ...readA['test/conversations/c1'], step: 2 } });
    await expect(b.write({ 'test/conversations/c1': { ...readB['test/conversations/c1'], step: 99 } })).rejects.toBeInstanceOf(StateConflictError);
    expect((await b.read(['test/conversations/c1']))['test/conversations/c1']).toMatchObject({ step: 2 });
  });

  it('two instances saving the same conversation through ConversationState: the later one gets a conflict, nothing is lost silently', async () => {
    const activity: Partial<Activity> = { type: 'message', channelId: 'test', conversation: { id: 'race-1', name: '', isGroup: false, conversationType: 'personal' }, from: { id: 'u', name: 'u' }, recipient: { id: 'bot', name: 'bot' } };
    const instanceA = new ConversationState(new PrismaStorage(store));
    const instanceB = new ConversationState(new PrismaStorage(store));
    const stepA = instanceA.createProperty<number>('step');
    const stepB = instanceB.createProperty<number>('step');
    // First turn creates the conversation.
    const first = new TurnContext(new TestAdapter(), { ...activity });
    await stepA.set(first, 1);
    await instanceA.saveChanges(first);
    // Two turns read the same version at once…
    const onA = new TurnContext(new TestAdapter(), { ...activity });
    const onB = new TurnContext(new TestAdapter(), { ...activity });
    expect(await stepA.get(onA)).toBe(1);
    expect(await stepB.get(onB)).toBe(1);
    await stepA.set(onA, 2);
    await stepB.set(onB, 99);
    await instanceA.saveChanges(onA);
    // …and the second write is refused instead of overwriting the first.
    await expect(instanceB.saveChanges(onB)).rejects.toBeInstanceOf(StateConflictError);
    const check = new TurnContext(new TestAdapter(), { ...activity });
    expect(await new ConversationState(new PrismaStorage(store)).createProperty<number>('step').get(check)).toBe(2);
    // A fresh conversation that another instance created meanwhile is not overwritten either.
    const race2 = { ...activity.conversation!, id: 'race-2' };
    const newA = new TurnContext(new TestAdapter(), { ...activity, conversation: race2 });
    const newB = new TurnContext(new TestAdapter(), { ...activity, conversation: race2 });
    await stepA.set(newA, 1);
    await stepB.set(newB, 1);
    await instanceA.saveChanges(newA);
    await expect(instanceB.saveChanges(newB)).rejects.toBeInstanceOf(StateConflictError);
  });

  it('records a delivered activity once', async () => {
    expect(await store.claimActivity('test:c1:a1', 'c1')).toBe(true);
    expect(await store.claimActivity('test:c1:a1', 'c1')).toBe(false);
    expect(await store.claimActivity('test:c1:a2', 'c1')).toBe(true);
    expect(await store.pruneActivities(new Date(Date.now() + 60_000))).toBe(2);
    expect(await store.claimActivity('test:c1:a1', 'c1')).toBe(true);
  });

  it('claims a message and reads its conversation state in one step, conditional writes still guarded', async () => {
    const activity = { type: 'message', channelId: 'test', conversation: { id: 'claim-load' }, from: { id: 'u' }, recipient: { id: 'bot' } } as Partial<Activity>;
    const storage = new PrismaStorage(store);
    const state = new ConversationState(storage);
    const step = state.createProperty<number>('step');
    // A new conversation: claimed, nothing stored yet.
    const first = new TurnContext(new TestAdapter(), { ...activity, id: 'm1' });
    expect(await storage.claimAndLoad(first, state, 'test:claim-load:m1', 'claim-load')).toBe(true);
    expect(await step.get(first)).toBeUndefined();
    await step.set(first, 1);
    await state.saveChanges(first);
    // The next message finds the stored state, and a redelivery of it is refused.
    const second = new TurnContext(new TestAdapter(), { ...activity, id: 'm2' });
    expect(await storage.claimAndLoad(second, state, 'test:claim-load:m2', 'claim-load')).toBe(true);
    expect(await step.get(second)).toBe(1);
    const again = new TurnContext(new TestAdapter(), { ...activity, id: 'm2' });
    expect(await storage.claimAndLoad(again, state, 'test:claim-load:m2', 'claim-load')).toBe(false);
    // Another instance writes in between: this turn's write, based on the version it loaded, is refused.
    const other = new ConversationState(new PrismaStorage(store));
    const otherStep = other.createProperty<number>('step');
    const fresh = new TurnContext(new TestAdapter(), { ...activity, id: 'm4' });
    expect(await otherStep.get(fresh)).toBe(1);
    await otherStep.set(fresh, 2);
    await other.saveChanges(fresh);
    await step.set(second, 3);
    await expect(state.saveChanges(second)).rejects.toBeInstanceOf(StateConflictError);
    // Nothing read ahead is left behind for later turns.
    const later = new TurnContext(new TestAdapter(), { ...activity, id: 'm5' });
    expect(await step.get(later)).toBe(2);
    // State a middleware loaded earlier in the turn stays as loaded; the delivery is still recorded once.
    const loadedEarly = new TurnContext(new TestAdapter(), { ...activity, id: 'm6' });
    expect(await step.get(loadedEarly)).toBe(2);
    await step.set(loadedEarly, 4);
    expect(await storage.claimAndLoad(loadedEarly, state, 'test:claim-load:m6', 'claim-load')).toBe(true);
    expect(await step.get(loadedEarly)).toBe(4);
    expect(await store.claimActivity('test:claim-load:m6', 'claim-load')).toBe(false);
  });
});

describe('one set of models for both providers', () => {
  it('prisma/postgres/schema.prisma is generated from prisma/schema.prisma (run npm run db:sync-postgres)', () => {
    expect(fs.readFileSync(postgresSchemaFile, 'utf8')).toBe(postgresSchemaFrom(fs.readFileSync(sqliteSchemaFile, 'utf8')));
  });
  it('both providers have the same migrations', () => {
    expect(readMigrations(postgresMigrationsDir).map((m) => m.name)).toEqual(readMigrations(defaultMigrationsDir).map((m) => m.name));
  });
});
