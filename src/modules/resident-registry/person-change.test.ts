import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MY_NUMBERS } from '../../../test/fixtures/my-numbers.ts';
import { call, operatorSession, staffSession, testSystem, type Session } from '../../../test/support/system.ts';
import { addDays } from '../../jp/index.ts';
import { listAuditEntries } from '../../platform/audit/index.ts';
import { inTenant } from '../../platform/db/tenant-scope.ts';
import type { System } from '../../system.ts';
import { recordMyNumber } from './identifiers.ts';
import type { PersonSnapshot } from './model.ts';
import type { Caller } from './procedure.ts';
import { A, BASE, daysAgo, residentCodes, SP, today } from '../../../test/support/resident-registry.ts';

const residentCode = residentCodes(20_000_000_000);

const japanese = (surname: string, kana: string, given: string, givenKana: string, overrides: Record<string, unknown> = {}) => ({
  residentKind: 'japanese', name: `${surname}${SP}${given}`, nameKana: `${kana}${SP}${givenKana}`, registeredDomicile: '東京都千代田区千代田1番',
  familyRegisterHead: `${surname}${SP}太郎`, birthDate: '1980-05-01', sex: '1', relationship: '世帯主', previousAddress: { text: '大阪府大阪市北区梅田1丁目1番1号' },
  residentCode: residentCode(), ...overrides,
});
const foreigner = (nameAlphabet: string, kana: string, overrides: Record<string, unknown> = {}) => ({
  residentKind: 'foreign', nameAlphabet, nameKana: kana, birthDate: '1990-02-02', sex: '2', relationship: '世帯主',
  previousAddress: { text: 'アメリカ合衆国', abroad: true }, residentCode: residentCode(),
  foreign: {
    nationality: 'アメリカ合衆国', category: 'mid_long_term', becameForeignResidentOn: daysAgo(30), residenceStatus: '技術・人文知識・国際業務',
    periodOfStay: '3年', periodOfStayExpiresOn: addDays(today, 200), residenceCardNo: 'AB12345678CD',
  },
  ...overrides,
});

describe('resident-registry: changes of a person’s items from a 異動日 on (HTTP)', () => {
  let system: System;
  let staff: Session;
  let clerk: Session;

  const post = (path: string, body: unknown, as: Session = staff) => call(system, 'POST', `${BASE}${path}`, body, { as });
  const view = async (addresseeNo: string) => {
    const r = await call(system, 'GET', `${BASE}/persons/${addresseeNo}`, undefined, { as: staff });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body as { person: PersonSnapshot; myNumber: string | null; version: number };
  };
  const asOf = async (addresseeNo: string, date: string) => (await call(system, 'GET', `${BASE}/persons/${addresseeNo}/as-of/${date}`, undefined, { as: staff })).body.person;
  const lock = async (addresseeNo: string) => {
    const v = await view(addresseeNo);
    return { residentId: v.person.residentId as string, version: v.version };
  };
  const moveIn = async (persons: unknown[], effectiveDate = daysAgo(20)) => {
    const r = await post('/move-in', {
      effectiveDate, notifiedDate: addDays(effectiveDate, 1), kind: persons.some((p) => (p as { residentKind: string }).residentKind === 'foreign') ? 'from_abroad' : 'domestic',
      destination: { type: 'new', address: { text: '東京都千代田区千代田2番3号', postalCode: '1000001' } }, persons,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body as { household: { householdNo: string }; residents: { residentId: string; addresseeNo: string }[] };
  };
  const query = <T>(q: ReturnType<typeof sql<T>>) => inTenant(system.db, A, async (trx) => (await q.execute(trx)).rows);
  const counts = async () => (await query(sql<{ n: number }>`SELECT (SELECT count(*) FROM resident_version) + (SELECT count(*) FROM resident_change) * 1000 AS n`))[0]!.n;
  const eventsOf = (type: string) => query(sql<{ payload: Record<string, unknown> }>`SELECT payload FROM event_outbox WHERE type = ${`resident-registry.${type}`} ORDER BY seq`);
  const auditOf = async (fn: string) => (await listAuditEntries(system.db, A, { limit: 1000 })).items.filter((e) => e.function === `resident-registry.${fn}`);

  beforeAll(async () => {
    system = await testSystem();
    const operator = await operatorSession(system);
    expect((await call(system, 'POST', '/api/v1/tenants', { tenantCode: A }, { as: operator })).status).toBe(201);
    staff = await staffSession(system, A);
    const role = await call(system, 'PUT', `/api/v1/tenants/${A}/roles/clerk`, { title: '窓口', permissions: ['resident-registry:read', 'resident-registry:record'] }, { as: staff });
    expect(role.status).toBe(200);
    clerk = await staffSession(system, A, ['clerk']);
  });
  afterAll(() => system?.close());

  it('氏名の変更 of the 世帯主: a new version from the 異動日, and every member’s 世帯主の氏名 follows (j840)', async () => {
    const moved = await moveIn([
      japanese('山田', 'ヤマダ', '太郎', 'タロウ'),
      japanese('山田', 'ヤマダ', '花子', 'ハナコ', { birthDate: '1982-03-03', sex: '2', relationship: '妻' }),
    ]);
    const [head, wife] = moved.residents;
    const seen = (await call(system, 'GET', `${BASE}/households/${moved.household.householdNo}`, undefined, { as: staff })).body;
    const body = { effectiveDate: daysAgo(5), notifiedDate: daysAgo(3), person: await lock(head!.addresseeNo), name: `高橋${SP}太郎`, nameKana: `たかはし${SP}たろう`, familyRegisterHead: `高橋${SP}太郎` };
    const r = await post('/name-change', body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.residents).toEqual([head, wife]);

    const now = (await view(head!.addresseeNo)).person;
    expect(now).toMatchObject({ name: `高橋${SP}太郎`, nameKana: `タカハシ${SP}タロウ`, familyRegisterHead: `高橋${SP}太郎`, reason: 'ex_officio_correction', validFrom: daysAgo(5), householdHeadName: `高橋${SP}太郎`, relationship: '世帯主' });
    expect((await view(wife!.addresseeNo)).person).toMatchObject({ name: `山田${SP}花子`, householdHeadName: `高橋${SP}太郎`, householdHeadNameKana: `タカハシ${SP}タロウ`, reason: 'ex_officio_correction', changeId: r.body.changeId });
    expect(await asOf(head!.addresseeNo, daysAgo(6))).toMatchObject({ name: `山田${SP}太郎`, reason: 'domestic_move_in' });
    expect(await asOf(wife!.addresseeNo, daysAgo(6))).toMatchObject({ householdHeadName: `山田${SP}太郎` });
    expect(await asOf(wife!.addresseeNo, daysAgo(5))).toMatchObject({ householdHeadName: `高橋${SP}太郎` });

    const [change] = await query(sql<Record<string, unknown>>`SELECT procedure, basis, effective_date, notified_date FROM resident_change WHERE id = ${r.body.changeId}`);
    expect(change).toEqual({ procedure: 'name_change', basis: 'family_register_notice', effective_date: daysAgo(5), notified_date: daysAgo(3) });
    const events = await eventsOf('name-changed');
    expect(events.at(-1)!.payload).toMatchObject({ changeId: r.body.changeId, residentId: head!.residentId, householdMembersUpdated: [wife] });
    expect(JSON.stringify(events)).not.toContain('高橋');
    const [entry] = await auditOf('change-name');
    expect(entry!.targets).toEqual([{ kind: 'resident-change', id: r.body.changeId }, { kind: 'resident', id: head!.residentId }, { kind: 'resident', id: wife!.residentId }]);
    // The name found by the new フリガナ, and by the old one (past names stay searchable).
    const found = await call(system, 'GET', `${BASE}/search?kanaPrefix=${encodeURIComponent('タカハシ')}`, undefined, { as: staff });
    expect(found.body.items.map((i: { addresseeNo: string }) => i.addresseeNo)).toEqual([head!.addresseeNo]);

    // Someone joining the household as it was read before would copy the old 世帯主の氏名: 409.
    const join = await post('/move-in', {
      effectiveDate: daysAgo(2), notifiedDate: daysAgo(1), kind: 'domestic', destination: { type: 'existing', household: { householdId: seen.householdId, version: seen.version } },
      persons: [japanese('山田', 'ヤマダ', '次郎', 'ジロウ', { birthDate: '2010-01-01', relationship: '子' })],
    });
    expect(join.status).toBe(409);

    // The lock moved on: the version read before is stale, and nothing is written.
    const before = await counts();
    const stale = await post('/name-change', { ...body, name: `鈴木${SP}太郎`, nameKana: `スズキ${SP}タロウ` });
    expect(stale.status).toBe(409);
    expect(stale.body.type).toBe('urn:yakuba:problem:stale-version');
    expect(await counts()).toBe(before);
  });

  it('refuses bad フリガナ, dates out of order, a 除票 and a foreign resident (422), writing nothing', async () => {
    const moved = await moveIn([japanese('佐藤', 'サトウ', '一郎', 'イチロウ'), japanese('佐藤', 'サトウ', '二郎', 'ジロウ', { birthDate: '1985-01-01', relationship: '弟' })]);
    const [one, two] = moved.residents;
    const before = await counts();
    const person = await lock(one!.addresseeNo);
    const badKana = await post('/name-change', { effectiveDate: daysAgo(5), notifiedDate: daysAgo(3), person, name: `伊藤${SP}一郎`, nameKana: 'Ito Ichiro' });
    expect(badKana.status).toBe(422);
    expect(badKana.body.errors).toContainEqual(expect.objectContaining({ field: 'body.nameKana' }));

    const noticeFirst = await post('/name-change', { effectiveDate: daysAgo(3), notifiedDate: daysAgo(5), person, name: `伊藤${SP}一郎`, nameKana: `イトウ${SP}イチロウ` });
    expect(noticeFirst.status).toBe(422);
    expect(noticeFirst.body.errors).toContainEqual(expect.objectContaining({ field: 'body.notifiedDate', rule: 'dates.notified-before-effective' }));

    const beforeMoveIn = await post('/name-change', { effectiveDate: daysAgo(25), notifiedDate: daysAgo(3), person, name: `伊藤${SP}一郎` });
    expect(beforeMoveIn.status).toBe(422);
    expect(beforeMoveIn.body.errors).toContainEqual(expect.objectContaining({ field: 'body.effectiveDate', rule: 'dates.before-current-state' }));

    const minorDomicile = await post('/ex-officio-correction', { effectiveDate: daysAgo(2), person, minor: true, items: { registeredDomicile: '京都府京都市' } });
    expect(minorDomicile.status).toBe(422);
    expect(minorDomicile.body.errors).toContainEqual(expect.objectContaining({ field: 'body.items.registeredDomicile', rule: 'not-allowed' }));
    const notWhitelisted = await post('/ex-officio-correction', { effectiveDate: daysAgo(2), person, items: { birthDate: '1980-01-01' } });
    expect(notWhitelisted.status).toBe(422);
    expect(notWhitelisted.body.errors).toContainEqual(expect.objectContaining({ field: 'body.items', rule: 'unrecognized_keys', message: expect.stringContaining('birthDate') }));
    const unchanged = await post('/ex-officio-correction', { effectiveDate: daysAgo(2), person, items: { postalCode: '1000001' } });
    expect(unchanged.status).toBe(422);
    expect(unchanged.body.errors).toContainEqual(expect.objectContaining({ field: 'body.items', rule: 'change.nothing-changed' }));
    const alias = await post('/alias', { effectiveDate: daysAgo(2), notifiedDate: daysAgo(2), person, action: 'entry', alias: '佐藤', municipality: '千代田区' });
    expect(alias.body.errors).toContainEqual(expect.objectContaining({ field: 'body.person.residentId', rule: 'resident.foreign-only' }));

    // 二郎 dies: his 除票 takes no further change.
    const household = (await call(system, 'GET', `${BASE}/households/${moved.household.householdNo}`, undefined, { as: staff })).body;
    const died = await post('/death', { effectiveDate: daysAgo(4), notifiedDate: daysAgo(4), kind: 'death', residentId: two!.residentId, household: { householdId: household.householdId, version: household.version } });
    expect(died.status, JSON.stringify(died.body)).toBe(201);
    const afterDeath = await counts();
    const removed = await post('/former-surname', { effectiveDate: daysAgo(2), notifiedDate: daysAgo(2), person: await lock(two!.addresseeNo), action: 'entry', formerSurname: '田中' });
    expect(removed.status).toBe(422);
    expect(removed.body.errors).toContainEqual(expect.objectContaining({ field: 'body.person.residentId', rule: 'resident.not-resident' }));
    expect(await counts()).toBe(afterDeath);
    expect(afterDeath - before).toBe(1001); // only the death: one change, one version
  });

  it('refuses a head’s new name while a member has a later 異動 (it would hide the new 世帯主の氏名), and an unknown person', async () => {
    const moved = await moveIn([japanese('石井', 'イシイ', '進', 'ススム'), japanese('石井', 'イシイ', '恵', 'メグミ', { sex: '2', relationship: '妻' })]);
    const [head, wife] = moved.residents;
    const later = await post('/ex-officio-correction', { effectiveDate: daysAgo(2), person: await lock(wife!.addresseeNo), minor: true, items: { addressSupplement: '石井方' } });
    expect(later.status, JSON.stringify(later.body)).toBe(201);
    const before = await counts();
    const r = await post('/name-change', { effectiveDate: daysAgo(5), notifiedDate: daysAgo(1), person: await lock(head!.addresseeNo), name: `石川${SP}進`, nameKana: `イシカワ${SP}ススム` });
    expect(r.status).toBe(422);
    expect(r.body.errors).toContainEqual(expect.objectContaining({ field: 'body.effectiveDate', rule: 'dates.member-changed-later', message: expect.stringContaining(wife!.addresseeNo) }));
    const unknown = await post('/name-change', { effectiveDate: daysAgo(5), notifiedDate: daysAgo(1), person: { residentId: '00000000-0000-7000-8000-000000000009', version: 1 }, name: `石川${SP}進` });
    expect(unknown.body.errors).toContainEqual(expect.objectContaining({ field: 'body.person.residentId', rule: 'resident.not-found' }));
    expect(await counts()).toBe(before);
    // On the same day as the member's change it is fine: both versions start then, the head's name on the newer.
    const sameDay = await post('/name-change', { effectiveDate: daysAgo(2), notifiedDate: daysAgo(1), person: await lock(head!.addresseeNo), name: `石川${SP}進`, nameKana: `イシカワ${SP}ススム` });
    expect(sameDay.status, JSON.stringify(sameDay.body)).toBe(201);
    expect((await view(wife!.addresseeNo)).person).toMatchObject({ householdHeadName: `石川${SP}進`, address: { supplement: '石井方' } });
  });

  it('publishes the nine routes in the OpenAPI document', async () => {
    const { body } = await call(system, 'GET', '/api/openapi.json');
    const ids = Object.values(body.paths as Record<string, Record<string, { operationId?: string }>>).flatMap((p) => Object.values(p).map((o) => o.operationId));
    for (const id of ['correctExOfficio', 'changeName', 'changeFormerSurname', 'changeAlias', 'changeResidenceStatus', 'naturalize', 'loseNationality', 'changeResidentCode', 'recordMyNumber']) {
      expect(ids).toContain(`residentRegistry.${id}`);
    }
  });

  it('職権修正 and 軽微な修正: whitelisted items, new from the 異動日; the 異動事由 says which', async () => {
    const moved = await moveIn([japanese('中村', 'ナカムラ', '一', 'ハジメ')]);
    const no = moved.residents[0]!.addresseeNo;
    const minor = await post('/ex-officio-correction', { effectiveDate: daysAgo(8), person: await lock(no), minor: true, items: { addressSupplement: 'グランドハイツ101号', postalCode: '1000002' } });
    expect(minor.status, JSON.stringify(minor.body)).toBe(201);
    const domicile = await post('/ex-officio-correction', { effectiveDate: daysAgo(4), notifiedDate: daysAgo(3), person: await lock(no), items: { registeredDomicile: '京都府京都市上京区1番', addressSupplement: null } });
    expect(domicile.status, JSON.stringify(domicile.body)).toBe(201);
    expect(await asOf(no, daysAgo(9))).toMatchObject({ address: { text: '東京都千代田区千代田2番3号', postalCode: '1000001' }, registeredDomicile: '東京都千代田区千代田1番' });
    expect(await asOf(no, daysAgo(8))).toMatchObject({ reason: 'minor_correction', address: { supplement: 'グランドハイツ101号', postalCode: '1000002' } });
    const now = (await view(no)).person;
    expect(now).toMatchObject({ reason: 'ex_officio_correction', registeredDomicile: '京都府京都市上京区1番', address: { postalCode: '1000002' } });
    expect(now.address.supplement).toBeUndefined();
    expect((await eventsOf('corrected-ex-officio')).filter((e) => e.payload.residentId === moved.residents[0]!.residentId).map((e) => [e.payload.minor, e.payload.items])).toEqual([[true, ['addressSupplement', 'postalCode']], [false, ['registeredDomicile', 'addressSupplement']]]);
    expect((await auditOf('correct-ex-officio')).filter((e) => e.targets.some((t) => t.id === moved.residents[0]!.residentId))).toHaveLength(2);
  });

  it('旧氏: 記載, 変更 and 削除 on a 請求, each checked against what is recorded', async () => {
    const moved = await moveIn([japanese('小林', 'コバヤシ', '幸子', 'サチコ', { sex: '2' })]);
    const no = moved.residents[0]!.addresseeNo;
    const claim = async (action: string, extra: Record<string, unknown>, effectiveDate: string) =>
      post('/former-surname', { effectiveDate, notifiedDate: effectiveDate, person: await lock(no), action, ...extra });
    expect((await claim('change', { formerSurname: '田中' }, daysAgo(9))).body.errors).toContainEqual(expect.objectContaining({ rule: 'former-surname.not-recorded' }));
    expect((await claim('entry', { formerSurname: '田中', formerSurnameKana: 'タナカ' }, daysAgo(9))).status).toBe(201);
    expect((await claim('entry', { formerSurname: '木村' }, daysAgo(8))).body.errors).toContainEqual(expect.objectContaining({ rule: 'former-surname.already-recorded' }));
    expect((await claim('change', { formerSurname: '木村', formerSurnameKana: 'キムラ' }, daysAgo(7))).status).toBe(201);
    expect((await claim('deletion', { formerSurname: '木村' }, daysAgo(6))).body.errors).toContainEqual(expect.objectContaining({ field: 'body.formerSurname', rule: 'not-allowed' }));
    expect((await claim('deletion', {}, daysAgo(6))).status).toBe(201);
    expect(await asOf(no, daysAgo(9))).toMatchObject({ formerSurname: '田中', formerSurnameKana: 'タナカ', reason: 'former_surname_entry' });
    expect(await asOf(no, daysAgo(7))).toMatchObject({ formerSurname: '木村', reason: 'former_surname_change' });
    expect((await view(no)).person).toMatchObject({ formerSurname: null, reason: 'former_surname_deletion' });
    expect((await eventsOf('former-surname-changed')).map((e) => e.payload.action)).toEqual(['entry', 'change', 'deletion']);
  });

  it('通称 of a foreign resident: 記載 and 削除 with the day and municipality of each (j20)', async () => {
    const moved = await moveIn([foreigner('SMITH JANE', 'スミス・ジェーン')]);
    const no = moved.residents[0]!.addresseeNo;
    const entry = await post('/alias', { effectiveDate: daysAgo(10), notifiedDate: daysAgo(10), person: await lock(no), action: 'entry', alias: '鈴木花', aliasKana: 'スズキ・ハナ', municipality: '千代田区' });
    expect(entry.status, JSON.stringify(entry.body)).toBe(201);
    const deletion = await post('/alias', { effectiveDate: daysAgo(2), notifiedDate: daysAgo(1), person: await lock(no), action: 'deletion', municipality: '千代田区', municipalityCode: '131016' });
    expect(deletion.status, JSON.stringify(deletion.body)).toBe(201);
    expect(await asOf(no, daysAgo(5))).toMatchObject({ alias: '鈴木花', aliasEnteredOn: daysAgo(10), aliasEnteredMunicipality: '千代田区', aliasEnteredMunicipalityCode: A, reason: 'alias_entry' });
    expect((await view(no)).person).toMatchObject({ alias: null, aliasEnteredOn: daysAgo(10), aliasDeletedOn: daysAgo(2), aliasDeletedMunicipalityCode: '131016', reason: 'alias_deletion' });
    const [change] = await query(sql<{ basis: string }>`SELECT basis FROM resident_change WHERE id = ${deletion.body.changeId}`);
    expect(change!.basis).toBe('request');
    expect((await eventsOf('alias-changed')).map((e) => e.payload.action)).toEqual(['entry', 'deletion']);
  });

  it('在留期間の更新 on the 入管通知 (j960): 職権修正 with the 通知日; an expiry before the 異動日 is refused', async () => {
    const moved = await moveIn([foreigner('LEE MIN', 'リー・ミン')]);
    const no = moved.residents[0]!.addresseeNo;
    const person = await lock(no);
    const before = await counts();
    const expired = await post('/residence-status', { effectiveDate: daysAgo(3), notifiedDate: daysAgo(1), person, foreign: { periodOfStayExpiresOn: daysAgo(4) } });
    expect(expired.status).toBe(422);
    expect(expired.body.errors).toContainEqual(expect.objectContaining({ field: 'body.foreign.periodOfStayExpiresOn', rule: 'dates.expiry-before-effective' }));
    const noNotice = await post('/residence-status', { effectiveDate: daysAgo(3), person, foreign: { periodOfStay: '5年' } });
    expect(noNotice.body.errors).toContainEqual(expect.objectContaining({ field: 'body.notifiedDate', rule: 'dates.notified-required' }));
    expect(await counts()).toBe(before);

    const expires = addDays(today, 1800);
    const r = await post('/residence-status', { effectiveDate: daysAgo(3), notifiedDate: daysAgo(1), person, foreign: { periodOfStay: '5年', periodOfStayExpiresOn: expires, residenceCardNo: 'ZZ87654321YY' } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect((await view(no)).person.foreign).toMatchObject({ category: 'mid_long_term', residenceStatus: '技術・人文知識・国際業務', periodOfStay: '5年', periodOfStayExpiresOn: expires, residenceCardNo: 'ZZ87654321YY' });
    expect((await asOf(no, daysAgo(4))).foreign.periodOfStay).toBe('3年');
    const [change] = await query(sql<Record<string, unknown>>`SELECT procedure, basis, notified_date FROM resident_change WHERE id = ${r.body.changeId}`);
    expect(change).toEqual({ procedure: 'residence_status_change', basis: 'ex_officio', notified_date: daysAgo(1) });
    expect((await eventsOf('residence-status-changed')).at(-1)!.payload).toMatchObject({ category: 'mid_long_term', periodOfStayExpiresOn: expires });

    // A new 区分 starts from empty items: 特別永住者 needs its certificate number only.
    const special = await post('/residence-status', { effectiveDate: daysAgo(1), notifiedDate: today, person: await lock(no), foreign: { category: 'special_permanent' } });
    expect(special.body.errors).toContainEqual(expect.objectContaining({ field: 'body.foreign.residenceCardNo', rule: 'required' }));
  });

  it('帰化: same 宛名番号, the foreign 住民票 消除 and the japanese one 記載 in one 異動; the head’s members follow', async () => {
    const moved = await moveIn([foreigner('WANG WEI', 'ワン・ウェイ', { sex: '1' }), foreigner('WANG LI', 'ワン・リー', { relationship: '妻', residentCode: residentCode(), foreign: { ...foreigner('', '').foreign, residenceCardNo: 'CD12345678EF' } })]);
    const [head, wife] = moved.residents;
    const r = await post('/naturalization', {
      effectiveDate: daysAgo(6), notifiedDate: daysAgo(2), kind: 'naturalization', person: await lock(head!.addresseeNo),
      name: `王${SP}偉`, nameKana: `オウ${SP}イ`, registeredDomicile: '東京都千代田区千代田1番', familyRegisterHead: `王${SP}偉`,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const versions = await query(sql<Record<string, unknown>>`SELECT history_no, reason, status, resident_kind FROM resident_version WHERE change_id = ${r.body.changeId} AND resident_id = ${head!.residentId} ORDER BY history_no`);
    expect(versions).toEqual([
      { history_no: 2, reason: 'ex_officio_removal_naturalization', status: 'removed', resident_kind: 'foreign' },
      { history_no: 3, reason: 'ex_officio_entry_naturalization', status: 'resident', resident_kind: 'japanese' },
    ]);
    const now = (await view(head!.addresseeNo)).person;
    expect(now).toMatchObject({ addresseeNo: head!.addresseeNo, residentKind: 'japanese', name: `王${SP}偉`, nameAlphabet: null, foreign: null, becameResidentOn: daysAgo(30), relationship: '世帯主', householdNo: moved.household.householdNo, householdHeadName: `王${SP}偉` });
    expect(await asOf(head!.addresseeNo, daysAgo(7))).toMatchObject({ residentKind: 'foreign', nameAlphabet: 'WANG WEI' });
    expect((await view(wife!.addresseeNo)).person.householdHeadName).toBe(`王${SP}偉`);
    expect((await eventsOf('nationality-changed')).at(-1)!.payload).toMatchObject({ kind: 'naturalization', residentKind: 'japanese', householdMembersUpdated: [wife] });
    const household = (await call(system, 'GET', `${BASE}/households/${moved.household.householdNo}`, undefined, { as: staff })).body;
    expect(household.members.map((m: { residentId: string; relationship: string }) => [m.residentId, m.relationship])).toEqual([[head!.residentId, '世帯主'], [wife!.residentId, '妻']]);
  });

  it('国籍喪失: 外国人住民となった年月日 is the later of 喪失日 and 住民となった日 (j950)', async () => {
    const moved = await moveIn([japanese('森', 'モリ', '健', 'ケン')], daysAgo(20));
    const no = moved.residents[0]!.addresseeNo;
    const r = await post('/nationality-loss', {
      effectiveDate: daysAgo(10), notifiedDate: daysAgo(5), person: await lock(no), nameAlphabet: 'MORI KEN',
      foreign: { nationality: 'カナダ', category: 'transitional_nationality_loss' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect((await view(no)).person).toMatchObject({ residentKind: 'foreign', reason: 'ex_officio_entry_nationality_loss', registeredDomicile: null, name: `森${SP}健`, nameAlphabet: 'MORI KEN', foreign: { nationality: 'カナダ', category: 'transitional_nationality_loss', becameForeignResidentOn: daysAgo(10) } });
    expect(await asOf(no, daysAgo(11))).toMatchObject({ residentKind: 'japanese', registeredDomicile: '東京都千代田区千代田1番' });
    // A loss found out later: before the 住民票 began, so the 住民となった日 counts (j950).
    const late = await moveIn([japanese('森', 'モリ', '蘭', 'ラン', { sex: '2' })], daysAgo(20));
    const lateNo = late.residents[0]!.addresseeNo;
    const after = await post('/nationality-loss', { effectiveDate: daysAgo(3), notifiedDate: daysAgo(3), lostOn: daysAgo(1), person: await lock(lateNo), foreign: { nationality: 'カナダ', category: 'transitional_nationality_loss' } });
    expect(after.body.errors).toContainEqual(expect.objectContaining({ field: 'body.lostOn', rule: 'dates.lost-after-effective' }));
    const r2 = await post('/nationality-loss', { effectiveDate: daysAgo(3), notifiedDate: daysAgo(3), lostOn: daysAgo(400), person: await lock(lateNo), foreign: { nationality: 'カナダ', category: 'transitional_nationality_loss' } });
    expect(r2.status, JSON.stringify(r2.body)).toBe(201);
    expect((await view(lateNo)).person.foreign).toMatchObject({ becameForeignResidentOn: daysAgo(20) });
    const [removal] = await query(sql<{ removal_event_date: string; valid_from: string }>`SELECT removal_event_date, valid_from FROM resident_version WHERE change_id = ${r2.body.changeId} AND status = 'removed'`);
    expect(removal).toEqual({ removal_event_date: daysAgo(400), valid_from: daysAgo(3) });

    const again = await post('/nationality-loss', { effectiveDate: daysAgo(2), notifiedDate: daysAgo(1), person: await lock(no), foreign: { nationality: 'カナダ', category: 'transitional_nationality_loss' } });
    expect(again.body.errors).toContainEqual(expect.objectContaining({ rule: 'resident.japanese-only' }));
  });

  it('住民票コードの変更請求: the new code in the version and the resident row; a code someone holds is refused', async () => {
    const moved = await moveIn([japanese('林', 'ハヤシ', '誠', 'マコト'), japanese('林', 'ハヤシ', '愛', 'アイ', { sex: '2', relationship: '妻' })]);
    const [one, two] = moved.residents;
    const taken = (await view(two!.addresseeNo)).person.residentCode!;
    const before = await counts();
    const dup = await post('/resident-code', { effectiveDate: today, notifiedDate: today, kind: 'change_request', person: await lock(one!.addresseeNo), residentCode: taken });
    expect(dup.status).toBe(422);
    expect(dup.body.errors).toContainEqual(expect.objectContaining({ field: 'body.residentCode', rule: 'duplicate.identifier' }));
    expect(await counts()).toBe(before);
    const code = residentCode();
    const r = await post('/resident-code', { effectiveDate: today, notifiedDate: today, kind: 'change_request', person: await lock(one!.addresseeNo), residentCode: code });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect((await view(one!.addresseeNo)).person).toMatchObject({ residentCode: code, reason: 'resident_code_change_request' });
    const [row] = await query(sql<{ resident_code: string }>`SELECT resident_code FROM resident WHERE id = ${one!.residentId}`);
    expect(row!.resident_code).toBe(code);
    const events = await eventsOf('resident-code-changed');
    expect(events.at(-1)!.payload).toMatchObject({ kind: 'change_request', residentId: one!.residentId });
    expect(JSON.stringify(events)).not.toContain(code);
  });

  it('個人番号の記載: only with resident-registry:my-number on the individual-number zone; never echoed', async () => {
    const moved = await moveIn([japanese('松本', 'マツモト', '潤', 'ジュン'), japanese('松本', 'マツモト', '舞', 'マイ', { sex: '2', relationship: '妻', myNumber: MY_NUMBERS[21] })]);
    const [one] = moved.residents;
    const number = MY_NUMBERS[20]!;
    const body = async (extra: Record<string, unknown> = {}) => ({ effectiveDate: today, kind: 'ex_officio_entry', person: await lock(one!.addresseeNo), myNumber: number, ...extra });
    const before = await counts();
    const byClerk = await post('/my-number', await body(), clerk);
    expect(byClerk.status).toBe(403);
    const lgwan = await call(system, 'POST', `${BASE}/my-number`, await body(), { as: staff, zone: 'lgwan' });
    expect(lgwan.status).toBe(404);
    const wrongZone: Caller = { tenantCode: A, actor: { kind: 'staff', id: '00000000-0000-7000-8000-000000000001', name: '職員' }, permissions: new Set(['resident-registry:record', 'resident-registry:my-number']), zone: 'lgwan', address: null };
    await expect(recordMyNumber(system, wrongZone, { ...(await body()), kind: 'ex_officio_entry', effectiveDate: today } as never)).rejects.toMatchObject({ status: 403 });
    const denied = await auditOf('record-my-number');
    expect(denied.map((e) => [e.outcome, e.zone]).sort()).toEqual([['denied', 'individual-number'], ['denied', 'lgwan']]);
    expect(denied.find((e) => e.zone === 'lgwan')).toMatchObject({ actorId: wrongZone.actor.id, targets: [{ kind: 'resident', id: one!.residentId }] });
    expect(JSON.stringify(denied)).not.toContain(number);
    const dup = await post('/my-number', await body({ myNumber: MY_NUMBERS[21] }));
    expect(dup.status).toBe(422);
    expect(dup.body.errors).toContainEqual(expect.objectContaining({ field: 'body.myNumber', rule: 'duplicate.identifier' }));
    expect(JSON.stringify(dup.body)).not.toContain(MY_NUMBERS[21]);
    const change = await post('/my-number', await body({ kind: 'change_request', notifiedDate: today }));
    expect(change.body.errors).toContainEqual(expect.objectContaining({ rule: 'my-number.not-recorded' }));
    expect(await counts()).toBe(before);

    const r = await post('/my-number', await body());
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(JSON.stringify(r.body)).not.toContain(number);
    const shown = await view(one!.addresseeNo);
    expect(shown).toMatchObject({ myNumber: number, person: { hasMyNumber: true, reason: 'my_number_ex_officio_entry' } });
    expect(await asOf(one!.addresseeNo, daysAgo(1))).toMatchObject({ hasMyNumber: false });
    const masked = await call(system, 'GET', `${BASE}/persons/${one!.addresseeNo}`, undefined, { as: clerk });
    expect(masked.body.myNumber).toBe('************');
    const events = await eventsOf('my-number-recorded');
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({ kind: 'ex_officio_entry', residentId: one!.residentId });
    expect(JSON.stringify(events)).not.toContain(number);
    const [audited] = (await auditOf('record-my-number')).filter((e) => e.outcome === 'success');
    expect(audited).toMatchObject({ category: 'record', myNumberAccessed: true });
    expect(JSON.stringify(audited)).not.toContain(number);

    const next = MY_NUMBERS[22]!;
    const changed = await post('/my-number', await body({ kind: 'change_request', notifiedDate: today, myNumber: next }));
    expect(changed.status, JSON.stringify(changed.body)).toBe(201);
    expect((await view(one!.addresseeNo)).myNumber).toBe(next);
    const [claim] = await query(sql<{ basis: string }>`SELECT basis FROM resident_change WHERE id = ${changed.body.changeId}`);
    expect(claim!.basis).toBe('claim');
  });
});
