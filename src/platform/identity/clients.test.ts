import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, operatorSession, staffSession, testSystem, type Session } from '../../../test/support/system.ts';
import type { System } from '../../system.ts';

const A = '131016';
const B = '011002';

describe('integration clients (client credentials)', () => {
  let system: System;
  let admin: Session;
  let secret: string;

  beforeAll(async () => {
    system = await testSystem();
    const operator = await operatorSession(system);
    for (const tenantCode of [A, B]) await call(system, 'POST', '/api/v1/tenants', { tenantCode }, { as: operator });
    admin = await staffSession(system, A);
    const created = await call(system, 'POST', `/api/v1/tenants/${A}/clients`, { name: 'tax-system', title: '税務システム', scopes: ['jobs:read'] }, { as: admin });
    expect(created.status).toBe(201);
    expect(created.body.client.clientId).toBe(`${A}.tax-system`);
    secret = created.body.clientSecret;
  });
  afterAll(() => system?.close());

  const token = async (id: string, s: string, zone: 'individual-number' | 'lgwan' = 'individual-number') =>
    call(system, 'POST', '/api/v1/auth/token', `grant_type=client_credentials&client_id=${encodeURIComponent(id)}&client_secret=${encodeURIComponent(s)}`, {
      zone,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  const bearer = (t: string) => ({ headers: { Authorization: `Bearer ${t}` } });

  it('issues a short-lived token limited to the tenant, the zone and the scopes', async () => {
    const r = await token(`${A}.tax-system`, secret);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ token_type: 'Bearer', expires_in: 900, scope: 'jobs:read' });
    const t = r.body.access_token;
    expect((await call(system, 'GET', `/api/v1/tenants/${A}/jobs`, undefined, bearer(t))).status).toBe(200);
    expect((await call(system, 'POST', `/api/v1/tenants/${A}/jobs`, { type: 'x' }, bearer(t))).status).toBe(403);
    expect((await call(system, 'GET', `/api/v1/tenants/${B}/jobs`, undefined, bearer(t))).status).toBe(403);
    expect((await call(system, 'GET', '/api/v1/auth/me', undefined, bearer(t))).body).toMatchObject({ kind: 'client', tenantCode: A, permissions: ['jobs:read'] });
    // A token is bound to the zone it was issued on.
    expect((await call(system, 'GET', '/api/v1/auth/me', undefined, { ...bearer(t), zone: 'lgwan' })).status).toBe(401);
  });

  it('refuses a wrong secret, an unknown client and a malformed id with one answer', async () => {
    for (const r of [await token(`${A}.tax-system`, 'wrong'), await token(`${B}.tax-system`, secret), await token('tax-system', secret)]) {
      expect(r.status).toBe(401);
      expect(r.body.type).toBe('urn:yakuba:problem:invalid-client');
    }
  });

  it('refuses forged and expired tokens', async () => {
    const forged = await new SignJWT({ tenant: A, zone: 'individual-number', scope: 'jobs:read' })
      .setProtectedHeader({ alg: 'HS256' }).setIssuer('yakuba').setAudience('yakuba').setSubject(`${A}.tax-system`).setExpirationTime('5m')
      .sign(new TextEncoder().encode('not-the-server-key-not-the-server-key'));
    expect((await call(system, 'GET', `/api/v1/tenants/${A}/jobs`, undefined, bearer(forged))).status).toBe(401);
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: `${A}.tax-system`, tenant: A, zone: 'individual-number', scope: 'jobs:read' })).toString('base64url')}.`;
    expect((await call(system, 'GET', `/api/v1/tenants/${A}/jobs`, undefined, bearer(unsigned))).status).toBe(401);
  });

  it('stops a disabled client at once, including its issued tokens', async () => {
    const t = (await token(`${A}.tax-system`, secret)).body.access_token;
    expect((await call(system, 'POST', `/api/v1/tenants/${A}/clients/tax-system/disable`, undefined, { as: admin })).status).toBe(204);
    expect((await call(system, 'GET', `/api/v1/tenants/${A}/jobs`, undefined, bearer(t))).status).toBe(401);
    expect((await token(`${A}.tax-system`, secret)).status).toBe(401);
  });

  it('does not let a client be given scopes its creator lacks', async () => {
    const clerk = await staffSession(system, A, []);
    expect((await call(system, 'POST', `/api/v1/tenants/${A}/clients`, { name: 'x-system', title: 'x', scopes: ['jobs:run'] }, { as: clerk })).status).toBe(403);
    const r = await call(system, 'POST', `/api/v1/tenants/${A}/clients`, { name: 'y-system', title: 'y', scopes: ['tenants:manage'] }, { as: admin });
    expect(r.status).toBe(422);
  });
});
