import { pdfText } from '../../../test/support/pdf.ts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MY_NUMBERS } from '../../../test/fixtures/my-numbers.ts';
import { call, staffSession, systemWithTenants, type Session } from '../../../test/support/system.ts';
import { addDays } from '../../jp/index.ts';
import { inTenant } from '../../platform/db/tenant-scope.ts';
import type { System } from '../../system.ts';
import { todayInJapan } from './procedure.ts';

/** 仮登録・本登録 (4.0.8 審査・決裁, j530) through the API. */
const A = '131016';
const BASE = '/api/v1/resident-registry';
const today = todayInJapan();
const SP = '　';
let serial = 0;

const person = (name: string, kana: string, overrides: Record<string, unknown> = {}) => ({
  residentKind: 'japanese', name, nameKana: kana, registeredDomicile: '東京都千代田区千代田1番', familyRegisterHead: name,
  birthDate: '1988-08-08', sex: '1', relationship: '世帯主', previousAddress: { text: '千葉県船橋市湊町2丁目10番25号' },
  residentCode: String(50_000_000_000 + ++serial * 7919), ...overrides,
});
const moveIn = (persons: unknown[]) => ({
  effectiveDate: addDays(today, -2), notifiedDate: today, kind: 'domestic', destination: { type: 'new', address: { text: '東京都千代田区丸の内2丁目7番2号' } }, persons,
});


describe('resident-registry: 仮登録・本登録', () => {
  let system: System;
  let approver: Session;
  let clerk: Session;
  const count = async (table: string) =>
    inTenant(system.db, A, async (trx) => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(trx)).rows[0]!.n));
  const enter = (procedure: string, input: unknown) => call(system, 'POST', `${BASE}/drafts`, { procedure, input }, { as: clerk });
  const draft = async (id: string) => (await call(system, 'GET', `${BASE}/drafts/${id}`, undefined, { as: clerk })).body;

  beforeAll(async () => {
    ({ system, admins: [approver] } = await systemWithTenants(A));
    const role = await call(system, 'PUT', `/api/v1/tenants/${A}/roles/clerk`, { title: '窓口', permissions: ['resident-registry:read', 'resident-registry:record'] }, { as: approver });
    expect(role.status).toBe(200);
    clerk = await staffSession(system, A, ['clerk']);
  });
  afterAll(() => system?.close());

  it('checks a procedure in full without writing anything (the counter’s 確認): alerts or the same 422 as 登録', async () => {
    const before = await Promise.all(['resident', 'resident_change', 'event_outbox', 'resident_change_draft'].map(count));
    const ok = await call(system, 'POST', `${BASE}/checks`, { procedure: 'moveIn', input: moveIn([person(`審${SP}査男`, `シンサ${SP}オトコ`)]) }, { as: clerk });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toEqual({ alerts: [], lateNotification: false });
    expect(await Promise.all(['resident', 'resident_change', 'event_outbox', 'resident_change_draft'].map(count))).toEqual(before);
    // A rule of the whole state (the 異動日 after the 届出日), named where it is in the request.
    const bad = await call(system, 'POST', `${BASE}/checks`, { procedure: 'moveIn', input: { ...moveIn([person(`審${SP}査女`, `シンサ${SP}オンナ`)]), effectiveDate: addDays(today, 30) } }, { as: clerk });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toMatch(/^body\.input\./);
    expect(bad.body.errors[0].message).toMatch(/[ぁ-んァ-ヶ一-龠]/);
    const unknown = await call(system, 'POST', `${BASE}/checks`, { procedure: 'nothing', input: {} }, { as: clerk });
    expect(unknown.status).toBe(422);
    // Both checks read the register: both are audited, the refused one as failed.
    const audited = await inTenant(system.db, A, async (trx) =>
      (await sql<{ outcome: string }>`SELECT outcome FROM audit_log WHERE function = 'resident-registry.check-move-in' ORDER BY seq`.execute(trx)).rows.map((r) => r.outcome));
    expect(audited).toEqual(['success', 'failed']);
    expect(await Promise.all(['resident', 'resident_change', 'event_outbox', 'resident_change_draft'].map(count))).toEqual(before);
  });

  it('keeps a checked 転入 as a draft: nothing of it is history until it is approved, then it is, in one commit', async () => {
    const before = await Promise.all(['resident', 'resident_change', 'event_outbox'].map(count));
    const r = await enter('moveIn', moveIn([person(`仮登${SP}録男`, `カリトウ${SP}ロクオ`, { myNumber: MY_NUMBERS[8] })]));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(await Promise.all(['resident', 'resident_change', 'event_outbox'].map(count))).toEqual(before);
    const search = await call(system, 'GET', `${BASE}/search?kana=${encodeURIComponent('カリトウ')}`, undefined, { as: clerk });
    expect(search.body.items).toEqual([]);

    const shown = await draft(r.body.draftId);
    expect(shown).toMatchObject({ procedure: 'moveIn', status: 'pending', effectiveDate: addDays(today, -2), version: 1 });
    expect(shown.input.persons[0].myNumber).toBe('************');
    const stored = await inTenant(system.db, A, async (trx) => (await sql<{ input: unknown }>`SELECT input FROM resident_change_draft WHERE id = ${r.body.draftId}`.execute(trx)).rows[0]!.input);
    expect(JSON.stringify(stored)).not.toContain(MY_NUMBERS[8]);
    // 確認用帳票 (j540): the input on paper, 個人番号 masked.
    const sheet = await system.app.request(`${BASE}/drafts/${r.body.draftId}/confirmation`, { headers: { cookie: clerk.cookie } }, { zone: 'individual-number' });
    expect(sheet.status).toBe(200);
    const text = await pdfText(new Uint8Array(await sheet.arrayBuffer()));
    expect(text).toContain('確認票（仮登録）');
    expect(text).toContain('仮登録男');
    expect(text).toContain('************');
    expect(text).not.toContain(MY_NUMBERS[8]);
    const list = await call(system, 'GET', `${BASE}/drafts`, undefined, { as: clerk });
    expect(list.body.items.map((d: { draftId: string }) => d.draftId)).toContain(r.body.draftId);

    expect((await call(system, 'POST', `${BASE}/drafts/${r.body.draftId}/approve`, { version: 1 }, { as: clerk })).status).toBe(403);
    const approved = await call(system, 'POST', `${BASE}/drafts/${r.body.draftId}/approve`, { version: 1 }, { as: approver });
    expect(approved.status, JSON.stringify(approved.body)).toBe(201);
    expect(await draft(r.body.draftId)).toMatchObject({ status: 'approved', changeId: approved.body.changeId, version: 2 });
    const found = await call(system, 'GET', `${BASE}/search?kana=${encodeURIComponent('カリトウ')}`, undefined, { as: clerk });
    expect(found.body.items).toHaveLength(1);
    const p = (await call(system, 'GET', `${BASE}/persons/${found.body.items[0].addresseeNo}`, undefined, { as: clerk })).body;
    expect(p.person).toMatchObject({ changeId: approved.body.changeId, hasMyNumber: true });
    const again = await call(system, 'POST', `${BASE}/drafts/${r.body.draftId}/approve`, { version: 2 }, { as: approver });
    expect(again.status).toBe(422);
    expect(again.body.errors[0].rule).toBe('draft.not-pending');
  });

  it('refuses a draft the procedure would refuse, naming the field inside the input, and keeps nothing', async () => {
    const drafts = await count('resident_change_draft');
    const olderChild = await enter('moveIn', moveIn([person(`親${SP}太郎`, `オヤ${SP}タロウ`), person(`子${SP}太郎`, `コ${SP}タロウ`, { relationship: '子', birthDate: '1950-01-01' })]));
    expect(olderChild.status).toBe(422);
    expect(olderChild.body.errors).toContainEqual(expect.objectContaining({ field: 'body.input.persons.1.birthDate', rule: 'household.child-not-younger' }));
    const shape = await enter('moveIn', { persons: [] });
    expect(shape.status).toBe(422);
    expect(shape.body.errors.map((e: { field: string }) => e.field)).toContain('body.input.effectiveDate');
    const unknown = await enter('recordMyNumber', {});
    expect(unknown.body.errors[0]).toMatchObject({ field: 'body.procedure', rule: 'draft.unknown-procedure' });
    expect(await count('resident_change_draft')).toBe(drafts);
  });

  it('withdraws a draft (to enter it again), and approves many one by one: a stale one is refused, the others go through', async () => {
    const a = (await enter('moveIn', moveIn([person(`取下${SP}一`, `トリサゲ${SP}イチ`)]))).body.draftId;
    const withdrawn = await call(system, 'POST', `${BASE}/drafts/${a}/withdraw`, { version: 1 }, { as: clerk });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', version: 2 });
    expect((await call(system, 'POST', `${BASE}/drafts/${a}/approve`, { version: 2 }, { as: approver })).body.errors[0].rule).toBe('draft.not-pending');

    const b = (await enter('moveIn', moveIn([person(`一括${SP}一`, `イッカツ${SP}イチ`)]))).body.draftId;
    const c = (await enter('moveIn', moveIn([person(`一括${SP}二`, `イッカツ${SP}ニ`)]))).body.draftId;
    const bulk = await call(system, 'POST', `${BASE}/drafts/approvals`, { drafts: [{ draftId: b, version: 1 }, { draftId: c, version: 5 }] }, { as: approver });
    expect(bulk.status, JSON.stringify(bulk.body)).toBe(200);
    expect(bulk.body.results).toEqual([
      expect.objectContaining({ draftId: b, approved: true, changeId: expect.any(String) }),
      expect.objectContaining({ draftId: c, approved: false, problem: expect.objectContaining({ type: 'urn:yakuba:problem:stale-version' }) }),
    ]);
    expect((await draft(c)).status).toBe('pending');
    const pending = await call(system, 'GET', `${BASE}/drafts?status=pending`, undefined, { as: clerk });
    expect(pending.body.items.map((d: { draftId: string }) => d.draftId)).toEqual([c]);
  });
});
