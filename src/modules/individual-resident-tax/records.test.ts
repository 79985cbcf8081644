import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../../../test/support/pdf.ts';
import { call, staffSession, type Session } from '../../../test/support/system.ts';
import { testSystem } from '../../../test/support/system.ts';
import { DEMO_TENANT, seedDemo } from '../../demo.ts';
import { ageOn } from '../../jp/index.ts';
import { inTenant } from '../../platform/db/tenant-scope.ts';
import { runJob } from '../../platform/jobs/runner.ts';
import { submitJob } from '../../platform/jobs/submit.ts';
import type { System } from '../../system.ts';
import { residentRegistryQueries } from '../resident-registry/index.ts';
import { ANNUAL_ASSESSMENT } from './annual-assessment.ts';
import { assess } from './rules/assess.ts';

/** 課税資料 → 当初課税 (the annual job) → 更正, on the demo 団体's residents. */
const A = DEMO_TENANT;
const BASE = '/api/v1/individual-resident-tax/fiscal-years/2026';

describe('individual-resident-tax: records, annual assessment, reassessment', () => {
  let system: System;
  let admin: Session;
  let people: { addresseeNo: string; birthDate: string }[];
  const count = async (table: string) =>
    inTenant(system.db, A, async (trx) => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(trx)).rows[0]!.n));
  const receive = (body: unknown) => call(system, 'POST', `${BASE}/income-documents`, body, { as: admin });
  const runAnnual = async () => {
    const job = await submitJob(system.db, system.registry, A, ANNUAL_ASSESSMENT, { fiscalYear: 2026 });
    return runJob(system.db, system.registry, A, job.id);
  };

  beforeAll(async () => {
    system = await testSystem();
    await seedDemo(system, A, { residents: 120, seed: 3 });
    admin = await staffSession(system, A);
    people = [];
    for await (const batch of residentRegistryQueries(system).residentsAsOf(A, '2026-01-01', 50)) {
      for (const p of batch) if (p.status === 'resident' && ageOn(p.birthDate, '2025-12-31') >= 20 && people.length < 3) people.push({ addresseeNo: p.addresseeNo, birthDate: p.birthDate });
    }
  });
  afterAll(() => system?.close());

  it('refuses a bad 課税資料 with Japanese messages and writes nothing', async () => {
    const r = await receive({ addresseeNo: 'x1', source: 'pension_report', employerNo: 'E1', items: { salaryRevenue: -5 } });
    expect(r.status).toBe(422);
    expect(r.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['body.addresseeNo', 'body.items.salaryRevenue', 'body.employerNo']));
    for (const e of r.body.errors) expect(e.message).toMatch(/[ぁ-んァ-ヶ一-龠]/);
    expect(await count('resident_tax_income')).toBe(0);
  });

  it('assesses everyone who lived here on 1 January, from their documents, once', async () => {
    const [salaried, pensioner, declarer] = people as [typeof people[0], typeof people[0], typeof people[0]];
    const salary = { salaryRevenue: 5_000_000, socialInsurance: 700_000, lifeInsurance: { newGeneral: 80_000 } };
    expect((await receive({ addresseeNo: salaried.addresseeNo, source: 'salary_report', employerNo: 'E-0001', employerName: '株式会社やくば', items: salary })).status).toBe(201);
    expect((await receive({ addresseeNo: pensioner.addresseeNo, source: 'pension_report', items: { pensionRevenue: 3_000_000, socialInsurance: 200_000 } })).status).toBe(201);
    expect((await receive({ addresseeNo: declarer.addresseeNo, source: 'salary_report', employerNo: 'E-0002', items: { salaryRevenue: 2_000_000 } })).status).toBe(201);
    // A 確定申告 states the whole year: it, not the 給与 report, is the input; 特別徴収 stays with the employer.
    const finalReturn = { salaryRevenue: 2_000_000, otherIncome: 1_500_000, medicalExpenses: { paid: 300_000 } };
    expect((await receive({ addresseeNo: declarer.addresseeNo, source: 'final_return', items: finalReturn })).status).toBe(201);

    const ended = await runAnnual();
    expect(ended).toMatchObject({ status: 'succeeded', error: null });
    const residents = await inTenant(system.db, A, async (trx) =>
      Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM resident_version_as_of('2026-01-01') WHERE status = 'resident'`.execute(trx)).rows[0]!.n));
    // Progress counts the registry's persons (moved in after 1 January, 除票 included); the roll only the residents of that day.
    expect(ended.total).toBe(await count('resident'));
    expect(ended.done).toBe(ended.total);
    expect(residents).toBeLessThan(ended.total);
    expect(await count('resident_tax_taxpayer')).toBe(residents);
    expect(await count('resident_tax_assessment')).toBe(residents);

    const get = async (no: string) => (await call(system, 'GET', `${BASE}/taxpayers/${no}`, undefined, { as: admin })).body;
    const age = (p: { birthDate: string }) => ageOn(p.birthDate, '2025-12-31');
    const s = await get(salaried.addresseeNo);
    expect(s.assessments).toHaveLength(1);
    expect(s.assessments[0]).toMatchObject({ version: 1, kind: 'initial', collection: 'salary', employerNo: 'E-0001', difference: 0 });
    expect(s.assessments[0].breakdown).toEqual(JSON.parse(JSON.stringify(assess(2026, { ...salary, age: age(salaried) }))));
    expect((await get(pensioner.addresseeNo)).assessments[0].total).toBe(assess(2026, { pensionRevenue: 3_000_000, socialInsurance: 200_000, age: age(pensioner) }).totals.total);
    const d = (await get(declarer.addresseeNo)).assessments[0];
    expect(d).toMatchObject({ collection: 'salary', employerNo: 'E-0002', total: assess(2026, { ...finalReturn, age: age(declarer) }).totals.total });

    // Published per chunk, in the chunks' transactions: every taxpayer once, amounts and no names.
    const published = async () => inTenant(system.db, A, async (trx) =>
      (await sql<{ payload: { assessments: { addresseeNo: string; total: number }[] } }>`SELECT payload FROM event_outbox WHERE type = 'individual-resident-tax.assessed'`.execute(trx)).rows
        .flatMap((r) => r.payload.assessments));
    const first = await published();
    expect(first).toHaveLength(residents);
    expect(first.find((a) => a.addresseeNo === salaried.addresseeNo)?.total).toBe(s.assessments[0].total);
    expect(JSON.stringify(first)).not.toContain('"name"');

    // A second run (the job submitted again) writes nothing twice and publishes nothing again.
    expect((await runAnnual()).status).toBe('succeeded');
    expect(await count('resident_tax_assessment')).toBe(residents);
    expect(await published()).toHaveLength(residents);
  });

  it('更正: a later document gives a new version with its difference; the original stays as it was', async () => {
    const salaried = people[0]!;
    const before = (await call(system, 'GET', `${BASE}/taxpayers/${salaried.addresseeNo}`, undefined, { as: admin })).body.assessments[0];
    const declaration = { salaryRevenue: 5_000_000, socialInsurance: 700_000, lifeInsurance: { newGeneral: 80_000 }, medicalExpenses: { paid: 400_000 } };
    expect((await receive({ addresseeNo: salaried.addresseeNo, source: 'declaration', items: declaration })).status).toBe(201);
    const r = await call(system, 'POST', `${BASE}/taxpayers/${salaried.addresseeNo}/reassessment`, undefined, { as: admin });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.version).toBe(2);
    expect(r.body.total).toBe(assess(2026, { ...declaration, age: ageOn(salaried.birthDate, '2025-12-31') }).totals.total);
    expect(r.body.difference).toBe(r.body.total - before.total);
    expect(r.body.difference).toBeLessThan(0);
    const after = (await call(system, 'GET', `${BASE}/taxpayers/${salaried.addresseeNo}`, undefined, { as: admin })).body.assessments;
    expect(after.map((a: { version: number; kind: string }) => [a.version, a.kind])).toEqual([[1, 'initial'], [2, 'reassessment']]);
    expect(after[0]).toEqual(before);
    const reassessed = await inTenant(system.db, A, async (trx) =>
      (await sql<{ payload: unknown }>`SELECT payload FROM event_outbox WHERE type = 'individual-resident-tax.reassessed'`.execute(trx)).rows.map((r) => r.payload));
    expect(reassessed).toEqual([expect.objectContaining({ fiscalYear: 2026, addresseeNo: salaried.addresseeNo, version: 2, total: r.body.total, difference: r.body.difference })]);
    expect((await call(system, 'POST', `${BASE}/taxpayers/0000000000000/reassessment`, undefined, { as: admin })).status).toBe(404);
  });

  it('prints the employer’s 特別徴収税額通知 (CSV) and the taxpayer’s 税額変更・納税通知書 (PDF) from the latest versions', async () => {
    const [salaried, , declarer] = people as [typeof people[0], typeof people[0], typeof people[0]];
    const csv = await system.app.request(`${BASE}/employers/E-0001/special-collection-notice`, { headers: { cookie: admin.cookie } }, { zone: 'individual-number' });
    expect(csv.status).toBe(200);
    const text = await csv.text();
    // The register's name and 所在地 head the file (employers.ts), then the columns.
    const all = text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(all[1]).toBe('"名称","株式会社やくば"');
    const [header, ...lines] = all.slice(all.findIndex((l) => l.startsWith('"年度"')));
    expect(header).toContain('"年税額"');
    expect(lines).toHaveLength(1);
    const fields = lines[0]!.split('","').map((f) => f.replace(/^"|"$/g, ''));
    expect(fields[2]).toBe(salaried.addresseeNo);
    // The 更正 (version 2) is what the employer collects: twelve months adding up to it, the rest in June.
    const latest = (await call(system, 'GET', `${BASE}/taxpayers/${salaried.addresseeNo}`, undefined, { as: admin })).body.assessments.at(-1);
    expect(Number(fields[5])).toBe(latest.total);
    const months = fields.slice(9).map(Number);
    expect(months).toHaveLength(12);
    expect(months.reduce((a, b) => a + b, 0)).toBe(latest.total);
    expect(months.slice(1).every((m) => m === months[1] && m % 100 === 0)).toBe(true);
    expect((await system.app.request(`${BASE}/employers/E-9999/special-collection-notice`, { headers: { cookie: admin.cookie } }, { zone: 'individual-number' })).status).toBe(404);

    const pdf = await system.app.request(`${BASE}/taxpayers/${salaried.addresseeNo}/tax-notice`, { headers: { cookie: admin.cookie } }, { zone: 'individual-number' });
    expect(pdf.status).toBe(200);
    const notice = await pdfText(new Uint8Array(await pdf.arrayBuffer()));
    expect(notice).toContain('令和8年度');
    expect(notice).toContain('税額変更・納税通知書');
    expect(notice).toContain(`${latest.total.toLocaleString('ja-JP')}円`);
    expect(notice).toContain('給与からの特別徴収');
    const first = await pdfText(new Uint8Array(await (await system.app.request(`${BASE}/taxpayers/${declarer.addresseeNo}/tax-notice`, { headers: { cookie: admin.cookie } }, { zone: 'individual-number' })).arrayBuffer()));
    expect(first).toContain('税額決定・納税通知書');
  });

  it('lists for review a taxpayer whose 死亡 before 1 January is recorded after the roll was made', async () => {
    const pensioner = people[1]!;
    const person = (await call(system, 'GET', `/api/v1/resident-registry/persons/${pensioner.addresseeNo}`, undefined, { as: admin })).body;
    const household = (await call(system, 'GET', `/api/v1/resident-registry/households/${person.person.householdNo}`, undefined, { as: admin })).body;
    const others = household.members.filter((m: { residentId: string }) => m.residentId !== person.person.residentId);
    const died = await call(system, 'POST', '/api/v1/resident-registry/death', {
      kind: 'death', effectiveDate: '2025-12-20', notifiedDate: '2026-02-02', residentId: person.person.residentId,
      household: { householdId: household.householdId, version: household.version },
      ...(household.headResidentId === person.person.residentId && others.length > 0 ? { remainingHeadResidentId: others[0].residentId } : {}),
    }, { as: admin });
    expect(died.status, JSON.stringify(died.body)).toBe(201);
    await system.dispatcher.drain();
    const reviews = (await call(system, 'GET', `${BASE}/reviews`, undefined, { as: admin })).body.items;
    expect(reviews).toEqual([expect.objectContaining({ addresseeNo: pensioner.addresseeNo, eventType: 'resident-registry.died', effectiveDate: '2025-12-20', onRoll: true, reassessedSince: false })]);
    // The assessment itself is untouched until staff decide.
    const before = (await call(system, 'GET', `${BASE}/taxpayers/${pensioner.addresseeNo}`, undefined, { as: admin })).body.assessments;
    expect(before).toHaveLength(1);

    // Staff decide: 賦課取消, tax 0 with the reason, the original kept; the review shows it handled.
    const cancel = (body: unknown) => call(system, 'POST', `${BASE}/taxpayers/${pensioner.addresseeNo}/cancellation`, body, { as: admin });
    const refused = await cancel({ reason: '' });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].message).toMatch(/[ぁ-んァ-ヶ一-龠]/);
    const cancelled = await cancel({ reason: '令和7年12月20日死亡（届出は課税後に受理）' });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(201);
    expect(cancelled.body).toMatchObject({ version: 2, total: 0, difference: -before[0].total });
    const after = (await call(system, 'GET', `${BASE}/taxpayers/${pensioner.addresseeNo}`, undefined, { as: admin })).body.assessments;
    expect(after.map((a: { kind: string; total: number }) => [a.kind, a.total])).toEqual([['initial', before[0].total], ['cancellation', 0]]);
    expect(after[1].breakdown.steps[0]).toMatchObject({ step: 'cancellation', label: '賦課取消', basis: '令和7年12月20日死亡（届出は課税後に受理）' });
    expect(after[1].recomputable).toBe(true);
    expect((await cancel({ reason: 'もう一度' })).status).toBe(409);
    expect((await call(system, 'GET', `${BASE}/reviews`, undefined, { as: admin })).body.items).toEqual([expect.objectContaining({ addresseeNo: pensioner.addresseeNo, reassessedSince: true })]);
    const notice = await system.app.request(`${BASE}/taxpayers/${pensioner.addresseeNo}/tax-notice`, { headers: { cookie: admin.cookie } }, { zone: 'individual-number' });
    expect(await pdfText(new Uint8Array(await notice.arrayBuffer()))).toContain('賦課を取り消したので通知します');
  });
});
