import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/system.ts';
import type { Case } from './case.ts';
import { appendedAudit, changedTables, MAY_CHANGE, snapshot, type Snapshot } from './checksum.ts';
import { openFixture, type Fixture } from './fixture.ts';
import { genericCases } from './generic.ts';
import { RouteList } from './routes.ts';
import { faults, send } from './send.ts';
import { allBases, specificCases } from './specific.ts';

/**
 * The bad-input corpus (issue 10, item 3): hostile and malformed requests to every route of the API,
 * as the administrator of a 団体 with residents, as the platform operator and as nobody. Each must be
 * refused with a 4xx application/problem+json in Japanese — never a 5xx — and leave every table as it
 * was (checksums of all tables, taken as the owner, before and after; the few tables a refusal itself
 * writes to are in checksum.ts's MAY_CHANGE, each compared in its own way).
 */
const SLOW_MS = 2000;
const MAX_BODY_BYTES = Number(process.env.YAKUBA_MAX_BODY_BYTES ?? 1024 * 1024);

describe('bad-input corpus: every route refuses hostile input with a 4xx problem and writes nothing', () => {
  let fx: Fixture;
  let list: RouteList;
  let cases: Case[];
  let before: Snapshot;

  beforeAll(async () => {
    fx = await openFixture();
    const doc = await call(fx.system, 'GET', '/api/openapi.json');
    list = new RouteList(doc.body);
    cases = [...genericCases({ list, pathValues: fx.pathValues, maxBodyBytes: MAX_BODY_BYTES }), ...specificCases(fx)];
    before = await snapshot(fx.system.db);
  });
  afterAll(() => fx?.close());

  it('has cases for every route of the OpenAPI document, past authentication wherever the route takes input', () => {
    const routes = new Set(list.routes.map((r) => r.key));
    expect(cases.filter((c) => !routes.has(c.route)).map((c) => `${c.route}: ${c.name}`), 'cases aimed at routes the document lacks').toEqual([]);
    const missing = list.routes.filter((route) => {
      const own = cases.filter((c) => c.route === route.key);
      const takesInput = route.params.length > 0 || route.query.length > 0 || route.body !== undefined;
      return own.length === 0 || (takesInput && !own.some((c) => !['auth', 'zone', 'method'].includes(c.family)));
    });
    expect(missing.map((r) => r.key), 'routes without a case that reaches their input').toEqual([]);
    // The sessions are of the individual-number zone: a route only on another would answer every case 404 unseen.
    expect(list.routes.filter((r) => !r.zones.includes('individual-number')).map((r) => r.key), 'routes the corpus cannot reach with its sessions').toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(200);
  });

  it('answers every case with a 4xx problem+json with a Japanese title, and changes no table', async () => {
    const failures: string[] = [];
    const writes: string[] = [];
    const byRoute = new Map<string, Case[]>();
    for (const c of cases) byRoute.set(c.route, [...(byRoute.get(c.route) ?? []), c]);
    let last = before;
    for (const [route, own] of byRoute) {
      for (const c of own) {
        const started = performance.now();
        const answer = await send(fx.system, c, fx);
        const ms = performance.now() - started;
        const found = faults(c, answer);
        // A refusal that takes long is a refusal an attacker can repeat to stall the server.
        if (ms > SLOW_MS) found.push(`took ${Math.round(ms)} ms`);
        if (found.length > 0) failures.push(`${route} [${c.family}] ${c.name} (as ${c.as}): ${found.join('; ')} — ${answer.body?.type ?? ''} ${(answer.body?.detail ?? '').slice(0, 160)}`);
      }
      // After each route, so that a write is pinned on the route whose cases made it.
      const now = await snapshot(fx.system.db, before.auditHeads);
      const changed = changedTables(last, now);
      if (changed.length > 0) writes.push(`${route}: ${changed.join(', ')}`);
      last = now;
    }
    const count = (key: (c: Case) => string) => {
      const n = new Map<string, number>();
      for (const c of cases) n.set(key(c), (n.get(key(c)) ?? 0) + 1);
      return [...n].map(([k, v]) => `${k} ${v}`).join(', ');
    };
    const table = [...byRoute].map(([route, own]) => `${String(own.length).padStart(4)}  ${route}`);
    process.stdout.write(`bad-input corpus: ${cases.length} cases over ${byRoute.size} routes\nby kind: ${count((c) => c.family)}\nby caller: ${count((c) => c.as)}\n${table.join('\n')}\n`);
    expect.soft(failures).toEqual([]);
    expect.soft(writes).toEqual([]);
  });

  it('adds to the audit log only refusals, and keeps each chain head at its last entry', async () => {
    const { entries, headsAtLast } = await appendedAudit(fx.system.db, before.auditHeads);
    const appended = new Map<string, number>();
    for (const e of entries) appended.set(`${e.function} (${e.outcome})`, (appended.get(`${e.function} (${e.outcome})`) ?? 0) + 1);
    process.stdout.write(`audit entries the refusals appended: ${[...appended].map(([k, n]) => `${k} ${n}`).join(', ')}\n`);
    expect(entries.filter((e) => e.outcome === 'success').map((e) => e.function)).toEqual([]);
    expect(headsAtLast).toBe(true);
    // The exclusions are all still there to be compared: a renamed table would silently escape.
    for (const table of Object.keys(MAY_CHANGE)) expect(Object.keys(before.tables)).toContain(table);
  });

  // Last: it writes. Each hand-written case is one of these with one thing broken, so the refusals
  // above were for that one thing and not for something else wrong with the request.
  it('accepts the unmodified requests the hand-written cases were made from (the control)', async () => {
    for (const base of allBases(fx)) {
      const c = { route: base.route, family: 'control', name: 'as it is', method: base.route.split(' ')[0]!, url: base.url, as: base.as, body: base.text?.() ?? JSON.stringify(base.body()), ...(base.contentType ? { contentType: base.contentType } : {}) };
      const answer = await send(fx.system, c, fx);
      expect(answer.status, `${base.route}: ${JSON.stringify(answer.body)}`).toBe(base.accepted);
    }
  });
});
