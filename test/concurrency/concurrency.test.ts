import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT, seedDemo } from '../../src/demo.ts';
import { ANNUAL_ASSESSMENT } from '../../src/modules/individual-resident-tax/annual-assessment.ts';
import { inTenant } from '../../src/platform/db/tenant-scope.ts';
import { runJob } from '../../src/platform/jobs/runner.ts';
import type { System } from '../../src/system.ts';
import { addDays } from '../../src/jp/index.ts';
import { BASE, daysAgo, residentCodes, SP } from '../support/resident-registry.ts';
import { call, staffSession, testSystem, type Session } from '../support/system.ts';

/**
 * Issue #10 §4: clerks at different desks changing the same household at the same moment, and two
 * annual assessments of one year submitted at once. The requests are sent together (Promise.all): on
 * PostgreSQL they run in parallel on separate connections; on PGlite (one connection) they interleave
 * between statements. Either way the household's version decides: one wins, every other gets 409 and
 * writes nothing, and what the winner wrote is all there.
 */
const A = DEMO_TENANT;
const residentCode = residentCodes(41_000_000_000);
const person = (name: string, kana: string, birthDate: string, relationship: string, sex = '1') => ({
  residentKind: 'japanese', name, nameKana: kana, registeredDomicile: '東京都千代田区千代田1番', familyRegisterHead: name, birthDate, sex, relationship,
  previousAddress: { text: '愛知県名古屋市中区三の丸3丁目1番1号' }, residentCode: residentCode(),
});

interface Household { householdId: string; householdNo: string; version: number; headResidentId: string; members: { residentId: string; addresseeNo: string; relationship: string }[] }

describe('concurrency: one household, several clerks at once', () => {
  let system: System;
  let clerks: Session[];

  const household = async (no: string): Promise<Household> => (await call(system, 'GET', `${BASE}/households/${no}`, undefined, { as: clerks[0] })).body;
  const lock = (h: Household) => ({ householdId: h.householdId, version: h.version });
  const counts = () => inTenant(system.db, A, async (trx) => (await sql<{ changes: number; versions: number }>`SELECT
      (SELECT count(*)::int FROM resident_change) AS changes, (SELECT count(*)::int FROM household_version) AS versions`.execute(trx)).rows[0]!);
  const moveIn = async (persons: unknown[]): Promise<Household> => {
    const effectiveDate = daysAgo(30);
    const r = await call(system, 'POST', `${BASE}/move-in`, {
      effectiveDate, notifiedDate: addDays(effectiveDate, 2), kind: 'domestic',
      destination: { type: 'new', address: { text: '東京都千代田区九段南1丁目2番1号', supplement: '九段ハイツ301' } }, persons,
    }, { as: clerks[0] });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return household(r.body.household.householdNo);
  };
  const change = (clerk: Session, body: Record<string, unknown>) =>
    call(system, 'POST', `${BASE}/household-change`, { effectiveDate: daysAgo(5), notifiedDate: daysAgo(3), ...body }, { as: clerk });

  beforeAll(async () => {
    system = await testSystem();
    await seedDemo(system, A, { residents: 10, seed: 5 });
    clerks = [];
    for (let i = 0; i < 6; i++) clerks.push(await staffSession(system, A));
  });
  afterAll(() => system?.close());

  it('two clerks at once: one 世帯主変更 wins, the 世帯分離 gets 409 and writes nothing; retried on the new version, both are there', async () => {
    const h = await moveIn([
      person(`並行${SP}一郎`, `ヘイコウ${SP}イチロウ`, '1960-01-01', '世帯主'),
      person(`並行${SP}花子`, `ヘイコウ${SP}ハナコ`, '1962-02-02', '妻', '2'),
      person(`並行${SP}次郎`, `ヘイコウ${SP}ジロウ`, '1990-03-03', '子'),
    ]);
    const [head, wife, son] = h.members.map((m) => m.residentId);
    const headChange = { kind: 'head_change', household: lock(h), newHeadResidentId: wife, relationships: [{ residentId: head!, relationship: '夫' }, { residentId: son!, relationship: '子' }] };
    const separation = { kind: 'separation', household: lock(h), residentIds: [son], relationships: [{ residentId: son!, relationship: '世帯主' }] };
    const before = await counts();

    const [first, second] = await Promise.all([change(clerks[0]!, headChange), change(clerks[1]!, separation)]);
    const statuses = [first.status, second.status].sort();
    expect(statuses, JSON.stringify([first.body, second.body])).toEqual([201, 409]);
    const [won, lost] = first.status === 201 ? [headChange, separation] : [separation, headChange];
    const loser = first.status === 409 ? first : second;
    expect(loser.body.type).toBe('urn:yakuba:problem:stale-version');

    // Exactly the winner's change: one 異動, one new version of the household (plus one for a new household on 分離).
    const after = await counts();
    expect(after.changes - before.changes).toBe(1);
    expect(after.versions - before.versions).toBe(won === separation ? 2 : 1);
    const now = await household(h.householdNo);
    expect(now.version).toBe(h.version + 1);

    // The loser reads again and resubmits: nothing is lost.
    const retried = await change(clerks[first.status === 409 ? 0 : 1]!, { ...lost, household: lock(now) });
    expect(retried.status, JSON.stringify(retried.body)).toBe(201);
    const final = await household(h.householdNo);
    expect(final.headResidentId).toBe(wife);
    expect(final.members.map((m) => m.residentId).sort()).toEqual([head, wife].sort());
    expect((await counts()).changes - before.changes).toBe(2);
  });

  it('six clerks at once on the same version: exactly one 201, five 409, one 異動 recorded', async () => {
    const h = await moveIn([
      person(`同時${SP}太郎`, `ドウジ${SP}タロウ`, '1970-05-05', '世帯主'),
      person(`同時${SP}良子`, `ドウジ${SP}ヨシコ`, '1972-06-06', '妻', '2'),
    ]);
    const [head, wife] = h.members.map((m) => m.residentId);
    const before = await counts();
    const answers = await Promise.all(clerks.map((clerk) =>
      change(clerk, { kind: 'head_change', household: lock(h), newHeadResidentId: wife, relationships: [{ residentId: head!, relationship: '夫' }] })));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    for (const a of answers.filter((x) => x.status === 409)) expect(a.headers.get('content-type')).toContain('application/problem+json');
    const after = await counts();
    expect(after.changes - before.changes).toBe(1);
    expect(after.versions - before.versions).toBe(1);
    expect((await household(h.householdNo)).version).toBe(h.version + 1);
  });
});

describe('concurrency: annual assessments of one year submitted at once', () => {
  let system: System;
  let admin: Session;
  const jobs = `/api/v1/tenants/${A}/jobs`;
  const submit = (fiscalYear: number) => call(system, 'POST', jobs, { type: ANNUAL_ASSESSMENT, params: { fiscalYear } }, { as: admin });
  const openJobs = () => inTenant(system.db, A, async (trx) =>
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM job WHERE status IN ('queued', 'running')`.execute(trx)).rows[0]!.n);

  beforeAll(async () => {
    system = await testSystem();
    await seedDemo(system, A, { residents: 30, seed: 9 });
    admin = await staffSession(system, A);
  });
  afterAll(() => system?.close());

  it('accepts one and refuses the others with 409; another year runs beside it; once it ends a new run is accepted', async () => {
    const answers = await Promise.all([submit(2026), submit(2026), submit(2026)]);
    expect(answers.map((a) => a.status).sort(), JSON.stringify(answers.map((a) => a.body))).toEqual([202, 409, 409]);
    for (const refused of answers.filter((a) => a.status === 409)) {
      expect(refused.body.type).toBe('urn:yakuba:problem:job-exclusive');
      expect(refused.body.detail).toContain('個人住民税 当初課税');
    }
    expect(await openJobs()).toBe(1);

    const otherYear = await submit(2025);
    expect(otherYear.status, JSON.stringify(otherYear.body)).toBe(202);
    expect(await openJobs()).toBe(2);

    const accepted = answers.find((a) => a.status === 202)!.body;
    const again = await submit(2026);
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain(accepted.id);

    await runJob(system.db, system.registry, A, accepted.id);
    const rerun = await submit(2026);
    expect(rerun.status, JSON.stringify(rerun.body)).toBe(202);
    await runJob(system.db, system.registry, A, otherYear.body.id);
  });

  it('refuses to resume a failed run while another of the same year is open', async () => {
    const failed = await submit(2025);
    expect(failed.status, JSON.stringify(failed.body)).toBe(202);
    await inTenant(system.db, A, (trx) => sql`UPDATE job SET status = 'failed', error = 'テスト' WHERE id = ${failed.body.id}::uuid`.execute(trx));
    const replacement = await submit(2025);
    expect(replacement.status, JSON.stringify(replacement.body)).toBe(202);
    const resumed = await call(system, 'POST', `${jobs}/${failed.body.id}/resume`, undefined, { as: admin });
    expect(resumed.status).toBe(409);
    expect(resumed.body.type).toBe('urn:yakuba:problem:job-exclusive');
    const job = await call(system, 'GET', `${jobs}/${failed.body.id}`, undefined, { as: admin });
    expect(job.body.status).toBe('failed');
  });
});
