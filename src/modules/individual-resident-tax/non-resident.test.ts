import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, staffSession, testSystem, type Session } from '../../../test/support/system.ts';
import { DEMO_TENANT, seedDemo } from '../../demo.ts';
import { ageOn } from '../../jp/index.ts';
import { inTenant } from '../../platform/db/tenant-scope.ts';
import type { System } from '../../system.ts';
import { assess } from './rules/assess.ts';

/** 住登外課税: a person of the addressee register entered on the roll and assessed; 家屋敷課税 is 均等割 only. */
const A = DEMO_TENANT;
const BASE = '/api/v1/individual-resident-tax/fiscal-years/2026';
const SP = '\u3000';

describe('individual-resident-tax: 住登外の納税義務者', () => {
  let system: System;
  let admin: Session;
  const count = async (table: string) =>
    inTenant(system.db, A, async (trx) => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(trx)).rows[0]!.n));
  const register = async (name: string, birthDate: string) => {
    const r = await call(system, 'POST', '/api/v1/addressee/non-residents', {
      name, nameKana: `ジュウトウガイ${SP}タロウ`, birthDate, sex: '1', address: { text: '大阪府大阪市北区中之島1丁目3番20号', postalCode: '5308201' },
    }, { as: admin });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.addressee.addresseeNo as string;
  };
  const enter = (body: unknown) => call(system, 'POST', `${BASE}/non-resident-taxpayers`, body, { as: admin });
  const salary = { salaryRevenue: 6_000_000, socialInsurance: 900_000 };

  beforeAll(async () => {
    system = await testSystem();
    await seedDemo(system, A, { residents: 20, seed: 5 });
    admin = await staffSession(system, A);
  });
  afterAll(() => system?.close());

  it('assesses a person who lived here unregistered in full, once, and a 家屋敷 owner living elsewhere at the 均等割 only', async () => {
    const lived = await register(`住登外${SP}一郎`, '1970-05-05');
    const owner = await register(`家屋敷${SP}二郎`, '1965-03-03');
    for (const no of [lived, owner]) {
      expect((await call(system, 'POST', `${BASE}/income-documents`, { addresseeNo: no, source: 'salary_report', employerNo: 'E-9', items: salary }, { as: admin })).status).toBe(201);
    }
    const full = await enter({ addresseeNo: lived, liability: 'residence' });
    expect(full.status, JSON.stringify(full.body)).toBe(201);
    expect(full.body).toMatchObject({ version: 1, total: assess(2026, { ...salary, age: ageOn('1970-05-05', '2025-12-31') }).totals.total });
    expect(full.body.total).toBeGreaterThan(100_000);

    const house = await enter({ addresseeNo: owner, liability: 'house' });
    expect(house.status, JSON.stringify(house.body)).toBe(201);
    expect(house.body.total).toBe(4000);
    expect(house.body.breakdown.totals).toMatchObject({ cityIncomeLevy: 0, prefIncomeLevy: 0, forestEnvironmentTax: 0, cityPerCapitaLevy: 3000, prefPerCapitaLevy: 1000 });

    const shown = (await call(system, 'GET', `${BASE}/taxpayers/${owner}`, undefined, { as: admin })).body;
    expect(shown).toMatchObject({ residentId: null, liability: 'house', name: `家屋敷${SP}二郎`, address: '大阪府大阪市北区中之島1丁目3番20号' });
    expect(shown.assessments).toEqual([expect.objectContaining({ version: 1, total: 4000, recomputable: true })]);
    expect(shown.assessments[0].breakdown.steps).toContainEqual(expect.objectContaining({ step: 'houseLevy', amount: 4000 }));

    // A 更正 keeps the ground of liability: still 均等割 only.
    const again = await call(system, 'POST', `${BASE}/taxpayers/${owner}/reassessment`, undefined, { as: admin });
    expect(again.body).toMatchObject({ version: 2, total: 4000, difference: 0 });
  });

  it('keeps the rates through a 賦課取消, which a later 減免 does not undo and a 更正 does', async () => {
    const no = await register(`超過${SP}四郎`, '1975-07-07');
    expect((await call(system, 'POST', `${BASE}/income-documents`, { addresseeNo: no, source: 'final_return', items: salary }, { as: admin })).status).toBe(201);
    const entered = await enter({ addresseeNo: no, liability: 'house', tenantRates: { cityPerCapita: 3500 } });
    expect(entered.status, JSON.stringify(entered.body)).toBe(201);
    expect(entered.body.total).toBe(4500);
    const cancelled = await call(system, 'POST', `${BASE}/taxpayers/${no}/cancellation`, { reason: '事務所は前年に閉鎖済み' }, { as: admin });
    expect(cancelled.body).toMatchObject({ version: 2, total: 0, difference: -4500 });
    const relief = await call(system, 'POST', `${BASE}/taxpayers/${no}/reliefs`, {
      kind: 'reduction', reason: 'disaster', reasonText: '台風による被害', rate: '0.5', decidedOn: '2026-06-01', decidedBy: '税務課長',
    }, { as: admin });
    expect(relief.status, JSON.stringify(relief.body)).toBe(201);
    const shown = async () => (await call(system, 'GET', `${BASE}/taxpayers/${no}`, undefined, { as: admin })).body.assessments;
    expect((await shown()).map((a: { kind: string }) => a.kind)).toEqual(['initial', 'cancellation']);
    // An explicit 更正 assesses again, at the rates of the 当初課税 and with the 減免 now recorded.
    const again = await call(system, 'POST', `${BASE}/taxpayers/${no}/reassessment`, undefined, { as: admin });
    expect(again.body).toMatchObject({ version: 3, total: 2200, difference: 2200 });
  });

  it('refuses a second entry, a corporation, an unknown number and a bad ground, in Japanese, writing nothing', async () => {
    const no = await register(`二重${SP}三郎`, '1980-01-01');
    expect((await enter({ addresseeNo: no, liability: 'residence' })).status).toBe(201);
    const before = { roll: await count('resident_tax_taxpayer'), assessments: await count('resident_tax_assessment') };

    const twice = await enter({ addresseeNo: no, liability: 'house' });
    expect(twice.status).toBe(409);
    expect(twice.body.detail).toMatch(/既に2026年度の課税台帳/);
    const corporation = await call(system, 'POST', '/api/v1/addressee/corporations', { name: '株式会社ヤクバ', nameKana: 'ヤクバ', corporateNumber: '7000012050002', address: { text: '東京都千代田区霞が関3丁目1番1号' } }, { as: admin });
    expect(corporation.status, JSON.stringify(corporation.body)).toBe(201);
    const refused = await enter({ addresseeNo: corporation.body.addressee.addresseeNo, liability: 'house' });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({ field: 'body.addresseeNo', message: expect.stringMatching(/法人は個人住民税の納税義務者になりません/) });
    expect((await enter({ addresseeNo: '99999999', liability: 'residence' })).status).toBe(404);
    const bad = await enter({ addresseeNo: no, liability: 'office', tenantRates: { grade: 5 } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['body.liability', 'body.tenantRates.grade']));
    // A resident of 1 January is assessed by the annual job, never as 住登外.
    const resident = await inTenant(system.db, A, async (trx) => (await sql<{ addressee_no: string }>`SELECT addressee_no FROM resident_version_as_of('2026-01-01') v
      JOIN resident r ON r.tenant_code = v.tenant_code AND r.id = v.resident_id WHERE v.status = 'resident' LIMIT 1`.execute(trx)).rows[0]!.addressee_no);
    const refusedResident = await enter({ addresseeNo: resident, liability: 'house' });
    expect(refusedResident.status).toBe(422);
    expect(refusedResident.body.errors[0]).toMatchObject({ field: 'body.addresseeNo', rule: 'taxpayer.resident', message: expect.stringMatching(/当初課税/) });

    expect({ roll: await count('resident_tax_taxpayer'), assessments: await count('resident_tax_assessment') }).toEqual(before);
  });
});
