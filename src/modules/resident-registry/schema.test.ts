import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/database.ts';
import { toSearchKey } from '../../jp/index.ts';
import type { Database } from '../../platform/db/database.ts';
import { migrate } from '../../platform/db/migrations.ts';
import { inPlatform, inTenant, type Trx } from '../../platform/db/tenant-scope.ts';
import { insertTenant, validateTenantCode } from '../../platform/tenancy/tenant.ts';
import { CHANGE_REASONS } from './data-list.ts';
import { parseRelationship } from './rules/relationship.ts';

// The module is registered, so the shared template already holds its tables; migrating again must change nothing.
const source = { id: 'resident-registry', dir: fileURLToPath(new URL('./migrations/', import.meta.url)) };
const T = '131016';
const OTHER = '011002';
const OPERATOR = randomUUID();

type Row = Record<string, unknown>;

const insert = (trx: Trx, table: string, row: Row) =>
  sql`INSERT INTO ${sql.table(table)} (${sql.join(Object.keys(row).map((c) => sql.ref(c)))}) VALUES (${sql.join(Object.values(row))})`.execute(trx);

function change(id: string, procedure: string, effective: string, processedAt: string, extra: Row = {}): Row {
  return {
    tenant_code: T, id, procedure, basis: 'notification', effective_date: effective, notified_date: processedAt.slice(0, 10),
    processed_at: processedAt, processed_on: processedAt.slice(0, 10), operator_id: OPERATOR, ...extra,
  };
}

function version(residentId: string, householdId: string, historyNo: number, changeId: string, validFrom: string, recordedAt: string, extra: Row = {}): Row {
  return {
    tenant_code: T, resident_id: residentId, history_no: historyNo, change_id: changeId, reason: 'domestic_move_in', valid_from: validFrom,
    recorded_at: recordedAt, resident_kind: 'japanese', status: 'resident', household_id: householdId, household_no: '0000000019',
    relationship: '世帯主', name: '青木　太郎', birth_date: '1990-01-07', sex: '1', registered_domicile: '東京都千代田区千代田1番',
    family_register_head: '青木　太郎', became_resident_on: '2025-04-01', address: '松町1番地', address_set_on: validFrom,
    resident_code: '12345678901', name_kana: 'アオキ　タロウ', name_kana_key: toSearchKey('アオキ　タロウ'), ...extra,
  };
}

interface Seen { history_no: number; address: string; birth_date: string; status: string }

describe('resident-registry schema (migrations/001_init.sql)', () => {
  let db: Database;
  const taro = randomUUID();
  const hanako = randomUUID();
  const household = randomUUID();
  const [c1, c2, c3, c4, c5, c6] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];

  const asOf = (residentId: string, date: string, knownAt?: string) =>
    inTenant(db, T, async (trx) => {
      const known = knownAt ? sql`${knownAt}::timestamptz` : sql`now()`;
      const { rows } = await sql<Seen>`SELECT history_no, address, birth_date, status FROM resident_version_as_of(${date}::date, ${known}) WHERE resident_id = ${residentId}`.execute(trx);
      return rows[0];
    });

  beforeAll(async () => {
    db = await testDatabase();
    await inPlatform(db, async (trx) => {
      await insertTenant(trx, validateTenantCode(T));
      await insertTenant(trx, validateTenantCode(OTHER));
    });
  });
  afterAll(() => db?.close());

  it('is applied with the platform migrations, once', async () => {
    expect((await migrate(db, [source])).applied).toEqual([]);
  });

  it('records a 転入, a 転居, an 誤記修正 and an 異動の取消し as appended rows (j200, j860, j980)', async () => {
    await inTenant(db, T, async (trx) => {
      await insert(trx, 'household', { tenant_code: T, id: household, household_no: '0000000019' });
      await insert(trx, 'resident', { tenant_code: T, id: taro, addressee_no: '0000000019', resident_code: '12345678901', last_history_no: 5 });
      await insert(trx, 'resident', { tenant_code: T, id: hanako, addressee_no: '0000000027', resident_code: '12345678902', last_history_no: 2 });
      await insert(trx, 'resident_change', change(c1, 'move_in', '2025-04-01', '2025-04-03T10:00:00+09:00'));
      await insert(trx, 'resident_version', version(taro, household, 1, c1, '2025-04-01', '2025-04-03T10:00:00+09:00'));
      await insert(trx, 'household_version', { tenant_code: T, household_id: household, history_no: 1, change_id: c1, valid_from: '2025-04-01', recorded_at: '2025-04-03T10:00:00+09:00', status: 'active', head_resident_id: taro });
      await insert(trx, 'household_version_member', { tenant_code: T, household_id: household, history_no: 1, member_order: 1, resident_id: taro });
      // 転居 on 1 March 2026, processed on the 5th.
      await insert(trx, 'resident_change', change(c2, 'move_within', '2026-03-01', '2026-03-05T09:00:00+09:00'));
      await insert(trx, 'resident_version', version(taro, household, 2, c2, '2026-03-01', '2026-03-05T09:00:00+09:00', { reason: 'move_within', address: '松町8番地' }));
      // 誤記修正 of the birth date: every live version is re-issued with the right date, superseding the wrong one.
      await insert(trx, 'resident_change', change(c3, 'clerical_correction', '2026-04-10', '2026-04-10T11:00:00+09:00', { basis: 'ex_officio', notified_date: null, corrects_change_id: c1 }));
      await insert(trx, 'resident_version', version(taro, household, 3, c3, '2025-04-01', '2026-04-10T11:00:00+09:00', { reason: 'clerical_correction', birth_date: '1990-01-17', supersedes_history_no: 1 }));
      await insert(trx, 'resident_version', version(taro, household, 4, c3, '2026-03-01', '2026-04-10T11:00:00+09:00', { reason: 'clerical_correction', birth_date: '1990-01-17', address: '松町8番地', supersedes_history_no: 2 }));
      // The 転居 is cancelled: the state before it comes back, as a new row (異動の取消し（修正）).
      await insert(trx, 'resident_change', change(c4, 'cancellation', '2026-05-01', '2026-05-01T15:00:00+09:00', { cancels_change_id: c2 }));
      await insert(trx, 'resident_version', version(taro, household, 5, c4, '2026-03-01', '2026-05-01T15:00:00+09:00', { reason: 'cancellation_correction', birth_date: '1990-01-17', supersedes_history_no: 4 }));
      // 花子: 転入, then a 転出 notified on 20 May for 30 June (転出予定日 after the 届出日, j640).
      await insert(trx, 'resident_change', change(c5, 'move_in', '2026-03-01', '2026-03-02T10:00:00+09:00'));
      await insert(trx, 'resident_version', version(hanako, household, 1, c5, '2026-03-01', '2026-03-02T10:00:00+09:00', { relationship: '妻', name: '青木　花子', name_kana: 'アオキ　ハナコ', name_kana_key: toSearchKey('アオキ　ハナコ'), sex: '2', birth_date: '1992-12-30', became_resident_on: '2026-03-01', resident_code: '12345678902' }));
      await insert(trx, 'resident_change', change(c6, 'move_out', '2026-06-30', '2026-05-20T10:00:00+09:00'));
      await insert(trx, 'resident_version', version(hanako, household, 2, c6, '2026-06-30', '2026-05-20T10:00:00+09:00', {
        reason: 'domestic_move_out', status: 'moved_out', removal_reason: 'domestic_move_out', removal_event_date: '2026-06-30', move_out_destination: '大阪府堺市',
        relationship: '妻', name: '青木　花子', name_kana: 'アオキ　ハナコ', name_kana_key: toSearchKey('アオキ　ハナコ'), sex: '2', birth_date: '1992-12-30', became_resident_on: '2026-03-01', resident_code: '12345678902',
      }));
    });
  });

  it.each([
    ['2025-03-31', undefined, undefined],
    ['2026-01-01', '2026-04-01T00:00:00+09:00', { history_no: 1, address: '松町1番地', birth_date: '1990-01-07' }],
    ['2026-01-01', undefined, { history_no: 3, address: '松町1番地', birth_date: '1990-01-17' }],
    ['2026-03-10', '2026-04-01T00:00:00+09:00', { history_no: 2, address: '松町8番地', birth_date: '1990-01-07' }],
    ['2026-03-10', '2026-04-15T00:00:00+09:00', { history_no: 4, address: '松町8番地', birth_date: '1990-01-17' }],
    ['2026-03-10', undefined, { history_no: 5, address: '松町1番地', birth_date: '1990-01-17' }],
  ])('as of %s, as known at %s, the state is %o', async (date, knownAt, expected) => {
    const seen = await asOf(taro, date, knownAt);
    if (expected === undefined) expect(seen).toBeUndefined();
    else expect(seen).toMatchObject(expected);
  });

  it('keeps a 転出 with a future 転出予定日 a resident until that day; the 除票 stays queryable (j50, j640)', async () => {
    expect(await asOf(hanako, '2026-06-29')).toMatchObject({ history_no: 1, status: 'resident' });
    expect(await asOf(hanako, '2026-06-30')).toMatchObject({ history_no: 2, status: 'moved_out' });
    const residentsOn = (d: string) =>
      inTenant(db, T, async (trx) => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM resident_version_as_of(${d}::date) WHERE status = 'resident'`.execute(trx)).rows[0]!.n);
    expect([await residentsOn('2026-02-01'), await residentsOn('2026-04-01'), await residentsOn('2026-07-01')]).toEqual([1, 2, 1]);
  });

  it('finds people by a フリガナ prefix over current and past versions (2.1.2 j330, 2.1.3 j340)', async () => {
    const found = await inTenant(db, T, async (trx) =>
      (await sql<{ resident_id: string }>`SELECT DISTINCT resident_id FROM resident_version WHERE tenant_code = ${T} AND name_kana_key LIKE ${`${toSearchKey('あおき')}%`}`.execute(trx)).rows);
    expect(found.map((r) => r.resident_id).sort()).toEqual([taro, hanako].sort());
  });

  it('gives the household as of a date with its head and ordered members', async () => {
    const members = await inTenant(db, T, async (trx) =>
      (await sql<{ resident_id: string; member_order: number; head_resident_id: string }>`
        SELECT m.resident_id, m.member_order, h.head_resident_id FROM household_version_as_of('2026-01-01') h
        JOIN household_version_member m USING (tenant_code, household_id, history_no) ORDER BY m.member_order`.execute(trx)).rows);
    expect(members).toEqual([{ resident_id: taro, member_order: 1, head_resident_id: taro }]);
  });

  it('lets the application append history but never change or delete it', async () => {
    await expect(inTenant(db, T, (trx) => sql`UPDATE resident_version SET address = 'x' WHERE resident_id = ${taro}`.execute(trx))).rejects.toThrow(/permission denied/);
    await expect(inTenant(db, T, (trx) => sql`DELETE FROM resident_version WHERE resident_id = ${taro}`.execute(trx))).rejects.toThrow(/permission denied/);
    await expect(inTenant(db, T, (trx) => sql`DELETE FROM resident_change WHERE id = ${c1}`.execute(trx))).rejects.toThrow(/permission denied/);
    await expect(inTenant(db, T, (trx) => sql`UPDATE household_version SET status = 'dissolved'`.execute(trx))).rejects.toThrow(/permission denied/);
  });

  it('refuses to supersede a version twice', async () => {
    const c = randomUUID();
    await expect(
      inTenant(db, T, async (trx) => {
        await insert(trx, 'resident_change', change(c, 'clerical_correction', '2026-05-02', '2026-05-02T10:00:00+09:00'));
        await insert(trx, 'resident_version', version(taro, household, 6, c, '2025-04-01', '2026-05-02T10:00:00+09:00', { reason: 'clerical_correction', supersedes_history_no: 1 }));
      }),
    ).rejects.toThrow(/duplicate key|unique/);
  });

  it('supports the optimistic lock on the current household row (stale version → no row → 409)', async () => {
    const bump = (expected: number) =>
      inTenant(db, T, async (trx) => Number((await sql`UPDATE household SET version = version + 1, updated_at = now() WHERE id = ${household} AND version = ${expected}`.execute(trx)).numAffectedRows));
    expect(await bump(1)).toBe(1);
    expect(await bump(1)).toBe(0);
  });

  it('requires the 世帯主 to be a member of the household version (checked at commit)', async () => {
    const c = randomUUID();
    await expect(
      inTenant(db, T, async (trx) => {
        await insert(trx, 'resident_change', change(c, 'household_change', '2026-05-03', '2026-05-03T10:00:00+09:00'));
        await insert(trx, 'household_version', { tenant_code: T, household_id: household, history_no: 2, change_id: c, valid_from: '2026-05-03', recorded_at: '2026-05-03T10:00:00+09:00', status: 'active', head_resident_id: hanako });
        await insert(trx, 'household_version_member', { tenant_code: T, household_id: household, history_no: 2, member_order: 1, resident_id: taro });
      }),
    ).rejects.toThrow(/household_version_head_is_member/);
  });

  it('isolates tenants: another 団体 sees nothing and cannot write into this one', async () => {
    const counts = await inTenant(db, OTHER, async (trx) =>
      (await sql<{ n: number }>`SELECT (SELECT count(*) FROM resident_version) + (SELECT count(*) FROM resident_version_as_of('2030-01-01')) + (SELECT count(*) FROM resident) AS n`.execute(trx)).rows[0]!.n);
    expect(Number(counts)).toBe(0);
    const none = await inPlatform(db, async (trx) => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM resident`.execute(trx)).rows[0]!.n);
    expect(none).toBe(0);
    await expect(inTenant(db, OTHER, (trx) => insert(trx, 'resident', { tenant_code: T, id: randomUUID(), addressee_no: '0000000035' }))).rejects.toThrow(/row-level security/);
  });

  it('holds the same 異動事由 codes as data-list.ts (j210)', async () => {
    const def = await db.asOwner(async (c) =>
      (await c.query<{ def: string }>(`SELECT pg_get_constraintdef(k.oid) AS def FROM pg_constraint k JOIN pg_type t ON k.contypid = t.oid WHERE t.typname = 'resident_change_reason'`)).rows[0]!.def);
    const codes = [...def.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]).sort();
    expect(codes).toEqual(Object.keys(CHANGE_REASONS).sort());
  });

  it.each(['世帯主', '妻', '妻（未届）', '子の子の子の子', '子の妻', '父の母', '縁故者', '同居人', '孫', '祖父', '子の子の子の子の子', '世帯主の子', '子の', 'おじ', '夫(未届)'])(
    'the 続柄 domain and rules/relationship.ts agree on 「%s」 (j110)',
    async (value) => {
      const accepted = await inTenant(db, T, (trx) => sql`SELECT ${value}::resident_relationship`.execute(trx)).then(() => true, () => false);
      const parsed = parseRelationship(value);
      // The domain holds normalised values only: 夫(未届) is stored as 夫（未届）.
      expect(accepted).toBe(parsed.ok && parsed.value.text === value);
    },
  );
});
