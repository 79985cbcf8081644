import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, staffSession, testSystem, type Session } from '../../../test/support/system.ts';
import { DEMO_TENANT, seedDemo } from '../../demo.ts';
import { ageOn } from '../../jp/index.ts';
import { inTenant } from '../../platform/db/tenant-scope.ts';
import { runJob } from '../../platform/jobs/runner.ts';
import { submitJob } from '../../platform/jobs/submit.ts';
import type { System } from '../../system.ts';
import { residentRegistryQueries } from '../resident-registry/index.ts';
import { ANNUAL_ASSESSMENT } from './annual-assessment.ts';
import { reliefsOf } from './relief.ts';
import { assess } from './rules/assess.ts';
import { applyRelief, type Relief } from './rules/relief.ts';

/** 非課税・減免の決定 → 更正 in the same transaction; 取消; and the employer's notice headed by the register. */
const A = DEMO_TENANT;
const BASE = '/api/v1/individual-resident-tax/fiscal-years/2026';
const salary = { salaryRevenue: 4_000_000, socialInsurance: 560_000 };
const reduction = { kind: 'reduction', reason: 'unemployment', reasonText: '令和8年3月 会社都合により離職', rate: '0.5', decidedOn: '2026-07-10', decidedBy: '市民税課長' };
const exemption = { kind: 'exemption', reason: 'livelihoodAssistance', decidedOn: '2026-08-01', decidedBy: '市民税課長' };

describe('individual-resident-tax: 非課税・減免の決定 (relief)', () => {
  let system: System;
  let admin: Session;
  let person: { addresseeNo: string; age: number };
  const path = (no = person.addresseeNo) => `${BASE}/taxpayers/${no}/reliefs`;
  const record = (body: unknown, no?: string, as: Session = admin) => call(system, 'POST', path(no), body, { as });
  const revoke = (id: string, body: unknown = { reasonText: '再調査の結果、要件を満たさない', decidedOn: '2026-08-20', decidedBy: '市民税課長' }) =>
    call(system, 'POST', `${path()}/${id}/revocation`, body, { as: admin });
  const versions = async () => (await call(system, 'GET', `${BASE}/taxpayers/${person.addresseeNo}`, undefined, { as: admin })).body.assessments;
  const rows = async () => inTenant(system.db, A, async (trx) => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM resident_tax_relief`.execute(trx)).rows[0]!.n));
  const expected = (relief: Partial<Relief> | null) => applyRelief(assess(2026, { ...salary, age: person.age }), relief && ({
    id: 'x', kind: 'reduction', reason: 'other', scope: 'all', rate: null, amount: null, forestExempt: false, decidedOn: '2026-07-10', ...relief,
  } as Relief)).totals.total;

  beforeAll(async () => {
    system = await testSystem();
    await seedDemo(system, A, { residents: 40, seed: 5 });
    admin = await staffSession(system, A);
    for await (const batch of residentRegistryQueries(system).residentsAsOf(A, '2026-01-01', 50)) {
      const adult = batch.find((p) => p.status === 'resident' && ageOn(p.birthDate, '2025-12-31') >= 20);
      if (adult && !person) person = { addresseeNo: adult.addresseeNo, age: ageOn(adult.birthDate, '2025-12-31') };
    }
    const doc = { addresseeNo: person.addresseeNo, source: 'salary_report', employerNo: 'E-0001', employerName: '株式会社やくば', items: salary };
    expect((await call(system, 'POST', `${BASE}/income-documents`, doc, { as: admin })).status).toBe(201);
    const job = await submitJob(system.db, system.registry, A, ANNUAL_ASSESSMENT, { fiscalYear: 2026 });
    expect((await runJob(system.db, system.registry, A, job.id)).status).toBe('succeeded');
  });
  afterAll(() => system?.close());

  it('refuses a bad decision with a Japanese message at each field and writes nothing', async () => {
    const bad = await record({ kind: 'reduction', reason: 'lowIncome', rate: '1.5', amount: 1000, decidedOn: '2099-01-01', decidedBy: '' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['body.rate', 'body.decidedBy']));
    for (const e of bad.body.errors) expect(e.message).toMatch(/[ぁ-んァ-ヶ一-龠]/);
    const wrong = await record({ kind: 'reduction', reason: 'lowIncome', rate: '0.5', decidedOn: '2099-01-01', decidedBy: '課長' });
    expect(wrong.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['body.reason', 'body.reasonText', 'body.decidedOn']));
    const both = await record({ ...reduction, amount: 5000 });
    expect(both.body.errors).toEqual([expect.objectContaining({ field: 'body.rate', rule: 'relief.rate-or-amount' })]);
    const exemptionWithRate = await record({ ...exemption, rate: '0.5', forestExempt: false });
    expect(exemptionWithRate.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.rate', 'body.forestExempt']);
    expect((await record({ ...reduction, decidedOn: '2025-12-31' })).body.errors).toEqual([expect.objectContaining({ field: 'body.decidedOn', rule: 'relief.decided-on' })]);
    expect(await rows()).toBe(0);
    expect(await versions()).toHaveLength(1);
  });

  it('a reduction 更正s the assessed taxpayer at once: the new version, its difference, the decision in its input', async () => {
    const before = (await versions())[0];
    expect(before.total).toBe(expected(null));
    const r = await record(reduction);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.decision).toMatchObject({ kind: 'reduction', reason: 'unemployment', scope: 'all', rate: '0.5', amount: null, forestExempt: false, revocation: null });
    expect(r.body.reassessment).toMatchObject({ version: 2, total: expected({ rate: '0.5' }) });
    expect(r.body.reassessment.difference).toBe(r.body.reassessment.total - before.total);
    expect(r.body.reassessment.breakdown.steps.map((s: { step: string }) => s.step)).toEqual(expect.arrayContaining(['reliefCity', 'reliefPref']));
    const stored = await inTenant(system.db, A, async (trx) => (await sql<{ relief: unknown }>`SELECT input->'relief' AS relief FROM resident_tax_assessment
      WHERE addressee_no = ${person.addresseeNo} AND fiscal_year = 2026 AND version = 2`.execute(trx)).rows[0]!.relief);
    expect(stored).toMatchObject({ id: r.body.decision.id, kind: 'reduction', rate: '0.5' });
    // A 更正 for another reason (a new document, …) keeps the decision.
    const again = await call(system, 'POST', `${BASE}/taxpayers/${person.addresseeNo}/reassessment`, undefined, { as: admin });
    expect(again.body).toMatchObject({ version: 3, total: r.body.reassessment.total, difference: 0 });
  });

  it('a later decision replaces the current one; only the current one can be revoked, once; a revocation 更正s back', async () => {
    const first = (await call(system, 'GET', path(), undefined, { as: admin })).body.items[0];
    const r = await record(exemption);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.decision).toMatchObject({ kind: 'exemption', forestExempt: true, scope: 'all' });
    expect(r.body.reassessment).toMatchObject({ version: 4, total: 0 });
    expect(r.body.reassessment.breakdown.exemption).toBe('all');

    const list = (await call(system, 'GET', path(), undefined, { as: admin })).body;
    expect(list.current).toBe(r.body.decision.id);
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([first.id, r.body.decision.id]);
    expect((await revoke(first.id)).status).toBe(409);
    expect((await revoke('0190a0c2-0000-7000-8000-000000000000')).status).toBe(404);
    expect((await revoke(r.body.decision.id, { reasonText: '誤り', decidedOn: '2026-07-31', decidedBy: '課長' })).body.errors)
      .toEqual([expect.objectContaining({ field: 'body.decidedOn' })]);

    const revoked = await revoke(r.body.decision.id);
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(201);
    expect(revoked.body.decision.revocation).toMatchObject({ decidedOn: '2026-08-20', decidedBy: '市民税課長' });
    // The replaced decision does not come back: the taxpayer is assessed with none.
    expect(revoked.body.reassessment).toMatchObject({ version: 5, total: expected(null) });
    expect((await revoke(r.body.decision.id)).status).toBe(409);
    expect((await call(system, 'GET', path(), undefined, { as: admin })).body.current).toBeNull();
    expect((await versions()).map((v: { version: number }) => v.version)).toEqual([1, 2, 3, 4, 5]);
  });

  it('a decision for a taxpayer not yet assessed is only recorded; reliefsOf gives the current one per 宛名番号', async () => {
    const r = await record({ ...reduction, rate: undefined, amount: 12_000, scope: 'incomeLevy', forestExempt: true }, '1000000001');
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.reassessment).toBeNull();
    const current = await inTenant(system.db, A, (trx) => reliefsOf(trx, 2026, ['1000000001', person.addresseeNo, '1000000002']));
    expect([...current.keys()]).toEqual(['1000000001']);
    expect(current.get('1000000001')).toEqual({
      id: r.body.decision.id, kind: 'reduction', reason: 'unemployment', scope: 'incomeLevy', rate: null, amount: 12_000, forestExempt: true, decidedOn: '2026-07-10',
    });
    expect((await inTenant(system.db, A, (trx) => reliefsOf(trx, 2025, ['1000000001']))).size).toBe(0);
  });

  it('needs individual-resident-tax:assess to decide and :read to list', async () => {
    const role = await call(system, 'PUT', `/api/v1/tenants/${A}/roles/tax-reader`, { title: '照会', permissions: ['individual-resident-tax:read'] }, { as: admin });
    expect(role.status, JSON.stringify(role.body)).toBe(200);
    const reader = await staffSession(system, A, ['tax-reader']);
    expect((await record(reduction, undefined, reader)).status).toBe(403);
    expect((await call(system, 'GET', path(), undefined, { as: reader })).status).toBe(200);
  });

  it('the employer’s 特別徴収税額通知 is headed by the register’s name and 所在地', async () => {
    const put = await call(system, 'PUT', '/api/v1/individual-resident-tax/employers/E-0001', { name: '株式会社やくば', address: '東京都千代田区千代田1番1号' }, { as: admin });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const csv = await system.app.request(`${BASE}/employers/E-0001/special-collection-notice`, { headers: { cookie: admin.cookie } }, { zone: 'individual-number' });
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines.slice(0, 3)).toEqual(['"特別徴収義務者指定番号","E-0001"', '"名称","株式会社やくば"', '"所在地","東京都千代田区千代田1番1号"']);
    expect(lines[3]).toContain('"年税額"');
    expect(lines[4]).toContain(`"${person.addresseeNo}"`);
  });
});
