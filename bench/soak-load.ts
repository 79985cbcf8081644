/**
 * The load side of `npm run bench -- soak` (soak.ts), in a child process of its own: autocannon's
 * clients, the mix's request building (the demo generator's 転入 bodies) and the per-kind latencies do
 * not share the heap or the event loop of the server whose memory the parent samples.
 *
 * One autocannon run, closed loop (each connection sends its next request when the last is answered).
 * Each connection loops over two request slots, whose context lives from the first to the second:
 *   slot 1 draws an operation from the mix; a 転居 starts as the clerk's screen does, by reading the
 *          household (GET /households/{no}) for the version it shows;
 *   slot 2 sends that 転居 (POST /move-within at the version read), or else draws an operation other
 *          than 転居.
 * Slot 1 draws 転居 with probability 2p/(1+p) and slot 2 draws the others in their own proportions, so
 * that of all the requests but the household reads, each kind's share is its weight (p for 転居).
 * A household is in one 転居 at a time (taken from a free list, given back when answered): a 409 can
 * only come from the server, and is counted apart from the errors.
 */
import autocannon from 'autocannon';
import { percentile } from './measure.ts';
import type { Session } from './http-load.ts';
import { moveInBodies } from './resident-registry-setup.ts';

export const KINDS = ['search', 'view', 'certificate', 'move-in', 'move-within'] as const;
export type Kind = (typeof KINDS)[number];
/** What the report shows: the mix's kinds, the household reads before 転居, and the limit's /healthz. */
export type RequestKind = Kind | 'household' | 'healthz';

export interface LoadSpec {
  mode: 'mix' | 'healthz';
  url: string;
  connections: number;
  seconds: number;
  sessions: Session[];
  mix: Record<Kind, number>;
  people: { addresseeNo: string; fullKana: string }[];
  households: string[];
  moveIn: { residents: number; seed: number; today: string; variant: number };
}

export interface KindResult { count: number; conflicts: number; errors: number; p50: number; p99: number; firstError?: string }
export interface LoadResult {
  seconds: number;
  kinds: Partial<Record<RequestKind, KindResult>>;
  overall: KindResult;
  /** Connection errors and timeouts as autocannon counts them (no HTTP status). */
  socketErrors: number;
  timeouts: number;
}
/** Sent every second: answered requests so far (2xx, 409, others), for the parent's timeline. */
export interface Progress { type: 'progress'; answered: number }

const BASE = '/api/v1/resident-registry';

interface Context { kind?: RequestKind; move?: { householdNo: string; householdId?: string; version?: number; residentIds?: string[] } }

export async function runLoad(spec: LoadSpec, onProgress: (p: Progress) => void): Promise<LoadResult> {
  const latencies = new Map<RequestKind, number[]>();
  const tally = new Map<RequestKind, { conflicts: number; errors: number; firstError?: string }>();
  const tallyOf = (k: RequestKind) => tally.get(k) ?? (tally.set(k, { conflicts: 0, errors: 0 }), tally.get(k)!);
  let answered = 0;
  let session = 0;
  const headers = (json: boolean) => {
    const s = spec.sessions[session++ % spec.sessions.length]!;
    return { cookie: s.cookie, 'x-csrf-token': s.csrfToken, ...(json ? { 'content-type': 'application/json' } : {}) };
  };

  const draw = mixDrawer(spec.mix);
  const free = [...spec.households];
  const bodies = moveInBodies(spec.moveIn.residents, spec.moveIn.seed, spec.moveIn.today, spec.moveIn.variant);
  let pick = 0;
  let address = 0;
  const person = () => spec.people[(pick++ * 7919) % spec.people.length]!;

  const build = (kind: Kind | 'household', req: autocannon.Request, ctx: Context): autocannon.Request => {
    ctx.kind = kind;
    switch (kind) {
      case 'search':
        // The counter types the name's フリガナ (prefix match, as the search screen does by default).
        return { ...req, method: 'GET', path: `${BASE}/search?kana=${encodeURIComponent(person().fullKana)}`, headers: headers(false), body: undefined };
      case 'view':
        return { ...req, method: 'GET', path: `${BASE}/persons/${person().addresseeNo}`, headers: headers(false), body: undefined };
      case 'certificate': {
        const body = { kind: 'resident', addresseeNos: [person().addresseeNo], requester: { kind: 'self' } };
        return { ...req, method: 'POST', path: `${BASE}/certificates`, headers: headers(true), body: JSON.stringify(body) };
      }
      case 'move-in':
        return { ...req, method: 'POST', path: `${BASE}/move-in`, headers: headers(true), body: JSON.stringify(bodies.next().value) };
      case 'household':
        return { ...req, method: 'GET', path: `${BASE}/households/${ctx.move!.householdNo}`, headers: headers(false), body: undefined };
      case 'move-within': {
        const m = ctx.move!;
        const n = address++;
        const body = {
          effectiveDate: spec.moveIn.today, notifiedDate: spec.moveIn.today, from: { householdId: m.householdId, version: m.version }, residentIds: m.residentIds,
          // A new address each time: a 転居 to where the household already lives is no 転居.
          destination: { type: 'same', address: { text: `東京都千代田区神田${1 + (n % 9)}丁目${1 + (Math.floor(n / 9) % 40)}番${1 + (Math.floor(n / 360) % 30)}号` } },
        };
        return { ...req, method: 'POST', path: `${BASE}/move-within`, headers: headers(true), body: JSON.stringify(body) };
      }
      default:
        throw new Error(`unknown kind ${kind as string}`);
    }
  };

  const slot1 = (req: autocannon.Request, context: object): autocannon.Request => {
    const ctx = context as Context;
    delete ctx.move;
    const kind = draw(true);
    if (kind === 'move-within') {
      const householdNo = free.shift();
      if (householdNo !== undefined) {
        ctx.move = { householdNo };
        return build('household', req, ctx);
      }
      // Every household is in a 転居 (cannot happen with more households than connections): something else.
      return build(draw(false), req, ctx);
    }
    return build(kind, req, ctx);
  };
  const slot2 = (req: autocannon.Request, context: object): autocannon.Request => {
    const ctx = context as Context;
    if (ctx.move?.version !== undefined) return build('move-within', req, ctx);
    return build(draw(false), req, ctx);
  };

  const onResponse = (status: number, body: string, context: object) => {
    const ctx = context as Context;
    const kind = ctx.kind!;
    answered++;
    if (kind === 'household' && ctx.move) {
      if (status === 200) {
        const h = JSON.parse(body) as { householdId: string; version: number; members: { residentId: string }[] };
        Object.assign(ctx.move, { householdId: h.householdId, version: h.version, residentIds: h.members.map((m) => m.residentId) });
      } else {
        free.push(ctx.move.householdNo);
        delete ctx.move;
      }
    } else if (kind === 'move-within' && ctx.move) {
      free.push(ctx.move.householdNo);
      delete ctx.move;
    }
    if (status >= 200 && status < 300) return;
    const t = tallyOf(kind);
    if (status === 409) t.conflicts++;
    else t.errors++;
    t.firstError ??= `${status} ${body.slice(0, 300)}`;
  };

  const requests: autocannon.Request[] = spec.mode === 'healthz'
    ? [{ method: 'GET', path: '/healthz', setupRequest: (req, context) => ((context as Context).kind = 'healthz', req), onResponse }]
    : [{ setupRequest: slot1, onResponse }, { setupRequest: slot2, onResponse }];

  const ticker = setInterval(() => onProgress({ type: 'progress', answered }), 1000);
  let instance!: autocannon.Instance;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon({ url: spec.url, connections: spec.connections, duration: spec.seconds, requests, timeout: 60 }, (error, result) => (error ? reject(error) : resolve(result)));
  });
  instance.on('response', (client, status, _bytes, time) => {
    if (status < 200 || status >= 300) return;
    // The client's context still holds the request just answered: the next one is built after this event.
    const kind = (client as unknown as { requestIterator: { context: Context } }).requestIterator.context.kind!;
    (latencies.get(kind) ?? (latencies.set(kind, []), latencies.get(kind)!)).push(time);
  });
  const result = await done;
  clearInterval(ticker);
  onProgress({ type: 'progress', answered });

  const summary = (samples: number[], t: { conflicts: number; errors: number; firstError?: string }): KindResult => {
    const sorted = Float64Array.from(samples).sort();
    return { count: samples.length, conflicts: t.conflicts, errors: t.errors, p50: percentile(sorted as unknown as number[], 50), p99: percentile(sorted as unknown as number[], 99), ...(t.firstError ? { firstError: t.firstError } : {}) };
  };
  const kinds: LoadResult['kinds'] = {};
  const all = new Set<RequestKind>([...latencies.keys(), ...tally.keys()]);
  for (const k of all) kinds[k] = summary(latencies.get(k) ?? [], tallyOf(k));
  const overall = summary([...latencies.values()].flat(), {
    conflicts: [...tally.values()].reduce((a, t) => a + t.conflicts, 0),
    errors: [...tally.values()].reduce((a, t) => a + t.errors, 0),
  });
  return { seconds: result.duration, kinds, overall, socketErrors: result.errors, timeouts: result.timeouts };
}

/** Draws a kind by weight; `withMove` false: 転居 excluded, true: 転居 at 2p/(1+p) (see the file's comment). */
export function mixDrawer(mix: Record<Kind, number>): (withMove: boolean) => Kind {
  const total = KINDS.reduce((a, k) => a + mix[k], 0);
  const p = mix['move-within'] / total;
  const others = KINDS.filter((k) => k !== 'move-within');
  const otherTotal = others.reduce((a, k) => a + mix[k], 0);
  return (withMove) => {
    if (withMove && Math.random() < (2 * p) / (1 + p)) return 'move-within';
    let r = Math.random() * otherTotal;
    for (const k of others) if ((r -= mix[k]) < 0) return k;
    return others[others.length - 1]!;
  };
}

// As a child process (soak.ts forks this file): one run per message, its figures sent back.
if (process.send && process.argv[1]?.endsWith('soak-load.ts')) {
  process.on('message', (spec: LoadSpec) => {
    runLoad(spec, (p) => process.send!(p))
      .then((result) => process.send!({ type: 'result', result }))
      .catch((error: unknown) => process.send!({ type: 'error', message: error instanceof Error ? error.stack ?? error.message : String(error) }));
  });
}
