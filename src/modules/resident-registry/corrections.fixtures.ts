/** Shared setup of corrections.test.ts and cancellation.test.ts: a tenant with staff, people and reads over HTTP. */
import { sql } from 'kysely';
import { expect } from 'vitest';
import { call, operatorSession, staffSession, testSystem, type Session } from '../../../test/support/system.ts';
import { addDays } from '../../jp/index.ts';
import { inTenant } from '../../platform/db/tenant-scope.ts';
import type { System } from '../../system.ts';
import { todayInJapan } from './procedure.ts';

export const BASE = '/api/v1/resident-registry';
export const today = todayInJapan();
export const daysAgo = (n: number) => addDays(today, -n);
export const SP = '　';

let codeSerial = 0;
/** Distinct per file: `seed` keeps two test files' codes apart within one database. */
export const residentCodeFrom = (seed: number) => () => String(20_000_000_000 + seed * 1_000_000 + ++codeSerial * 7919);

export type Body = Record<string, unknown>;
/** An HTTP answer; its body is parsed JSON, read as the test expects it. */
type Reply = Awaited<ReturnType<typeof call>>;
type Json = Reply['body'];

export interface Fixture {
  system: System;
  staff: Session;
  tenant: string;
  post: (path: string, body: unknown) => Promise<Reply>;
  get: (path: string) => Promise<Reply>;
  rows: <T = Record<string, unknown>>(query: ReturnType<typeof sql>) => Promise<T[]>;
  count: (table: string) => Promise<number>;
  household: (householdNo: string) => Promise<Json>;
  person: (addresseeNo: string) => Promise<Json>;
  asOf: (addresseeNo: string, date: string) => Promise<Json>;
  events: (type: string) => Promise<{ payload: Json }[]>;
}

export async function fixture(tenant: string): Promise<Fixture> {
  const system = await testSystem();
  const operator = await operatorSession(system);
  expect((await call(system, 'POST', '/api/v1/tenants', { tenantCode: tenant }, { as: operator })).status).toBe(201);
  const staff = await staffSession(system, tenant);
  const post = (path: string, body: unknown) => call(system, 'POST', `${BASE}${path}`, body, { as: staff });
  const get = (path: string) => call(system, 'GET', `${BASE}${path}`, undefined, { as: staff });
  const rows = <T,>(query: ReturnType<typeof sql>) => inTenant(system.db, tenant, async (trx) => (await query.execute(trx)).rows as T[]);
  return {
    system, staff, tenant, post, get, rows,
    count: async (table) => Number((await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.table(table)}`))[0]!.n),
    household: async (no) => (await get(`/households/${no}`)).body,
    person: async (no) => (await get(`/persons/${no}`)).body,
    asOf: async (no, date) => (await get(`/persons/${no}/as-of/${date}`)).body.person,
    events: (type) => rows<{ payload: Json }>(sql`SELECT payload FROM event_outbox WHERE type = ${type} ORDER BY seq`),
  };
}

export const japanese = (code: () => string, overrides: Body = {}): Body => ({
  residentKind: 'japanese',
  name: `山田${SP}太郎`,
  nameKana: `ヤマダ${SP}タロウ`,
  registeredDomicile: '東京都千代田区千代田1番',
  familyRegisterHead: `山田${SP}太郎`,
  birthDate: '1980-05-01',
  sex: '1',
  relationship: '世帯主',
  previousAddress: { text: '大阪府大阪市北区梅田1丁目1番1号' },
  residentCode: code(),
  ...overrides,
});

/** 世帯主, 妻, 子 of one surname. */
export const family = (code: () => string, surname: string, kana: string): Body[] => [
  japanese(code, { name: `${surname}${SP}太郎`, nameKana: `${kana}${SP}タロウ`, familyRegisterHead: `${surname}${SP}太郎` }),
  japanese(code, { name: `${surname}${SP}花子`, nameKana: `${kana}${SP}ハナコ`, familyRegisterHead: `${surname}${SP}太郎`, birthDate: '1982-03-03', sex: '2', relationship: '妻' }),
  japanese(code, { name: `${surname}${SP}一郎`, nameKana: `${kana}${SP}イチロウ`, familyRegisterHead: `${surname}${SP}太郎`, birthDate: '2010-07-07', relationship: '子' }),
];

export const newAddress = (text = '東京都千代田区千代田2番3号') => ({ type: 'new', address: { text, postalCode: '1000001' } });

/** 転入 of `persons` on `daysBack` days ago into a new household; answers the 201 body. */
export async function movedIn(f: Fixture, persons: Body[], daysBack = 20, address = '東京都千代田区千代田2番3号') {
  const r = await f.post('/move-in', {
    effectiveDate: daysAgo(daysBack), notifiedDate: daysAgo(daysBack - 1), kind: 'domestic', destination: newAddress(address), persons,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

/** 転居 of the whole household `daysBack` days ago, keeping its 世帯番号. */
export async function movedWithin(f: Fixture, householdNo: string, daysBack: number, text: string) {
  const h = await f.household(householdNo);
  const r = await f.post('/move-within', {
    effectiveDate: daysAgo(daysBack), notifiedDate: daysAgo(daysBack), from: { householdId: h.householdId, version: h.version },
    residentIds: h.members.map((m: { residentId: string }) => m.residentId), destination: { type: 'same', address: { text } },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

/** Every version of a person, oldest first, as (履歴番号, supersedes, reason, valid_from, change). */
export async function versionsOf(f: Fixture, residentId: string) {
  return f.rows<{ history_no: number; supersedes_history_no: number | null; reason: string; valid_from: string; change_id: string; name: string; status: string; address: string; household_head_name: string | null }>(
    sql`SELECT history_no, supersedes_history_no, reason, valid_from, change_id, name, status, address, household_head_name
        FROM resident_version WHERE resident_id = ${residentId} ORDER BY history_no`,
  );
}

/** The person's state on `date` as the registry knew it at `knownAt` (resident_version_as_of). */
export async function asKnownAt(f: Fixture, residentId: string, date: string, knownAt: string) {
  return (await f.rows<{ history_no: number; name: string; status: string; address: string; birth_date: string }>(
    sql`SELECT history_no, name, status, address, birth_date FROM resident_version_as_of(${date}::date, ${knownAt}::timestamptz) WHERE resident_id = ${residentId}`,
  ))[0];
}

/** processed_at of a 異動, minus a microsecond: "as known just before it". */
export async function justBefore(f: Fixture, changeId: string): Promise<string> {
  const [row] = await f.rows<{ t: string }>(sql`SELECT (processed_at - interval '1 microsecond')::text AS t FROM resident_change WHERE id = ${changeId}`);
  return row!.t;
}
