/**
 * Crash scenarios of the batch jobs: the annual assessment (当初課税) and a standard-data import, each
 * submitted over HTTP, run by the server's worker, killed mid-run, resumed by the next process, and
 * compared with an uninterrupted run of the same job on an untouched tenant.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { catalogOf } from '../../src/interop/catalog.ts';
import { modules } from '../../src/modules/index.ts';
import { columnOf } from '../../src/platform/data-list.ts';
import { Clerk, freshTenant, nextLine, sleep, waitFor, within, type Harness, type JobLine, type Rng, type Scenario } from './crash-harness.ts';

const ASSESSMENT = 'individual-resident-tax.annual-assessment';
const YEARS = [2025, 2026];
/** A few hundred taxpayers in chunks of 20: a dozen checkpoints to land between. */
const RESIDENTS = 200;
const CHUNK = 20;

interface Submitted { id: string; total: number; reached(): Promise<JobLine>; ended(): Promise<JobLine> }

/**
 * Submits a job over HTTP (the worker takes it up) and watches its checkpoints from before the submit,
 * so none is missed: `reached` resolves at the first with `done` of at least `doneAtLeast`.
 */
async function submit(h: Harness, clerk: Clerk, body: unknown, doneAtLeast: (total: number) => number = () => 0): Promise<Submitted> {
  const seen: JobLine[] = [];
  let match: (j: JobLine) => boolean = () => false;
  let onReached!: (j: JobLine) => void;
  let onEnded!: (j: JobLine) => void;
  const reached = new Promise<JobLine>((r) => (onReached = r));
  const ended = new Promise<JobLine>((r) => (onEnded = r));
  const test = (j: JobLine) => {
    if (match(j)) onReached(j);
    if (!match(j) || j.status === 'running') return;
    onEnded(j);
    stop();
  };
  const stop = h.server.on((line) => {
    if (!line.job) return;
    seen.push(line.job);
    test(line.job);
  });
  const r = await clerk.request<{ id: string; total: number }>('POST', `/api/v1/tenants/${clerk.tenant}/jobs`, body);
  assert.equal(r.status, 202, `job not accepted: ${JSON.stringify(r.body)}`);
  const target = doneAtLeast(r.body.total);
  match = (j) => j.id === r.body.id && j.done >= target;
  seen.forEach(test);
  const what = `job ${r.body.id} to pass ${target} of ${r.body.total}`;
  return { id: r.body.id, total: r.body.total, reached: () => within(reached, 120_000, what), ended: () => within(ended, 120_000, `job ${r.body.id} to end`) };
}

async function succeeded(h: Harness, tenant: string, id: string): Promise<{ runs: number }> {
  const job = await waitFor(`job ${id} to end`, async () => {
    const [j] = await h.query<{ status: string; error: string | null; runs: number }>('SELECT status, error, runs FROM job WHERE tenant_code = $1 AND id = $2', [tenant, id]);
    return j && ['succeeded', 'failed', 'cancelled'].includes(j.status) ? j : undefined;
  });
  assert.equal(job.status, 'succeeded', `job ${id}: ${job.error}`);
  return job;
}

/** A tenant seeded with the same synthetic 団体 as every other of the scenario (same generator seed). */
async function seeded(h: Harness, kind: string, residents: number, seed: number, fiscalYears: number[]): Promise<string> {
  const tenant = await freshTenant(h, kind);
  await h.control('seed', { tenant, residents, seed, fiscalYears });
  return tenant;
}

/** The roll and its assessments of a year, and what the events announced, as digests comparable across tenants. */
async function assessmentDigest(h: Harness, tenant: string, year: number): Promise<{ rows: number; digest: string; announced: string }> {
  const [result] = await h.query<{ rows: number; digest: string }>(`
    SELECT count(*)::int AS rows, md5(coalesce(string_agg(x, E'\\n' ORDER BY x), '')) AS digest FROM (
      SELECT ((to_jsonb(t) - 'tenant_code' - 'resident_id' - 'address' - 'entered_at' - 'entered_by')
              || jsonb_build_object('assessment', to_jsonb(a) - 'tenant_code' - 'resident_id' - 'assessed_at' - 'assessed_by'))::text AS x
      FROM resident_tax_taxpayer t
      LEFT JOIN resident_tax_assessment a ON a.tenant_code = t.tenant_code AND a.fiscal_year = t.fiscal_year AND a.addressee_no = t.addressee_no
      WHERE t.tenant_code = $1 AND t.fiscal_year = $2) s`, [tenant, year]);
  const announced = await h.query<{ addressee_no: string; n: number; x: string }>(`
    SELECT x->>'addresseeNo' AS addressee_no, count(*)::int AS n, min((x - 'residentId')::text) AS x
    FROM event_outbox o, jsonb_array_elements(o.payload->'assessments') x
    WHERE o.tenant_code = $1 AND o.type = 'individual-resident-tax.assessed' AND (o.payload->>'fiscalYear')::int = $2
    GROUP BY 1 ORDER BY 1`, [tenant, year]);
  const twice = announced.filter((a) => a.n !== 1);
  assert.deepEqual(twice, [], `assessments announced more than once: ${JSON.stringify(twice.slice(0, 5))}`);
  const assessed = await h.count('SELECT count(*)::int AS n FROM resident_tax_assessment WHERE tenant_code = $1 AND fiscal_year = $2', [tenant, year]);
  assert.equal(announced.length, assessed, 'every assessment is announced by an event, and nothing else');
  return { rows: result!.rows, digest: result!.digest, announced: announced.map((a) => a.x).join('\n') };
}

interface AssessmentState { clean: string; baselines: Map<number, Awaited<ReturnType<typeof assessmentDigest>> & { msPerChunk: number }>; slots: { tenant: string; year: number }[] }

export const annualAssessment: Scenario = {
  id: 'annual-assessment',
  title: 'annual assessment job',
  async trial(h, rng, note) {
    let state = h.prepared.get('assessment') as AssessmentState | undefined;
    if (!state) {
      state = { clean: await seeded(h, 'special_ward', RESIDENTS, 7, YEARS), baselines: new Map(), slots: [] };
      h.prepared.set('assessment', state);
    }
    // Each tenant serves two trials, one per fiscal year: seeding is the slow part.
    if (state.slots.length === 0) {
      const tenant = await seeded(h, 'special_ward', RESIDENTS, 7, YEARS);
      state.slots.push(...YEARS.map((year) => ({ tenant, year })));
    }
    const { tenant, year } = state.slots.shift()!;
    const params = { type: ASSESSMENT, params: { fiscalYear: year, tenantRates: { grade: 1 } }, chunkSize: CHUNK };
    let baseline = state.baselines.get(year);
    if (!baseline) {
      const started = Date.now();
      const job = await submit(h, await Clerk.of(h, state.clean), params);
      await succeeded(h, state.clean, job.id);
      baseline = { ...(await assessmentDigest(h, state.clean, year)), msPerChunk: (Date.now() - started) / Math.ceil(job.total / CHUNK) };
      state.baselines.set(year, baseline);
    }
    const clerk = await Clerk.of(h, tenant);
    // One kill in three is aimed at the submission (a COMMIT while the request is answered), the others at a checkpoint of the run.
    const id = rng.int(0, 2) === 0 ? await killDuringSubmission(h, clerk, params, rng, note) : await killDuringRun(h, clerk, params, baseline, rng, note);
    const { runs } = await succeeded(h, tenant, id);
    note(`succeeded in ${runs} run(s)`);
    const result = await assessmentDigest(h, tenant, year);
    assert.deepEqual(result, { rows: baseline.rows, digest: baseline.digest, announced: baseline.announced }, 'the resumed assessment differs from the uninterrupted one');
  },
};

/** Submits the job and kills the server up to one chunk's time after its `afterChunks`-th checkpoint. */
async function killDuringRun(h: Harness, clerk: Clerk, params: { params: { fiscalYear: number }; chunkSize: number }, baseline: { rows: number; msPerChunk: number }, rng: Rng, note: (t: string) => void): Promise<string> {
  const chunks = Math.ceil(baseline.rows / params.chunkSize);
  const afterChunks = rng.int(0, chunks - 1);
  const jitterMs = rng.int(0, Math.round(baseline.msPerChunk));
  note(`${clerk.tenant} fiscal year ${params.params.fiscalYear}: kill ${jitterMs} ms after checkpoint ${afterChunks} of about ${chunks}`);
  const job = await submit(h, clerk, params, () => afterChunks * params.chunkSize);
  const at = await job.reached();
  await sleep(jitterMs);
  await h.crash();
  const { recovered } = await h.restart();
  note(`killed at ${at.done}/${at.total}${recovered.includes(job.id) ? '; the job was taken up again' : '; the job had ended'}`);
  return job.id;
}

/**
 * Kills the server at the `killAfter`-th COMMIT after the submission is sent (the submission's own, or a
 * worker's or dispatcher's meanwhile). After the restart the job is there with its audit entry, or not at
 * all: then the clerk, who saw no answer, submits it again.
 */
async function killDuringSubmission(h: Harness, clerk: Clerk, params: { params: { fiscalYear: number } }, rng: Rng, note: (t: string) => void): Promise<string> {
  const killAfter = rng.int(1, 4);
  const jitterMs = rng.int(0, 1);
  note(`${clerk.tenant} fiscal year ${params.params.fiscalYear}: kill ${jitterMs} ms after COMMIT ${killAfter} from the submission`);
  await h.control('commits', { on: true });
  const killed = nextLine(h.server, (line) => line.commit === killAfter, `COMMIT ${killAfter}`).then(() => sleep(jitterMs)).then(() => h.crash());
  killed.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
  let answered: string | undefined;
  try {
    const r = await clerk.request<{ id: string }>('POST', `/api/v1/tenants/${clerk.tenant}/jobs`, params);
    assert.equal(r.status, 202, `job not accepted: ${JSON.stringify(r.body)}`);
    answered = r.body.id;
  } catch (error) {
    if (error instanceof assert.AssertionError) throw error;
  }
  await killed;
  await h.restart();
  const found = await h.query<{ id: string }>(`SELECT id FROM job WHERE tenant_code = $1 AND type = $2 AND (params->>'fiscalYear')::int = $3`, [clerk.tenant, ASSESSMENT, params.params.fiscalYear]);
  if (answered) assert.deepEqual(found.map((j) => j.id), [answered], 'the acknowledged submission is there exactly once');
  else assert.ok(found.length <= 1, `an unanswered submission recorded ${found.length} jobs`);
  note(answered ? 'the submission was answered' : found.length ? 'the unanswered submission had committed' : 'the unanswered submission had not committed: submitted again');
  return found[0]?.id ?? (await submit(h, clerk, params)).id;
}

/** Every record of the standard layout in a tenant, as one digest per record (the encrypted 個人番号 aside: each encryption differs). */
async function importDigest(h: Harness, tenant: string): Promise<Record<string, string>> {
  const parts = catalogOf(modules).records.map(({ record }) => {
    const columns = record.items.filter((i) => i.type !== 'my-number').map((i) => `"${columnOf(i)}"`);
    return `SELECT '${record.id}' AS record, count(*) || ' ' || md5(coalesce(string_agg(x, E'\\n' ORDER BY x), '')) AS digest
            FROM (SELECT ROW(${columns.join(', ')})::text AS x FROM "${record.table}" WHERE tenant_code = $1) s`;
  });
  const rows = await h.query<{ record: string; digest: string }>(parts.join('\nUNION ALL\n'), [tenant]);
  return Object.fromEntries(rows.map((r) => [r.record, r.digest]));
}

interface ImportState { dir: string; baseline: Record<string, string>; events: number; ms: number }

async function prepareImport(h: Harness): Promise<ImportState> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'yakuba-faults-'));
  h.onClose(() => rm(work, { recursive: true, force: true }));
  const source = await seeded(h, 'town', 60, 11, [2026]);
  const clerk = await Clerk.of(h, source);
  const dir = path.join(work, 'export');
  await succeeded(h, source, (await submit(h, clerk, { type: 'interop.export', params: { dir } })).id);
  const clean = await freshTenant(h, 'town');
  await h.control('tenant', { tenant: clean });
  const job = await submit(h, await Clerk.of(h, clean), { type: 'interop.import', params: { dir, reportFile: path.join(work, `${clean}.csv`), allowOtherTenant: true } });
  await job.reached();
  const started = Date.now();
  await job.ended();
  const ms = Date.now() - started;
  await succeeded(h, clean, job.id);
  const baseline = await importDigest(h, clean);
  assert.ok(Number(baseline.resident!.split(' ')[0]) >= 60, `the import brought the residents: ${JSON.stringify(baseline)}`);
  return { dir, baseline, events: await eventCount(h, clean), ms };
}

const eventCount = async (h: Harness, tenant: string) =>
  (await h.query<{ n: number }>('SELECT count(*)::int AS n FROM event_outbox WHERE tenant_code = $1', [tenant]))[0]!.n;

export const standardImport: Scenario = {
  id: 'standard-import',
  title: 'standard-data import job',
  async trial(h, rng, note) {
    let state = h.prepared.get('import') as ImportState | undefined;
    if (!state) h.prepared.set('import', (state = await prepareImport(h)));
    const tenant = await freshTenant(h, 'town');
    await h.control('tenant', { tenant });
    // One chunk, one transaction: the moment is picked in time, over the length of an uninterrupted import.
    const killAfterMs = rng.int(0, Math.round(state.ms * 1.1));
    note(`import of ${Object.keys(state.baseline).length} records into ${tenant}; kill ${killAfterMs} ms into the run (an uninterrupted one took ${state.ms} ms)`);
    const job = await submit(h, await Clerk.of(h, tenant), { type: 'interop.import', params: { dir: state.dir, reportFile: path.join(path.dirname(state.dir), `${tenant}.csv`), allowOtherTenant: true } });
    await job.reached();
    await sleep(killAfterMs);
    await h.crash();
    const { recovered } = await h.restart();
    note(recovered.includes(job.id) ? 'the job was taken up again' : 'the job had ended before the kill');
    await succeeded(h, tenant, job.id);
    assert.deepEqual(await importDigest(h, tenant), state.baseline, 'the resumed import differs from the uninterrupted one');
    const audited = await h.count(
      `SELECT count(*)::int AS n FROM audit_log WHERE tenant_code = $1 AND function = 'interop.import' AND detail->>'job' = $2`, [tenant, job.id]);
    assert.equal(audited, 1, 'the import is audited exactly once');
    assert.equal(await eventCount(h, tenant), state.events, 'an import publishes no event (and a resumed one neither)');
  },
};
