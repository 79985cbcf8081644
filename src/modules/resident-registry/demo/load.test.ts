import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, operatorSession, staffSession, testSystem, type Session } from '../../../../test/support/system.ts';
import { addDays, addresseeNumber } from '../../../jp/index.ts';
import { listAuditEntries } from '../../../platform/audit/index.ts';
import { inTenant } from '../../../platform/db/tenant-scope.ts';
import type { System } from '../../../system.ts';
import { todayInJapan } from '../procedure.ts';
import { loadDemoResidents } from './load.ts';

const A = '131016';
const BASE = '/api/v1/resident-registry';

describe('demo load: 500 residents straight into the tables, seen by the reads', () => {
  let system: System;
  let staff: Session;
  const progress: string[] = [];

  beforeAll(async () => {
    system = await testSystem();
    const operator = await operatorSession(system);
    expect((await call(system, 'POST', '/api/v1/tenants', { tenantCode: A }, { as: operator })).status).toBe(201);
    staff = await staffSession(system, A);
    const result = await loadDemoResidents(system.db, A, { residents: 500, seed: 7, batchSize: 200, progress: (line) => progress.push(line) });
    expect(result).toMatchObject({ residents: 500, batches: 3 });
  });
  afterAll(() => system?.close());

  const query = <T>(text: ReturnType<typeof sql<T>>) => inTenant(system.db, A, async (trx) => (await text.execute(trx)).rows);

  it('writes what 転入 and 転居 write, numbered with check digits, and reports each batch', async () => {
    const [counts] = await query(sql<{ residents: number; versions: number; moves: number; households: number }>`SELECT
      (SELECT count(*)::int FROM resident) AS residents, (SELECT count(*)::int FROM resident_version) AS versions,
      (SELECT count(*)::int FROM resident_change WHERE procedure = 'move_within') AS moves, (SELECT count(*)::int FROM household) AS households`);
    expect(counts!.residents).toBe(500);
    expect(counts!.moves).toBeGreaterThan(0);
    expect(counts!.versions).toBeGreaterThan(500);
    const numbers = await query(sql<{ addressee_no: string }>`SELECT addressee_no FROM resident`);
    for (const { addressee_no } of numbers) expect(addresseeNumber.isValid(addressee_no)).toBe(true);
    const [mine] = await query(sql<{ n: number }>`SELECT count(*)::int AS n FROM resident WHERE my_number_token IS NOT NULL OR my_number_lookup IS NOT NULL`);
    expect(mine!.n).toBe(0);
    expect(progress).toHaveLength(3);
    expect(progress.at(-1)).toContain('500');
  });

  it('is found by kana search and read as person, household and as-of', async () => {
    const [someone] = await query(sql<{ name_kana: string; addressee_no: string; household_no: string; valid_from: string }>`
      SELECT v.name_kana, r.addressee_no, v.household_no, to_char(v.valid_from, 'YYYY-MM-DD') AS valid_from FROM resident_version v
      JOIN resident r ON r.id = v.resident_id WHERE v.resident_kind = 'japanese' AND v.history_no = 1 ORDER BY r.addressee_no LIMIT 1`);
    const surname = someone!.name_kana.split('\u3000')[0]!;
    const found = await call(system, 'GET', `${BASE}/search?kanaPrefix=${encodeURIComponent(surname)}`, undefined, { as: staff });
    expect(found.status, JSON.stringify(found.body)).toBe(200);
    expect(JSON.stringify(found.body)).toContain(someone!.addressee_no);

    const person = await call(system, 'GET', `${BASE}/persons/${someone!.addressee_no}`, undefined, { as: staff });
    expect(person.status, JSON.stringify(person.body)).toBe(200);
    expect(JSON.stringify(person.body)).toContain(someone!.name_kana);
    const household = await call(system, 'GET', `${BASE}/households/${someone!.household_no}`, undefined, { as: staff });
    expect(household.status, JSON.stringify(household.body)).toBe(200);
    expect(JSON.stringify(household.body)).toContain(someone!.addressee_no);
    const before = await call(system, 'GET', `${BASE}/persons/${someone!.addressee_no}/as-of/1900-01-01`, undefined, { as: staff });
    expect(before.status).toBe(200);
    expect(before.body.person).toBeNull();
  });

  it('shows a 転居 in the history: the as-of state before it has the old address', async () => {
    const [moved] = await query(sql<{ addressee_no: string; before: string; old_address: string; new_address: string }>`
      SELECT r.addressee_no, to_char(v2.valid_from - 1, 'YYYY-MM-DD') AS before, v1.address AS old_address, v2.address AS new_address
      FROM resident r JOIN resident_version v1 ON v1.resident_id = r.id AND v1.history_no = 1
      JOIN resident_version v2 ON v2.resident_id = r.id AND v2.history_no = 2 WHERE v1.address <> v2.address LIMIT 1`);
    const then = await call(system, 'GET', `${BASE}/persons/${moved!.addressee_no}/as-of/${moved!.before}`, undefined, { as: staff });
    expect(then.status).toBe(200);
    expect(JSON.stringify(then.body)).toContain(moved!.old_address);
  });

  it('leaves the numbering after the loaded numbers: a later 転入 gets fresh ones', async () => {
    const [max] = await query(sql<{ addressee: string; household: string }>`SELECT (SELECT max(addressee_no) FROM resident) AS addressee, (SELECT max(household_no) FROM household) AS household`);
    const today = todayInJapan();
    const r = await call(system, 'POST', `${BASE}/move-in`, {
      effectiveDate: addDays(today, -3), notifiedDate: addDays(today, -1), kind: 'domestic', destination: { type: 'new', address: { text: '東京都千代田区千代田9番9号' } },
      persons: [{ residentKind: 'japanese', name: '試験　太郎', nameKana: 'シケン　タロウ', registeredDomicile: '東京都千代田区千代田1番', familyRegisterHead: '試験　太郎',
        birthDate: '1970-01-01', sex: '1', relationship: '世帯主', previousAddress: { text: '大阪府大阪市北区梅田1丁目1番1号' }, residentCode: '99999999991' }],
    }, { as: staff });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.residents[0].addresseeNo > max!.addressee).toBe(true);
    expect(r.body.household.householdNo > max!.household).toBe(true);
  });

  it('records one batch-update audit entry per batch, by the system', async () => {
    const page = await listAuditEntries(system.db, A, { category: 'batch-update' });
    const batches = page.items.filter((e) => e.function === 'resident-registry.demo-load');
    expect(batches).toHaveLength(3);
    for (const e of batches) expect(e).toMatchObject({ module: 'resident-registry', actorKind: 'system', targets: [{ kind: 'batch', id: expect.any(String) }] });
  });
});
