import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { sharedTestDatabase } from '../../../test/support/database.ts';
import { runAndKill } from '../../../test/support/job-crash.ts';
import { testKeyRing } from '../../../test/support/my-number.ts';
import { seedDemo } from '../../demo.ts';
import { openDatabase, type Database } from '../../platform/db/database.ts';
import { inTenant } from '../../platform/db/tenant-scope.ts';
import { resumeJob, runJob } from '../../platform/jobs/runner.ts';
import { getJob } from '../../platform/jobs/store.ts';
import { submitJob } from '../../platform/jobs/submit.ts';
import { openSystem } from '../../system.ts';
import { ANNUAL_ASSESSMENT, annualAssessmentJob } from './annual-assessment.ts';
import { insertIncomeDocument } from './store.ts';

const CRASHED = '131016';
const CLEAN = '131024';
const catalog = new Map([[ANNUAL_ASSESSMENT, annualAssessmentJob]]);
const params = { fiscalYear: 2026, tenantRates: { grade: 1 } };
const RESIDENTS = 1500;
const CHUNK = 50;

/** The same synthetic 団体 in both tenants, and a 給与支払報告書 for every second person (amounts from the 宛名番号). */
async function seed(db: Database): Promise<void> {
  const system = await openSystem({ db, myNumberKeys: testKeyRing() });
  for (const tenant of [CRASHED, CLEAN]) {
    await seedDemo(system, tenant, { residents: RESIDENTS, seed: 7 });
    await inTenant(db, tenant, async (trx) => {
      const { rows } = await sql<{ addressee_no: string }>`SELECT addressee_no FROM resident WHERE tenant_code = current_tenant() ORDER BY addressee_no`.execute(trx);
      for (const [i, r] of rows.entries()) {
        if (i % 2) continue;
        const salary = 1_000_000 + (Number(r.addressee_no) % 97) * 80_000;
        await insertIncomeDocument(trx, {
          fiscalYear: 2026, addresseeNo: r.addressee_no, source: 'salary_report', employerNo: `E-${i % 7}`, employerName: null,
          items: { salaryRevenue: salary, socialInsurance: Math.floor(salary * 0.15) } as never, receivedBy: '00000000-0000-7000-8000-000000000000',
        });
      }
    });
  }
}

/** The results by 宛名番号, comparable across tenants. */
const results = (db: Database, tenant: string) =>
  inTenant(db, tenant, async (trx) => (await sql<{ addressee_no: string; registration: string; total: number; collection: string; amounts: unknown; input: unknown }>`
    SELECT a.addressee_no, t.registration, a.total, a.collection, a.amounts, a.input FROM resident_tax_assessment a
    JOIN resident_tax_taxpayer t USING (tenant_code, addressee_no, fiscal_year) WHERE a.tenant_code = current_tenant() ORDER BY a.addressee_no, a.version`.execute(trx)).rows);
const rollSize = (db: Database, tenant: string) =>
  inTenant(db, tenant, async (trx) => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM resident_tax_taxpayer WHERE tenant_code = current_tenant()`.execute(trx)).rows[0]!.n);

describe('individual-resident-tax: annual assessment crash', () => {
  it('resumes a 当初課税 killed mid-run to exactly the results of an uninterrupted run', { timeout: 600_000 }, async () => {
    const shared = await sharedTestDatabase();
    try {
      let db = await openDatabase(shared.config);
      let jobId: string;
      try {
        await seed(db);
        jobId = (await submitJob(db, catalog, CRASHED, ANNUAL_ASSESSMENT, params, { chunkSize: CHUNK })).id;
      } finally {
        // Only one process may have a PGlite directory open: the child's turn.
        await db.close();
      }

      const reported = await runAndKill({ ...shared.env, JOB_CATALOG: 'modules' }, CRASHED, jobId, CHUNK * 2);

      db = await openDatabase(shared.config);
      try {
        const interrupted = await getJob(db, CRASHED, jobId);
        expect(interrupted.status).toBe('running');
        expect(interrupted.done).toBeGreaterThanOrEqual(reported);
        expect(interrupted.done).toBeLessThan(interrupted.total);
        const resumed = await resumeJob(db, catalog, CRASHED, jobId, { staleAfterMs: 0, lockTimeoutMs: 30_000 });
        expect(resumed).toMatchObject({ status: 'succeeded', runs: 2 });

        const clean = await submitJob(db, catalog, CLEAN, ANNUAL_ASSESSMENT, params, { chunkSize: CHUNK });
        expect(await runJob(db, catalog, CLEAN, clean.id)).toMatchObject({ status: 'succeeded', runs: 1, total: resumed.total });

        const crashed = await results(db, CRASHED);
        expect(crashed.length).toBe(await rollSize(db, CRASHED));
        expect(crashed.length).toBeGreaterThan(RESIDENTS / 2);
        expect(crashed).toEqual(await results(db, CLEAN));
        // Not a trivial equality: half of them have a salary and many owe tax.
        expect(crashed.filter((r) => r.total > 0).length).toBeGreaterThan(RESIDENTS / 4);
      } finally {
        await db.close();
      }
    } finally {
      await shared.dispose();
    }
  });
});
