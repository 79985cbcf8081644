/**
 * 標準データの出力・取込 (issue #9): export and import of a municipality with history on PostgreSQL, each
 * beside a plain COPY of the same rows measured in the same run on the same database.
 *   npm run bench -- interop [--residents 1000000] [--seed 1] [--chunk N (the export job's rows a chunk; default the definition's)]
 *       [--no-addressee (no 宛名 backfill: it goes person by person)]
 *       [--database-url postgres://postgres@127.0.0.1:5432/postgres]  (or BENCH_DATABASE_URL, else DATABASE_URL's server)
 *       [--reuse-database yakuba_bench_… (an earlier run's, already loaded: kept)] [--keep-database]
 * 1. Setup, not timed: a fresh database with the whole system (openFixture), N residents loaded into 団体
 *    131016 by the demo loader (COPY; about one household in eight has moved within the municipality
 *    once, so its people have two 住民票 versions: that is the history, printed as versions a resident);
 *    宛名 for every resident by the addressee module's backfill (backfill.ts, person by person as its
 *    event subscriber: slow, printed with its rate; --no-addressee skips it); the row count of every
 *    record table of the export catalog (catalogOf(registry.modules)); VACUUM ANALYZE and CHECKPOINT.
 * 2. Export, timed: submitJob + runJob of `interop.export` (keyset chunks of one record, each appended to
 *    its CSV file as export.ts does it — when written: COPY … TO STDOUT on PostgreSQL, rows formatted in
 *    Node for a record with 個人番号 — then manifest.json with the SHA-256 of every file) into a fresh temporary directory:
 *    rows, seconds, rows/s, bytes. Limit: for every record, COPY (SELECT <its items' columns> FROM <table>
 *    WHERE tenant_code = '131016') TO STDOUT (FORMAT csv) through pg-copy-streams on an owner connection
 *    (system.db.asOwner) into a file of another temporary directory, record after record in one timed
 *    loop: total rows / total seconds. Beside it, not the limit: the same COPY TO of the export's own
 *    expressions (values.ts exportExpression: to_char of dates, booleans as 1/0 …) — the server's share
 *    of formatting. Ratio export rows/s ÷ COPY TO rows/s, target ≥ 0.50.
 * 3. Import, timed, after a CHECKPOINT: submitJob + runJob of `interop.import` { dir, reportFile,
 *    allowOtherTenant } of that export into a second, empty 団体 of the same database (131024 中央区, or
 *    the next 特別区 not yet registered on a reused database): every row checked (types, lengths, codes,
 *    check digits, characters, keys, references) and written by COPY in one owner transaction. Limit,
 *    after another CHECKPOINT: for every record a plain table (logged like the import's, so WAL is paid
 *    alike; one column per item typed as values.ts sqlType, a list as jsonb since the file holds it as a
 *    JSON array; no key, index, constraint, default or RLS), then in one timed loop COPY … FROM STDIN
 *    (FORMAT csv, HEADER true) of the exported file itself piped from disk on an owner connection: total
 *    rows / total seconds. Ratio import rows/s ÷ COPY FROM rows/s, target ≥ 0.25. Beside it, not the limit, the
 *    tables' own cost: after a CHECKPOINT, INSERT … SELECT of 131016's rows into LIKE <table> INCLUDING ALL
 *    (keys, indexes, GIN trigram, checks; no foreign keys, no RLS), then the same into a bare LIKE <table>.
 *    The scratch tables are dropped.
 * 4. Where the time goes: per record, rows and the seconds of the export job (its chunks attributed by the
 *    job's cursor), of the import (≈: its progress every 5,000 rows spread over the records by row
 *    count), of COPY TO and of COPY FROM; for the export and the import the CPU seconds of this Node
 *    process (process.cpuUsage) and of this database's PostgreSQL backends with the server's background
 *    processes (/proc, pids from pg_stat_activity sampled every 0.5 s), and of all PostgreSQL processes
 *    of the machine (other databases' sessions included); for each COPY loop its backend's CPU.
 * 5. The database is dropped at the end unless --keep-database (or --reuse-database: kept).
 */
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { catalogOf, EXPORT_JOB, IMPORT_JOB, describeProblem, importProgress, importResults, type Catalog, type CatalogRecord } from '../src/interop/index.ts';
import { sha256OfFile } from '../src/interop/manifest.ts';
import { exportExpression, sqlType } from '../src/interop/values.ts';
import { backfillResidents } from '../src/modules/addressee/backfill.ts';
import { loadDemoResidents } from '../src/modules/resident-registry/demo/load.ts';
import { addTenant } from '../src/modules/tenants/index.ts';
import { columnOf } from '../src/platform/data-list.ts';
import { runJob, submitJob, type Job } from '../src/platform/jobs/index.ts';
import { closeFixture, databaseOptions, postgresPids, printMachine, processCpuSeconds } from './measure.ts';
import { openFixture, TENANT, type Fixture } from './resident-registry-setup.ts';

const TARGET = { exportRatio: 0.5, importRatio: 0.25 };
/** 東京都の特別区 after 千代田区 (local-government-codes.json): the import goes to the first one not registered yet. */
const IMPORT_TENANTS = ['131024', '131032', '131041', '131059', '131067', '131075', '131083', '131091'];

const option = (args: string[], name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1]! : fallback);
const fmt = (n: number, digits = 0) => n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const progressLine = (message: string) => process.stdout.write(`\r${message}   `);
/** A progress line at most every `ms` (a job reports after every chunk). */
const throttled = (ms = 2000) => {
  let last = 0;
  return (message: string, force = false) => {
    if (!force && performance.now() - last < ms) return;
    last = performance.now();
    progressLine(message);
  };
};
const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
const secondsSince = (t: number) => (performance.now() - t) / 1000;

export async function main(args: string[]): Promise<void> {
  const residents = Number(option(args, '--residents', '1000000'));
  const seed = Number(option(args, '--seed', '1'));
  const chunk = args.includes('--chunk') ? Number(option(args, '--chunk', '0')) : undefined;
  const { serverUrl, reuse, keep } = databaseOptions(args);
  const addressees = !args.includes('--no-addressee');
  const began = performance.now();

  printMachine(seed);
  const fixture = await openFixture(serverUrl, 0, reuse);
  const raw = new pg.Pool({ connectionString: fixture.databaseUrl, max: 3 });
  const database = new URL(fixture.databaseUrl).pathname.slice(1);
  const work = mkdtempSync(join(tmpdir(), 'yakuba-bench-interop-'));
  try {
    const catalog = catalogOf(fixture.system.registry.modules);
    const settings = (await raw.query<{ v: string; autovacuum: string; sb: string; wal: string }>(`SELECT current_setting('server_version') AS v, current_setting('autovacuum') AS autovacuum,
      current_setting('shared_buffers') AS sb, current_setting('max_wal_size') AS wal`)).rows[0]!;
    console.log(`PostgreSQL ${settings.v} (${database}; autovacuum ${settings.autovacuum}, shared_buffers ${settings.sb}, max_wal_size ${settings.wal}), ` +
      `N=${reuse ? 'as loaded' : fmt(residents)}, app pool ${process.env.YAKUBA_DB_POOL ?? 10}, export chunk ${chunk ?? `${fmt(fixture.system.registry.jobs.get(EXPORT_JOB)!.chunkSize!)} (the definition's)`}, ` +
      `catalog ${catalog.records.length} records of ${catalog.modules.map((m) => m.id).join(', ')}; work files in ${work}`);

    // ------------------------------------------------------------------------------------ 1. setup
    if (reuse) console.log(`load: skipped, reusing ${reuse} as loaded by an earlier run`);
    else {
      const loaded = await loadDemoResidents(fixture.system.db, TENANT, { residents, seed, batchSize: 10_000, progress: progressLine });
      process.stdout.write('\n');
      console.log(`load: ${fmt(loaded.residents)} residents, ${fmt(loaded.households)} households in ${loaded.seconds.toFixed(1)} s (${fmt(loaded.residents / loaded.seconds)} /s; demo loader, COPY)`);
    }
    await addresseeBackfill(fixture, raw, addressees);
    await printHistory(raw);
    const sourceCounts = await tableCounts(raw, catalog, TENANT);
    console.log(`record tables of the export catalog, rows of 団体 ${TENANT} (what the export carries):`);
    for (const entry of catalog.records) {
      console.log(`  ${`${entry.module}/${entry.record.id}`.padEnd(56)} ${entry.record.table.padEnd(30)} ${entry.record.kind.padEnd(8)} ${String(entry.record.items.length).padStart(3)} items ${fmt(sourceCounts.get(entry.record.id)!).padStart(11)} rows`);
    }
    const total = [...sourceCounts.values()].reduce((a, b) => a + b, 0);
    console.log(`  ${'total'.padEnd(105)} ${fmt(total).padStart(11)} rows`);
    let t = performance.now();
    await raw.query('VACUUM ANALYZE');
    await raw.query('CHECKPOINT');
    console.log(`VACUUM ANALYZE + CHECKPOINT: ${secondsSince(t).toFixed(1)} s (not timed); setup so far ${secondsSince(began).toFixed(1)} s`);

    // ------------------------------------------------------------------------------------ 2. export
    const exportDir = join(work, 'export');
    const exported = await runExport(fixture, raw, database, catalog, exportDir, chunk);
    const copyToDir = join(work, 'copy-to');
    const copyTo = await copyToLimit(fixture, catalog, copyToDir, 'columns');
    const copyToExpressions = await copyToLimit(fixture, catalog, join(work, 'copy-to-expressions'), 'expressions');
    rmSync(copyToDir, { recursive: true, force: true });
    rmSync(join(work, 'copy-to-expressions'), { recursive: true, force: true });

    // ------------------------------------------------------------------------------------ 3. import
    const target = await importTenant(fixture, raw);
    t = performance.now();
    const shaSeconds = await (async () => {
      for (const f of readdirSync(exportDir).filter((n) => n.endsWith('.csv'))) await sha256OfFile(join(exportDir, f));
      return secondsSince(t);
    })();
    await raw.query('CHECKPOINT');
    const imported = await runImport(fixture, raw, database, catalog, target, exportDir, join(work, 'import-report.csv'), exported.perRecordRows);
    const targetCounts = await tableCounts(raw, catalog, target);
    const mismatched = catalog.records.filter((e) => targetCounts.get(e.record.id) !== sourceCounts.get(e.record.id));
    await raw.query('CHECKPOINT');
    const copyFromLimit = await copyFromFiles(fixture, catalog, exportDir);

    // ------------------------------------------------------------------------------------ report
    console.log('\n== 標準データ 出力・取込 benchmark ==');
    const line = (label: string, text: string) => console.log(`${label.padEnd(30)} ${text}`);
    const exportRate = exported.rows / exported.seconds;
    const copyToRate = copyTo.rows / copyTo.seconds;
    const exportRatio = exportRate / copyToRate;
    line('export job:', `${fmt(exported.rows)} rows in ${exported.seconds.toFixed(1)} s = ${fmt(exportRate)} rows/s; ${fmt(exported.bytes / 1e6, 1)} MB written (${exported.files} files with manifest.json)`);
    line('COPY TO (limit):', `${fmt(copyTo.rows)} rows in ${copyTo.seconds.toFixed(1)} s = ${fmt(copyToRate)} rows/s; ${fmt(copyTo.bytes / 1e6, 1)} MB of CSV; its backend's CPU ${copyTo.backendCpu.toFixed(1)} s`);
    line('  not the limit:', `COPY TO of the export's expressions ${copyToExpressions.seconds.toFixed(1)} s = ${fmt(copyToExpressions.rows / copyToExpressions.seconds)} rows/s, ` +
      `${fmt(copyToExpressions.bytes / 1e6, 1)} MB (byte-for-byte the export's rows but for quoting), backend CPU ${copyToExpressions.backendCpu.toFixed(1)} s`);
    line('ratio export / COPY TO:', `${exportRatio.toFixed(2)} against ≥ ${TARGET.exportRatio.toFixed(2)}: ${exportRatio >= TARGET.exportRatio ? 'met' : 'MISSED'}`);
    console.log(`  CPU during the export: ${exported.cpu}`);
    const importRate = imported.rows / imported.seconds;
    const copyFromRate = copyFromLimit.rows / copyFromLimit.seconds;
    const importRatio = importRate / copyFromRate;
    line(`import job (into ${target}):`, `${fmt(imported.rows)} rows in ${imported.seconds.toFixed(1)} s = ${fmt(importRate)} rows/s (${imported.status}; every row validated, one transaction)`);
    line('COPY FROM (limit):', `${fmt(copyFromLimit.rows)} rows in ${copyFromLimit.seconds.toFixed(1)} s = ${fmt(copyFromRate)} rows/s (the exported files into plain unconstrained tables); its backend's CPU ${copyFromLimit.backendCpu.toFixed(1)} s`);
    const own = copyFromLimit.indexed;
    line("  the tables' own cost:", `(indexes, checks; not the limit) INSERT … SELECT of ${TENANT}'s rows into copies of the real tables (LIKE … INCLUDING ALL: their keys, indexes and checks, ` +
      `no foreign keys, no RLS) ${fmt(own.rows)} rows in ${own.seconds.toFixed(1)} s = ${fmt(own.rows / own.seconds)} rows/s; the same into bare copies (LIKE …, no index or check) ` +
      `${own.bareSeconds.toFixed(1)} s = ${fmt(own.bareRows / own.bareSeconds)} rows/s: indexes and checks ${(own.seconds - own.bareSeconds).toFixed(1)} s ` +
      `(${((100 * (own.seconds - own.bareSeconds)) / imported.seconds).toFixed(0)}% of the import job's time)`);
    line('ratio import / COPY FROM:', `${importRatio.toFixed(2)} against ≥ ${TARGET.importRatio.toFixed(2)}: ${importRatio >= TARGET.importRatio ? 'met' : 'MISSED'}`);
    console.log(`  CPU during the import: ${imported.cpu}`);
    console.log(`  import phases: SHA-256 of the files alone ${shaSeconds.toFixed(1)} s (inside the import's first interval, measured apart, not timed); ` +
      `from the last row read to the job's end (afterImport, audit, COMMIT, job bookkeeping) ${imported.tailSeconds.toFixed(1)} s`);
    console.log(`  after the import, rows of ${target} equal to ${TENANT}'s in ${catalog.records.length - mismatched.length} of ${catalog.records.length} tables` +
      (mismatched.length ? `; DIFFERENT: ${mismatched.map((e) => `${e.record.table} ${targetCounts.get(e.record.id)} ≠ ${sourceCounts.get(e.record.id)}`).join(', ')}` : ''));
    console.log(`\nper record (export/import seconds: the job's; import ≈, attributed from its progress by row count):`);
    console.log(`  ${'record'.padEnd(30)} ${'rows'.padStart(11)} ${'export s'.padStart(9)} ${'COPY TO s'.padStart(10)} ${'import s'.padStart(9)} ${'COPY FROM s'.padStart(12)} ${'indexed s'.padStart(10)} ${'bare s'.padStart(7)} ${'file MB'.padStart(8)}`);
    for (const entry of catalog.records) {
      const id = entry.record.id;
      const rows = exported.perRecordRows.get(id) ?? 0;
      if (rows === 0 && (exported.perRecordSeconds.get(id) ?? 0) < 0.05) continue;
      console.log(`  ${id.padEnd(30)} ${fmt(rows).padStart(11)} ${(exported.perRecordSeconds.get(id) ?? 0).toFixed(1).padStart(9)} ${(copyTo.perRecord.get(id) ?? 0).toFixed(1).padStart(10)} ` +
        `${(imported.perRecordSeconds.get(id) ?? 0).toFixed(1).padStart(9)} ${(copyFromLimit.perRecord.get(id) ?? 0).toFixed(1).padStart(12)} ` +
        `${(copyFromLimit.indexed.perRecord.get(id) ?? 0).toFixed(1).padStart(10)} ${(copyFromLimit.indexed.bare.get(id) ?? 0).toFixed(1).padStart(7)} ${fmt(statSync(join(exportDir, `${id}.csv`)).size / 1e6, 1).padStart(8)}`);
    }
    console.log(`  ${'(records with no rows)'.padEnd(30)} ${catalog.records.filter((e) => (exported.perRecordRows.get(e.record.id) ?? 0) === 0).map((e) => e.record.id).join(', ')}`);
    console.log(`  export: plan (count rows) + claim ${(exported.perRecordSeconds.get('(plan)') ?? 0).toFixed(1)} s, manifest.json (SHA-256 of every file) + audit ${(exported.perRecordSeconds.get('(manifest)') ?? 0).toFixed(1)} s`);
    console.log(`\ntotal wall time of this run: ${secondsSince(began).toFixed(1)} s`);
  } finally {
    await raw.end();
    rmSync(work, { recursive: true, force: true });
    await closeFixture(fixture, database, keep, reuse);
  }
}

// ------------------------------------------------------------------------------------------ setup

/** 宛名 of every resident of TENANT through the module's backfill, unless --no-addressee or already there. */
async function addresseeBackfill(fixture: Fixture, raw: pg.Pool, enabled: boolean): Promise<void> {
  const { rows } = await raw.query<{ residents: number; addressees: number }>(`SELECT (SELECT count(*)::int FROM resident WHERE tenant_code = $1) AS residents,
    (SELECT count(*)::int FROM addressee WHERE tenant_code = $1) AS addressees`, [TENANT]);
  const { residents, addressees } = rows[0]!;
  if (!enabled) return void console.log(`宛名: skipped (--no-addressee); ${fmt(addressees)} addressee rows for ${fmt(residents)} residents`);
  if (addressees >= residents) return void console.log(`宛名: ${fmt(addressees)} addressee rows already there for ${fmt(residents)} residents`);
  const t = performance.now();
  const progress = throttled();
  const done = await backfillResidents({ db: fixture.system.db, events: fixture.system.events }, TENANT, (m) => progress(`${m} (${fmt(Number(m.replace(/[^0-9]/g, '')) / secondsSince(t))} /s)`));
  process.stdout.write('\n');
  const seconds = secondsSince(t);
  console.log(`宛名: ${fmt(done)} residents taken in by the addressee module's backfill (person by person, as its event subscriber) in ${seconds.toFixed(1)} s ` +
    `(${fmt(done / seconds)} /s; not timed — ${fmt(1_000_000 / (done / seconds) / 60, 1)} min for 1,000,000: --no-addressee skips it)`);
}

/** The registry's history as loaded: 住民票 versions a resident, 世帯 versions a household, 異動 by kind. */
async function printHistory(raw: pg.Pool): Promise<void> {
  const { rows: versions } = await raw.query<{ n: number; residents: number }>(`SELECT n, count(*)::int AS residents FROM (
      SELECT count(*)::int AS n FROM resident_version WHERE tenant_code = $1 GROUP BY resident_id) x GROUP BY n ORDER BY n`, [TENANT]);
  const { rows: households } = await raw.query<{ n: number; households: number }>(`SELECT n, count(*)::int AS households FROM (
      SELECT count(*)::int AS n FROM household_version WHERE tenant_code = $1 GROUP BY household_id) x GROUP BY n ORDER BY n`, [TENANT]);
  const { rows: changes } = await raw.query<{ procedure: string; n: number }>(`SELECT procedure, count(*)::int AS n FROM resident_change WHERE tenant_code = $1 GROUP BY 1 ORDER BY 2 DESC`, [TENANT]);
  const { rows: status } = await raw.query<{ status: string; n: number }>(`SELECT v.status, count(*)::int AS n FROM resident_version v
      WHERE v.tenant_code = $1 AND NOT EXISTS (SELECT 1 FROM resident_version w WHERE w.tenant_code = v.tenant_code AND w.resident_id = v.resident_id AND w.history_no > v.history_no)
      GROUP BY 1 ORDER BY 2 DESC`, [TENANT]);
  const residents = versions.reduce((s, r) => s + r.residents, 0);
  const hh = households.reduce((s, r) => s + r.households, 0);
  console.log(`history as loaded: 住民票 versions a resident ${versions.map((r) => `${r.n}: ${fmt(r.residents)} (${((100 * r.residents) / residents).toFixed(1)}%)`).join(', ')}; ` +
    `世帯 versions a household ${households.map((r) => `${r.n}: ${fmt(r.households)} (${((100 * r.households) / hh).toFixed(1)}%)`).join(', ')}; ` +
    `異動 ${changes.map((r) => `${r.procedure} ${fmt(r.n)}`).join(', ')}; latest status ${status.map((r) => `${r.status} ${fmt(r.n)}`).join(', ')} (no 除票: the demo loader makes none)`);
}

async function tableCounts(raw: pg.Pool, catalog: Catalog, tenant: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const { record } of catalog.records) {
    const { rows } = await raw.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${ident(record.table)} WHERE tenant_code = $1`, [tenant]);
    counts.set(record.id, rows[0]!.n);
  }
  return counts;
}

/** A second 団体 for the import: the first of IMPORT_TENANTS not registered yet (a reused database has the earlier runs'). */
async function importTenant(fixture: Fixture, raw: pg.Pool): Promise<string> {
  const { rows } = await raw.query<{ tenant_code: string }>('SELECT tenant_code FROM tenant');
  const taken = new Set(rows.map((r) => r.tenant_code));
  const code = IMPORT_TENANTS.find((c) => !taken.has(c));
  if (!code) throw new Error(`every import 団体 of ${IMPORT_TENANTS.join(', ')} is taken in this database: use a fresh one`);
  await addTenant(fixture.system, { tenantCode: code });
  return code;
}

// ------------------------------------------------------------------------------------------ CPU

/** CPU of a changing set of processes: each pid's CPU when first seen (0 if it appeared during the run) and when last seen. */
class CpuOfPids {
  private readonly seen = new Map<number, { first: number; last: number }>();

  constructor(pids: readonly number[]) {
    for (const pid of pids) {
      const cpu = processCpuSeconds(pid);
      if (Number.isFinite(cpu)) this.seen.set(pid, { first: cpu, last: cpu });
    }
  }

  sample(pids: readonly number[]): void {
    for (const pid of pids) {
      const cpu = processCpuSeconds(pid);
      if (!Number.isFinite(cpu)) continue;
      const s = this.seen.get(pid);
      // A process first seen now started during the run: all its CPU is the run's.
      if (s) s.last = cpu;
      else this.seen.set(pid, { first: 0, last: cpu });
    }
  }

  get seconds(): number {
    return [...this.seen.values()].reduce((sum, p) => sum + p.last - p.first, 0);
  }
}

/**
 * CPU used while a run goes: this Node process; this database's backends with the server's background
 * processes (pids from pg_stat_activity); every PostgreSQL process of the machine (/proc; other databases'
 * sessions too). Sampled every 0.5 s, so that a backend opened and closed during the run counts (one that
 * lives less than that is missed: measure.ts postgresCpuSeconds, summing the processes alive at the end,
 * would lose every backend a pool closed meanwhile).
 */
async function cpuMeter(raw: pg.Pool, database: string) {
  const databasePids = async () => (await raw.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = $1 OR datname IS NULL`, [database])).rows.map((r) => r.pid);
  const ours = new CpuOfPids(await databasePids());
  const machine = new CpuOfPids(postgresPids());
  const sample = async () => {
    ours.sample(await databasePids());
    machine.sample(postgresPids());
  };
  const node = process.cpuUsage();
  const started = performance.now();
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await sample().catch(() => undefined);
    }
  })();
  return async (rows: number): Promise<string> => {
    stopped = true;
    await loop;
    await sample();
    const seconds = secondsSince(started);
    const used = process.cpuUsage(node);
    const nodeSeconds = (used.user + used.system) / 1e6;
    const pgSeconds = ours.seconds;
    const cores = (s: number) => (s / seconds).toFixed(2);
    return `Node process ${nodeSeconds.toFixed(1)} s (${cores(nodeSeconds)} cores, ${((nodeSeconds * 1e6) / rows).toFixed(1)} µs a row), ` +
      `PostgreSQL of this database + background ${pgSeconds.toFixed(1)} s (${cores(pgSeconds)} cores, ${((pgSeconds * 1e6) / rows).toFixed(1)} µs a row; ` +
      `all PostgreSQL processes of the machine ${machine.seconds.toFixed(1)} s); cores busy ${cores(nodeSeconds + pgSeconds)} of ${availableParallelism()} over ${seconds.toFixed(1)} s`;
  };
}

// ------------------------------------------------------------------------------------------ export

interface ExportCursor { file: number }

async function runExport(fixture: Fixture, raw: pg.Pool, database: string, catalog: Catalog, dir: string, chunk: number | undefined) {
  const { system } = fixture;
  const perRecordSeconds = new Map<string, number>();
  const add = (key: string, s: number) => perRecordSeconds.set(key, (perRecordSeconds.get(key) ?? 0) + s);
  const keyOf = (file: number) => (file === -1 ? '(plan)' : file >= catalog.records.length ? '(manifest)' : catalog.records[file]!.record.id);
  const cpu = await cpuMeter(raw, database);
  const progress = throttled();
  const started = performance.now();
  let previous = { at: started, file: -1 };
  const job = await submitJob(system.db, system.registry, TENANT, EXPORT_JOB, { dir }, chunk === undefined ? {} : { chunkSize: chunk });
  const ended = await runJob(system.db, system.registry, TENANT, job.id, {
    onProgress: (j: Job) => {
      const now = performance.now();
      // The chunk just committed wrote the file the cursor before it named (the claim: the plan before it).
      add(keyOf(previous.file), (now - previous.at) / 1000);
      const cursor = j.cursor as ExportCursor | null;
      previous = { at: now, file: cursor ? cursor.file : previous.file === -1 ? 0 : previous.file };
      progress(`export: ${fmt(j.done)} / ${fmt(j.total)} rows (${fmt(j.done / secondsSince(started))} /s), ${keyOf(previous.file)}`, j.cursor === null);
    },
  });
  const seconds = secondsSince(started);
  process.stdout.write('\n');
  const cpuText = await cpu(Math.max(1, ended.done));
  if (ended.status !== 'succeeded') throw new Error(`the export job ended ${ended.status}: ${ended.error ?? ''}`);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { files: { record: string; rows: number }[] };
  const perRecordRows = new Map(manifest.files.map((f) => [f.record, f.rows]));
  const files = readdirSync(dir);
  const bytes = files.reduce((s, f) => s + statSync(join(dir, f)).size, 0);
  const rows = [...perRecordRows.values()].reduce((a, b) => a + b, 0);
  if (rows !== ended.done) throw new Error(`the manifest counts ${rows} rows, the job ${ended.done}`);
  console.log(`export: ${fmt(rows)} rows in ${seconds.toFixed(1)} s (${fmt(rows / seconds)} rows/s), ${fmt(bytes / 1e6, 1)} MB`);
  return { rows, seconds, bytes, files: files.length, perRecordRows, perRecordSeconds, cpu: cpuText };
}

/** The columns the limit selects: each item's own column, or the export's expression of it. */
const selectOf = (entry: CatalogRecord, what: 'columns' | 'expressions') =>
  entry.record.items.map((item) => (what === 'columns' ? ident(columnOf(item)) : exportExpression(item))).join(', ');

/** COPY (SELECT … WHERE tenant_code = TENANT) TO STDOUT (FORMAT csv) of every record into a file each, on one owner connection. */
async function copyToLimit(fixture: Fixture, catalog: Catalog, dir: string, what: 'columns' | 'expressions') {
  mkdirSync(dir);
  return fixture.system.db.asOwner(async (client) => {
    const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    const perRecord = new Map<string, number>();
    let rows = 0;
    const cpu0 = processCpuSeconds(pid);
    const started = performance.now();
    for (const entry of catalog.records) {
      const t = performance.now();
      const stream = client.query(copyTo(`COPY (SELECT ${selectOf(entry, what)} FROM ${ident(entry.record.table)} WHERE tenant_code = '${TENANT}') TO STDOUT (FORMAT csv)`));
      await pipeline(stream, createWriteStream(join(dir, `${entry.record.id}.csv`)));
      rows += Number(stream.rowCount);
      perRecord.set(entry.record.id, secondsSince(t));
    }
    const seconds = secondsSince(started);
    const backendCpu = processCpuSeconds(pid) - cpu0;
    const bytes = readdirSync(dir).reduce((s, f) => s + statSync(join(dir, f)).size, 0);
    console.log(`COPY TO (${what === 'columns' ? "the items' columns: the limit" : "the export's expressions"}): ${fmt(rows)} rows in ${seconds.toFixed(1)} s (${fmt(rows / seconds)} rows/s), ${fmt(bytes / 1e6, 1)} MB, backend CPU ${backendCpu.toFixed(1)} s`);
    return { rows, seconds, bytes, perRecord, backendCpu };
  });
}

// ------------------------------------------------------------------------------------------ import

async function runImport(fixture: Fixture, raw: pg.Pool, database: string, catalog: Catalog, tenant: string, dir: string, reportFile: string, perRecordRows: Map<string, number>) {
  const { system } = fixture;
  // Row ranges of the records in the order the import reads them (the catalog's).
  const ranges: { id: string; from: number; to: number }[] = [];
  let end = 0;
  for (const { record } of catalog.records) {
    const n = perRecordRows.get(record.id) ?? 0;
    ranges.push({ id: record.id, from: end, to: end + n });
    end += n;
  }
  const perRecordSeconds = new Map<string, number>();
  /** The time between two progress reports, spread over the records of the rows read in between. */
  const attribute = (from: number, to: number, seconds: number) => {
    if (to <= from) return;
    for (const r of ranges) {
      const overlap = Math.min(to, r.to) - Math.max(from, r.from);
      if (overlap > 0) perRecordSeconds.set(r.id, (perRecordSeconds.get(r.id) ?? 0) + (seconds * overlap) / (to - from));
    }
  };
  const cpu = await cpuMeter(raw, database);
  const progress = throttled();
  const started = performance.now();
  let last = { at: started, rows: 0 };
  const job = await submitJob(system.db, system.registry, tenant, IMPORT_JOB, { dir, reportFile, allowOtherTenant: true });
  const listener = (rows: number) => {
    const now = performance.now();
    attribute(last.rows, rows, (now - last.at) / 1000);
    last = { at: now, rows };
    progress(`import: ${fmt(rows)} / ${fmt(job.total)} rows (${fmt(rows / secondsSince(started))} /s)`, rows === job.total);
  };
  importProgress.on(job.id, listener);
  const ended = await runJob(system.db, system.registry, tenant, job.id).finally(() => importProgress.off(job.id, listener));
  const seconds = secondsSince(started);
  process.stdout.write('\n');
  const cpuText = await cpu(Math.max(1, job.total));
  const result = importResults.get(job.id);
  if (ended.status !== 'succeeded' || !result?.ok || !result.written) {
    console.log(`IMPORT FAILED: job ${ended.status}, ${ended.error ?? ''}`);
    if (result) {
      console.log(`  ${result.problems} problem(s), report ${result.reportFile}; the first:`);
      for (const p of result.firstProblems.slice(0, 20)) console.log(`    ${describeProblem(p)}`);
    }
    throw new Error(`the import job ended ${ended.status}${result ? ` with ${result.problems} problem(s)` : ''}`);
  }
  const accepted = Object.values(result.perRecord).reduce((s, r) => s + r.accepted, 0);
  console.log(`import: ${fmt(result.rows)} rows (${fmt(accepted)} accepted) in ${seconds.toFixed(1)} s (${fmt(result.rows / seconds)} rows/s) into ${tenant}`);
  return { rows: result.rows, seconds, status: ended.status, perRecordSeconds, tailSeconds: (performance.now() - last.at) / 1000, cpu: cpuText };
}

/**
 * The limit of the import: plain tables, one column per item (sqlType; a list as jsonb, the file holding a
 * JSON array), created first; then after a CHECKPOINT each exported file COPYed FROM STDIN (csv, header)
 * in one timed loop on one owner connection; the tables dropped afterwards.
 */
async function copyFromFiles(fixture: Fixture, catalog: Catalog, dir: string) {
  return fixture.system.db.asOwner(async (client) => {
    const scratch = (entry: CatalogRecord) => ident(`bench_scratch_${entry.record.table}`);
    for (const entry of catalog.records) {
      const columns = entry.record.items.map((item) => `${ident(columnOf(item))} ${item.type === 'list' ? 'jsonb' : sqlType(item)}`);
      await client.query(`DROP TABLE IF EXISTS ${scratch(entry)}; CREATE TABLE ${scratch(entry)} (${columns.join(', ')})`);
    }
    await client.query('CHECKPOINT');
    const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    const perRecord = new Map<string, number>();
    let rows = 0;
    let backendCpu = NaN;
    const cpu0 = processCpuSeconds(pid);
    try {
      for (const entry of catalog.records) {
        const t = performance.now();
        const columns = entry.record.items.map((item) => ident(columnOf(item))).join(', ');
        const stream = client.query(copyFrom(`COPY ${scratch(entry)} (${columns}) FROM STDIN (FORMAT csv, HEADER true)`));
        await pipeline(createReadStream(join(dir, `${entry.record.id}.csv`), { highWaterMark: 1 << 20 }), stream);
        rows += Number(stream.rowCount);
        perRecord.set(entry.record.id, secondsSince(t));
      }
      backendCpu = processCpuSeconds(pid) - cpu0;
    } finally {
      for (const entry of catalog.records) await client.query(`DROP TABLE IF EXISTS ${scratch(entry)}`).catch(() => undefined);
    }
    const seconds = [...perRecord.values()].reduce((a, b) => a + b, 0);
    console.log(`COPY FROM (the exported files into plain tables: the limit): ${fmt(rows)} rows in ${seconds.toFixed(1)} s (${fmt(rows / seconds)} rows/s), backend CPU ${backendCpu.toFixed(1)} s`);
    const indexed = await tablesOwnCost(client, catalog);
    return { rows, seconds, perRecord, backendCpu, indexed };
  });
}

/**
 * Not the limit: what the real tables' indexes and checks cost. Per record, the source 団体's rows
 * INSERT … SELECTed (the same rows the import writes, with every column it fills, search keys included)
 * into `LIKE <table> INCLUDING ALL` (primary key, unique, plain and GIN indexes, CHECKs; no foreign key,
 * no RLS), and the same into a bare `LIKE <table>` (NOT NULL only): the difference is the schema's own.
 * After a CHECKPOINT, one timed loop each on the owner connection; the tables are dropped.
 */
async function tablesOwnCost(client: pg.ClientBase, catalog: Catalog) {
  const run = async (kind: 'indexed' | 'bare') => {
    const scratch = (entry: CatalogRecord) => ident(`bench_${kind}_${entry.record.table}`);
    for (const entry of catalog.records) {
      await client.query(`DROP TABLE IF EXISTS ${scratch(entry)}; CREATE TABLE ${scratch(entry)} (LIKE ${ident(entry.record.table)}${kind === 'indexed' ? ' INCLUDING ALL' : ''})`);
    }
    await client.query('CHECKPOINT');
    const perRecord = new Map<string, number>();
    let rows = 0;
    try {
      for (const entry of catalog.records) {
        const t = performance.now();
        const result = await client.query(`INSERT INTO ${scratch(entry)} OVERRIDING SYSTEM VALUE SELECT * FROM ${ident(entry.record.table)} WHERE tenant_code = '${TENANT}'`);
        rows += result.rowCount ?? 0;
        perRecord.set(entry.record.id, secondsSince(t));
      }
    } finally {
      for (const entry of catalog.records) await client.query(`DROP TABLE IF EXISTS ${scratch(entry)}`).catch(() => undefined);
    }
    return { rows, seconds: [...perRecord.values()].reduce((a, b) => a + b, 0), perRecord };
  };
  const indexed = await run('indexed');
  const bare = await run('bare');
  console.log(`INSERT … SELECT of ${TENANT}'s rows into LIKE … INCLUDING ALL: ${fmt(indexed.rows)} rows in ${indexed.seconds.toFixed(1)} s (${fmt(indexed.rows / indexed.seconds)} rows/s); ` +
    `into bare LIKE …: ${bare.seconds.toFixed(1)} s (${fmt(bare.rows / bare.seconds)} rows/s)`);
  return { ...indexed, bareSeconds: bare.seconds, bareRows: bare.rows, bare: bare.perRecord };
}
