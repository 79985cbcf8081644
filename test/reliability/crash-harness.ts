/**
 * The crash suite's driver: runs the real server (server-child.ts) on a shared database, kills it with
 * SIGKILL at a moment a trial chooses, starts another on the same database, and reads the database
 * through the new process (on PGlite only one process may have the directory open). Independent of
 * vitest, so that crash.test.ts and the on-demand runner faults.ts share it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { totpCode } from '../../src/platform/identity/totp.ts';
import { allLocalGovernments } from '../../src/platform/tenancy/code-list.ts';

export interface JobLine { tenant: string; id: string; type: string; done: number; total: number; status: string }
export interface Line {
  standby?: number;
  id?: number;
  ok?: boolean;
  result?: unknown;
  error?: string;
  job?: JobLine;
  handled?: { tenant: string; type: string };
  commit?: number;
}

const CHILD = new URL('./server-child.ts', import.meta.url).pathname;

/** One server process: spawned on standby (modules loaded, database closed) until open() is called. */
export class ServerProcess {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private readonly listeners = new Set<(line: Line) => void>();
  private serial = 0;
  readonly exited: Promise<void>;
  readonly standby: Promise<void>;
  url = '';
  /** Set the moment a kill is ordered: nothing should be sent to it after that. */
  killed = false;

  constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath, ['--import', 'tsx', CHILD], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'inherit'] });
    let onStandby: () => void;
    this.standby = new Promise((resolve) => (onStandby = resolve));
    this.exited = new Promise((resolve) =>
      this.child.on('exit', (code, signal) => {
        this.killed = true;
        for (const p of this.pending.values()) p.reject(new Error(`the server process ended (${signal ?? code})`));
        this.pending.clear();
        resolve();
      }),
    );
    createInterface({ input: this.child.stdout! }).on('line', (text) => {
      if (!text.startsWith('@rel ')) return;
      const line = JSON.parse(text.slice(5)) as Line;
      if (line.standby) onStandby();
      if (line.id !== undefined) {
        const p = this.pending.get(line.id);
        this.pending.delete(line.id);
        if (line.ok) p?.resolve(line.result);
        else p?.reject(new Error(line.error));
      }
      for (const listener of this.listeners) listener(line);
    });
    this.child.stdin!.on('error', () => undefined);
  }

  control<T>(op: string, args: Record<string, unknown> = {}): Promise<T> {
    if (this.killed) return Promise.reject(new Error('the server process is gone'));
    const id = ++this.serial;
    const started = Date.now();
    const answer = new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.stdin!.write(`${JSON.stringify({ id, op, ...args })}\n`);
    });
    // REL_DEBUG=1: where the time goes (slow set-ups, queries waiting behind a job on PGlite's one connection).
    if (!process.env.REL_DEBUG) return answer;
    return answer.finally(() => {
      const ms = Date.now() - started;
      if (ms > 250) process.stdout.write(`  [${ms} ms] ${op} ${JSON.stringify(args).slice(0, 120)}\n`);
    });
  }

  /** Listens to the progress lines; returns the function that stops listening. */
  on(listener: (line: Line) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** `killedAt`: when the previous process was killed (0: there was none). */
  async open(killedAt: number): Promise<{ url: string; engine: string; recovered: string[] }> {
    await this.standby;
    const opened = await this.control<{ url: string; engine: string; recovered: string[] }>('open', { killedAt });
    this.url = opened.url;
    return opened;
  }

  async kill(): Promise<void> {
    this.killed = true;
    this.child.kill('SIGKILL');
    await this.exited;
  }
}

/** The server of the moment, its replacement waiting on standby, and reads of the database through it. */
export class Harness {
  server!: ServerProcess;
  private next: ServerProcess | undefined;
  /** Scenario set-ups done on this database. */
  readonly prepared = new Map<string, unknown>();
  private serialNo = 0;
  private readonly closers: (() => Promise<unknown>)[] = [];
  private killedAt = 0;
  starts = 0;

  constructor(private readonly env: Record<string, string>) {}

  async start(): Promise<void> {
    this.next = new ServerProcess(this.env);
    await this.restart();
  }

  /** SIGKILL, no warning: the process gets no chance to finish anything. */
  async crash(): Promise<void> {
    this.killedAt = Date.now();
    await this.server.kill();
  }

  /** Opens the standby process on the database (the previous one must be dead) and spawns the next standby. */
  async restart(): Promise<{ recovered: string[] }> {
    const server = this.next!;
    this.next = new ServerProcess(this.env);
    const opened = await server.open(this.killedAt);
    this.server = server;
    this.starts++;
    return opened;
  }

  query<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    return this.server.control<T[]>('query', { text, params });
  }

  /** The `n` of a query's one row (SELECT count(*)::int AS n …). */
  async count(text: string, params: unknown[] = []): Promise<number> {
    return (await this.query<{ n: number }>(text, params))[0]!.n;
  }

  control<T>(op: string, args: Record<string, unknown> = {}): Promise<T> {
    return this.server.control<T>(op, args);
  }

  /** A number unique on this database (resident codes, names). */
  serial(): number {
    return ++this.serialNo;
  }

  /** Something to clean up when the harness closes (a scenario's work directory). */
  onClose(fn: () => Promise<unknown>): void {
    this.closers.push(fn);
  }

  async close(): Promise<void> {
    await Promise.all([this.server?.kill(), this.next?.kill()]);
    for (const fn of this.closers) await fn();
  }
}

/** A signed-in clerk of a tenant, talking HTTP to whichever server process is current. */
export class Clerk {
  private constructor(private readonly h: Harness, readonly tenant: string, private readonly cookie: string, private readonly csrf: string) {}

  static async signIn(h: Harness, tenant: string): Promise<Clerk> {
    const account = await h.control<{ loginName: string; password: string; secret: string }>('staff', { tenant });
    const r = await fetch(`${h.server.url}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenantCode: tenant, loginName: account.loginName, password: account.password, totp: totpCode(account.secret) }),
    });
    const body = (await r.json()) as { csrfToken: string };
    if (r.status !== 200) throw new Error(`sign-in failed: ${r.status} ${JSON.stringify(body)}`);
    return new Clerk(h, tenant, r.headers.get('set-cookie')!.split(';')[0]!, body.csrfToken);
  }

  /** The tenant's clerk of this database, signed in once (sessions live in the database and outlive a crash). */
  static async of(h: Harness, tenant: string): Promise<Clerk> {
    const key = `clerk:${tenant}`;
    if (!h.prepared.has(key)) h.prepared.set(key, await Clerk.signIn(h, tenant));
    return h.prepared.get(key) as Clerk;
  }

  /** Throws when no answer came (the process died with the request in flight, or was dead already). */
  async request<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const r = await fetch(`${this.h.server.url}${path}`, {
      method,
      headers: { cookie: this.cookie, 'X-CSRF-Token': this.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, body: (text && (r.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text) as T };
  }
}

export interface Scenario {
  id: string;
  title: string;
  /** One trial: run the workload, kill the server at the moment `rng` picks, restart, check. */
  trial(h: Harness, rng: Rng, note: (text: string) => void): Promise<void>;
}

/** A tenant of the code list not yet on this database, of the given kind. */
export async function freshTenant(h: Harness, kind: string): Promise<string> {
  const taken = new Set((await h.query<{ tenant_code: string }>('SELECT tenant_code FROM tenant')).map((t) => t.tenant_code));
  const code = allLocalGovernments().find((g) => g.kind === kind && !taken.has(g.code))?.code;
  if (!code) throw new Error(`no ${kind} left in the code list`);
  return code;
}

/** A small seeded generator (mulberry32): a trial's choices follow from its seed alone. */
export class Rng {
  private state: number;
  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
}

/** The seed of a trial, from the run's seed, its scenario and its number. */
export function trialSeed(runSeed: number, scenario: string, trial: number): number {
  let h = 2166136261 ^ runSeed;
  for (const ch of `${scenario}:${trial}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it returns a value other than undefined. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** Rejects if `promise` has not settled after `ms`: a trial that waits for what never comes fails rather than hangs. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Resolves once the server reports a line matching `match` (lines from before the call are not seen). */
export function nextLine(server: ServerProcess, match: (line: Line) => boolean, what = 'a progress line'): Promise<Line> {
  return within(new Promise((resolve, reject) => {
    const stop = server.on((line) => {
      if (!match(line)) return;
      stop();
      resolve(line);
    });
    void server.exited.then(() => {
      stop();
      reject(new Error(`the server process ended before ${what}`));
    });
  }), 120_000, what);
}
