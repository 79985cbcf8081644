import { spawnSync } from 'node:child_process';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, staffSession, systemWithTenants, type Session } from '../../../test/support/system.ts';
import { inTenant } from '../../platform/db/tenant-scope.ts';
import type { System } from '../../system.ts';
import { assess } from './rules/assess.ts';
import { simulate, simulationRequestSchema, type SimulationRequest } from './simulate.ts';

/** 税額シミュレーション through the API and the CLI: the engine's breakdown, nothing stored but the audit entry. */
const A = '131016';
const PATH = '/api/v1/individual-resident-tax/simulate';
const input = { age: 45, salaryRevenue: 5_000_000, socialInsurance: 700_000, spouse: { age: 43, totalIncome: 0 }, dependants: [{ age: 17, totalIncome: 0 }] };

describe('individual-resident-tax: simulation', () => {
  let system: System;
  let admin: Session;

  beforeAll(async () => {
    ({ system, admins: [admin] } = await systemWithTenants(A));
  });
  afterAll(() => system?.close());

  it('answers the engine’s whole breakdown and the schedule asked for, auditing who simulated', async () => {
    const before = await inTenant(system.db, A, async (trx) => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log`.execute(trx)).rows[0]!.n));
    const r = await call(system, 'POST', PATH, { fiscalYear: 2026, input, collection: 'salary' }, { as: admin });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.breakdown).toEqual(JSON.parse(JSON.stringify(assess(2026, input))));
    expect(r.body.installments).toHaveLength(12);
    expect(r.body.installments.reduce((s: number, i: { amount: number }) => s + i.amount, 0)).toBe(r.body.breakdown.totals.total);
    const entries = await inTenant(system.db, A, async (trx) =>
      (await sql<{ function: string; targets: unknown[] }>`SELECT function, targets FROM audit_log ORDER BY seq OFFSET ${before}`.execute(trx)).rows);
    expect(entries).toEqual([{ function: 'individual-resident-tax.simulate', targets: [] }]);
  });

  it('refuses bad input with each field’s Japanese message, an unsupported year included', async () => {
    const r = await call(system, 'POST', PATH, { fiscalYear: 2019, input: { age: -1, salaryRevenue: 'x' } }, { as: admin });
    expect(r.status).toBe(422);
    const fields = r.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body.fiscalYear', 'body.input.age', 'body.input.salaryRevenue']));
    for (const e of r.body.errors) expect(e.message).toMatch(/[ぁ-んァ-ヶ一-龠]/);
  });

  it('needs a session and the individual-resident-tax:read permission', async () => {
    expect((await call(system, 'POST', PATH, { fiscalYear: 2026, input })).status).toBe(401);
    const clerk = await staffSession(system, A, []);
    expect((await call(system, 'POST', PATH, { fiscalYear: 2026, input }, { as: clerk })).status).toBe(403);
  });

  it('gives the same breakdown from `yakuba resident-tax simulate` with no server or database, and exit 2 with Japanese messages on bad input', { timeout: 240_000 }, () => {
    const run = (args: string[], stdin: string) => spawnSync(process.execPath, ['bin/yakuba.js', 'resident-tax', 'simulate', ...args], {
      input: stdin, encoding: 'utf8', timeout: 240_000, env: { ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', YAKUBA_DATA_DIR: '/nonexistent' },
    });
    const ok = run(['--fiscal-year', '2026', '--collection', 'ordinary'], JSON.stringify({ input }));
    expect(ok.status, ok.stderr).toBe(0);
    const printed = JSON.parse(ok.stdout);
    expect(printed.breakdown).toEqual(JSON.parse(JSON.stringify(assess(2026, input))));
    expect(printed.installments.map((i: { month: string }) => i.month)).toEqual(['2026-06', '2026-08', '2026-10', '2027-01']);
    const bad = run(['--fiscal-year', '2026'], JSON.stringify({ input: { age: 'x' } }));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('input.age');
    expect(bad.stderr).toMatch(/[ぁ-んァ-ヶ一-龠]/);
  });
});

describe('individual-resident-tax: simulation with collection pension (年金特徴 conditions, no server)', () => {
  const run = (request: SimulationRequest) => simulate(simulationRequestSchema.parse(request));
  const pensioner = { age: 70, pensionRevenue: 3_000_000, socialInsurance: 200_000 };

  it('pension only, 65歳以上 and 18万円以上: the whole tax by 年金特徴, first year from 6月 (普通徴収) and 10月', () => {
    const r = run({ fiscalYear: 2026, input: pensioner, collection: 'pension' });
    const total = r.breakdown.totals.total;
    expect(r.pensionCollection?.applies).toBe(true);
    expect(r.pensionCollection?.amounts).toEqual({ pensionSpecial: total, salarySpecial: 0, ordinary: 0 });
    expect(r.installments.map((i) => [i.month, i.collection])).toEqual([
      ['2026-06', 'ordinaryCollection'], ['2026-08', 'ordinaryCollection'],
      ['2026-10', 'specialCollection'], ['2026-12', 'specialCollection'], ['2027-02', 'specialCollection'],
    ]);
    expect(r.installments.reduce((s, i) => s + i.amount, 0)).toBe(total);
  });

  it('says why 年金特徴 does not apply (64歳), pays by 普通徴収 and names the assumptions', () => {
    const r = run({ fiscalYear: 2026, input: { ...pensioner, age: 64 }, collection: 'pension', previousYearPensionSpecial: 30_000 });
    expect(r.pensionCollection?.applies).toBe(false);
    expect(r.pensionCollection?.reasons[0]).toBe('2026年4月1日現在 64歳（65歳未満のため年金特徴の対象外）');
    expect(r.pensionCollection?.assumptions.at(-1)).toContain('1月2日〜4月2日生まれ');
    expect(r.installments.every((i) => i.collection === 'ordinaryCollection')).toBe(true);
    expect(r.installments.reduce((s, i) => s + i.amount, 0)).toBe(r.breakdown.totals.total);
  });

  it('給与 + 年金: the pension part (total − the tax without the pension) by 年金特徴, the rest from the salary', () => {
    const input = { age: 67, salaryRevenue: 3_000_000, pensionRevenue: 2_400_000, socialInsurance: 400_000 };
    const r = run({ fiscalYear: 2026, input, collection: 'pension', previousYearPensionSpecial: 40_000 });
    const total = r.breakdown.totals.total;
    const withoutPension = assess(2026, { ...input, pensionRevenue: 0 }).totals.total;
    expect(r.pensionCollection?.method).toBe('difference');
    expect(r.pensionCollection?.amounts).toEqual({ pensionSpecial: total - withoutPension, salarySpecial: withoutPension, ordinary: 0 });
    // 仮徴収 4・6・8月 = 前年度 40,000 × 1/2 = 20,000 → 6,800 + 6,600 × 2 (the pension part is larger).
    expect(total - withoutPension).toBeGreaterThan(20_000);
    expect(r.installments.filter((i) => i.month === '2026-04').map((i) => i.amount)).toEqual([6_800]);
    expect(r.installments.reduce((s, i) => s + i.amount, 0)).toBe(total);
  });
});
