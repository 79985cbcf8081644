import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MY_NUMBERS } from '../../../test/fixtures/my-numbers.ts';
import { call, operatorSession, staffSession, testSystem, type Session } from '../../../test/support/system.ts';
import { addDays, addresseeNumber } from '../../jp/index.ts';
import { listAuditEntries } from '../../platform/audit/index.ts';
import { inTenant } from '../../platform/db/tenant-scope.ts';
import type { System } from '../../system.ts';
import { todayInJapan } from './procedure.ts';

const A = '131016';
const B = '011002';
const BASE = '/api/v1/resident-registry';
const today = todayInJapan();
const daysAgo = (n: number) => addDays(today, -n);

let codeSerial = 0;
const residentCode = () => String(10_000_000_000 + ++codeSerial * 7919);

const person = (overrides: Record<string, unknown> = {}) => ({
  residentKind: 'japanese',
  name: '山田　太郎',
  nameKana: 'ヤマダ　タロウ',
  registeredDomicile: '東京都千代田区千代田1番',
  familyRegisterHead: '山田　太郎',
  birthDate: '1980-05-01',
  sex: '1',
  relationship: '世帯主',
  previousAddress: { text: '大阪府大阪市北区梅田1丁目1番1号' },
  residentCode: residentCode(),
  ...overrides,
});

/** The full-width space between 氏 and 名, as 住民票 print it. */
const SP = '　';
const family = (surname: string, kana: string, myNumber: string) => [
  person({ name: `${surname}${SP}太郎`, nameKana: `${kana}${SP}タロウ`, familyRegisterHead: `${surname}${SP}太郎` }),
  person({ name: `${surname}${SP}花子`, nameKana: `${kana}${SP}ハナコ`, familyRegisterHead: `${surname}${SP}太郎`, birthDate: '1982-03-03', sex: '2', relationship: '妻' }),
  person({ name: `${surname}${SP}一郎`, nameKana: `${kana}${SP}イチロウ`, familyRegisterHead: `${surname}${SP}太郎`, birthDate: '2010-07-07', relationship: '子', myNumber }),
];

const moveInBody = (persons: unknown[], overrides: Record<string, unknown> = {}) => ({
  effectiveDate: daysAgo(5),
  notifiedDate: daysAgo(1),
  kind: 'domestic',
  destination: { type: 'new', address: { text: '東京都千代田区千代田2番3号', postalCode: '1000001' } },
  persons,
  ...overrides,
});

describe('resident-registry: 転入・転居 and reads through the HTTP API', () => {
  let system: System;
  let staff: Session;
  let clerk: Session;
  let otherStaff: Session;

  const count = async (table: string) =>
    inTenant(system.db, A, async (trx) => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(trx)).rows[0]!.n));
  const moveIn = (body: unknown, as: Session = staff) => call(system, 'POST', `${BASE}/move-in`, body, { as });

  beforeAll(async () => {
    system = await testSystem();
    const operator = await operatorSession(system);
    for (const tenantCode of [A, B]) expect((await call(system, 'POST', '/api/v1/tenants', { tenantCode }, { as: operator })).status).toBe(201);
    staff = await staffSession(system, A);
    otherStaff = await staffSession(system, B);
    const role = await call(system, 'PUT', `/api/v1/tenants/${A}/roles/clerk`, { title: '窓口', permissions: ['resident-registry:read', 'resident-registry:record'] }, { as: staff });
    expect(role.status).toBe(200);
    clerk = await staffSession(system, A, ['clerk']);
  });
  afterAll(() => system?.close());

  it('転入: a new household with head and two members, numbered, announced and audited', async () => {
    const r = await moveIn(moveInBody(family('山田', 'ヤマダ', MY_NUMBERS[0]!)));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.lateNotification).toBe(false);
    expect(r.body.residents).toHaveLength(3);
    for (const { addresseeNo } of r.body.residents) expect(addresseeNumber.isValid(addresseeNo)).toBe(true);
    expect(addresseeNumber.isValid(r.body.household.householdNo)).toBe(true);
    expect(JSON.stringify(r.body)).not.toContain(MY_NUMBERS[0]);

    const household = await call(system, 'GET', `${BASE}/households/${r.body.household.householdNo}`, undefined, { as: staff });
    expect(household.status).toBe(200);
    expect(household.body.members.map((m: { relationship: string; order: number }) => [m.order, m.relationship])).toEqual([[1, '世帯主'], [2, '妻'], [3, '子']]);
    expect(household.body.headResidentId).toBe(r.body.residents[0].residentId);

    const head = await call(system, 'GET', `${BASE}/persons/${r.body.residents[0].addresseeNo}`, undefined, { as: staff });
    expect(head.body.person).toMatchObject({ name: '山田　太郎', status: 'resident', reason: 'domestic_move_in', validFrom: daysAgo(5), householdHeadName: '山田　太郎' });
    expect(head.body.person.address.text).toBe('東京都千代田区千代田2番3号');

    const events = await inTenant(system.db, A, async (trx) => (await sql<{ type: string; payload: { changeId: string } }>`SELECT type, payload FROM event_outbox WHERE type LIKE 'resident-registry.%'`.execute(trx)).rows);
    expect(events.find((e) => e.type === 'resident-registry.moved-in' && e.payload.changeId === r.body.changeId)).toBeDefined();
    const { items } = await listAuditEntries(system.db, A, { limit: 200 });
    const entry = items.find((e) => e.function === 'resident-registry.move-in');
    expect(entry).toMatchObject({ category: 'record', outcome: 'success' });
    expect(entry!.targets).toEqual(expect.arrayContaining([{ kind: 'resident-change', id: r.body.changeId }, { kind: 'resident', id: r.body.residents[2].residentId }]));
    expect(JSON.stringify(entry)).not.toContain('山田');

    const before = await call(system, 'GET', `${BASE}/persons/${r.body.residents[0].addresseeNo}/as-of/${daysAgo(6)}`, undefined, { as: staff });
    expect(before.status).toBe(200);
    expect(before.body.person).toBeNull();
    const on = await call(system, 'GET', `${BASE}/persons/${r.body.residents[0].addresseeNo}/as-of/${daysAgo(5)}`, undefined, { as: staff });
    expect(on.body.person.status).toBe('resident');
  });

  it('転居: the whole household moves and keeps its 世帯番号; as-of shows each side of the 異動日', async () => {
    const moved = await moveIn(moveInBody(family('佐藤', 'サトウ', MY_NUMBERS[1]!), { effectiveDate: daysAgo(10), notifiedDate: daysAgo(9) }));
    expect(moved.status, JSON.stringify(moved.body)).toBe(201);
    const household = (await call(system, 'GET', `${BASE}/households/${moved.body.household.householdNo}`, undefined, { as: staff })).body;
    const r = await call(system, 'POST', `${BASE}/move-within`, {
      effectiveDate: daysAgo(3), notifiedDate: daysAgo(2), from: { householdId: household.householdId, version: household.version },
      residentIds: household.members.map((m: { residentId: string }) => m.residentId), destination: { type: 'same', address: { text: '東京都千代田区大手町1番1号' } },
    }, { as: staff });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.household.householdNo).toBe(moved.body.household.householdNo);
    const no = moved.body.residents[1].addresseeNo;
    const asOf = async (date: string) => (await call(system, 'GET', `${BASE}/persons/${no}/as-of/${date}`, undefined, { as: staff })).body.person;
    expect((await asOf(daysAgo(4))).address.text).toBe('東京都千代田区千代田2番3号');
    expect((await asOf(daysAgo(3))).address).toMatchObject({ text: '東京都千代田区大手町1番1号' });
    expect((await asOf(daysAgo(3))).reason).toBe('move_within');

    // The lock moved on: the version the operator saw before the 転居 is stale now, and nothing is written.
    const versions = await count('resident_version');
    const stale = await call(system, 'POST', `${BASE}/move-within`, {
      effectiveDate: daysAgo(1), notifiedDate: daysAgo(1), from: { householdId: household.householdId, version: household.version },
      residentIds: [household.members[2].residentId], destination: { type: 'new', address: { text: '東京都千代田区丸の内1番1号' } },
      relationships: [{ residentId: household.members[2].residentId, relationship: '世帯主' }],
    }, { as: staff });
    expect(stale.status).toBe(409);
    expect(stale.body.type).toBe('urn:yakuba:problem:stale-version');
    expect(await count('resident_version')).toBe(versions);
  });

  it('転居: one member leaves to a new household; the rest stay in order', async () => {
    const moved = await moveIn(moveInBody(family('鈴木', 'スズキ', MY_NUMBERS[2]!)));
    const household = (await call(system, 'GET', `${BASE}/households/${moved.body.household.householdNo}`, undefined, { as: staff })).body;
    const child = household.members[2].residentId;
    const r = await call(system, 'POST', `${BASE}/move-within`, {
      effectiveDate: daysAgo(1), notifiedDate: today, from: { householdId: household.householdId, version: household.version },
      residentIds: [child], destination: { type: 'new', address: { text: '東京都千代田区丸の内2番2号' } }, relationships: [{ residentId: child, relationship: '世帯主' }],
    }, { as: staff });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.household.householdNo).not.toBe(household.householdNo);
    const left = (await call(system, 'GET', `${BASE}/households/${household.householdNo}`, undefined, { as: staff })).body;
    expect(left.members.map((m: { residentId: string }) => m.residentId)).toEqual(household.members.slice(0, 2).map((m: { residentId: string }) => m.residentId));
    const joined = (await call(system, 'GET', `${BASE}/households/${r.body.household.householdNo}`, undefined, { as: staff })).body;
    expect(joined.members).toMatchObject([{ residentId: child, relationship: '世帯主', order: 1 }]);
  });

  it('refuses bad input with every problem named, and writes nothing', async () => {
    const before = await Promise.all(['resident', 'resident_change', 'household'].map(count));
    const badTerm = await moveIn(moveInBody([person(), person({ name: '山本　次郎', relationship: '長男', birthDate: '2000-01-01' })]));
    expect(badTerm.status).toBe(422);
    expect(badTerm.body.errors).toContainEqual(expect.objectContaining({ field: 'body.persons.1.relationship', rule: 'relationship.not-allowed' }));

    const notifiedFirst = await moveIn(moveInBody([person({ name: '田中　一' })], { effectiveDate: daysAgo(2), notifiedDate: daysAgo(3) }));
    expect(notifiedFirst.status).toBe(422);
    expect(notifiedFirst.body.errors).toContainEqual(expect.objectContaining({ field: 'body.notifiedDate', rule: 'dates.notified-before-effective' }));

    const impossible = await moveIn(moveInBody([person({ name: '田中　二' })], { effectiveDate: '平成31年2月29日' }));
    expect(impossible.status).toBe(422);
    expect(impossible.body.errors).toContainEqual(expect.objectContaining({ field: 'body.effectiveDate', rule: 'era.date-not-exist', message: expect.stringContaining('平成31年2月29日') }));

    const olderChild = await moveIn(moveInBody([person({ name: '高橋　父', birthDate: '1990-01-01' }), person({ name: '高橋　子', birthDate: '1970-01-01', relationship: '子' })]));
    expect(olderChild.status).toBe(422);
    expect(olderChild.body.errors).toContainEqual(expect.objectContaining({ field: 'body.persons.1.birthDate', rule: 'household.child-not-younger' }));
    expect(olderChild.body.detail).toMatch(/子は親より年少/);

    expect(await Promise.all(['resident', 'resident_change', 'household'].map(count))).toEqual(before);
  });

  it('accepts a late 転入 and flags it for the 過料 notice', async () => {
    const r = await moveIn(moveInBody([person({ name: '伊藤　遅', nameKana: 'イトウ　オソ' })], { effectiveDate: daysAgo(40), notifiedDate: today }));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.lateNotification).toBe(true);
    expect(r.body.alerts).toContainEqual(expect.objectContaining({ rule: 'dates.late-notification' }));
    const late = await inTenant(system.db, A, async (trx) => (await sql<{ late_notification: boolean }>`SELECT late_notification FROM resident_change WHERE id = ${r.body.changeId}`.execute(trx)).rows[0]);
    expect(late?.late_notification).toBe(true);
  });

  it('refuses a 転入 into a household whose version is stale (409), writing nothing', async () => {
    const first = await moveIn(moveInBody([person({ name: '渡辺　一', nameKana: 'ワタナベ　ハジメ' })]));
    const household = (await call(system, 'GET', `${BASE}/households/${first.body.household.householdNo}`, undefined, { as: staff })).body;
    const join = (name: string) => moveIn(moveInBody([person({ name, nameKana: 'ワタナベ　ニ', relationship: '妻', sex: '2', birthDate: '1985-01-01' })], {
      destination: { type: 'existing', household: { householdId: household.householdId, version: household.version } },
    }));
    expect((await join('渡辺　二')).status).toBe(201);
    const residents = await count('resident');
    const again = await join('渡辺　三');
    expect(again.status).toBe(409);
    expect(await count('resident')).toBe(residents);
  });

  it('keeps 団体 apart and shows the 個人番号 only with resident-registry:my-number', async () => {
    const r = await moveIn(moveInBody(family('中村', 'ナカムラ', MY_NUMBERS[3]!)));
    const child = r.body.residents[2].addresseeNo;
    expect((await call(system, 'GET', `${BASE}/persons/${child}`, undefined, { as: otherStaff })).status).toBe(404);
    const masked = await call(system, 'GET', `${BASE}/persons/${child}`, undefined, { as: clerk });
    expect(masked.status).toBe(200);
    expect(masked.body.myNumber).toBe('************');
    expect(masked.body.person.hasMyNumber).toBe(true);
    const shown = await call(system, 'GET', `${BASE}/persons/${child}`, undefined, { as: staff });
    expect(shown.body.myNumber).toBe(MY_NUMBERS[3]);
    const { items } = await listAuditEntries(system.db, A, { limit: 500 });
    const reads = items.filter((e) => e.function === 'resident-registry.get-person');
    expect(reads.some((e) => e.myNumberAccessed)).toBe(true);
    expect(reads.every((e) => e.lookupByNumber && e.category === 'inquiry')).toBe(true);
  });

  it('転出: recorded on the 転出予定日 ahead; a departing head is replaced by the named member', async () => {
    const moved = await moveIn(moveInBody(family('小林', 'コバヤシ', MY_NUMBERS[4]!)));
    const household = (await call(system, 'GET', `${BASE}/households/${moved.body.household.householdNo}`, undefined, { as: staff })).body;
    const [head, wife, child] = household.members.map((m: { residentId: string }) => m.residentId);
    const planned = addDays(today, 10);
    const r = await call(system, 'POST', `${BASE}/move-out`, {
      effectiveDate: planned, notifiedDate: today, kind: 'domestic', household: { householdId: household.householdId, version: household.version },
      residentIds: [head], destination: { text: '大阪府大阪市中央区大手前2丁目1番22号' }, remainingHeadResidentId: wife,
    }, { as: staff });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.exOfficio).toBe(false);
    const headNo = moved.body.residents[0].addresseeNo;
    const asOf = async (no: string, date: string) => (await call(system, 'GET', `${BASE}/persons/${no}/as-of/${date}`, undefined, { as: staff })).body.person;
    expect((await asOf(headNo, today)).status).toBe('resident');
    expect(await asOf(headNo, planned)).toMatchObject({ status: 'moved_out', removal: { reason: 'domestic_move_out', eventDate: planned } });
    expect(await asOf(moved.body.residents[1].addresseeNo, planned)).toMatchObject({ relationship: '世帯主', householdHeadName: '小林　花子' });
    const after = (await call(system, 'GET', `${BASE}/households/${household.householdNo}`, undefined, { as: staff })).body;
    expect(after).toMatchObject({ headResidentId: wife, members: [{ residentId: wife, order: 1 }, { residentId: child, order: 2 }] });
    // 消除された世帯構成員 (j430): the one who left is shown with his 除票, apart from the members.
    expect(after.removedMembers).toEqual([expect.objectContaining({ residentId: head, status: 'moved_out', removalReason: 'domestic_move_out', removedOn: planned, relationship: '世帯主' })]);
  });

  it('転出 of the head without a successor is accepted with the アラート the standard asks for (j490)', async () => {
    const moved = await moveIn(moveInBody(family('加藤', 'カトウ', MY_NUMBERS[5]!)));
    const household = (await call(system, 'GET', `${BASE}/households/${moved.body.household.householdNo}`, undefined, { as: staff })).body;
    const r = await call(system, 'POST', `${BASE}/move-out`, {
      effectiveDate: today, notifiedDate: today, kind: 'abroad', household: { householdId: household.householdId, version: household.version },
      residentIds: [household.members[0].residentId], destination: { text: 'アメリカ合衆国', abroad: true },
    }, { as: staff });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.alerts).toContainEqual(expect.objectContaining({ rule: 'household.head-missing' }));
    const after = (await call(system, 'GET', `${BASE}/households/${household.householdNo}`, undefined, { as: staff })).body;
    expect(after.headResidentId).toBeNull();
    expect(after.members).toHaveLength(2);
  });

  it('出生: the child joins the parents’ household, last; its 異動日 must be the birth date', async () => {
    const moved = await moveIn(moveInBody(family('吉田', 'ヨシダ', MY_NUMBERS[6]!)));
    const household = (await call(system, 'GET', `${BASE}/households/${moved.body.household.householdNo}`, undefined, { as: staff })).body;
    const baby = person({ name: '吉田　さくら', nameKana: 'ヨシダ　サクラ', familyRegisterHead: '吉田　太郎', birthDate: daysAgo(2), sex: '2', relationship: '子', previousAddress: undefined });
    const body = (effectiveDate: string) => ({
      effectiveDate, notifiedDate: daysAgo(1), person: baby, destination: { type: 'existing', household: { householdId: household.householdId, version: household.version } },
    });
    const wrongDate = await call(system, 'POST', `${BASE}/birth`, body(daysAgo(1)), { as: staff });
    expect(wrongDate.status).toBe(422);
    expect(wrongDate.body.errors).toContainEqual(expect.objectContaining({ rule: 'dates.birth-effective-date' }));
    const r = await call(system, 'POST', `${BASE}/birth`, body(daysAgo(2)), { as: staff });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const after = (await call(system, 'GET', `${BASE}/households/${household.householdNo}`, undefined, { as: staff })).body;
    expect(after.members.at(-1)).toMatchObject({ residentId: r.body.residents[0].residentId, order: 4, relationship: '子' });
    const child = (await call(system, 'GET', `${BASE}/persons/${r.body.residents[0].addresseeNo}`, undefined, { as: staff })).body.person;
    expect(child).toMatchObject({ reason: 'birth', validFrom: daysAgo(2), householdHeadName: '吉田　太郎', address: { text: '東京都千代田区千代田2番3号' } });
    const born = await inTenant(system.db, A, async (trx) => (await sql`SELECT 1 FROM event_outbox WHERE type = 'resident-registry.born'`.execute(trx)).rows);
    expect(born).toHaveLength(1);
  });

  it('死亡: a 除票 from the date of death; a deceased head is succeeded by the named member, else an アラート', async () => {
    const moved = await moveIn(moveInBody(family('山口', 'ヤマグチ', MY_NUMBERS[7]!)));
    let household = (await call(system, 'GET', `${BASE}/households/${moved.body.household.householdNo}`, undefined, { as: staff })).body;
    const [head, wife, child] = household.members.map((m: { residentId: string }) => m.residentId);
    const die = (residentId: string, effectiveDate: string, extra: Record<string, unknown> = {}) => call(system, 'POST', `${BASE}/death`, {
      effectiveDate, notifiedDate: today, kind: 'death', residentId, household: { householdId: household.householdId, version: household.version }, ...extra,
    }, { as: staff });
    const beforeBirth = await die(child, '2009-01-01');
    expect(beforeBirth.status).toBe(422);
    expect(beforeBirth.body.errors).toContainEqual(expect.objectContaining({ rule: 'dates.before-birth' }));

    const r = await die(head, daysAgo(1), { remainingHeadResidentId: wife });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const asOf = async (i: number, date: string) => (await call(system, 'GET', `${BASE}/persons/${moved.body.residents[i].addresseeNo}/as-of/${date}`, undefined, { as: staff })).body.person;
    expect((await asOf(0, daysAgo(2))).status).toBe('resident');
    expect(await asOf(0, daysAgo(1))).toMatchObject({ status: 'deceased', removal: { reason: 'death', eventDate: daysAgo(1) } });
    household = (await call(system, 'GET', `${BASE}/households/${household.householdNo}`, undefined, { as: staff })).body;
    expect(household).toMatchObject({ headResidentId: wife, members: [{ residentId: wife, relationship: '世帯主' }, { residentId: child }] });

    const headless = await die(wife, today);
    expect(headless.status, JSON.stringify(headless.body)).toBe(201);
    expect(headless.body.alerts).toContainEqual(expect.objectContaining({ rule: 'household.head-missing' }));
    const died = await inTenant(system.db, A, async (trx) => (await sql<{ payload: { remainingHouseholdHeadless: boolean } }>`SELECT payload FROM event_outbox WHERE type = 'resident-registry.died' ORDER BY seq`.execute(trx)).rows);
    expect(died.map((e) => e.payload.remainingHouseholdHeadless)).toEqual([false, true]);
  });

  it('searches by フリガナ prefix, current and in order, and records the count', async () => {
    const r = await call(system, 'GET', `${BASE}/search?kanaPrefix=${encodeURIComponent('やまだ')}`, undefined, { as: staff });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.items.map((i: { name: string }) => i.name).sort()).toEqual(['山田　一郎', '山田　太郎', '山田　花子'].sort());
    const { items } = await listAuditEntries(system.db, A, { limit: 500 });
    expect(items.find((e) => e.function === 'resident-registry.search')?.searchCount).toBe(3);
    expect((await call(system, 'GET', `${BASE}/search`, undefined, { as: staff })).status).toBe(422);
  });
});
