import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, operatorSession, testSystem, type Session } from '../../../test/support/system.ts';
import type { System } from '../../system.ts';

describe('HTTP application', () => {
  let system: System;
  let as: Session;
  beforeAll(async () => {
    system = await testSystem();
    as = await operatorSession(system);
  });
  afterAll(() => system?.close());

  it('serves an OpenAPI 3.1 document that lists the mounted routes and the problem schema', async () => {
    const { status, body } = await call(system, 'GET', '/api/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths)).toEqual(expect.arrayContaining(['/healthz', '/api/v1/tenants', '/api/v1/tenants/{tenantCode}']));
    expect(body.components.schemas.Problem).toBeDefined();
  });

  it('reports database and dispatcher state on /healthz', async () => {
    const { status, body } = await call(system, 'GET', '/healthz');
    expect(status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.database).toMatchObject({ ok: true, engine: system.db.engine });
    expect(body.dispatcher).toMatchObject({ running: false, lastError: null });
  });

  it('gives every response a request id, echoing one the client sent', async () => {
    const own = await system.app.request('/healthz', { headers: { 'X-Request-Id': 'counter-7-0001' } }, { zone: 'lgwan' });
    expect(own.headers.get('X-Request-Id')).toBe('counter-7-0001');
    const generated = await system.app.request('/healthz', {}, { zone: 'internet' });
    expect(generated.headers.get('X-Request-Id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  const isProblem = (r: Awaited<ReturnType<typeof call>>, status: number, code: string) => {
    expect(r.status).toBe(status);
    expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(r.body).toMatchObject({ type: `urn:yakuba:problem:${code}`, status });
    expect(r.body.title).toMatch(/[ぁ-んァ-ヶ一-龠]/);
    expect(r.body.detail).toMatch(/[ぁ-んァ-ヶ一-龠]/);
  };

  it('answers an unknown route with problem+json 404', async () => {
    isProblem(await call(system, 'GET', '/api/v1/no-such-thing'), 404, 'route-not-found');
  });

  it('answers a known route with the wrong method with 405 and Allow', async () => {
    const r = await call(system, 'PUT', '/api/v1/tenants', undefined, { as });
    isProblem(r, 405, 'method-not-allowed');
    expect(r.headers.get('Allow')).toBe('GET, POST');
  });

  it('answers malformed JSON with 400', async () => {
    isProblem(await call(system, 'POST', '/api/v1/tenants', '{"tenantCode": ', { as }), 400, 'malformed-json');
  });

  it('answers a missing field with 422 naming the field and the rule', async () => {
    const r = await call(system, 'POST', '/api/v1/tenants', {}, { as });
    isProblem(r, 422, 'validation');
    expect(r.body.errors).toEqual([{ field: 'body.tenantCode', rule: 'required', message: 'body.tenantCode: 必須項目です' }]);
  });

  it('answers a body over the limit with 413 and writes nothing', async () => {
    const r = await call(system, 'POST', '/api/v1/tenants', { tenantCode: '131016', padding: 'x'.repeat(2 * 1024 * 1024) }, { as });
    isProblem(r, 413, 'payload-too-large');
    expect((await call(system, 'GET', '/api/v1/tenants', undefined, { as })).body.items).toEqual([]);
  });
});

describe('dead-letter API', () => {
  let system: System;
  let as: Session;
  beforeAll(async () => {
    system = await testSystem();
    as = await operatorSession(system);
    await call(system, 'POST', '/api/v1/tenants', { tenantCode: '131016' }, { as });
  });
  afterAll(() => system?.close());

  it('lists no dead letters for a healthy tenant and rejects bad tenant codes', async () => {
    expect(await call(system, 'GET', '/api/v1/tenants/131016/dead-letters', undefined, { as })).toMatchObject({ status: 200, body: { items: [] } });
    expect((await call(system, 'GET', '/api/v1/tenants/131017/dead-letters', undefined, { as })).status).toBe(422);
  });

  it('answers 404 for replaying a delivery that is not dead and 422 for a malformed id', async () => {
    const missing = await call(system, 'POST', '/api/v1/tenants/131016/dead-letters/x.y/01890a5d-ac96-774b-bcce-b302099a8057/replay', undefined, { as });
    expect(missing.status).toBe(404);
    expect((await call(system, 'POST', '/api/v1/tenants/131016/dead-letters/x.y/not-a-uuid/replay', undefined, { as })).status).toBe(422);
  });
});
