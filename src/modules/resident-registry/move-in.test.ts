import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MY_NUMBERS } from '../../../test/fixtures/my-numbers.ts';
import { call, systemWithTenants, type Session } from '../../../test/support/system.ts';
import { addDays } from '../../jp/index.ts';
import { inTenant } from '../../platform/db/tenant-scope.ts';
import type { System } from '../../system.ts';
import { issueNumber } from './rules/numbering.ts';
import { A, BASE, daysAgo, residentCodes, SP, today } from '../../../test/support/resident-registry.ts';

/** 転入's kinds (4.1.1: 特例転入 j610, 国外から, 法30条の46 j910), 二重登録 and 再転入 (j600) through the API. */
const residentCode = residentCodes(20_000_000_000);

const person = (overrides: Record<string, unknown> = {}) => ({
  residentKind: 'japanese',
  name: `佐々木${SP}健`,
  nameKana: `ササキ${SP}ケン`,
  registeredDomicile: '東京都千代田区千代田1番',
  familyRegisterHead: `佐々木${SP}健`,
  birthDate: '1975-04-01',
  sex: '1',
  relationship: '世帯主',
  previousAddress: { text: '福岡県福岡市中央区天神1丁目8番1号' },
  residentCode: residentCode(),
  ...overrides,
});

const foreigner = (overrides: Record<string, unknown> = {}) => ({
  residentKind: 'foreign',
  nameAlphabet: 'NGUYEN VAN AN',
  nameKana: 'グエン・ヴァン・アン',
  birthDate: '1995-09-09',
  sex: '1',
  relationship: '世帯主',
  residentCode: residentCode(),
  foreign: {
    nationality: 'ベトナム', category: 'mid_long_term', becameForeignResidentOn: daysAgo(3),
    residenceStatus: '技術・人文知識・国際業務', periodOfStay: '3年', periodOfStayExpiresOn: addDays(today, 900), residenceCardNo: 'AB12345678CD',
  },
  ...overrides,
});

const body = (persons: unknown[], overrides: Record<string, unknown> = {}) => ({
  effectiveDate: daysAgo(3),
  notifiedDate: today,
  kind: 'domestic',
  destination: { type: 'new', address: { text: '東京都千代田区丸の内1丁目1番1号' } },
  persons,
  ...overrides,
});

describe('resident-registry: 転入 kinds, duplicates and 再転入', () => {
  let system: System;
  let staff: Session;
  const moveIn = (b: unknown) => call(system, 'POST', `${BASE}/move-in`, b, { as: staff });
  const getPerson = async (no: string) => (await call(system, 'GET', `${BASE}/persons/${no}`, undefined, { as: staff })).body;
  const count = async (table: string) =>
    inTenant(system.db, A, async (trx) => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(trx)).rows[0]!.n));

  beforeAll(async () => {
    ({ system, admins: [staff] } = await systemWithTenants(A));
  });
  afterAll(() => system?.close());

  it('特例転入: accepted within 14 days of moving in and 30 of the 転出予定日; refused after, and needs the 転出予定日', async () => {
    const ok = await moveIn(body([person({ name: `特例${SP}一` })], { kind: 'special', plannedMoveOutDate: daysAgo(10) }));
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.lateNotification).toBe(false);

    const before = await count('resident_change');
    const expired = await moveIn(body([person({ name: `特例${SP}二` })], { kind: 'special', plannedMoveOutDate: daysAgo(40), effectiveDate: daysAgo(5) }));
    expect(expired.status).toBe(422);
    expect(expired.body.errors).toContainEqual(expect.objectContaining({ field: 'body.notifiedDate', rule: 'dates.special-move-in-expired' }));
    const missing = await moveIn(body([person({ name: `特例${SP}三` })], { kind: 'special' }));
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toContainEqual(expect.objectContaining({ field: 'body.plannedMoveOutDate', rule: 'required' }));
    expect(await count('resident_change')).toBe(before);
  });

  it('国外からの転入 and 法30条の46 are recorded as 国外転入等 with the foreign-resident items', async () => {
    const abroad = await moveIn(body([person({ name: `海外${SP}帰`, previousAddress: { text: 'アメリカ合衆国', abroad: true } })], { kind: 'from_abroad' }));
    expect(abroad.status, JSON.stringify(abroad.body)).toBe(201);
    const returned = await getPerson(abroad.body.residents[0].addresseeNo);
    expect(returned.person).toMatchObject({ reason: 'move_in_from_abroad', previousAddress: { text: 'アメリカ合衆国', abroad: true } });

    const arrived = await moveIn(body([foreigner()], { kind: 'article_30_46' }));
    expect(arrived.status, JSON.stringify(arrived.body)).toBe(201);
    const f = (await getPerson(arrived.body.residents[0].addresseeNo)).person;
    expect(f).toMatchObject({ residentKind: 'foreign', reason: 'move_in_from_abroad', nameAlphabet: 'NGUYEN VAN AN', foreign: { category: 'mid_long_term', residenceCardNo: 'AB12345678CD' } });

    const japanese30_46 = await moveIn(body([person({ name: `日本${SP}人` })], { kind: 'article_30_46' }));
    expect(japanese30_46.status).toBe(422);
    expect(japanese30_46.body.errors).toContainEqual(expect.objectContaining({ field: 'body.persons.0.residentKind', rule: 'foreign-only' }));
    const noCard = await moveIn(body([foreigner({ residentCode: residentCode(), foreign: { nationality: '中国', category: 'mid_long_term', becameForeignResidentOn: daysAgo(3) } })], { kind: 'article_30_46' }));
    expect(noCard.status).toBe(422);
    expect(noCard.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['body.persons.0.foreign.residenceCardNo', 'body.persons.0.foreign.residenceStatus']));
  });

  it('refuses a second 転入 of the same person (氏名・生年月日・転入前住所) and of a 住民票コード already held', async () => {
    const first = await moveIn(body([person({ name: `二重${SP}登録`, nameKana: `ニジュウ${SP}トウロク` })]));
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const again = await moveIn(body([person({ name: `二重${SP}登録`, nameKana: `ニジュウ${SP}トウロク` })]));
    expect(again.status).toBe(422);
    expect(again.body.errors).toContainEqual(expect.objectContaining({ field: 'body.persons.0', rule: 'duplicate.person' }));
    // Another 氏名 in kanji with the same フリガナ is the same person too (either name matches).
    const sameKana = await moveIn(body([person({ name: `二重${SP}登禄`, nameKana: `ニジュウ${SP}トウロク` })]));
    expect(sameKana.body.errors).toContainEqual(expect.objectContaining({ field: 'body.persons.0', rule: 'duplicate.person' }));
    const code = (await getPerson(first.body.residents[0].addresseeNo)).person.residentCode;
    const sameCode = await moveIn(body([person({ name: `別人${SP}花子`, sex: '2', birthDate: '1999-09-09', residentCode: code })]));
    expect(sameCode.status).toBe(422);
    expect(sameCode.body.errors).toContainEqual(expect.objectContaining({ rule: 'duplicate.identifier' }));
  });

  it('再転入 (j600): a 転入 matching a 除票 by identifier must name it, and then keeps the 宛名番号 and history', async () => {
    const code = residentCode();
    const first = await moveIn(body([person({ name: `再転${SP}入男`, nameKana: `サイテン${SP}ニュウオ`, residentCode: code, myNumber: MY_NUMBERS[7] })], { effectiveDate: daysAgo(40), notifiedDate: daysAgo(38) }));
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const { addresseeNo, residentId } = first.body.residents[0];
    const household = (await call(system, 'GET', `${BASE}/households/${first.body.household.householdNo}`, undefined, { as: staff })).body;
    const out = await call(system, 'POST', `${BASE}/move-out`, {
      effectiveDate: daysAgo(30), notifiedDate: daysAgo(30), kind: 'domestic', household: { householdId: household.householdId, version: household.version },
      residentIds: [residentId], destination: { text: '神奈川県横浜市中区日本大通1番地' },
    }, { as: staff });
    expect(out.status, JSON.stringify(out.body)).toBe(201);

    const back = { name: `再転${SP}入男`, nameKana: `サイテン${SP}ニュウオ`, residentCode: code, previousAddress: { text: '神奈川県横浜市中区日本大通1番地' } };
    const blind = await moveIn(body([person(back)]));
    expect(blind.status).toBe(422);
    expect(blind.body.errors).toContainEqual(expect.objectContaining({ field: 'body.persons.0', rule: 'duplicate.reentry', message: expect.stringContaining(addresseeNo) }));
    // The 3情報 (氏名・性別・生年月日) alone, without an identifier: accepted, with the アラート naming the 除票.
    const threeItems = await moveIn(body([person({ name: back.name, nameKana: back.nameKana, previousAddress: { text: '千葉県千葉市中央区市場町1番1号' } })]));
    expect(threeItems.status, JSON.stringify(threeItems.body)).toBe(201);
    expect(threeItems.body.alerts).toContainEqual(expect.objectContaining({ rule: 'duplicate.reentry-three-items', message: expect.stringContaining(addresseeNo) }));

    const wrong = await moveIn(body([person({ ...back, birthDate: '1976-01-01', reentryAddresseeNo: addresseeNo })]));
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors).toContainEqual(expect.objectContaining({ field: 'body.persons.0.reentryAddresseeNo', rule: 'reentry.different-person' }));

    const residents = await count('resident');
    const reentry = await moveIn(body([person({ ...back, reentryAddresseeNo: addresseeNo })]));
    expect(reentry.status, JSON.stringify(reentry.body)).toBe(201);
    expect(reentry.body.residents).toEqual([{ residentId, addresseeNo }]);
    expect(await count('resident')).toBe(residents);
    const now = await getPerson(addresseeNo);
    expect(now.person).toMatchObject({ status: 'resident', reason: 'domestic_move_in', historyNo: 3, removal: null, hasMyNumber: true });
    const between = (await call(system, 'GET', `${BASE}/persons/${addresseeNo}/as-of/${daysAgo(10)}`, undefined, { as: staff })).body.person;
    expect(between).toMatchObject({ status: 'moved_out', historyNo: 2 });

    const twice = await moveIn(body([person({ ...back, reentryAddresseeNo: addresseeNo })]));
    expect(twice.status).toBe(422);
    expect(twice.body.errors).toContainEqual(expect.objectContaining({ field: 'body.persons.0.reentryAddresseeNo', rule: 'reentry.not-removed' }));
    const badDigit = await moveIn(body([person({ name: `不正${SP}番号`, reentryAddresseeNo: '0000000010' })]));
    expect(badDigit.status).toBe(422);
    expect(badDigit.body.errors[0].field).toBe('body.persons.0.reentryAddresseeNo');
  });

  it('法第30条の47の届出 (j920): a foreign resident living here is entered as 国外転入等 without a 転入前住所', async () => {
    const notify = (b: unknown) => call(system, 'POST', `${BASE}/foreign-resident-notification`, b, { as: staff });
    const r = await notify({
      effectiveDate: daysAgo(20), notifiedDate: today, destination: { type: 'new', address: { text: '東京都千代田区神田駿河台2丁目2番地' } },
      persons: [foreigner({ nameAlphabet: 'KIM MIN SU', nameKana: 'キム・ミンス', residentCode: residentCode(), foreign: { ...foreigner().foreign, residenceCardNo: 'XY87654321ZW', becameForeignResidentOn: daysAgo(20) } })],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.lateNotification).toBe(true);
    expect(r.body.alerts).toContainEqual(expect.objectContaining({ rule: 'dates.late-notification', message: expect.stringContaining('30条の47') }));
    const p = (await getPerson(r.body.residents[0].addresseeNo)).person;
    expect(p).toMatchObject({ residentKind: 'foreign', reason: 'move_in_from_abroad', previousAddress: null, nameAlphabet: 'KIM MIN SU' });
    const change = await inTenant(system.db, A, async (trx) => (await sql<{ procedure: string }>`SELECT procedure FROM resident_change WHERE id = ${r.body.changeId}`.execute(trx)).rows[0]);
    expect(change?.procedure).toBe('foreign_resident_notification');
    const event = await inTenant(system.db, A, async (trx) => (await sql<{ type: string }>`SELECT type FROM event_outbox WHERE payload->>'changeId' = ${r.body.changeId}`.execute(trx)).rows);
    expect(event).toEqual([{ type: 'resident-registry.foreign-resident-registered' }]);

    const japanese = await notify({ effectiveDate: daysAgo(1), notifiedDate: today, destination: { type: 'new', address: { text: '東京都千代田区' } }, persons: [person({ name: `日本${SP}届出` })] });
    expect(japanese.status).toBe(422);
    expect(japanese.body.errors[0].field).toMatch(/^body\.persons\.0/);
  });

  it('issues 宛名番号 in order from reserved blocks; a refused 転入 gives its numbers back (no gap)', async () => {
    const serial = (no: string) => Number(no.slice(0, -1));
    const first = await moveIn(body([person({ name: `連番${SP}一`, nameKana: `レンバン${SP}イチ`, birthDate: '1981-01-01' })]));
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const refused = await moveIn(body([person({ name: `連番${SP}二`, nameKana: `レンバン${SP}ニ`, birthDate: '1982-01-01' }),
      person({ name: `連番${SP}子`, nameKana: `レンバン${SP}コ`, birthDate: '1960-01-01', relationship: '子' })]));
    expect(refused.body.errors).toContainEqual(expect.objectContaining({ rule: 'household.child-not-younger' }));
    expect(refused.status).toBe(422);
    const second = await moveIn(body([person({ name: `連番${SP}三`, nameKana: `レンバン${SP}サン`, birthDate: '1983-01-01' }), person({ name: `連番${SP}四`, nameKana: `レンバン${SP}シ`, relationship: '妻', sex: '2', birthDate: '1984-07-07' })]));
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    // The next valid number after each (serials whose check digit would be 10 are skipped, 1.1.13).
    const next = (no: string) => issueNumber(serial(no) + 1).value;
    const [a] = first.body.residents.map((x: { addresseeNo: string }) => x.addresseeNo);
    const [b, c] = second.body.residents.map((x: { addresseeNo: string }) => x.addresseeNo);
    expect([b, c]).toEqual([next(a), next(next(a))]);
    expect(second.body.household.householdNo).toBe(next(first.body.household.householdNo));
  });
});
