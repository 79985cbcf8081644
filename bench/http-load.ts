/**
 * The HTTP side of the resident-registry benchmark, in a worker thread of its own: the clients' request
 * building and response parsing do not share the event loop of the server they measure (on this
 * machine both still share its two cores, as the database does).
 *
 * Two ways to load the server:
 *   closed loop — `concurrency` clients, each sending its next request when the last one is answered
 *                 (the server's most: rate, p50, p99);
 *   open loop   — requests arrive at `rate` per second whatever the answers do, at most `concurrency`
 *                 in flight; a request's time counts from when it was due, so a server that falls
 *                 behind pays for the queue it builds (no coordinated omission).
 */
import http from 'node:http';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { summarize, threadCpuSeconds, type Summary } from './measure.ts';
import { moveInBodies } from './resident-registry-setup.ts';

export interface Session { cookie: string; csrfToken: string }

export interface LoadSpec {
  url: string;
  sessions: Session[];
  /** 転入 bodies from the demo generator, after the loaded register's 住民票コード. */
  moveIn: { residents: number; seed: number; today: string; variant?: number };
  concurrency: number;
  seconds: number;
  /** Open loop at this many requests per second; absent: closed loop. */
  rate?: number;
}

/** `loadCpuSeconds`: what the load thread itself spent, to take off the process's figure. */
export interface LoadResult extends Summary { refused?: string; loadCpuSeconds: number }

/** Runs a 転入 load in a worker thread and answers its figures. */
export function runMoveInLoad(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./http-load-worker.mjs', import.meta.url), { workerData: spec });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`load worker exited with ${code}`))));
  });
}

/** A keep-alive client with at most `sockets` sockets; request i uses staff session i mod n (clerks at their desks). */
export function httpClient(url: string, sessions: readonly Session[], sockets: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  const target = new URL(url);
  const request = (method: string, path: string, body: unknown, i: number) =>
    new Promise<{ status: number; text: string; contentType: string }>((resolve, reject) => {
      const session = sessions[i % sessions.length]!;
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = http.request({
        agent, host: target.hostname, port: target.port, method, path,
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), text: res.headers['content-type']?.includes('pdf') ? '' : Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
  return { get: (path: string, i = 0) => request('GET', path, undefined, i), post: (path: string, body: unknown, i = 0) => request('POST', path, body, i) };
}

async function load(spec: LoadSpec): Promise<LoadResult> {
  const client = httpClient(spec.url, spec.sessions, spec.concurrency);
  const bodies = moveInBodies(spec.moveIn.residents, spec.moveIn.seed, spec.moveIn.today, spec.moveIn.variant);
  // Bodies are built before the clock starts: the generator's work is not the server's.
  const expected = Math.ceil((spec.rate ?? 1000) * spec.seconds * 1.2) + spec.concurrency;
  const prepared = Array.from({ length: expected }, () => bodies.next().value as unknown);
  let refused: string | undefined;
  const samples: number[] = [];
  let errors = 0;
  const send = async (i: number, due: number) => {
    try {
      const r = await client.post('/api/v1/resident-registry/move-in', prepared[i % prepared.length], i);
      if (r.status === 201) samples.push(performance.now() - due);
      else {
        errors++;
        refused ??= `${r.status} ${r.text.slice(0, 300)}`;
      }
    } catch (error) {
      errors++;
      refused ??= error instanceof Error ? error.message : String(error);
    }
  };
  const cpuBefore = threadCpuSeconds();
  const started = performance.now();
  const deadline = started + spec.seconds * 1000;
  let next = 0;
  if (spec.rate === undefined) {
    await Promise.all(Array.from({ length: spec.concurrency }, async () => {
      while (performance.now() < deadline && next < prepared.length) await send(next++, performance.now());
    }));
  } else {
    const interval = 1000 / spec.rate;
    const inFlight = new Set<Promise<void>>();
    for (let i = 0; ; i++) {
      const due = started + i * interval;
      if (due >= deadline || i >= prepared.length) break;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      while (inFlight.size >= spec.concurrency) await Promise.race(inFlight);
      const p: Promise<void> = send(i, due).then(() => void inFlight.delete(p));
      inFlight.add(p);
    }
    await Promise.all(inFlight);
  }
  return { ...summarize(samples, errors, (performance.now() - started) / 1000), loadCpuSeconds: threadCpuSeconds() - cpuBefore, ...(refused ? { refused } : {}) };
}

if (!isMainThread) parentPort!.postMessage(await load(workerData as LoadSpec));
