import Database from 'better-sqlite3';
import pg from 'pg';
import { postgresTarget, sqlitePath } from '../store/migrate';
import type { PrismaAccountStore } from '../store/prismaStore';
import { openTestStore, testProvider } from './helpers/database';

let store: PrismaAccountStore;
let url: string;
beforeEach(async () => {
  ({ store, url } = await openTestStore('values'));
  await store.seed({ merchants: [{ customerId: '100001', companyName: 'Nordic Bikes ApS', loginEmail: 'a@b.dk', infoEmail: 'a@b.dk', lockedUntil: null, failedLoginAttempts: 0 }], orders: [] });
});
afterEach(async () => {
  await store.close();
});

/** Runs one statement on the test database behind the store's back (a value the code does not write). */
async function execute(sql: string): Promise<void> {
  if (testProvider === 'sqlite') {
    const db = new Database(sqlitePath(url));
    try {
      db.prepare(sql).run();
    } finally {
      db.close();
    }
    return;
  }
  const { connectionString, schema } = postgresTarget(url);
  const client = new pg.Client({ connectionString, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe(`stored values on ${testProvider}`, () => {
  it('an e-mail change status the code does not know is a typed error, like an unknown order status', async () => {
    const created = await store.createEmailChangeRequest({ customerId: '100001', newEmail: 'c@d.dk', documentName: 'f.pdf', documentMime: 'application/pdf', document: Buffer.from('%PDF-1.4'), documentSha256: 'x'.repeat(64) });
    await execute(`UPDATE "EmailChangeRequest" SET "status" = 'archived' WHERE "caseNumber" = '${created.caseNumber}'`);
    await expect(store.findEmailChangeRequest(created.caseNumber)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('a state write is compare-and-set on the eTag, in one statement: create, update over the version read, refuse a stale one', async () => {
    const first = await store.writeState('s1', '{"n":1}', 'create-only:not-a-version');
    expect(first).toEqual(expect.any(String));
    expect(await store.writeState('s1', '{"n":9}', 'create-only:not-a-version')).toBeUndefined();
    const second = await store.writeState('s1', '{"n":2}', first);
    expect(second).toEqual(expect.any(String));
    expect(await store.writeState('s1', '{"n":3}', first)).toBeUndefined();
    expect(await store.readStates(['s1', 'missing'])).toEqual([{ id: 's1', data: '{"n":2}', eTag: second }]);
    expect(await store.writeState('s1', '{"n":4}', '*')).toEqual(expect.any(String));
    expect((await store.readStates(['s1']))[0]?.data).toBe('{"n":4}');
  });
});
