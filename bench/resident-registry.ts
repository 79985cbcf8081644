/**
 * The resident registry at municipal scale (issue: 1,000,000 residents on PostgreSQL):
 *   npm run bench -- resident-registry [--residents 1000000] [--seed 1] [--seconds 30] [--samples 500] [--stage-seconds 60]
 *                                      [--database-url postgres://postgres@127.0.0.1:5432/postgres]  (or BENCH_DATABASE_URL)
 *                                      [--reuse-database yakuba_bench_… (an interrupted run's, already loaded: kept)]
 * Creates a fresh database on that server (dropped at the end), loads N residents with the demo loader,
 * starts the real HTTP server in this process and measures, each beside a raw limit measured in the same
 * run through the same pg driver and the issue's target:
 *   転入 over HTTP from 20 connections (rate, p50, p99)      — limits: plain single-row INSERT from 20 connections,
 *                                                              and the 団体's audit chain (appendAudit alone), with the waits seen
 *   転入 arriving at the target rate (open loop, ≤ 20 in flight; p50, p99 from when each was due)
 *   search by kana prefix, 照会 by 宛名番号 (sequential)      — limit: plain SELECT by primary key; GET /healthz
 *   住民票の写し PDF (when the route exists)                  — same limits
 */
import { availableParallelism } from 'node:os';
import pg from 'pg';
import { appendAudit } from '../src/platform/audit/index.ts';
import { inTenant } from '../src/platform/db/tenant-scope.ts';
import { loadDemoResidents } from '../src/modules/resident-registry/demo/load.ts';
import { todayInJapan } from '../src/modules/resident-registry/procedure.ts';
import { line, postgresCpuSeconds, run, sampleWaits, type Summary } from './measure.ts';
import { httpClient, runMoveInLoad } from './http-load.ts';
import { openFixture, TENANT, type Fixture } from './resident-registry-setup.ts';

const CONNECTIONS = 20;
const BASE = '/api/v1/resident-registry';
const TARGET = { moveIn: { p99: 50, perSecond: 300 }, search: { p99: 20 }, certificate: { p99: 100 } };

const option = (args: string[], name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1]! : fallback);

export async function main(args: string[]): Promise<void> {
  const residents = Number(option(args, '--residents', '1000000'));
  const seed = Number(option(args, '--seed', '1'));
  const seconds = Number(option(args, '--seconds', '30'));
  const samples = Number(option(args, '--samples', '500'));
  const serverUrl = option(args, '--database-url', process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const reuse = args.includes('--reuse-database') ? option(args, '--reuse-database', '') : undefined;
  // Sequential runs stop after `samples` requests or this long, whichever comes first.
  const cap = Number(option(args, '--stage-seconds', '60'));
  const fixture = await openFixture(serverUrl, CONNECTIONS, reuse);
  const raw = new pg.Pool({ connectionString: fixture.databaseUrl, max: CONNECTIONS });
  try {
    const version = (await raw.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0]!.v;
    console.log(`PostgreSQL ${version}, Node ${process.version}, ${new Date().toISOString()}, N=${residents.toLocaleString('en')}, seed ${seed}, app pool ${process.env.YAKUBA_DB_POOL ?? 10}`);

    if (reuse) console.log(`load: skipped, reusing ${reuse} as loaded by an earlier run`);
    else {
      const loaded = await loadDemoResidents(fixture.system.db, TENANT, { residents, seed, batchSize: 10_000, progress: progressLine });
      process.stdout.write('\n');
      console.log(`load: ${loaded.residents.toLocaleString('en')} residents, ${loaded.households.toLocaleString('en')} households in ${loaded.seconds.toFixed(1)} s (${Math.round(loaded.residents / loaded.seconds).toLocaleString('en')} /s)`);
      await raw.query('VACUUM ANALYZE');
    }

    const limits = await rawLimits(raw, samples, seconds);
    const chain = await auditChainLimit(fixture, seconds);
    const client = httpClient(fixture.url, fixture.sessions, CONNECTIONS);
    const healthz = await run({ concurrency: 1, count: samples, seconds: cap }, async () => (await client.get('/healthz')).status === 200);

    const picks = await sample(raw, samples);
    const search = await run({ concurrency: 1, count: picks.length, seconds: cap }, async (i) =>
      (await client.get(`${BASE}/search?kanaPrefix=${encodeURIComponent(picks[i]!.fullKana)}`, i)).status === 200);
    const searchSurname = await run({ concurrency: 1, count: picks.length, seconds: cap }, async (i) =>
      (await client.get(`${BASE}/search?kanaPrefix=${encodeURIComponent(picks[i]!.surnameKana)}`, i)).status === 200);
    const person = await run({ concurrency: 1, count: picks.length, seconds: cap }, async (i) => (await client.get(`${BASE}/persons/${picks[i]!.addresseeNo}`, i)).status === 200);
    const certificate = await certificateRun(client, picks, samples, cap);

    // 転入 from a worker thread (http-load.ts): first as fast as 20 clients go, then arriving at the target rate.
    // A reused database already holds an earlier run's 転入: other people then (a variant per run), or all would be duplicates.
    const variant = reuse ? 2 * (1 + (Date.now() % 4_000)) : 0;
    const moveInSpec = { url: fixture.url, sessions: fixture.sessions, concurrency: CONNECTIONS, seconds, moveIn: { residents, seed, today: todayInJapan(), variant } };
    const waits = sampleWaits((text) => raw.query(text), new URL(fixture.databaseUrl).pathname.slice(1));
    const cpu = cpuMeter();
    const moveIn = await runMoveInLoad(moveInSpec).finally(() => waits.stop());
    const moveInCpu = cpu(moveIn);
    const refused = moveIn.refused;
    const waitedOn = await waits();
    // Other people for the second run (the next variant), so none is a duplicate of the first run's.
    const cpuAtRate = cpuMeter();
    const atRate = await runMoveInLoad({ ...moveInSpec, rate: TARGET.moveIn.perSecond, moveIn: { ...moveInSpec.moveIn, variant: variant + 1 } });
    const atRateCpu = cpuAtRate(atRate);

    console.log('\nraw limits (same database, same pg driver, same run):');
    console.log(line('plain INSERT, one row per statement, 1 conn', limits.insert));
    console.log(line(`plain INSERT, one row per statement, ${CONNECTIONS} conns`, limits.insert20));
    console.log(line('plain SELECT by primary key, 1 conn', limits.select));
    console.log(line('HTTP GET /healthz (one SELECT 1), 1 conn', healthz));
    console.log(line(`audit append alone, one tx each, ${CONNECTIONS} conns`, chain, limits.insert20, undefined, true));
    console.log('\nresident registry over HTTP:');
    console.log(line(`転入 POST /move-in, ${CONNECTIONS} conns, ${seconds} s`, moveIn, limits.insert20, TARGET.moveIn, true));
    console.log(line('  the same against the audit-append limit', moveIn, chain, undefined, true));
    if (refused) console.log(`  first refused 転入: ${refused}`);
    console.log(`  CPU: ${moveInCpu}`);
    console.log(line(`転入 arriving at ${TARGET.moveIn.perSecond}/s (open loop, ≤ ${CONNECTIONS} in flight)`, atRate, limits.insert20, TARGET.moveIn));
    if (atRate.refused) console.log(`  first refused 転入: ${atRate.refused}`);
    console.log(`  CPU: ${atRateCpu}`);
    console.log('  during 転入, active server sessions on average by wait (CPU = none) and statement:');
    for (const w of waitedOn) console.log(w);
    console.log(line('search kanaPrefix=氏名のフリガナ (full), 1 conn', search, limits.select, TARGET.search));
    console.log(line('search kanaPrefix=氏のフリガナ (surname), 1 conn', searchSurname, limits.select, TARGET.search));
    console.log(line('照会 GET /persons/{宛名番号}, 1 conn', person, limits.select, TARGET.search));
    if (certificate) console.log(line('住民票の写し PDF, 1 conn', certificate, limits.select, TARGET.certificate));
    else console.log('certificate: route not present (operationId residentRegistry.issueResidentCertificate)');
  } finally {
    await raw.end();
    await fixture.close();
  }
}

/**
 * Where a run's CPU went, per answered request: the server (this process but the load thread), the
 * load thread, PostgreSQL; and how many of the machine's cores all three kept busy. The server's
 * figure is what a core of its own would have to give each request.
 */
function cpuMeter() {
  const started = { process: process.cpuUsage(), postgres: postgresCpuSeconds(), at: performance.now() };
  return (result: { count: number; loadCpuSeconds: number }) => {
    const used = process.cpuUsage(started.process);
    const processSeconds = (used.user + used.system) / 1e6;
    const postgres = postgresCpuSeconds() - started.postgres;
    const server = processSeconds - result.loadCpuSeconds;
    const seconds = (performance.now() - started.at) / 1000;
    const per = (s: number) => `${((s * 1000) / Math.max(1, result.count)).toFixed(1)} ms`;
    return `per 転入 server ${per(server)}, PostgreSQL ${per(postgres)}, load generator ${per(result.loadCpuSeconds)}; ` +
      `cores busy ${((server + postgres + result.loadCpuSeconds) / seconds).toFixed(2)} of ${availableParallelism()} ` +
      `(server ${(server / seconds).toFixed(2)}, PostgreSQL ${(postgres / seconds).toFixed(2)})`;
  };
}

const progressLine = (message: string) => process.stdout.write(`\r${message}   `);

/** The machine's own floor: single-row INSERTs (autocommit) into a scratch table, and lookups by its key. */
async function rawLimits(raw: pg.Pool, samples: number, seconds: number) {
  await raw.query('DROP TABLE IF EXISTS bench_raw; CREATE TABLE bench_raw (id bigserial PRIMARY KEY, tenant_code text NOT NULL, payload text NOT NULL)');
  const payload = 'x'.repeat(200);
  const insert = await run({ concurrency: 1, count: samples * 4 }, async () => (await raw.query('INSERT INTO bench_raw (tenant_code, payload) VALUES ($1, $2)', [TENANT, payload])).rowCount === 1);
  const insert20 = await run({ concurrency: CONNECTIONS, seconds: Math.min(seconds, 15) }, async () => (await raw.query('INSERT INTO bench_raw (tenant_code, payload) VALUES ($1, $2)', [TENANT, payload])).rowCount === 1);
  const count = Number((await raw.query<{ n: string }>('SELECT max(id) AS n FROM bench_raw')).rows[0]!.n);
  const select = await run({ concurrency: 1, count: samples * 4 }, async (i) => (await raw.query('SELECT * FROM bench_raw WHERE id = $1', [1 + ((i * 7919) % count)])).rowCount === 1);
  return { insert, insert20, select };
}

/**
 * Every write of a 団体 appends to its one hash chain (audit_head row locked to the commit), so its
 * write transactions commit one after another: this is the rate of doing only that, through the
 * platform's own appendAudit, from as many connections as the 転入 run.
 */
async function auditChainLimit(fixture: Fixture, seconds: number): Promise<Summary> {
  const input = { actor: { kind: 'system' as const, id: 'bench', name: 'bench' }, module: 'bench', function: 'bench.append', category: 'batch-update' as const, targets: [] };
  return run({ concurrency: CONNECTIONS, seconds: Math.min(seconds, 15) }, async () => {
    await inTenant(fixture.system.db, TENANT, (trx) => appendAudit(trx, input));
    return true;
  });
}

interface Pick { addresseeNo: string; householdNo: string; fullKana: string; surnameKana: string }

/** People to look for, drawn from the loaded register (a repeatable sample). */
async function sample(raw: pg.Pool, n: number): Promise<Pick[]> {
  const { rows } = await raw.query<{ addressee_no: string; household_no: string; name_kana: string }>(
    `SELECT r.addressee_no, v.household_no, v.name_kana FROM resident r TABLESAMPLE BERNOULLI (1) REPEATABLE (42)
     JOIN resident_version v ON v.tenant_code = r.tenant_code AND v.resident_id = r.id AND v.history_no = 1
     WHERE v.resident_kind = 'japanese' LIMIT $1`, [n]);
  return rows.map((r) => ({ addresseeNo: r.addressee_no, householdNo: r.household_no, fullKana: r.name_kana, surnameKana: r.name_kana.split('\u3000')[0]! }));
}

/** POST /certificates if another change has added it: found through the OpenAPI document. */
async function certificateRun(client: ReturnType<typeof httpClient>, picks: Pick[], samples: number, cap: number): Promise<Summary | null> {
  const doc = JSON.parse((await client.get('/api/openapi.json')).text) as { paths: Record<string, Record<string, { operationId?: string }>> };
  const found = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, id: op.operationId })))
    .find((op) => op.id === 'residentRegistry.issueResidentCertificate');
  if (!found) return null;
  let refused: string | undefined;
  const result = await run({ concurrency: 1, count: Math.min(samples, picks.length), seconds: cap }, async (i) => {
    // 住民票の写し of the whole household, asked by the person: the everyday counter request.
    const path = found.path.startsWith('/api/') ? found.path : `${BASE}${found.path}`;
    const r = await client.post(path, { kind: 'resident', householdNo: picks[i]!.householdNo, requester: { kind: 'self' } }, i);
    if (r.status >= 300) refused ??= `${r.status} ${r.text.slice(0, 300)}`;
    return r.status < 300 && r.contentType.includes('pdf');
  });
  if (refused) console.log(`certificate: first refusal ${refused}`);
  return result;
}
