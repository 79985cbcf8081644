import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, operatorSession, staffSession, testSystem, type Session } from '../../../test/support/system.ts';
import { inTenant } from '../../platform/db/tenant-scope.ts';
import type { System } from '../../system.ts';

describe('tenants module (団体管理)', () => {
  let system: System;
  let as: Session;
  beforeAll(async () => {
    system = await testSystem();
    as = await operatorSession(system);
  });
  afterAll(() => system?.close());

  it('adds a 団体 by its official code and announces it with a tenants.added event', async () => {
    const r = await call(system, 'POST', '/api/v1/tenants', { tenantCode: '271403' }, { as });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ tenantCode: '271403', name: '堺市', prefecture: '大阪府', kind: 'designated_city', status: 'active' });
    const events = await inTenant(system.db, '271403', (trx) => sql<{ type: string; payload: unknown }>`SELECT type, payload FROM event_outbox`.execute(trx));
    expect(events.rows).toEqual([{ type: 'tenants.added', payload: { tenantCode: '271403', name: '堺市', prefecture: '大阪府' } }]);
  });

  it('lists and reads 団体', async () => {
    await call(system, 'POST', '/api/v1/tenants', { tenantCode: '011002' }, { as });
    const list = await call(system, 'GET', '/api/v1/tenants', undefined, { as });
    expect(list.body.items.map((t: { tenantCode: string }) => t.tenantCode)).toEqual(['011002', '271403']);
    expect((await call(system, 'GET', '/api/v1/tenants/011002', undefined, { as })).body.name).toBe('札幌市');
  });

  it.each([
    ['12345', 'format'],
    ['131017', 'check-digit'],
    ['999997', 'official-list'],
  ])('rejects %s (%s) with 422 and writes nothing', async (tenantCode, rule) => {
    const r = await call(system, 'POST', '/api/v1/tenants', { tenantCode }, { as });
    expect(r.status).toBe(422);
    expect(r.body.errors[0]).toMatchObject({ field: 'tenantCode', rule });
    expect((await call(system, 'GET', '/api/v1/tenants', undefined, { as })).body.items).toHaveLength(2);
  });

  it('shows staff their own 団体 only and refuses them the operator’s operations', async () => {
    const staff = await staffSession(system, '011002');
    expect((await call(system, 'GET', '/api/v1/tenants', undefined, { as: staff })).body.items.map((t: { tenantCode: string }) => t.tenantCode)).toEqual(['011002']);
    expect((await call(system, 'GET', '/api/v1/tenants/271403', undefined, { as: staff })).status).toBe(403);
    expect((await call(system, 'POST', '/api/v1/tenants', { tenantCode: '472018' }, { as: staff })).status).toBe(403);
  });

  it('refuses to add the same 団体 twice with 409', async () => {
    const r = await call(system, 'POST', '/api/v1/tenants', { tenantCode: '271403' }, { as });
    expect(r.status).toBe(409);
    expect(r.body.type).toBe('urn:yakuba:problem:tenant-exists');
  });

  it('answers 404 for a valid code that is not registered, 422 for a malformed one', async () => {
    expect((await call(system, 'GET', '/api/v1/tenants/131016', undefined, { as })).status).toBe(404);
    expect((await call(system, 'GET', '/api/v1/tenants/abc', undefined, { as })).status).toBe(422);
  });
});
