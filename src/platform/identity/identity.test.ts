import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, operatorSession, signIn, staffSession, TEST_PASSWORD, testSystem, type Session } from '../../../test/support/system.ts';
import type { System } from '../../system.ts';
import { inPlatform, inTenant } from '../db/tenant-scope.ts';
import { insertTenant, validateTenantCode } from '../tenancy/tenant.ts';
import { listAuditEntries, verifyAuditChain } from '../audit/index.ts';
import { totpCode } from './totp.ts';
import { createAccount, enrollTotp } from './users.ts';

const A = '131016';
const B = '011002';
const GENERIC = 'urn:yakuba:problem:sign-in-failed';

describe('staff identity, sessions and permissions', () => {
  let system: System;
  let admin: Session & { loginName: string };
  let secret: string;
  const login = 'clerk-01';

  beforeAll(async () => {
    system = await testSystem();
    for (const code of [A, B]) await inPlatform(system.db, (trx) => insertTenant(trx, validateTenantCode(code)));
    admin = await staffSession(system, A);
    secret = await inTenant(system.db, A, async (trx) => {
      await createAccount(trx, 'staff', { loginName: login, displayName: '窓口 一郎', password: TEST_PASSWORD, roles: [] });
      return (await enrollTotp(trx, 'staff', login)).secret;
    });
  });
  afterAll(() => system?.close());

  const attempt = (body: Record<string, unknown>, zone: 'individual-number' | 'lgwan' | 'internet' = 'individual-number') =>
    call(system, 'POST', '/api/v1/auth/sign-in', body, { zone });
  const usersOfA = async () => (await call(system, 'GET', `/api/v1/tenants/${A}/users`, undefined, { as: admin })).body.items.length;

  it('signs in with password and TOTP, sets a hardened cookie and answers who is signed in', async () => {
    const r = await attempt({ tenantCode: A, loginName: admin.loginName, password: TEST_PASSWORD, totp: 'x' });
    expect(r.status).toBe(401);
    const me = await call(system, 'GET', '/api/v1/auth/me', undefined, { as: admin });
    expect(me.body).toMatchObject({ kind: 'staff', loginName: admin.loginName, tenantCode: A, zone: 'individual-number', idleMinutes: 30 });
    expect(me.body.permissions).toContain('identity:manage-users');
    expect(me.body.permissions).not.toContain('tenants:manage');
    const fresh = await inTenant(system.db, A, async (trx) => {
      await createAccount(trx, 'staff', { loginName: 'cookie-check', displayName: '確認', password: TEST_PASSWORD });
      return (await enrollTotp(trx, 'staff', 'cookie-check')).secret;
    });
    const ok = await attempt({ tenantCode: A, loginName: 'cookie-check', password: TEST_PASSWORD, totp: totpCode(fresh) });
    expect(ok.headers.get('set-cookie')).toMatch(/yakuba_session=[\w-]{43}; Max-Age=36000; Path=\/; HttpOnly; Secure; SameSite=Strict/);
  });

  it('gives the same answer for an unknown 団体, an unknown user, a wrong password and a wrong code', async () => {
    const answers = await Promise.all([
      attempt({ tenantCode: '472018', loginName: login, password: TEST_PASSWORD, totp: totpCode(secret) }),
      attempt({ tenantCode: A, loginName: 'nobody', password: TEST_PASSWORD, totp: totpCode(secret) }),
      attempt({ tenantCode: A, loginName: login, password: 'wrong-password-1', totp: totpCode(secret) }),
      attempt({ tenantCode: A, loginName: login, password: TEST_PASSWORD, totp: '000000' }),
      attempt({ tenantCode: A, loginName: login, password: TEST_PASSWORD }),
    ]);
    for (const r of answers) {
      expect(r.status).toBe(401);
      expect({ ...r.body, instance: undefined, requestId: undefined }).toEqual({ ...answers[0]!.body, instance: undefined, requestId: undefined });
      expect(r.body.type).toBe(GENERIC);
    }
  });

  it('writes every sign-in attempt and every refused request to the 団体’s audit chain', async () => {
    await attempt({ tenantCode: A, loginName: login, password: 'wrong-password-2', totp: totpCode(secret) });
    await call(system, 'POST', `/api/v1/tenants/${A}/users`, { loginName: 'csrf-audit', displayName: 'x' }, { as: admin, headers: { 'X-CSRF-Token': 'wrong' } });
    const { items } = await listAuditEntries(system.db, A, { limit: 200 });
    expect(items.find((e) => e.function === 'auth.sign-in' && e.outcome === 'failed' && e.actorName === login)).toBeDefined();
    expect(items.find((e) => e.function === 'auth.sign-in' && e.outcome === 'success' && e.actorName === admin.loginName)).toBeDefined();
    expect(items.find((e) => e.outcome === 'denied' && (e.detail as { problem?: string } | null)?.problem === 'csrf')).toBeDefined();
    expect((await verifyAuditChain(system.db, A)).ok).toBe(true);
  });

  it('accepts a TOTP code once: the same code cannot sign in twice', async () => {
    const code = totpCode(secret);
    expect((await attempt({ tenantCode: A, loginName: login, password: TEST_PASSWORD, totp: code })).status).toBe(200);
    expect((await attempt({ tenantCode: A, loginName: login, password: TEST_PASSWORD, totp: code })).status).toBe(401);
  });

  it('requires the second factor in the individual-number zone even without one enrolled', async () => {
    await inTenant(system.db, A, (trx) => createAccount(trx, 'staff', { loginName: 'lgwan-only', displayName: '庶務', password: TEST_PASSWORD }));
    expect((await attempt({ tenantCode: A, loginName: 'lgwan-only', password: TEST_PASSWORD })).status).toBe(401);
    expect((await attempt({ tenantCode: A, loginName: 'lgwan-only', password: TEST_PASSWORD }, 'lgwan')).status).toBe(200);
  });

  it('locks an account after five failures, even for the right password', async () => {
    await inTenant(system.db, A, (trx) => createAccount(trx, 'staff', { loginName: 'target', displayName: '標的', password: TEST_PASSWORD }));
    for (let i = 0; i < 5; i++) await attempt({ tenantCode: A, loginName: 'target', password: `wrong-${i}-password` }, 'lgwan');
    expect((await attempt({ tenantCode: A, loginName: 'target', password: TEST_PASSWORD }, 'lgwan')).status).toBe(401);
    const row = await inTenant(system.db, A, (trx) => sql<{ failed_attempts: number; locked: boolean }>`
      SELECT failed_attempts, locked_until > now() AS locked FROM staff_user WHERE login_name = 'target'`.execute(trx));
    expect(row.rows[0]).toEqual({ failed_attempts: 6, locked: true });
  });

  it('refuses forged, revoked and cross-zone session cookies', async () => {
    const forged = { cookie: 'yakuba_session=' + 'A'.repeat(43), csrfToken: 'x' };
    expect((await call(system, 'GET', '/api/v1/auth/me', undefined, { as: forged })).status).toBe(401);
    expect((await call(system, 'GET', '/api/v1/auth/me', undefined, { as: admin, zone: 'lgwan' })).status).toBe(401);
    const other = await staffSession(system, A);
    expect((await call(system, 'POST', '/api/v1/auth/sign-out', undefined, { as: other })).status).toBe(204);
    expect((await call(system, 'GET', '/api/v1/auth/me', undefined, { as: other })).status).toBe(401);
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const r = await call(system, 'POST', `/api/v1/tenants/${A}/users`, { loginName: 'csrf-victim', displayName: 'x' }, { as: admin, headers: { 'X-CSRF-Token': 'wrong' } });
    expect(r.status).toBe(403);
    expect(r.body.type).toBe('urn:yakuba:problem:csrf');
    expect((await call(system, 'GET', `/api/v1/tenants/${A}/users`, undefined, { as: admin })).body.items.map((u: { loginName: string }) => u.loginName)).not.toContain('csrf-victim');
  });

  it('answers 404 for a route called on a zone it does not serve, and 401 without a session', async () => {
    expect((await call(system, 'GET', `/api/v1/tenants/${A}/users`, undefined, { as: admin, zone: 'internet' })).status).toBe(404);
    expect((await call(system, 'GET', `/api/v1/tenants/${A}/users`)).status).toBe(401);
  });

  it('denies by permission and by tenant', async () => {
    const clerk = await staffSession(system, A, []);
    expect((await call(system, 'GET', `/api/v1/tenants/${A}/users`, undefined, { as: clerk })).status).toBe(403);
    expect((await call(system, 'GET', `/api/v1/tenants/${B}/users`, undefined, { as: admin })).body.type).toBe('urn:yakuba:problem:forbidden-tenant');
  });

  it('stops privilege escalation through roles', async () => {
    await call(system, 'PUT', `/api/v1/tenants/${A}/roles/user-admin`, { title: '利用者管理', permissions: ['identity:manage-users'] }, { as: admin });
    const userAdmin = await staffSession(system, A, ['user-admin']);
    const own = await call(system, 'PUT', `/api/v1/tenants/${A}/users/${userAdmin.loginName}/roles`, { roles: ['administrator'] }, { as: userAdmin });
    expect(own.status).toBe(409);
    const grant = await call(system, 'PUT', `/api/v1/tenants/${A}/users/${login}/roles`, { roles: ['administrator'] }, { as: userAdmin });
    expect(grant.status).toBe(422);
    expect(grant.body.errors[0].rule).toBe('not-held');
    const roleEdit = await call(system, 'PUT', `/api/v1/tenants/${A}/roles/user-admin`, { title: 'x', permissions: ['identity:manage-users', 'audit:read'] }, { as: userAdmin });
    expect(roleEdit.status).toBe(403);
    const me = await call(system, 'GET', '/api/v1/auth/me', undefined, { as: userAdmin });
    expect(me.body.permissions).toEqual(['identity:manage-users']);
  });

  it.each(["' OR '1'='1", "admin'--", "'); DROP TABLE staff_user; --", '1; SELECT pg_sleep(5)'])('treats %s as data in sign-in and user APIs', async (evil) => {
    const before = await usersOfA();
    expect((await attempt({ tenantCode: A, loginName: evil, password: evil, totp: evil })).status).toBeGreaterThanOrEqual(400);
    const created = await call(system, 'POST', `/api/v1/tenants/${A}/users`, { loginName: evil, displayName: evil, department: evil }, { as: admin });
    expect(created.status).toBe(422);
    expect((await call(system, 'POST', `/api/v1/tenants/${A}/users/${encodeURIComponent(evil)}/disable`, undefined, { as: admin })).status).toBe(404);
    expect(await usersOfA()).toBe(before);
  });

  it('creates a user with a one-time initial password that must be changed, and disabling ends every session', async () => {
    const created = await call(system, 'POST', `/api/v1/tenants/${A}/users`, { loginName: 'new-clerk', displayName: '新人 花子', roles: ['administrator'] }, { as: admin });
    expect(created.status).toBe(201);
    expect(created.body.account).toMatchObject({ loginName: 'new-clerk', mustChangePassword: true, totpEnrolled: false });
    const totp = await call(system, 'POST', `/api/v1/tenants/${A}/users/new-clerk/totp`, undefined, { as: admin });
    const session = await signIn(system, { tenantCode: A, loginName: 'new-clerk', password: created.body.initialPassword, secret: totp.body.secret });
    expect((await call(system, 'GET', `/api/v1/tenants/${A}/users`, undefined, { as: session })).body.type).toBe('urn:yakuba:problem:password-change-required');
    const wrong = await call(system, 'POST', '/api/v1/auth/password', { currentPassword: 'not-it-123456', newPassword: 'a-new-password-2026' }, { as: session });
    expect(wrong.body.errors[0]).toMatchObject({ field: 'currentPassword', rule: 'mismatch' });
    const weak = await call(system, 'POST', '/api/v1/auth/password', { currentPassword: created.body.initialPassword, newPassword: 'short' }, { as: session });
    expect(weak.body.errors[0].rule).toBe('password-policy');
    expect((await call(system, 'POST', '/api/v1/auth/password', { currentPassword: created.body.initialPassword, newPassword: 'a-new-password-2026' }, { as: session })).status).toBe(204);
    expect((await call(system, 'GET', `/api/v1/tenants/${A}/users`, undefined, { as: session })).status).toBe(200);
    expect((await call(system, 'POST', `/api/v1/tenants/${A}/users/new-clerk/disable`, undefined, { as: admin })).body.account.disabled).toBe(true);
    expect((await call(system, 'GET', '/api/v1/auth/me', undefined, { as: session })).status).toBe(401);
  });

  it('ends a session after the idle timeout and after the absolute timeout', async () => {
    const idle = await staffSession(system, A, []);
    const absolute = await staffSession(system, A, []);
    const age = (s: { loginName: string }, column: 'last_seen_at' | 'expires_at', interval: string) =>
      system.db.asOwner((c) =>
        c.query(`UPDATE auth_session SET ${column} = now() - interval '${interval}' WHERE account_id = (SELECT id FROM staff_user WHERE tenant_code = $1 AND login_name = $2)`, [A, s.loginName]),
      );
    await age(idle, 'last_seen_at', '31 minutes');
    await age(absolute, 'expires_at', '1 second');
    expect((await call(system, 'GET', '/api/v1/auth/me', undefined, { as: idle })).status).toBe(401);
    expect((await call(system, 'GET', '/api/v1/auth/me', undefined, { as: absolute })).status).toBe(401);
  });

  it('signs out everywhere', async () => {
    const first = await staffSession(system, A, []);
    const me = (await call(system, 'GET', '/api/v1/auth/me', undefined, { as: first })).body;
    const second = await inTenant(system.db, A, async (trx) => (await enrollTotp(trx, 'staff', me.loginName)).secret);
    await new Promise((r) => setTimeout(r, 0));
    const other = await signIn(system, { tenantCode: A, loginName: me.loginName, password: TEST_PASSWORD, secret: second }, 'lgwan');
    expect((await call(system, 'POST', '/api/v1/auth/sign-out-everywhere', undefined, { as: first })).body.revoked).toBe(2);
    expect((await call(system, 'GET', '/api/v1/auth/me', undefined, { as: other, zone: 'lgwan' })).status).toBe(401);
  });

  it('sends security headers', async () => {
    const r = await call(system, 'GET', '/healthz');
    expect(r.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    // Frames only from this origin and blob: (the UI's certificate preview); never any other site, no plugins.
    expect(r.headers.get('content-security-policy')).toContain("frame-src 'self' blob:");
    expect(r.headers.get('content-security-policy')).toContain("object-src 'none'");
    expect(r.headers.get('x-frame-options')).toBe('DENY');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('lets an operator onboard a 団体 but not read its business data', async () => {
    const operator = await operatorSession(system);
    const created = await call(system, 'POST', `/api/v1/tenants/${B}/users`, { loginName: 'b-admin', displayName: '管理者', roles: ['administrator'] }, { as: operator });
    expect(created.status).toBe(201);
    expect((await call(system, 'GET', `/api/v1/tenants/${B}/roles`, undefined, { as: operator })).status).toBe(403);
  });
});

describe('sign-in rate limit', () => {
  it('answers 429 with Retry-After past the limit per address', async () => {
    const system = await testSystem({ signInPerMinute: 20 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 22; i++) statuses.push((await call(system, 'POST', '/api/v1/auth/sign-in', { loginName: 'x', password: 'y' })).status);
      expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(20)).toEqual([429, 429]);
    } finally {
      await system.close();
    }
  });
});
