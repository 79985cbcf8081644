/**
 * Load and soak (issue #10, item 5): a counter's day on the real HTTP server on PostgreSQL, for M minutes.
 *   npm run bench -- soak --minutes M [--residents 10000] [--connections 20] [--seed 1]
 *       [--mix search=40,view=30,certificate=15,move-in=10,move-within=5] [--sample-seconds S] [--warmup-seconds W]
 *       [--limit-seconds L] [--flat-mb-per-min 0.5] [--no-gc]
 *       [--database-url postgres://postgres@127.0.0.1:5432/postgres] (or BENCH_DATABASE_URL, else DATABASE_URL's server)
 *       [--reuse-database yakuba_bench_… (an earlier run's, already loaded: kept)] [--keep-database]
 * 1. Setup, not timed: a fresh database (openFixture: the whole system, the HTTP listener in this process,
 *    one clerk signed in per connection), N residents by the demo loader, VACUUM ANALYZE; the server's
 *    workers started as `yakuba start` starts them (event dispatcher, job worker), so the events of every
 *    転入 and 転居 are delivered during the run as they would be.
 * 2. Limit, same run, same settings: GET /healthz (one SELECT 1) from the same autocannon connections for L s.
 * 3. The mix for M minutes from autocannon in a child process (soak-load.ts): 検索 by フリガナ, 照会 of a
 *    person, 住民票の写し (PDF), 転入 (demo generator bodies, unique 住民票コード), 転居 (the household read
 *    first for its version, as the clerk's screen does). Closed loop: each connection, a clerk, sends its
 *    next request when the last is answered, so the server runs at its most the whole time.
 *    This process (the server: HTTP, application, pg pool, workers) reads its RSS and heap every second;
 *    at the end of each window of S seconds it forces a full garbage collection and reads the live heap
 *    (soak-memory.ts; --no-gc: the window's heap floor instead). The table shows them per window, with
 *    the requests answered in it.
 * Reports each kind's count, rate, p50 and p99 (2xx only), 409s apart from errors (any other non-2xx,
 * socket errors and timeouts), the ratio to the limit, and whether memory stayed flat: least-squares
 * slope of the heap floor and of RSS after the warm-up in MB/min, and last-minute ÷ first-minute.
 *
 * Where the default mix comes from: the issue's counter (search 40, view 30, certificate 15, 転入 10,
 * 転居 5). It is an assumption, not a measured municipal figure: every procedure at a counter begins
 * with a search and mostly a 照会, certificates outnumber 異動届, and 転入 from elsewhere outnumber moves
 * within one municipality's borders in a 特別区 like the bench's 千代田区. A municipality's own statistics
 * (交付件数, 異動届件数 per day) give the real mix: pass them with --mix.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import pg from 'pg';
import { loadDemoResidents } from '../src/modules/resident-registry/demo/load.ts';
import { todayInJapan } from '../src/modules/resident-registry/procedure.ts';
import { closeFixture, databaseOptions, postgresCpuSeconds, printMachine, processCpuSeconds } from './measure.ts';
import { openFixture, TENANT } from './resident-registry-setup.ts';
import { KINDS, type Kind, type KindResult, type LoadResult, type LoadSpec, type Progress, type RequestKind } from './soak-load.ts';
import { flatness, sampleMemory, type Window } from './soak-memory.ts';

const DEFAULT_MIX: Record<Kind, number> = { search: 40, view: 30, certificate: 15, 'move-in': 10, 'move-within': 5 };
const LABELS: Record<RequestKind, string> = {
  search: '検索 GET /search?kana=氏名のフリガナ',
  view: '照会 GET /persons/{宛名番号}',
  certificate: '住民票の写し POST /certificates (PDF)',
  'move-in': '転入 POST /move-in',
  household: '  転居の前の世帯照会 GET /households/{no}',
  'move-within': '転居 POST /move-within',
  healthz: 'GET /healthz',
};

const option = (args: string[], name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1]! : fallback);

export async function main(args: string[]): Promise<void> {
  const minutes = Number(option(args, '--minutes', '10'));
  const residents = Number(option(args, '--residents', '10000'));
  const connections = Number(option(args, '--connections', '20'));
  const seed = Number(option(args, '--seed', '1'));
  const seconds = Math.round(minutes * 60);
  const windowSeconds = Number(option(args, '--sample-seconds', String(Math.max(5, Math.round(seconds / 30)))));
  const warmupSeconds = Number(option(args, '--warmup-seconds', String(Math.min(120, Math.round(seconds / 5)))));
  const limitSeconds = Number(option(args, '--limit-seconds', String(Math.min(30, seconds))));
  const maxSlope = Number(option(args, '--flat-mb-per-min', '0.5'));
  const mix = parseMix(option(args, '--mix', ''));
  const forceGc = !args.includes('--no-gc');
  if (!(seconds > 0 && residents > 0 && connections > 0)) throw new Error('--minutes, --residents and --connections take positive numbers');
  const { serverUrl, reuse, keep } = databaseOptions(args);

  printMachine(seed);
  const fixture = await openFixture(serverUrl, connections, reuse);
  const database = new URL(fixture.databaseUrl).pathname.slice(1);
  const raw = new pg.Pool({ connectionString: fixture.databaseUrl, max: 2 });
  let child: ChildProcess | undefined;
  try {
    const version = (await raw.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0]!.v;
    console.log(`PostgreSQL ${version}, ${minutes} min, N=${residents.toLocaleString('en')}, ${connections} connections (one clerk each), app pool ${process.env.YAKUBA_DB_POOL ?? 10}`);
    console.log(`mix: ${KINDS.map((k) => `${k} ${mix[k]}`).join(', ')}; memory every ${windowSeconds} s, warm-up ${warmupSeconds} s; limit: GET /healthz for ${limitSeconds} s`);
    if (reuse) console.log(`load: skipped, reusing ${reuse}`);
    else {
      const loaded = await loadDemoResidents(fixture.system.db, TENANT, { residents, seed, batchSize: 10_000 });
      console.log(`load: ${loaded.residents.toLocaleString('en')} residents, ${loaded.households.toLocaleString('en')} households in ${loaded.seconds.toFixed(1)} s`);
      await raw.query('VACUUM ANALYZE');
    }
    const { people, households } = await picks(raw);
    await raw.end();
    fixture.system.startWorkers();

    child = fork(new URL('./soak-load.ts', import.meta.url), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    // A reused database holds an earlier run's 転入: other people then (another variant), or all would be duplicates.
    const variant = reuse ? 2 * (1 + (Date.now() % 4_000)) : 0;
    const spec: LoadSpec = {
      mode: 'healthz', url: fixture.url, connections, seconds: limitSeconds, sessions: fixture.sessions, mix, people, households,
      moveIn: { residents, seed, today: todayInJapan(), variant },
    };
    const limit = await runChild(child, spec, () => undefined);

    let answered = 0;
    const cpu = { server: process.cpuUsage(), postgres: postgresCpuSeconds(), load: processCpuSeconds(child.pid!), at: performance.now() };
    const memory = sampleMemory(windowSeconds, () => answered, forceGc);
    const result = await runChild(child, { ...spec, mode: 'mix', seconds }, (p) => (answered = p.answered));
    const windows = memory.stop();
    const used = process.cpuUsage(cpu.server);
    const busy = {
      server: (used.user + used.system) / 1e6, postgres: postgresCpuSeconds() - cpu.postgres, load: processCpuSeconds(child.pid!) - cpu.load, seconds: (performance.now() - cpu.at) / 1000,
    };

    report(limit, result, windows, { warmupSeconds, maxSlope, busy });
  } finally {
    child?.kill();
    await raw.end().catch(() => undefined);
    await closeFixture(fixture, database, keep, reuse);
  }
}

function parseMix(text: string): Record<Kind, number> {
  if (!text) return DEFAULT_MIX;
  const mix = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
  for (const part of text.split(',')) {
    const [k, v] = part.split('=');
    if (!KINDS.includes(k as Kind) || !(Number(v) >= 0)) throw new Error(`--mix: ${part} (kinds: ${KINDS.join(', ')}; weights ≥ 0)`);
    mix[k as Kind] = Number(v);
  }
  return mix;
}

/**
 * Whom the clerks look for: 2,000 current residents (宛名番号, full フリガナ), and 1,000 households with
 * someone living in them for the 転居 (each in one 転居 at a time; many more than connections).
 */
async function picks(raw: pg.Pool) {
  const { rows: people } = await raw.query<{ addressee_no: string; name_kana: string }>(
    `SELECT r.addressee_no, v.name_kana FROM resident r
     JOIN resident_version v ON v.tenant_code = r.tenant_code AND v.resident_id = r.id AND v.history_no = r.last_history_no
     WHERE r.tenant_code = $1 AND v.status = 'resident' AND v.name_kana IS NOT NULL ORDER BY md5(r.id::text) LIMIT 2000`, [TENANT]);
  const { rows: households } = await raw.query<{ household_no: string }>(
    `SELECT h.household_no FROM household h
     JOIN household_version v ON v.tenant_code = h.tenant_code AND v.household_id = h.id AND v.history_no = h.last_history_no
     WHERE h.tenant_code = $1 AND v.status = 'active' ORDER BY md5(h.id::text) LIMIT 1000`, [TENANT]);
  if (people.length === 0 || households.length === 0) throw new Error('no residents to look for: is the register loaded?');
  return { people: people.map((r) => ({ addresseeNo: r.addressee_no, fullKana: r.name_kana })), households: households.map((h) => h.household_no) };
}

function runChild(child: ChildProcess, spec: LoadSpec, onProgress: (p: Progress) => void): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: Progress | { type: 'result'; result: LoadResult } | { type: 'error'; message: string }) => {
      if (m.type === 'progress') return onProgress(m);
      child.off('message', onMessage).off('exit', onExit);
      if (m.type === 'result') resolve(m.result);
      else reject(new Error(`load process: ${m.message}`));
    };
    const onExit = (code: number | null) => reject(new Error(`load process exited with ${code}`));
    child.on('message', onMessage).once('exit', onExit);
    child.send(spec);
  });
}

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1).padStart(7) : '      -');
const fixed = (v: number, d = 2) => (Number.isFinite(v) ? v.toFixed(d) : '-');

function kindLine(label: string, r: KindResult, seconds: number, share?: number): string {
  const issues = [r.conflicts ? `${r.conflicts} × 409` : '', r.errors ? `${r.errors} errors` : ''].filter(Boolean).join(', ');
  return [
    label.padEnd(40), `n=${String(r.count).padStart(7)}`, share === undefined ? '       ' : `${(share * 100).toFixed(1).padStart(5)} %`,
    `${(r.count / seconds).toFixed(1).padStart(7)} /s`, `p50 ${ms(r.p50)} ms`, `p99 ${ms(r.p99)} ms`, issues,
  ].join('  ');
}

interface ReportOptions { warmupSeconds: number; maxSlope: number; busy: { server: number; postgres: number; load: number; seconds: number } }

function report(limit: LoadResult, result: LoadResult, windows: Window[], o: ReportOptions): void {
  const s = result.seconds;
  const healthz = limit.kinds.healthz ?? limit.overall;
  console.log(`\nlimit (same run, same connections): ${kindLine(LABELS.healthz, healthz, limit.seconds)}`);
  if (limit.socketErrors || limit.timeouts) console.log(`  socket errors ${limit.socketErrors}, timeouts ${limit.timeouts}`);

  console.log(`\nthe mix, ${(s / 60).toFixed(1)} min (share: of all requests but the household reads):`);
  const mixCount = KINDS.reduce((a, k) => a + (result.kinds[k]?.count ?? 0) + (result.kinds[k]?.conflicts ?? 0) + (result.kinds[k]?.errors ?? 0), 0);
  for (const k of ['search', 'view', 'certificate', 'move-in', 'move-within', 'household'] as const) {
    const r = result.kinds[k];
    if (!r) continue;
    console.log(kindLine(LABELS[k], r, s, k === 'household' ? undefined : (r.count + r.conflicts + r.errors) / mixCount));
    if (r.firstError) console.log(`    first non-2xx: ${r.firstError.replace(/\s+/g, ' ')}`);
  }
  console.log(kindLine('all (2xx)', result.overall, s));
  console.log(`  non-2xx: ${result.overall.conflicts} × 409 (stale version, expected under contention), ${result.overall.errors} errors; socket errors ${result.socketErrors}, timeouts ${result.timeouts}`);
  const totalErrors = result.overall.errors + result.socketErrors + result.timeouts;
  console.log(`  errors in all: ${totalErrors}${totalErrors === 0 ? '' : '  ← the server refused or failed requests it should have served'}`);
  console.log(`  rate ×${fixed(result.overall.count / s / (healthz.count / limit.seconds))} of the limit's, p50 ×${fixed(result.overall.p50 / healthz.p50, 1)}, p99 ×${fixed(result.overall.p99 / healthz.p99, 1)} of the limit's`);
  const b = o.busy;
  const per = (v: number) => `${((v * 1000) / Math.max(1, result.overall.count)).toFixed(1)} ms`;
  console.log(`  CPU per answered request: server ${per(b.server)}, PostgreSQL ${per(b.postgres)}, load generator ${per(b.load)}; ` +
    `cores busy ${((b.server + b.postgres + b.load) / b.seconds).toFixed(2)} of ${availableParallelism()} (server ${(b.server / b.seconds).toFixed(2)}, PostgreSQL ${(b.postgres / b.seconds).toFixed(2)}, load ${(b.load / b.seconds).toFixed(2)})`);

  console.log('\nserver process memory: RSS and heap after a forced full GC at each window\'s end; heap floor and max: of the window\'s one-second reads');
  console.log(`${'t (s)'.padStart(7)}  ${'RSS MB'.padStart(8)}  ${'heap (GC) MB'.padStart(12)}  ${'heap floor MB'.padStart(13)}  ${'heap max MB'.padStart(11)}  ${'external MB'.padStart(11)}  ${'GC ms'.padStart(6)}  ${'req/s'.padStart(7)}`);
  let before = { t: 0, count: 0 };
  for (const w of windows) {
    const rate = (w.count - before.count) / (w.t - before.t);
    console.log(`${w.t.toFixed(0).padStart(7)}  ${w.rssMB.toFixed(1).padStart(8)}  ${fixed(w.heapAfterGcMB, 1).padStart(12)}  ${w.heapFloorMB.toFixed(1).padStart(13)}  ${w.heapMaxMB.toFixed(1).padStart(11)}  ${w.externalMB.toFixed(1).padStart(11)}  ${fixed(w.gcMs, 0).padStart(6)}  ${rate.toFixed(1).padStart(7)}${w.t <= o.warmupSeconds ? '  (warm-up)' : ''}`);
    before = w;
  }
  const stalled = windows.reduce((a, w) => a + (Number.isFinite(w.gcMs) ? w.gcMs : 0), 0);
  if (stalled > 0) console.log(`forced full GCs stalled the server ${stalled.toFixed(0)} ms in all, ${((stalled / 10) / s).toFixed(1)} % of the run (in the latencies above)`);
  const f = flatness(windows, o.warmupSeconds, o.maxSlope);
  console.log(`after the warm-up (${f.windows} windows, ${fixed(f.minutes, 1)} min): heap ${fixed(f.heapMBPerMinute, 3)} MB/min, RSS ${fixed(f.rssMBPerMinute, 3)} MB/min (least squares); ` +
    `last ${f.spanSeconds.toFixed(0)} s ÷ first ${f.spanSeconds.toFixed(0)} s: heap ×${fixed(f.heapLastFirst, 3)}, RSS ×${fixed(f.rssLastFirst, 3)}`);
  const verdict = f.windows < 2 ? 'CANNOT JUDGE (fewer than two windows after the warm-up)' : f.flat ? 'FLAT' : 'NOT FLAT';
  console.log(`memory: ${verdict} (flat: both slopes ≤ ${o.maxSlope} MB/min and heap ×≤ 1.10)` +
    (f.minutes < 10 ? `; only ${fixed(f.minutes, 1)} min after the warm-up: a slope over so short a run is mostly noise, a run of 30 min or more decides` : ''));
}
