import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { GdprService } from '../accounts/gdpr';
import { FixedClock } from '../lib/clock';
import { demoData } from '../prisma/demoData';
import type { PrismaAccountStore } from '../store/prismaStore';
import { openTestStore, testProvider } from './helpers/database';
import { tempDir } from './helpers/tmp';

const NOW = new Date('2026-11-27T10:00:00Z');
const SECRET = 'gdpr-test-secret-0123456789';
const root = path.resolve(__dirname, '..');
const documentBytes = Buffer.from('%PDF-1.4 company registration of Hygge Home A/S');

let store: PrismaAccountStore;
let url: string;
let caseNumber: string;
beforeEach(async () => {
  ({ store, url } = await openTestStore('gdpr'));
  await store.seed(demoData(NOW));
  // Hygge Home (100002): an e-mail change case with its document, a callback, a code and audit rows.
  const request = await store.createEmailChangeRequest({
    customerId: '100002',
    newEmail: 'ny@hyggehome.dk',
    documentName: 'cvr.pdf',
    documentMime: 'application/pdf',
    document: documentBytes,
    documentSha256: crypto.createHash('sha256').update(documentBytes).digest('hex'),
  });
  caseNumber = request.caseNumber;
  await store.createCallbackRequest({ name: 'Mette Hansen', phone: '+45 20 30 40 50', customerId: '100002', topic: 'Udbetalinger', language: 'da', channel: 'webchat', conversationId: 'c-1' });
  await store.createVerificationCode({ customerId: '100002', conversationId: 'c-1', codeHash: 'x'.repeat(64), expiresAt: NOW, createdAt: NOW });
  await store.audit({ createdAt: NOW, actor: 'user:u-1', action: 'email-change.requested', customerId: '100002', channel: 'webchat', conversationId: 'c-1', outcome: 'success', detail: `case ${caseNumber}` });
  // Another merchant (100003) that must stay as it is.
  await store.createCallbackRequest({ name: 'Jens Fjord', phone: '+45 11 22 33 44', customerId: '100003', topic: 'Login', language: 'da', channel: 'webchat', conversationId: 'c-2' });
  await store.audit({ createdAt: NOW, actor: 'user:u-2', action: 'account.unlock', customerId: '100003', channel: 'webchat', conversationId: 'c-2', outcome: 'success' });
});
afterEach(async () => {
  await store.close();
});

describe(`GDPR export and erasure on ${testProvider}`, () => {
  it('exports the merchant, orders, cases with their document, callbacks and audit events, and audits the export', async () => {
    const gdpr = new GdprService(store, SECRET, new FixedClock(NOW));
    const data = await gdpr.export('100002', 'operator:anna');
    expect(data?.merchant).toMatchObject({ customerId: '100002', companyName: 'Hygge Home A/S', loginEmail: 'ordre@hyggehome.dk' });
    expect(data?.orders.map((o) => o.orderId)).toEqual(['10023', '10024', '10025', '10026', '10027']);
    expect(data?.emailChangeRequests).toEqual([expect.objectContaining({ caseNumber, newEmail: 'ny@hyggehome.dk', documentName: 'cvr.pdf' })]);
    expect(Buffer.from(data!.emailChangeRequests[0]!.documentBase64, 'base64')).toEqual(documentBytes);
    expect(data?.callbackRequests).toEqual([expect.objectContaining({ name: 'Mette Hansen', phone: '+45 20 30 40 50', topic: 'Udbetalinger' })]);
    expect(data?.auditEvents).toEqual([expect.objectContaining({ action: 'email-change.requested', detail: `case ${caseNumber}` })]);
    // Nothing about the other merchant.
    expect(JSON.stringify(data)).not.toMatch(/100003|Jens Fjord/);

    expect(await store.listAuditEvents({ action: 'gdpr.export' })).toEqual([
      expect.objectContaining({ actor: 'operator:anna', customerId: '100002', outcome: 'success', detail: 'orders=5 emailChangeRequests=1 callbackRequests=1 auditEvents=1' }),
    ]);
  });

  it('erases the merchant and its data, pseudonymises its audit events, and leaves the other merchant untouched', async () => {
    const gdpr = new GdprService(store, SECRET, new FixedClock(NOW));
    const pseudonym = gdpr.pseudonym('100002');
    expect(pseudonym).toMatch(/^erased:[0-9a-f]{12}$/);
    expect(new GdprService(store, 'another-secret-0123456789', new FixedClock(NOW)).pseudonym('100002')).not.toBe(pseudonym);

    expect(await gdpr.erase('100002', 'operator:anna')).toEqual({
      merchants: 1,
      orders: 5,
      verificationCodes: 1,
      emailChangeRequests: 1,
      callbackRequests: 1,
      conversations: 0,
      auditEventsPseudonymised: 1,
      pseudonym,
    });
    expect(await store.findMerchant('100002')).toBeUndefined();
    expect(await store.findOrder('100002', '10023')).toBeUndefined();
    expect(await store.findEmailChangeRequest(caseNumber)).toBeUndefined();
    expect(await store.listCallbackRequests({ customerId: '100002' })).toEqual([]);
    expect(await store.latestVerificationCode('100002', 'c-1')).toBeUndefined();
    // The audit trail keeps what happened and when, but no longer names the customer.
    expect(await store.listAuditEvents({ customerId: '100002' })).toEqual([]);
    expect(await store.listAuditEvents({ customerId: pseudonym })).toEqual([
      expect.objectContaining({ action: 'email-change.requested', createdAt: NOW }),
      expect.objectContaining({ action: 'gdpr.erase', actor: 'operator:anna', outcome: 'success', detail: expect.stringContaining('orders=5') as unknown as string }),
    ]);
    expect(await gdpr.export('100002', 'operator:anna')).toBeUndefined();

    expect(await store.findMerchant('100003')).toMatchObject({ companyName: 'Fjord Foto IVS' });
    expect(await store.listCallbackRequests({ customerId: '100003' })).toEqual([expect.objectContaining({ name: 'Jens Fjord' })]);
    expect(await store.listAuditEvents({ customerId: '100003' })).toEqual([expect.objectContaining({ action: 'account.unlock' })]);
  });

  it('erasure also removes the state (with its transcript) of the merchant’s own conversations and a callback asked for there without the customer ID', async () => {
    // In conversation c-1 the merchant also asked for a callback but skipped the customer ID question.
    await store.createCallbackRequest({ name: 'Mette Hansen', phone: '+45 20 30 40 50', customerId: null, topic: 'Ring igen', language: 'da', channel: 'webchat', conversationId: 'c-1' });
    await store.writeState('webchat/conversations/c-1/', '{"transcript":[{"from":"user","text":"Mette Hansen"}]}');
    await store.writeState('webchat/conversations/c-2/', '{"transcript":[{"from":"user","text":"Jens Fjord"}]}');
    // An agent looked the merchant up from their own Teams chat: that conversation is the agent's, not the merchant's.
    await store.audit({ createdAt: NOW, actor: 'agent:aad-1', action: 'agent.caller-verified', customerId: '100002', channel: 'msteams', conversationId: 'a-1', outcome: 'success' });
    await store.writeState('msteams/conversations/a-1/', '{"root":{}}');
    // Nor is a Teams group chat in which a staff member ran a flow for the merchant.
    await store.audit({ createdAt: NOW, actor: 'user:29:staff', action: 'account.unlock', customerId: '100002', channel: 'msteams', conversationId: 'g-1', outcome: 'success' });
    await store.writeState('msteams/conversations/g-1/', '{"root":{}}');
    const gdpr = new GdprService(store, SECRET, new FixedClock(NOW));

    const exported = await gdpr.export('100002', 'operator:anna');
    expect(exported?.callbackRequests.map((c) => c.topic)).toEqual(['Udbetalinger', 'Ring igen']);

    expect(await gdpr.erase('100002', 'operator:anna')).toMatchObject({ callbackRequests: 2, conversations: 1 });
    expect(await store.readStates(['webchat/conversations/c-1/'])).toEqual([]);
    expect(JSON.stringify(await store.listCallbackRequests({}))).not.toMatch(/Mette Hansen/);
    // Other merchants' and the agent's conversations stay.
    expect(await store.readStates(['webchat/conversations/c-2/', 'msteams/conversations/a-1/', 'msteams/conversations/g-1/'])).toHaveLength(3);
    expect(await store.listCallbackRequests({})).toEqual([expect.objectContaining({ name: 'Jens Fjord' })]);
  });

  it('an unknown customer id is audited as not found and changes nothing', async () => {
    const gdpr = new GdprService(store, SECRET, new FixedClock(NOW));
    expect(await gdpr.export('999999', 'operator:anna')).toBeUndefined();
    expect(await gdpr.erase('999999', 'operator:anna')).toBeUndefined();
    expect(await store.countMerchants()).toBe(3);
    const audit = [...(await store.listAuditEvents({ action: 'gdpr.export' })), ...(await store.listAuditEvents({ action: 'gdpr.erase' }))];
    expect(audit).toEqual([
      expect.objectContaining({ outcome: 'not-found', customerId: gdpr.pseudonym('999999') }),
      expect.objectContaining({ outcome: 'not-found', customerId: gdpr.pseudonym('999999') }),
    ]);
  });
});

describe(`npm run gdpr (scripts/gdpr.ts) on ${testProvider}`, () => {
  const run = (args: string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      const child = execFile(
        process.execPath,
        ['--import', 'tsx', path.join(root, 'scripts', 'gdpr.ts'), ...args],
        { cwd: root, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'test', DATABASE_URL: url, CODE_SECRET: SECRET } },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
      child.stdin!.end(stdin);
    });

  it('prints the export as JSON, or writes it with --out', async () => {
    const printed = await run(['export', '100002']);
    expect(printed.code).toBe(0);
    const data = JSON.parse(printed.stdout) as { merchant: { customerId: string }; callbackRequests: { name: string }[] };
    expect(data.merchant.customerId).toBe('100002');
    expect(data.callbackRequests.map((c) => c.name)).toEqual(['Mette Hansen']);

    const file = path.join(tempDir('gdpr'), 'export.json');
    const written = await run(['export', '100002', '--out', file]);
    expect(written.code).toBe(0);
    expect(written.stdout).toBe('');
    expect((JSON.parse(fs.readFileSync(file, 'utf8')) as { merchant: { companyName: string } }).merchant.companyName).toBe('Hygge Home A/S');
    expect(await store.listAuditEvents({ action: 'gdpr.export' })).toEqual([
      expect.objectContaining({ outcome: 'success', actor: expect.stringMatching(/^operator:/) as unknown as string }),
      expect.objectContaining({ outcome: 'success' }),
    ]);
  }, 60_000);

  it('an unknown customer id exits 1 with a clear message; bad arguments exit 1 with the usage', async () => {
    const unknown = await run(['export', '999999']);
    expect(unknown).toMatchObject({ code: 1, stdout: '' });
    expect(unknown.stderr).toContain('No merchant with customer ID 999999. Nothing exported.');
    expect(await store.listAuditEvents({ action: 'gdpr.export' })).toEqual([expect.objectContaining({ outcome: 'not-found' })]);

    const bad = await run(['delete', 'abc']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/the command must be "export" or "erase"[\s\S]*Usage: npm run gdpr/);
  }, 60_000);

  it('erase asks for confirmation: no answer erases nothing; --yes erases', async () => {
    const declined = await run(['erase', '100002']);
    expect(declined.code).toBe(1);
    expect(declined.stderr).toMatch(/Erase all data about customer 100002 \(Hygge Home A\/S\)\?[\s\S]*Aborted\. Nothing was erased\./);
    expect(await store.findMerchant('100002')).toBeDefined();

    const confirmed = await run(['erase', '100002'], 'yes\n');
    expect(confirmed.code).toBe(0);
    expect(confirmed.stdout).toMatch(/^Erased customer 100002: 1 merchant, 5 orders, .* audit events now name erased:[0-9a-f]{12}\.\n$/);
    expect(await store.findMerchant('100002')).toBeUndefined();

    const again = await run(['erase', '100002', '--yes']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('No merchant with customer ID 100002. Nothing erased.');
  }, 60_000);
});
