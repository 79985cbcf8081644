/**
 * Tenant isolation through the API (issue #10, item 2): staff and integration clients of two 団体
 * call every route, aimed at their own data and at the other tenant's (its 団体コード in the path,
 * its ids in paths and bodies, forged tenant codes in query, headers, body and tokens). No answer may
 * carry the other tenant's data, no request may change a row of the other tenant, and afterwards no
 * row of one tenant holds the other's data and row-level security shows each tenant only its rows.
 *
 * The random part is seeded: on failure fast-check prints the seed and the failing sequence, and
 * ISOLATION_SEED=<n> (with the same ISOLATION_RUNS, default 100) replays the same sequences on a fresh
 * world. Shrinking is off (endOnFailure): every run changes the shared database, so a shrunk sequence
 * would run against other rows than the failing one did; the failure message names the request itself.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rm } from 'node:fs/promises';
import { residentRegistryQueries } from '../../src/modules/resident-registry/index.ts';
import { inTenant } from '../../src/platform/db/tenant-scope.ts';
import { totpCode } from '../../src/platform/identity/totp.ts';
import { createAccount, enrollTotp } from '../../src/platform/identity/users.ts';
import { call, TEST_PASSWORD } from '../support/system.ts';
import { tenantTables } from './catalogue.ts';
import { FORGERIES, Harness, type Actor, type Command } from './harness.ts';
import { rowChecks } from './rows.ts';
import { registryRoutes } from './routes-registry.ts';
import { EXCLUDED_ROUTES, otherRoutes } from './routes-other.ts';
import { buildWorld, refreshPools, type World } from './world.ts';

const A = '131016';
const B = '131024';
const RUNS = Number(process.env.ISOLATION_RUNS ?? 100);
const SEED = process.env.ISOLATION_SEED === undefined ? Date.now() % 2_147_483_647 : Number(process.env.ISOLATION_SEED);
// A known key, so that the harness can sign tokens the server would accept and then forge their claims.
const TOKEN_KEY = Buffer.from('isolation-suite-token-key-0123456789abcdef');

describe('tenant isolation through the API', () => {
  let world: World;
  let harness: Harness;
  let openapi: { paths: Record<string, Record<string, { 'x-yakuba-access'?: { public?: boolean } }>> };
  const savedSecret = process.env.YAKUBA_TOKEN_SECRET;

  beforeAll(async () => {
    process.env.YAKUBA_TOKEN_SECRET = TOKEN_KEY.toString('base64');
    world = await buildWorld([A, B]);
    const actors: Actor[] = [];
    for (const [ti, tw] of world.tenants.entries()) {
      const form = `grant_type=client_credentials&client_id=${encodeURIComponent(tw.client.id)}&client_secret=${encodeURIComponent(tw.client.secret)}`;
      const token = await call(world.system, 'POST', '/api/v1/auth/token', form, { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(token.status).toBe(200);
      actors.push({ label: `staff of ${tw.code}`, tw, ti, kind: 'staff', session: tw.staff });
      actors.push({ label: `client of ${tw.code}`, tw, ti, kind: 'client', token: token.body.access_token });
    }
    openapi = (await call(world.system, 'GET', '/api/openapi.json')).body;
    const publicRoutes = new Set(Object.entries(openapi.paths).flatMap(([p, ops]) => Object.entries(ops).filter(([, o]) => o['x-yakuba-access']?.public).map(([m]) => `${m.toUpperCase()} ${p}`)));
    harness = new Harness(world, actors, [...registryRoutes, ...otherRoutes], TOKEN_KEY, publicRoutes);
    await harness.prepare(await world.system.db.asOwner(tenantTables));
  }, 300_000);

  afterAll(async () => {
    if (savedSecret === undefined) delete process.env.YAKUBA_TOKEN_SECRET;
    else process.env.YAKUBA_TOKEN_SECRET = savedSecret;
    for (const tw of world?.tenants ?? []) await rm(tw.exportDir, { recursive: true, force: true });
    await world?.system.close();
  });

  it('has a request for every route of the OpenAPI document (or a reason to leave it out)', () => {
    const documented = Object.entries(openapi.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    const covered = new Set(harness.routes.map((r) => r.route));
    expect(documented.filter((r) => !covered.has(r) && !(r in EXCLUDED_ROUTES))).toEqual([]);
    // Nor a request for a route that no longer exists (a typo would silently test nothing).
    expect([...covered].filter((r) => !documented.includes(r))).toEqual([]);
  });

  it('refuses every route aimed at the other tenant, and serves the own, for staff and clients of both', async () => {
    const unbuilt: string[] = [];
    const failures: string[] = [];
    // Actors 0..3: staff of A, client of A, staff of B, client of B. Both directions, both kinds of caller,
    // the other tenant's 団体コード in the path and its ids under the caller's own code, and the own data.
    const combos = [[0, true, false], [2, true, true], [1, true, true], [3, true, false], [1, false, false], [2, false, false]] as const;
    for (const [route] of harness.routes.entries()) {
      for (const [actor, foreign, ownPath] of combos) {
        const outcome = await harness.run({ actor, route, foreign, ownPath, forgery: 'none', n: actor + route });
        if (!outcome) unbuilt.push(`${harness.routes[route]!.route} (${foreign ? 'foreign' : 'own'})`);
        else if (outcome.problems.length > 0) failures.push(outcome.detail);
      }
    }
    expect(failures).toEqual([]);
    // Every route ran: a builder that finds nothing to name in the pools would test nothing.
    expect(unbuilt).toEqual([]);
    for (const tw of world.tenants) await refreshPools(world, tw);
    harness.invalidate();
  }, 600_000);

  it(`keeps random sequences of calls of both tenants apart (${RUNS} runs, seed ${SEED})`, async () => {
    const command = fc.record<Command>({
      actor: fc.nat({ max: 3 }),
      route: fc.nat({ max: harness.routes.length - 1 }),
      foreign: fc.boolean(),
      ownPath: fc.boolean(),
      forgery: fc.oneof({ weight: 4, arbitrary: fc.constant('none' as const) }, { weight: 4, arbitrary: fc.constantFrom(...FORGERIES) }),
      n: fc.nat({ max: 50 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 8 }), async (commands) => {
        for (const cmd of commands) await harness.runOrThrow(cmd);
        // Events of the run reach their subscribers (addressee, resident tax) in each tenant's own context.
        await world.system.dispatcher.drain();
        harness.invalidate();
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  }, 600_000);

  it('refuses a sign-in and a token naming the other tenant', async () => {
    const [a, b] = world.tenants;
    const secret = await inTenant(world.system.db, a.code, async (trx) => {
      await createAccount(trx, 'staff', { loginName: 'iso-signer', displayName: '職員', password: TEST_PASSWORD, roles: ['administrator'] });
      return (await enrollTotp(trx, 'staff', 'iso-signer')).secret;
    });
    const signIn = (tenantCode: string) => call(world.system, 'POST', '/api/v1/auth/sign-in', { tenantCode, loginName: 'iso-signer', password: TEST_PASSWORD, totp: totpCode(secret) });
    // A's account and A's valid code, with B's 団体コード: the same answer as any failure.
    const forged = await signIn(b.code);
    expect(forged.status).toBe(401);
    expect(forged.body.type).toBe('urn:yakuba:problem:sign-in-failed');
    expect((await signIn(a.code)).status).toBe(200);

    const token = (id: string, secret: string) =>
      call(world.system, 'POST', '/api/v1/auth/token', `grant_type=client_credentials&client_id=${encodeURIComponent(id)}&client_secret=${encodeURIComponent(secret)}`, { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const name = a.client.id.split('.')[1]!;
    for (const [id, s] of [[`${b.code}.${name}`, a.client.secret], [b.client.id, a.client.secret], [a.client.id, b.client.secret]]) {
      const r = await token(id!, s!);
      expect(r.status, `${id}`).toBe(401);
      expect(r.body.type).toBe('urn:yakuba:problem:invalid-client');
    }
    const own = await token(a.client.id, a.client.secret);
    expect(own.status).toBe(200);
    const claims = JSON.parse(Buffer.from(own.body.access_token.split('.')[1], 'base64url').toString('utf8'));
    expect(claims).toMatchObject({ tenant: a.code, sub: a.client.id });
    harness.invalidate();
  });

  it('notices a leak and a row changed across tenants (the checks themselves)', async () => {
    const [a, b] = world.tenants;
    // A value of B that A never sent (A's forged requests made many of B's ids A's own input).
    const bOnly = [...b.pools.seen].find((v) => /^([0-9a-f]{8}-[0-9a-f-]{27}|[0-9]{10,15})$/.test(v) && !harness.hasSent(0, v) && !a.pools.seen.has(v));
    expect(bOnly).toBeDefined();
    // An answer to A holding B's name or B's number is a leak; an echo of what A sent is not.
    expect(harness.leaksIn(0, [`${b.marker.name}${'\u3000'}太郎`], [])).not.toEqual([]);
    expect(harness.leaksIn(0, [bOnly!], [])).not.toEqual([]);
    expect(harness.leaksIn(0, [`宛名番号 ${bOnly} の住民は記録されていません`], [])).not.toEqual([]);
    expect(harness.leaksIn(0, [a.pools.addresseeNos[0]!, `${a.marker.name}${'\u3000'}太郎`], [])).toEqual([]);
    expect(harness.leaksIn(0, [b.marker.kana], [b.marker.kana])).toEqual([]);
    // A row of B changed while A's request ran is reported against that request.
    const me = harness.routes.findIndex((r) => r.route === 'GET /api/v1/auth/me');
    expect((await harness.run({ actor: 0, route: me, foreign: false, ownPath: false, forgery: 'none', n: 0 }))!.problems).toEqual([]);
    await world.system.db.asOwner((c) => c.query(`UPDATE certificate_setting SET mayor_name = mayor_name || '（検査）' WHERE tenant_code = $1`, [b.code]));
    const caught = await harness.run({ actor: 0, route: me, foreign: false, ownPath: false, forgery: 'none', n: 0 });
    await world.system.db.asOwner((c) => c.query(`UPDATE certificate_setting SET mayor_name = replace(mayor_name, '（検査）', '') WHERE tenant_code = $1`, [b.code]));
    harness.invalidate();
    expect(caught!.problems).toEqual([`rows of ${b.code} changed by a request of ${a.code}`]);
  });

  it("reads the events feed of its own tenant only, whatever position it is given", async () => {
    const feed = residentRegistryQueries({ db: world.system.db });
    const [a, b] = world.tenants;
    const ofB = await feed.changesSince(b.code, null, 5000);
    expect(ofB.events.length).toBeGreaterThan(0);
    const ofA = await feed.changesSince(a.code, null, 5000);
    for (const positions of [ofB.events.map((e) => e.position), [null]]) {
      for (const position of positions.slice(0, 20)) {
        const seen = await feed.changesSince(a.code, position, 5000);
        const text = JSON.stringify(seen);
        for (const marker of [b.marker.name, b.marker.kana, b.marker.alphabet]) expect(text).not.toContain(marker);
        for (const e of seen.events) expect(ofA.events.map((x) => x.position)).toContain(e.position);
      }
    }
  });

  it('leaves no row of one tenant holding the other tenant’s data, and row-level security shows each only its own', async () => {
    const report = await rowChecks(world);
    expect(report.problems).toEqual([]);
    // The per-table checks are only as good as the rows behind them: most tables hold rows of both tenants.
    expect(report.emptyForSomeTenant.length, `tables without rows of both tenants: ${report.emptyForSomeTenant.join(', ')}`).toBeLessThanOrEqual(6);
  }, 120_000);
});
