/**
 * Shared by the benchmarks: exact percentiles from every sample (sorted array, nearest rank), fixed-size
 * worker pools with a deadline, and the one-line report with ratios to a limit and to a target.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';

export interface Summary {
  count: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
}

/** Nearest-rank percentile of samples in milliseconds. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function summarize(samples: number[], errors: number, seconds: number): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return { count: samples.length, errors, seconds, perSecond: samples.length / seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

export interface RunOptions {
  /** Workers running at once (connections). */
  concurrency: number;
  /** Stop starting new operations after this many in total… */
  count?: number;
  /** …or after this many seconds, whichever comes first. */
  seconds?: number;
}

/**
 * Runs `op(i)` from `concurrency` workers until `count` operations or `seconds` have passed. An op that
 * returns false (or throws) counts as an error and its time is not a sample: a refused request is fast
 * and would flatter the percentiles. `firstError` keeps one for the report.
 */
export async function run(options: RunOptions, op: (i: number) => Promise<boolean>): Promise<Summary & { firstError?: string }> {
  const samples: number[] = [];
  let errors = 0;
  let next = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = options.seconds === undefined ? Infinity : started + options.seconds * 1000;
  const limit = options.count ?? Infinity;
  const worker = async () => {
    while (next < limit && performance.now() < deadline) {
      const i = next++;
      const t = performance.now();
      try {
        if (await op(i)) samples.push(performance.now() - t);
        else errors++;
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { ...summarize(samples, errors, (performance.now() - started) / 1000), ...(firstError ? { firstError } : {}) };
}

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1).padStart(7) : '      -');
const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? (a / b).toFixed(2) : '-');

/**
 * One line: rate, p50, p99, then the ratio of p99 to the raw limit's (and of the rate, for runs from many
 * connections, where the rate is a figure of its own) and to the target.
 */
export function line(label: string, s: Summary, limit?: Summary, target?: { p99?: number; perSecond?: number }, compareRate = false): string {
  const parts = [
    label.padEnd(44),
    `n=${String(s.count).padStart(6)}${s.errors ? ` (${s.errors} errors)` : ''}`,
    `${s.perSecond.toFixed(0).padStart(6)} /s`,
    `p50 ${ms(s.p50)} ms`,
    `p99 ${ms(s.p99)} ms`,
  ];
  if (limit) parts.push(`| p99 ×${ratio(s.p99, limit.p99)} of limit's${compareRate ? `, rate ×${ratio(s.perSecond, limit.perSecond)} of limit's` : ''}`);
  if (target?.p99 !== undefined) parts.push(`| target p99 < ${target.p99} ms: ${s.p99 < target.p99 ? 'met' : 'MISSED'} (×${ratio(s.p99, target.p99)})`);
  if (target?.perSecond !== undefined) parts.push(`rate ≥ ${target.perSecond}/s: ${s.perSecond >= target.perSecond ? 'met' : 'MISSED'}`);
  return parts.join('  ');
}

/**
 * What the server's sessions wait on while a run goes: pg_stat_activity sampled every `everyMs`, counted
 * by wait event and statement. Shows a lock that serializes writers (a `Lock:transactionid` on one row)
 * or the commit flush (`IO:WALSync`) where a profile of Node would show only idle time.
 */
export function sampleWaits(query: (text: string) => Promise<{ rows: { wait: string; query: string }[] }>, database: string, everyMs = 50) {
  const counts = new Map<string, number>();
  let samples = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const { rows } = await query(`SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') AS wait, left(regexp_replace(query, '\\s+', ' ', 'g'), 70) AS query
        FROM pg_stat_activity WHERE datname = '${database}' AND state = 'active' AND pid <> pg_backend_pid()`);
      samples++;
      for (const r of rows) counts.set(`${r.wait.padEnd(28)} ${r.query}`, (counts.get(`${r.wait.padEnd(28)} ${r.query}`) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  const report = async (top = 8): Promise<string[]> => {
    stopped = true;
    await loop;
    return [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, n]) => `  ${(n / samples).toFixed(1).padStart(5)} sessions  ${k}`);
  };
  // Stopped before anything else ends the pool, whatever the measured run did.
  return Object.assign(report, { stop: () => void (stopped = true) });
}

/** CPU seconds of this machine's PostgreSQL server processes (all of them: backends, WAL writer, checkpointer …), from /proc. */
export function postgresCpuSeconds(): number {
  const tick = 100; // USER_HZ on Linux
  let total = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^[0-9]+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / tick; // utime, stime
    } catch {
      // the process ended while we looked
    }
  }
  return total;
}

/** CPU seconds of the calling thread (a worker's own, not its process's), from /proc/thread-self. */
export function threadCpuSeconds(): number {
  const stat = readFileSync('/proc/thread-self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU seconds of one process from /proc (utime + stime), NaN when it is gone or not on this machine. */
export function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** The commit measured, and the uncommitted files in src/ if any (another engineer may work in the same checkout). */
export function codeVersion(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    // Not trimmed first: a porcelain line starts with its two status columns (" M src/…").
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { encoding: 'utf8' }).split('\n').filter(Boolean);
    return dirty.length ? `${head} + ${dirty.length} uncommitted file(s) in src/ (${dirty.map((l) => l.slice(3)).join(', ')})` : head;
  } catch {
    return 'unknown (no git)';
  }
}

/** postgres://user@host:port/db → the same server's maintenance database (the fixture makes its own). */
export function serverOf(url: string): string {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}

/** The database options of a bench on openFixture: --database-url (or BENCH_DATABASE_URL, else DATABASE_URL's server), --reuse-database, --keep-database. */
export function databaseOptions(args: string[]): { serverUrl: string; reuse: string | undefined; keep: boolean } {
  const value = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const fallback = process.env.DATABASE_URL ? serverOf(process.env.DATABASE_URL) : 'postgres://postgres@127.0.0.1:5432/postgres';
  return { serverUrl: value('--database-url') ?? process.env.BENCH_DATABASE_URL ?? fallback, reuse: args.includes('--reuse-database') ? (value('--reuse-database') ?? '') : undefined, keep: args.includes('--keep-database') };
}

/** The first line of a bench's output: Node, cores, load, time, seed and the code measured. */
export function printMachine(seed: number): void {
  console.log(`Node ${process.version}, ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}, ${new Date().toISOString()}, seed ${seed}, code ${codeVersion()}`);
}

/** The end of a bench on openFixture: its database dropped, or kept (--keep-database, not a reused one) and the process ended. */
export async function closeFixture(fixture: { close(): Promise<void>; system: { close(): Promise<void> } }, database: string, keep: boolean, reuse: string | undefined): Promise<void> {
  if (keep && !reuse) {
    // The HTTP listener of the fixture has no close of its own: the process ends with it.
    await fixture.system.close();
    console.log(`\nkept: ${database} (--reuse-database ${database}; drop it with DROP DATABASE ${database})`);
    process.exit(0);
  }
  await fixture.close();
}

/** Every PostgreSQL process of this machine (postmaster, backends of every database, background workers), by /proc. */
export function postgresPids(): number[] {
  return readdirSync('/proc').filter((d) => /^[0-9]+$/.test(d)).map(Number).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/stat`, 'utf8').includes('(postgres)');
    } catch {
      return false;
    }
  });
}
