import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/database.ts';
import type { Database } from '../db/database.ts';
import { inPlatform, inTenant } from '../db/tenant-scope.ts';
import { createApp } from '../http/app.ts';
import type { Principal, Zone } from '../identity/principal.ts';
import { createLogger } from '../log.ts';
import { insertTenant, validateTenantCode } from '../tenancy/tenant.ts';
import { auditRoutes } from './api.ts';
import { appendAudit } from './append.ts';
import type { AuditEntryInput } from './types.ts';

const T = '131016';
const base = `/api/v1/tenants/${T}/audit-log`;

const entry = (jst: string, overrides: Partial<AuditEntryInput> = {}): AuditEntryInput => ({
  actor: { kind: 'staff', id: 'staff-a' },
  address: '192.0.2.10',
  zone: 'individual-number',
  module: 'resident-registry',
  function: 'resident-registry.inquiry',
  category: 'inquiry',
  targets: [{ kind: 'resident', id: '0190a0c2-0000-7000-8000-000000000001' }],
  occurredAt: new Date(jst),
  ...overrides,
});

const auditor = (permissions: string[] = ['audit:read'], tenantCode = T): Principal => ({
  kind: 'staff',
  id: 'auditor-1',
  name: 'auditor',
  tenantCode,
  permissions: new Set(permissions),
  secondFactor: true,
});

describe('audit log API', () => {
  let db: Database;
  let app: ReturnType<typeof createApp>;
  // Who calls: the real sign-in is the identity part's business; the guard only needs a principal.
  let caller: Principal | undefined = auditor();
  const get = async (path: string, zone: Zone = 'individual-number') => {
    const response = await app.request(path, {}, { zone });
    return { status: response.status, type: response.headers.get('content-type'), body: await response.json() };
  };

  beforeAll(async () => {
    db = await testDatabase();
    app = createApp({ log: createLogger(), authenticate: async () => caller, mount: (a) => a.route('/', auditRoutes(db)) });
    await inPlatform(db, (trx) => insertTenant(trx, validateTenantCode(T)));
    const entries = [
      entry('2026-01-06T23:30:00+09:00'),
      entry('2026-01-06T10:00:00+09:00'),
      entry('2026-01-07T09:00:00+09:00', { actor: { kind: 'staff', id: 'taro' }, module: 'identity', function: 'auth.sign-in', category: 'auth', outcome: 'failed', targets: [] }),
      entry('2026-01-07T09:01:00+09:00', { actor: { kind: 'staff', id: 'taro' }, module: 'identity', function: 'auth.sign-in', category: 'auth', targets: [] }),
      entry('2026-01-07T10:00:00+09:00', { searchCount: 250 }),
    ];
    for (const e of entries) await inTenant(db, T, (trx) => appendAudit(trx, e));
  });
  afterAll(() => db?.close());

  it('lists entries newest first, a page at a time by seq', async () => {
    const first = await get(`${base}?limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.items.map((e: { seq: number }) => e.seq)).toEqual([5, 4]);
    expect(first.body.items[0]).toMatchObject({ occurredAtJst: '2026-01-07T10:00:00.000+09:00', searchCount: 250, address: '192.0.2.10' });
    const second = await get(`${base}?limit=2&before=${first.body.nextBefore}`);
    expect(second.body.items.map((e: { seq: number }) => e.seq)).toEqual([3, 2]);
    const last = await get(`${base}?limit=2&before=${second.body.nextBefore}`);
    expect(last.body).toMatchObject({ items: [{ seq: 1 }], nextBefore: null });
  });

  it('filters by period (JST days), actor, module, category and outcome', async () => {
    const seqsOf = async (query: string) => (await get(`${base}?${query}`)).body.items.map((e: { seq: number }) => e.seq);
    expect(await seqsOf('from=2026-01-07&to=2026-01-07')).toEqual([5, 4, 3]);
    expect(await seqsOf('to=2026-01-06')).toEqual([2, 1]);
    expect(await seqsOf('actor=taro')).toEqual([4, 3]);
    expect(await seqsOf('module=identity&outcome=failed')).toEqual([3]);
    expect(await seqsOf('category=inquiry')).toEqual([5, 2, 1]);
  });

  it('filters by function and by a target’s id', async () => {
    const seqsOf = async (query: string) => (await get(`${base}?${query}`)).body.items.map((e: { seq: number }) => e.seq);
    expect(await seqsOf('function=auth.sign-in')).toEqual([4, 3]);
    expect(await seqsOf('function=auth.sign-in&outcome=failed')).toEqual([3]);
    expect(await seqsOf('function=auth')).toEqual([]);
    expect(await seqsOf('target=0190a0c2-0000-7000-8000-000000000001')).toEqual([5, 2, 1]);
    expect(await seqsOf('target=0190a0c2-0000-7000-8000-000000000002')).toEqual([]);
    // A quote or a JSON fragment is a value, never a piece of the query.
    expect(await seqsOf(`target=${encodeURIComponent('"}]')}`)).toEqual([]);
  });

  it('verifies the chain', async () => {
    expect(await get(`${base}/verify`)).toMatchObject({ status: 200, body: { ok: true, entries: 5 } });
  });

  it('runs each analysis', async () => {
    const period = 'from=2026-01-01&to=2026-01-31';
    const night = await get(`${base}/analyses/night-holiday?${period}`);
    expect(night.status).toBe(200);
    expect(night.body).toMatchObject({ kind: 'night-holiday', title: '深夜・休業日におけるアクセス一覧', total: 1, entries: [{ seq: 1, offHours: { night: true, closedDay: false } }] });
    expect((await get(`${base}/analyses/login-failures?${period}`)).body).toMatchObject({ total: 1, perActor: [{ actorId: 'taro', count: 1 }] });
    expect((await get(`${base}/analyses/sign-ins-per-user?${period}`)).body).toMatchObject({ total: 1, perActor: [{ actorId: 'taro', count: 1 }] });
    expect((await get(`${base}/analyses/mass-searches?${period}&threshold=200`)).body).toMatchObject({ total: 1, entries: [{ seq: 5 }] });
    expect((await get(`${base}/analyses/number-lookups?${period}`)).body).toMatchObject({ total: 0, entries: [] });
    const early = await get(`${base}/analyses/night-holiday?${period}&nightFrom=09:30&nightUntil=11:00`);
    expect(early.body.entries.map((e: { seq: number }) => e.seq)).toEqual([2, 5]);
  });

  it('answers problem+json 422 for bad dates, a reversed period, and an unknown analysis', async () => {
    for (const path of [
      `${base}?from=2026-02-30`,
      `${base}?from=2026-02-01&to=2026-01-01`,
      `${base}/analyses/night-holiday?from=2026-01-01`,
      `${base}/analyses/night-holiday?from=20260101&to=2026-01-31`,
      `${base}/analyses/night-holiday?from=2026-01-01&to=2026-01-31&nightFrom=9時`,
      `${base}/analyses/everything?from=2026-01-01&to=2026-01-31`,
    ]) {
      const answer = await get(path);
      expect(answer, path).toMatchObject({ status: 422, body: { type: 'urn:yakuba:problem:validation' } });
      expect(answer.type).toContain('application/problem+json');
    }
    const bad = await get(`${base}?from=2026-02-30`);
    expect(bad.body.errors[0]).toMatchObject({ field: 'query.from' });
  });

  it('needs audit:read, the caller’s own tenant and the individual-number zone', async () => {
    try {
      caller = auditor(['resident-registry:read']);
      expect((await get(`${base}/verify`)).status).toBe(403);
      caller = auditor(['audit:read'], '131024');
      expect((await get(`${base}/verify`)).status).toBe(403);
      caller = undefined;
      expect((await get(`${base}/verify`)).status).toBe(401);
      caller = auditor();
      expect((await get(`${base}/verify`, 'internet')).status).toBe(404);
    } finally {
      caller = auditor();
    }
  });
});
