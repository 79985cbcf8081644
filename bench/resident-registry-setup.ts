/**
 * The resident-registry benchmark's fixture: a fresh PostgreSQL database on the given server, the whole
 * system on it (real HTTP listener), one 団体 with staff signed in, and 転入 requests made from the
 * demo generator (a different seed, 住民票コード after the loaded ones, so none is a duplicate).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { appUrlFor } from '../src/platform/db/config.ts';
import { inTenant } from '../src/platform/db/tenant-scope.ts';
import { totpCode } from '../src/platform/identity/totp.ts';
import { createAccount, enrollTotp } from '../src/platform/identity/users.ts';
import { createKeyRing } from '../src/platform/my-number/index.ts';
import { addTenant } from '../src/modules/tenants/index.ts';
import { demoResidentCode, generateHouseholds, type DemoHousehold } from '../src/modules/resident-registry/demo/generate.ts';
import { addDays } from '../src/jp/index.ts';
import { startServer } from '../src/server.ts';
import { openSystem, type System } from '../src/system.ts';

export const TENANT = '131016';
const PASSWORD = 'bench-password-not-secret-42';

export interface Fixture {
  system: System;
  url: string;
  databaseUrl: string;
  sessions: { cookie: string; csrfToken: string }[];
  close(): Promise<void>;
}

/**
 * Creates `yakuba_bench_<time>` on the server of `serverUrl` (or, with `reuse`, opens that database of an
 * earlier run, already loaded, and keeps it), opens the system on it and listens on a free port.
 */
export async function openFixture(serverUrl: string, staff: number, reuse?: string): Promise<Fixture> {
  if (reuse !== undefined && !/^yakuba_bench_[0-9]+$/.test(reuse)) throw new Error(`--reuse-database takes a database this benchmark made (yakuba_bench_…): ${reuse}`);
  const name = reuse ?? `yakuba_bench_${Date.now()}`;
  const admin = new pg.Client(serverUrl);
  await admin.connect();
  if (!reuse) await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const system = await openSystem({
    database: { engine: 'postgres', ownerUrl: databaseUrl, appUrl: appUrlFor(databaseUrl) },
    log: pino({ level: 'warn' }),
    signInPerMinute: 100_000,
    // Throw-away keys: the benchmark records no 個人番号.
    myNumberKeys: createKeyRing({ keys: [{ id: 'bench', key: randomBytes(32) }], lookupKey: randomBytes(32) }),
  });
  const server = await startServer(system, { port: 0, zone: 'individual-number' });
  if (!reuse) await addTenant(system, { tenantCode: TENANT });
  const sessions = [];
  const run = Date.now().toString(36);
  for (let i = 0; i < staff; i++) {
    const loginName = `bench-${run}-${i}`;
    const secret = await inTenant(system.db, TENANT, async (trx) => {
      await createAccount(trx, 'staff', { loginName, displayName: `職員${i}`, department: '市民課', roles: ['administrator'], password: PASSWORD });
      return (await enrollTotp(trx, 'staff', loginName)).secret;
    });
    const r = await fetch(`${server.url}/api/v1/auth/sign-in`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenantCode: TENANT, loginName, password: PASSWORD, totp: totpCode(secret) }),
    });
    const body = (await r.json()) as { csrfToken: string };
    if (r.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(body)}`);
    sessions.push({ cookie: r.headers.get('set-cookie')!.split(';')[0]!, csrfToken: body.csrfToken });
  }
  return {
    system, url: server.url, databaseUrl, sessions,
    async close() {
      await server.close();
      await system.close();
      // pg.Pool.end resolves before its sockets close: wait, then force the drop.
      await new Promise((resolve) => setTimeout(resolve, 500));
      if (!reuse) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/**
 * 転入 bodies of Japanese households (foreign residents need 在留 items the generator keeps elsewhere).
 * Each `variant` is another set of people (another seed) with 住民票コード from another range, so a
 * second run's requests are no duplicates of the first's.
 */
export function* moveInBodies(loaded: number, seed: number, today: string, variant = 0): Generator<unknown> {
  let code = loaded + variant * 10_000_000;
  for (const h of generateHouseholds({ residents: Number.MAX_SAFE_INTEGER, seed: seed + 7777 + variant, municipality: '東京都千代田区', asOf: today })) {
    // Also skip a household with someone born after the 異動日 (the generator's newborns).
    if (h.members.some((m) => m.residentKind !== 'japanese' || m.birthDate > addDays(today, -5))) continue;
    yield body(h, today, () => demoResidentCode(code++, seed));
  }
}

function body(h: DemoHousehold, today: string, nextCode: () => string) {
  return {
    effectiveDate: addDays(today, -5), notifiedDate: addDays(today, -1), kind: 'domestic',
    destination: { type: 'new', address: { text: h.moveIn.address } },
    persons: h.members.map((p) => ({
      residentKind: 'japanese', name: p.name, nameKana: p.nameKana, registeredDomicile: p.registeredDomicile, familyRegisterHead: p.familyRegisterHead,
      birthDate: p.birthDate, sex: p.sex, relationship: p.relationship, previousAddress: { text: h.moveIn.previousAddress }, residentCode: nextCode(),
    })),
  };
}
