import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/database.ts';
import type { Database } from '../db/database.ts';
import { inPlatform, inTenant } from '../db/tenant-scope.ts';
import { ValidationError } from '../errors.ts';
import { insertTenant, validateTenantCode } from '../tenancy/tenant.ts';
import { analyseAuditLog, type AnalysisKind, type AnalysisOptions } from './analyses.ts';
import { appendAudit } from './append.ts';
import type { AuditEntryInput } from './types.ts';
import { verifyAuditChain } from './verify.ts';

const T = '131016';
const PERIOD = { from: '2025-12-29', to: '2026-01-31' };
// Thursday 8 January 2026, office hours: matches no time rule.
const WEEKDAY = '2026-01-08T11:00:00+09:00';

/** One entry at a JST wall time, labelled so a test can name the entries it expects. */
function at(label: string, jst: string, overrides: Partial<AuditEntryInput> = {}): AuditEntryInput {
  return {
    actor: { kind: 'staff', id: 'staff-a' },
    zone: 'individual-number',
    module: 'resident-registry',
    function: 'resident-registry.inquiry',
    category: 'inquiry',
    detail: { label },
    occurredAt: new Date(jst),
    ...overrides,
  };
}

const signIn = (label: string, id: string, outcome: 'success' | 'failed' | 'denied', fn = 'auth.sign-in'): AuditEntryInput =>
  at(label, WEEKDAY, { actor: { kind: 'staff', id }, module: 'identity', function: fn, category: 'auth', outcome });

const ENTRIES: AuditEntryInput[] = [
  at('weekday-23:30', '2026-01-06T23:30:00+09:00'),
  at('new-year-10:00', '2026-01-01T10:00:00+09:00', { actor: { kind: 'staff', id: 'staff-b' } }),
  at('new-year-23:30', '2026-01-01T23:30:00+09:00'),
  at('tuesday-10:00', '2026-01-06T10:00:00+09:00'),
  at('wednesday-05:59', '2026-01-07T05:59:00+09:00'),
  at('wednesday-06:00', '2026-01-07T06:00:00+09:00'),
  at('wednesday-21:00', '2026-01-07T21:00:00+09:00'),
  at('saturday-14:00', '2026-01-10T14:00:00+09:00'),
  at('coming-of-age-day', '2026-01-12T10:00:00+09:00'),
  at('year-end-12-30', '2025-12-30T09:00:00+09:00'),
  at('first-minute', '2025-12-29T00:10:00+09:00'),
  at('after-period', '2026-02-01T00:30:00+09:00'),
  at('batch-at-night', '2026-01-06T23:00:00+09:00', { actor: { kind: 'system', id: 'job:annual-assessment' }, category: 'batch-update' }),
  signIn('taro-fail-1', 'taro', 'failed'),
  signIn('taro-fail-2', 'taro', 'failed'),
  signIn('taro-fail-3', 'taro', 'failed'),
  signIn('hanako-fail', 'hanako', 'failed'),
  signIn('locked', 'ghost', 'denied'),
  signIn('taro-ok-1', 'taro', 'success'),
  signIn('taro-ok-2', 'taro', 'success'),
  signIn('hanako-ok', 'hanako', 'success'),
  signIn('taro-out', 'taro', 'success', 'auth.sign-out'),
  at('search-150', WEEKDAY, { actor: { kind: 'staff', id: 'staff-c' }, searchCount: 150 }),
  at('search-99', WEEKDAY, { actor: { kind: 'staff', id: 'staff-c' }, searchCount: 99 }),
  at('search-100', WEEKDAY, { actor: { kind: 'staff', id: 'staff-d' }, searchCount: 100 }),
  at('by-number-1', WEEKDAY, { lookupByNumber: true, searchCount: 1 }),
  at('by-number-2', WEEKDAY, { actor: { kind: 'staff', id: 'staff-b' }, lookupByNumber: true, myNumberAccessed: true, searchCount: 1 }),
];

describe('audit log analyses (標準仕様 10.2 分析例)', () => {
  let db: Database;
  const run = (kind: AnalysisKind, options: Partial<AnalysisOptions> = {}) => analyseAuditLog(db, T, kind, { ...PERIOD, ...options });
  const labels = async (kind: AnalysisKind, options: Partial<AnalysisOptions> = {}) =>
    (await run(kind, options)).entries.map((e) => e.detail!.label).sort();

  beforeAll(async () => {
    db = await testDatabase();
    await inPlatform(db, (trx) => insertTenant(trx, validateTenantCode(T)));
    for (const entry of ENTRIES) await inTenant(db, T, (trx) => appendAudit(trx, entry));
  });
  afterAll(() => db?.close());

  it('lists access at night (22:00–05:59 JST) and on closed days, never scheduled batches', async () => {
    expect(await labels('night-holiday')).toEqual(
      ['coming-of-age-day', 'first-minute', 'new-year-10:00', 'new-year-23:30', 'saturday-14:00', 'wednesday-05:59', 'weekday-23:30', 'year-end-12-30'].sort(),
    );
    const result = await run('night-holiday');
    const flags = Object.fromEntries(result.entries.map((e) => [e.detail!.label, e.offHours]));
    expect(flags['weekday-23:30']).toEqual({ night: true, closedDay: false });
    expect(flags['new-year-10:00']).toEqual({ night: false, closedDay: true });
    expect(flags['new-year-23:30']).toEqual({ night: true, closedDay: true });
    expect(result.perActor.map((a) => [a.actorId, a.count])).toEqual([
      ['staff-a', 7],
      ['staff-b', 1],
    ]);
  });

  it('takes another night from the options', async () => {
    const labelsFrom20 = await labels('night-holiday', { night: { from: '20:00', until: '06:00' } });
    expect(labelsFrom20).toContain('wednesday-21:00');
    expect(await labels('night-holiday', { from: '2026-01-06', to: '2026-01-07', night: { from: '00:00', until: '06:00' } })).toEqual(['wednesday-05:59']);
  });

  it('lists login failures with a count per ID', async () => {
    const result = await run('login-failures');
    expect(result.total).toBe(5);
    expect(result.perActor.map((a) => [a.actorId, a.count])).toEqual([
      ['taro', 3],
      ['ghost', 1],
      ['hanako', 1],
    ]);
  });

  it('counts sign-ins per ID (ID別ログイン数), not sign-outs or failures', async () => {
    const result = await run('sign-ins-per-user');
    expect(result.perActor.map((a) => [a.actorId, a.count])).toEqual([
      ['taro', 2],
      ['hanako', 1],
    ]);
  });

  it('lists mass searches at or above the threshold', async () => {
    expect(await labels('mass-searches')).toEqual(['search-100', 'search-150']);
    expect(await labels('mass-searches', { threshold: 120 })).toEqual(['search-150']);
  });

  it('lists searches by number (宛名番号・個人番号)', async () => {
    const result = await run('number-lookups');
    expect(result.entries.map((e) => e.detail!.label)).toEqual(['by-number-1', 'by-number-2']);
    expect(result.entries[1]!.myNumberAccessed).toBe(true);
  });

  it('caps the list but counts everything', async () => {
    const result = await run('night-holiday', { limit: 3 });
    expect(result).toMatchObject({ total: 8, truncated: true });
    expect(result.entries).toHaveLength(3);
    expect(result.entries[0]!.detail!.label).toBe('first-minute');
  });

  it('refuses a reversed period, a bad time and a bad threshold', async () => {
    await expect(run('night-holiday', { from: '2026-02-01', to: '2026-01-01' })).rejects.toThrow(ValidationError);
    await expect(run('night-holiday', { night: { from: '25:00', until: '06:00' } })).rejects.toThrow(/HH:MM/);
    await expect(run('mass-searches', { threshold: 0 })).rejects.toThrow(ValidationError);
  });

  it('crafted times leave the chain valid', async () => {
    expect(await verifyAuditChain(db, T)).toEqual({ ok: true, entries: ENTRIES.length });
  });
});
