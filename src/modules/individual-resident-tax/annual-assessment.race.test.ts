import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, staffSession, testSystem, type Session } from '../../../test/support/system.ts';
import { DEMO_TENANT, seedDemo } from '../../demo.ts';
import { ageOn } from '../../jp/index.ts';
import { inTenant } from '../../platform/db/tenant-scope.ts';
import { jobEvents } from '../../platform/jobs/types.ts';
import type { System } from '../../system.ts';
import { annualAssessmentJob, readChunk } from './annual-assessment.ts';
import { parseRates } from './assessment.ts';
import { assess } from './rules/assess.ts';

/**
 * The job reads a chunk ahead, and a clerk records a 減免 decision or a 課税資料 for one of its taxpayers
 * before the chunk writes: the chunk must assess with them (before the fix, it wrote what it had read).
 */
const A = DEMO_TENANT;
const BASE = '/api/v1/individual-resident-tax/fiscal-years/2026';

describe('individual-resident-tax: a decision or document recorded while the job reads ahead', () => {
  let system: System;
  let admin: Session;
  beforeAll(async () => {
    system = await testSystem();
    await seedDemo(system, A, { residents: 40, seed: 11 });
    admin = await staffSession(system, A);
  });
  afterAll(() => system?.close());

  it('is used by the chunk that writes, not lost between its read and its write', async () => {
    const params = { fiscalYear: 2026, tenantRates: parseRates({}) };
    const adults = (await inTenant(system.db, A, (trx) => readChunk(trx, params, null, 1000))).data.roll.filter((r) => ageOn(r.birthDate, '2025-12-31') >= 20);
    const [exempted, late] = adults as [typeof adults[0], typeof adults[0]];
    const salary = { salaryRevenue: 4_000_000, socialInsurance: 600_000 };
    const receive = (addresseeNo: string) => call(system, 'POST', `${BASE}/income-documents`, { addresseeNo, source: 'salary_report', employerNo: 'E-1', items: salary }, { as: admin });
    expect((await receive(exempted.addresseeNo)).status).toBe(201);

    const ahead = await inTenant(system.db, A, (trx) => readChunk(trx, params, null, 1000));
    // Meanwhile: a 非課税 decision for one taxpayer (not yet assessed: nothing to 更正) and a late report for another.
    const decided = await call(system, 'POST', `${BASE}/taxpayers/${exempted.addresseeNo}/reliefs`, {
      kind: 'exemption', reason: 'livelihoodAssistance', decidedOn: '2026-05-01', decidedBy: '税務課長',
    }, { as: admin });
    expect(decided.status, JSON.stringify(decided.body)).toBe(201);
    expect(decided.body.reassessment).toBeNull();
    expect((await receive(late.addresseeNo)).status).toBe(201);

    const result = await inTenant(system.db, A, (trx) =>
      annualAssessmentJob.runChunk(trx, params, null, 1000, { events: jobEvents(system.registry), jobId: 'race-test' }, { ...ahead, from: null }));
    expect(result.cursor).toBeNull();
    const first = async (no: string) => (await call(system, 'GET', `${BASE}/taxpayers/${no}`, undefined, { as: admin })).body.assessments[0];
    expect(await first(exempted.addresseeNo)).toMatchObject({ version: 1, total: 0 });
    expect((await first(late.addresseeNo)).total).toBe(assess(2026, { ...salary, age: ageOn(late.birthDate, '2025-12-31') }).totals.total);
    expect((await first(late.addresseeNo)).total).toBeGreaterThan(0);
  });
});
