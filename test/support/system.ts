import { inPlatform, inTenant } from '../../src/platform/db/tenant-scope.ts';
import type { Zone } from '../../src/platform/identity/principal.ts';
import { totpCode } from '../../src/platform/identity/totp.ts';
import { createAccount, enrollTotp } from '../../src/platform/identity/users.ts';
import { openSystem, type System, type SystemOptions } from '../../src/system.ts';
import { testDatabase } from './database.ts';
import { testKeyRing } from './my-number.ts';

/**
 * The whole system (all modules, HTTP app) on an isolated test database; workers are not started.
 * Tests sign in far more often than a person, so the sign-in rate limit is raised unless given.
 */
export async function testSystem(options: Omit<SystemOptions, 'db'> = {}): Promise<System> {
  return openSystem({ signInPerMinute: 10_000, myNumberKeys: testKeyRing(), ...options, db: await testDatabase() });
}

/** A signed-in browser: its session cookie and the CSRF token it must echo on changes. */
export interface Session {
  cookie: string;
  csrfToken: string;
}

export interface CallOptions {
  zone?: Zone | null;
  as?: Session;
  headers?: Record<string, string>;
}

/** A request against the in-process app, arriving on `zone` (default individual-number). */
export async function call(system: System, method: string, path: string, body?: unknown, options: CallOptions = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.as) {
    headers.cookie = options.as.cookie;
    headers['X-CSRF-Token'] ??= options.as.csrfToken;
  }
  const init: RequestInit = { method, headers };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    headers['content-type'] ??= 'application/json';
  }
  const zone = options.zone === undefined ? 'individual-number' : options.zone;
  const response = await system.app.request(path, init, zone ? { zone } : {});
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return { status: response.status, headers: response.headers, body: text && type.includes('json') ? JSON.parse(text) : text || undefined };
}

let serial = 0;

/** Signs in through the API, with password and TOTP code, and returns the browser's session. */
export async function signIn(system: System, credentials: { tenantCode?: string; loginName: string; password: string; secret: string }, zone: Zone = 'individual-number'): Promise<Session> {
  const r = await call(system, 'POST', '/api/v1/auth/sign-in', { tenantCode: credentials.tenantCode, loginName: credentials.loginName, password: credentials.password, totp: totpCode(credentials.secret) }, { zone });
  if (r.status !== 200) throw new Error(`sign-in failed in test setup: ${JSON.stringify(r.body)}`);
  const cookie = r.headers.get('set-cookie')!.split(';')[0]!;
  return { cookie, csrfToken: r.body.csrfToken };
}

export const TEST_PASSWORD = 'correct-horse-42-battery';

/** A new operator account (unique name: each TOTP code is accepted once per account) and its session. */
export async function operatorSession(system: System): Promise<Session> {
  const loginName = `operator-${++serial}`;
  const secret = await inPlatform(system.db, async (trx) => {
    await createAccount(trx, 'operator', { loginName, displayName: '運用者', password: TEST_PASSWORD });
    return (await enrollTotp(trx, 'operator', loginName)).secret;
  });
  return signIn(system, { loginName, password: TEST_PASSWORD, secret });
}

/** A new staff account of `tenantCode` with `roles`, signed in on `zone`. */
export async function staffSession(system: System, tenantCode: string, roles: string[] = ['administrator'], zone: Zone = 'individual-number'): Promise<Session & { loginName: string }> {
  const loginName = `staff-${++serial}`;
  const secret = await inTenant(system.db, tenantCode, async (trx) => {
    await createAccount(trx, 'staff', { loginName, displayName: '職員', password: TEST_PASSWORD, roles });
    return (await enrollTotp(trx, 'staff', loginName)).secret;
  });
  return { ...(await signIn(system, { tenantCode, loginName, password: TEST_PASSWORD, secret }, zone)), loginName };
}

/** A test system with these 団体 added by the operator and an administrator of each signed in, in the same order. */
export async function systemWithTenants<T extends [string, ...string[]]>(...tenantCodes: T): Promise<{ system: System; admins: { [K in keyof T]: Session } }> {
  const system = await testSystem();
  const operator = await operatorSession(system);
  for (const tenantCode of tenantCodes) {
    const r = await call(system, 'POST', '/api/v1/tenants', { tenantCode }, { as: operator });
    if (r.status !== 201) throw new Error(`団体 ${tenantCode} を登録できません: ${JSON.stringify(r.body)}`);
  }
  const admins: Session[] = [];
  for (const tenantCode of tenantCodes) admins.push(await staffSession(system, tenantCode));
  return { system, admins: admins as { [K in keyof T]: Session } };
}
