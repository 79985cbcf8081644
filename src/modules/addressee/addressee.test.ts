import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MY_NUMBERS } from '../../../test/fixtures/my-numbers.ts';
import { call, staffSession, systemWithTenants, type Session } from '../../../test/support/system.ts';
import { addDays, addresseeNumber } from '../../jp/index.ts';
import { listAuditEntries } from '../../platform/audit/index.ts';
import { inTenant } from '../../platform/db/tenant-scope.ts';
import type { System } from '../../system.ts';
import { todayInJapan } from '../resident-registry/index.ts';
import { addresseeQueries } from './index.ts';

const A = '131016';
const B = '011002';
const BASE = '/api/v1/addressee';
const RR = '/api/v1/resident-registry';
const today = todayInJapan();
const SP = '　';

const nonResident = (overrides: Record<string, unknown> = {}) => ({
  name: `大阪${SP}太郎`,
  nameKana: `オオサカ${SP}タロウ`,
  birthDate: '1960-02-02',
  sex: '1',
  address: { text: '大阪府大阪市北区中之島1丁目3番20号', postalCode: '5308201' },
  ...overrides,
});

describe('addressee: one register of residents, 住登外者 and corporations', () => {
  let system: System;
  let staff: Session;
  let otherStaff: Session;
  const post = (path: string, body: unknown, as: Session = staff) => call(system, 'POST', `${BASE}${path}`, body, { as });
  const get = (path: string, as: Session = staff) => call(system, 'GET', `${BASE}${path}`, undefined, { as });
  const count = async (table: string) =>
    inTenant(system.db, A, async (trx) => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(trx)).rows[0]!.n));

  beforeAll(async () => {
    ({ system, admins: [staff, otherStaff] } = await systemWithTenants(A, B));
  });
  afterAll(() => system?.close());

  it('registers a 住登外者 with a 宛名番号 from the registry’s series and a 団体内統合宛名番号, audited and announced', async () => {
    const r = await post('/non-residents', nonResident({ myNumber: MY_NUMBERS[0] }));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const a = r.body.addressee;
    expect(a).toMatchObject({ kind: 'person', residence: 'non_resident', name: `大阪${SP}太郎`, hasMyNumber: true, residentId: null, historyNo: 1 });
    expect(addresseeNumber.isValid(a.addresseeNo)).toBe(true);
    expect(a.integratedAddresseeNo).toHaveLength(15);
    expect(addresseeNumber.isValid(a.integratedAddresseeNo)).toBe(true);
    expect(JSON.stringify(r.body)).not.toContain(MY_NUMBERS[0]);
    const events = await inTenant(system.db, A, async (trx) => (await sql<{ type: string; payload: { addresseeNo: string } }>`SELECT type, payload FROM event_outbox WHERE type LIKE 'addressee.%'`.execute(trx)).rows);
    expect(events).toContainEqual({ type: 'addressee.registered', payload: expect.objectContaining({ addresseeNo: a.addresseeNo, source: 'registered' }) });
    const { items: audit } = await listAuditEntries(system.db, A, { limit: 50 });
    expect(audit.some((e) => e.function === 'addressee.register-non-resident' && e.myNumberAccessed)).toBe(true);
    expect((await get(`/addressees/${a.addresseeNo}`, otherStaff)).status).toBe(404);
  });

  it('refuses a duplicate person, asks about a possible one, and refuses a 個人番号 already registered — writing nothing', async () => {
    const before = await count('addressee');
    const same = await post('/non-residents', nonResident({ name: `大阪 太郎`, address: { text: '大阪府大阪市北区中之島１丁目３番２０号' } }));
    expect(same.status).toBe(422);
    expect(same.body.errors).toContainEqual(expect.objectContaining({ field: 'body.name', rule: 'duplicate.person' }));
    const moved = nonResident({ address: { text: '兵庫県神戸市中央区加納町6丁目5番1号' } });
    const possible = await post('/non-residents', moved);
    expect(possible.status).toBe(422);
    expect(possible.body.errors).toContainEqual(expect.objectContaining({ field: 'body.confirmPossibleDuplicate', rule: 'duplicate.possible' }));
    const sameNumber = await post('/non-residents', nonResident({ name: `別人${SP}次郎`, birthDate: '1990-01-01', myNumber: MY_NUMBERS[0] }));
    expect(sameNumber.status).toBe(422);
    expect(sameNumber.body.errors).toContainEqual(expect.objectContaining({ field: 'body.myNumber', rule: 'duplicate.my-number' }));
    const badDate = await post('/non-residents', nonResident({ name: `日付${SP}誤り`, birthDate: '令和元年4月30日' }));
    expect(badDate.status).toBe(422);
    expect(badDate.body.errors[0]).toMatchObject({ field: 'body.birthDate' });
    expect(await count('addressee')).toBe(before);

    const confirmed = await post('/non-residents', { ...moved, confirmPossibleDuplicate: true });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(201);
    expect(confirmed.body.alerts).toContainEqual(expect.objectContaining({ rule: 'duplicate.possible' }));
  });

  it('registers corporations once per 法人番号 and checks its check digit', async () => {
    const acme = { name: '株式会社アクメ', nameKana: 'アクメ', corporateNumber: '7000012050002', address: { text: '東京都千代田区霞が関3丁目1番1号' } };
    const r = await post('/corporations', acme);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.addressee).toMatchObject({ kind: 'corporation', residence: null, corporateNumber: '7000012050002', birthDate: null });
    const again = await post('/corporations', { ...acme, name: '株式会社アクメ東京' });
    expect(again.status).toBe(422);
    expect(again.body.errors).toContainEqual(expect.objectContaining({ field: 'body.corporateNumber', rule: 'duplicate.corporate-number' }));
    const badDigit = await post('/corporations', { ...acme, corporateNumber: '8000012050002' });
    expect(badDigit.status).toBe(422);
    expect(badDigit.body.errors).toContainEqual(expect.objectContaining({ field: 'body.corporateNumber', rule: 'check-digit' }));
    const found = await get('/search?corporateNumber=7000012050002');
    expect(found.body.items.map((i: { addresseeNo: string }) => i.addresseeNo)).toEqual([r.body.addressee.addresseeNo]);
  });

  it('takes residents from resident-registry events with their 宛名番号, follows their moves, and keeps the 統合宛名番号 on re-entry', async () => {
    const residentCode = '30000000017';
    const person = {
      residentKind: 'japanese', name: `住民${SP}一郎`, nameKana: `ジュウミン${SP}イチロウ`, registeredDomicile: '東京都千代田区千代田1番', familyRegisterHead: `住民${SP}一郎`,
      birthDate: '1985-05-05', sex: '1', relationship: '世帯主', previousAddress: { text: '埼玉県さいたま市浦和区高砂3丁目15番1号' }, residentCode,
    };
    const moved = await call(system, 'POST', `${RR}/move-in`, {
      effectiveDate: addDays(today, -30), notifiedDate: addDays(today, -29), kind: 'domestic',
      destination: { type: 'new', address: { text: '東京都千代田区九段南1丁目2番1号' } }, persons: [person],
    }, { as: staff });
    expect(moved.status, JSON.stringify(moved.body)).toBe(201);
    const { addresseeNo, residentId } = moved.body.residents[0];
    expect((await get(`/addressees/${addresseeNo}`)).status).toBe(404);
    await system.dispatcher.drain();
    const registered = (await get(`/addressees/${addresseeNo}`)).body;
    expect(registered).toMatchObject({ addresseeNo, residentId, residence: 'resident', name: `住民${SP}一郎`, address: { text: '東京都千代田区九段南1丁目2番1号' } });

    const household = (await call(system, 'GET', `${RR}/households/${moved.body.household.householdNo}`, undefined, { as: staff })).body;
    const out = await call(system, 'POST', `${RR}/move-out`, {
      effectiveDate: addDays(today, -20), notifiedDate: addDays(today, -20), kind: 'domestic', household: { householdId: household.householdId, version: household.version },
      residentIds: [residentId], destination: { text: '大阪府大阪市北区梅田1丁目1番1号' },
    }, { as: staff });
    expect(out.status, JSON.stringify(out.body)).toBe(201);
    await system.dispatcher.drain();
    expect((await get(`/addressees/${addresseeNo}`)).body).toMatchObject({ residence: 'moved_out', integratedAddresseeNo: registered.integratedAddresseeNo, historyNo: 2 });
    expect((await get(`/addressees/${addresseeNo}?asOf=${addDays(today, -25)}`)).body).toMatchObject({ residence: 'resident', historyNo: 1 });

    const back = await call(system, 'POST', `${RR}/move-in`, {
      effectiveDate: addDays(today, -3), notifiedDate: today, kind: 'domestic', destination: { type: 'new', address: { text: '東京都千代田区一番町1番地' } },
      persons: [{ ...person, previousAddress: { text: '大阪府大阪市北区梅田1丁目1番1号' }, reentryAddresseeNo: addresseeNo }],
    }, { as: staff });
    expect(back.status, JSON.stringify(back.body)).toBe(201);
    await system.dispatcher.drain();
    expect((await get(`/addressees/${addresseeNo}`)).body).toMatchObject({ residence: 'resident', integratedAddresseeNo: registered.integratedAddresseeNo, address: { text: '東京都千代田区一番町1番地' } });
    expect((await get(`/integrated/${registered.integratedAddresseeNo}`)).body.addresseeNo).toBe(addresseeNo);
    const byOldAddress = await get(`/search?addressPrefix=${encodeURIComponent('東京都千代田区九段南')}`);
    expect(byOldAddress.body.items.map((i: { addresseeNo: string }) => i.addresseeNo)).toContain(addresseeNo);
    const changeResident = await post(`/addressees/${addresseeNo}/changes`, { version: 3, validFrom: today, name: `別名${SP}一郎` });
    expect(changeResident.status).toBe(422);
    expect(changeResident.body.errors[0].rule).toBe('addressee.resident-owned');
  });

  it('keeps 送付先 per business with periods; the business’s own comes before the one for every business', async () => {
    const owner = (await post('/non-residents', nonResident({ name: `送付${SP}先子`, nameKana: `ソウフ${SP}サキコ`, sex: '2', birthDate: '1970-07-07' }))).body.addressee;
    const all = await post(`/addressees/${owner.addresseeNo}/deliveries`, {
      business: '*', purpose: 'mailing', recipientName: `送付${SP}先子`, address: { text: '大阪府堺市堺区南瓦町3番1号' }, validFrom: '2026-01-01',
    });
    expect(all.status, JSON.stringify(all.body)).toBe(201);
    const agent = await post(`/addressees/${owner.addresseeNo}/deliveries`, {
      business: 'individual-resident-tax', purpose: 'tax_agent', recipientName: '税理士法人みなみ', address: { text: '東京都港区芝公園4丁目2番8号' },
      phone: '03-1234-5678', validFrom: '2026-04-01', validUntil: '2027-03-31',
    });
    expect(agent.status, JSON.stringify(agent.body)).toBe(201);
    const bad = await post(`/addressees/${owner.addresseeNo}/deliveries`, { business: 'Tax', purpose: 'mailing', recipientName: 'x', address: { text: 'y' }, validFrom: '2026-04-01', validUntil: '2026-03-01' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['body.business', 'body.validUntil']));

    const port = addresseeQueries({ db: system.db, events: system.events, myNumberKeys: system.myNumberKeys });
    expect((await port.deliveryFor(A, owner.addresseeNo, 'individual-resident-tax', '2026-06-01'))?.purpose).toBe('tax_agent');
    expect((await port.deliveryFor(A, owner.addresseeNo, 'individual-resident-tax', '2027-06-01'))?.purpose).toBe('mailing');
    expect((await port.deliveryFor(A, owner.addresseeNo, 'national-health-insurance', '2026-06-01'))?.purpose).toBe('mailing');
    expect(await port.deliveryFor(A, owner.addresseeNo, 'national-health-insurance', '2025-06-01')).toBeNull();
    // The same register through the port: search, and a corporation a business meets.
    expect((await port.search(A, { kanaPrefix: 'ソウフ' })).map((x) => x.addresseeNo)).toEqual([owner.addresseeNo]);
    const caller = { tenantCode: A, actor: { kind: 'staff' as const, id: '0190a0a0-0000-7000-8000-00000000000b', name: 'port' }, permissions: new Set<string>(), zone: null, address: null };
    const corp = await port.registerCorporation(caller, { name: '合同会社ポート', corporateNumber: '4011001098993', address: { text: '東京都港区芝公園1丁目1番1号', abroad: false }, confirmPossibleDuplicate: false });
    expect(corp.addressee).toMatchObject({ kind: 'corporation', corporateNumber: '4011001098993' });
    expect((await port.search(A, { corporateNumber: '4011001098993' })).map((x) => x.addresseeNo)).toEqual([corp.addressee.addresseeNo]);

    const ended = await post(`/addressees/${owner.addresseeNo}/deliveries/${agent.body.deliveryId}/end`, { validUntil: '2026-05-31' });
    expect(ended.status, JSON.stringify(ended.body)).toBe(201);
    expect((await port.deliveryFor(A, owner.addresseeNo, 'individual-resident-tax', '2026-06-01'))?.purpose).toBe('mailing');
    expect((await post(`/addressees/${owner.addresseeNo}/deliveries/${agent.body.deliveryId}/end`, { validUntil: '2026-05-30' })).status).toBe(404);
    const listed = await get(`/addressees/${owner.addresseeNo}/deliveries`);
    expect(listed.body).toHaveLength(2);
  });

  it('changes a 住登外者’s address from a date, with the optimistic lock', async () => {
    const a = (await post('/non-residents', nonResident({ name: `転居${SP}先男`, birthDate: '1955-05-05' }))).body.addressee;
    const r = await post(`/addressees/${a.addresseeNo}/changes`, { version: a.version, validFrom: today, address: { text: '福岡県福岡市中央区天神1丁目8番1号' } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ historyNo: 2, address: { text: '福岡県福岡市中央区天神1丁目8番1号' }, name: `転居${SP}先男` });
    const stale = await post(`/addressees/${a.addresseeNo}/changes`, { version: a.version, validFrom: today, name: `転居${SP}後男` });
    expect(stale.status).toBe(409);
    const history = await get(`/addressees/${a.addresseeNo}/history`);
    expect(history.body.map((v: { historyNo: number; address: { text: string } }) => [v.historyNo, v.address.text])).toEqual([
      [1, '大阪府大阪市北区中之島1丁目3番20号'], [2, '福岡県福岡市中央区天神1丁目8番1号'],
    ]);
    const byOld = await get(`/search?addressPrefix=${encodeURIComponent('大阪府大阪市北区中之島')}`);
    expect(byOld.body.items.map((i: { addresseeNo: string }) => i.addresseeNo)).toContain(a.addresseeNo);
  });

  it('merges two records of one person: both numbers resolve to the survivor; wrong merges are refused', async () => {
    const first = (await post('/non-residents', nonResident({ name: `統合${SP}元`, birthDate: '1944-04-04' }))).body.addressee;
    const second = (await post('/non-residents', nonResident({ name: `統合${SP}元`, birthDate: '1944-04-04', address: { text: '京都府京都市中京区寺町通御池上る上本能寺前町488番地' }, confirmPossibleDuplicate: true }))).body.addressee;
    const self = await post('/merges', { from: { addresseeNo: first.addresseeNo, version: first.version }, into: { addresseeNo: first.addresseeNo, version: first.version }, reason: '同一人' });
    expect(self.status).toBe(422);
    expect(self.body.errors[0].rule).toBe('merge.same-record');
    const merged = await post('/merges', { from: { addresseeNo: second.addresseeNo, version: second.version }, into: { addresseeNo: first.addresseeNo, version: first.version }, reason: '同一人と確認' });
    expect(merged.status, JSON.stringify(merged.body)).toBe(201);
    expect((await get(`/addressees/${second.addresseeNo}`)).body.addresseeNo).toBe(first.addresseeNo);
    expect((await get(`/integrated/${second.integratedAddresseeNo}`)).body.addresseeNo).toBe(first.addresseeNo);
    const again = await post('/merges', { from: { addresseeNo: second.addresseeNo, version: second.version + 1 }, into: { addresseeNo: first.addresseeNo, version: first.version + 1 }, reason: '再' });
    expect(again.status).toBe(422);
    expect(again.body.errors[0].rule).toBe('merge.already-merged');
    const search = await get(`/search?namePrefix=${encodeURIComponent('統合')}`);
    expect(search.body.items.map((i: { addresseeNo: string }) => i.addresseeNo)).toEqual([first.addresseeNo]);
    const { items: audit } = await listAuditEntries(system.db, A, { limit: 200 });
    expect(audit.find((e) => e.function === 'addressee.search' && e.searchCount === 1)).toBeDefined();
  });

  it('finds residents and 住登外者 by 個人番号 on the individual-number zone with addressee:my-number only', async () => {
    const moved = await call(system, 'POST', `${RR}/move-in`, {
      effectiveDate: addDays(today, -2), notifiedDate: today, kind: 'domestic', destination: { type: 'new', address: { text: '東京都千代田区永田町1丁目7番1号' } },
      persons: [{
        residentKind: 'japanese', name: `番号${SP}保子`, nameKana: `バンゴウ${SP}ヤスコ`, registeredDomicile: '東京都千代田区千代田1番', familyRegisterHead: `番号${SP}保子`,
        birthDate: '1991-01-01', sex: '2', relationship: '世帯主', previousAddress: { text: '千葉県千葉市中央区市場町1番1号' }, residentCode: '30000000025', myNumber: MY_NUMBERS[2],
      }],
    }, { as: staff });
    expect(moved.status, JSON.stringify(moved.body)).toBe(201);
    await system.dispatcher.drain();
    const found = await post('/lookups/by-my-number', { myNumber: MY_NUMBERS[2] });
    expect(found.status, JSON.stringify(found.body)).toBe(200);
    expect(found.body).toMatchObject({ addresseeNo: moved.body.residents[0].addresseeNo, residence: 'resident', hasMyNumber: true });
    expect(JSON.stringify(found.body)).not.toContain(MY_NUMBERS[2]);
    const taken = await post('/non-residents', nonResident({ name: `別人${SP}三郎`, birthDate: '1992-02-02', myNumber: MY_NUMBERS[2] }));
    expect(taken.status).toBe(422);
    expect(taken.body.errors).toContainEqual(expect.objectContaining({ rule: 'duplicate.my-number' }));
    expect((await post('/lookups/by-my-number', { myNumber: MY_NUMBERS[5] })).status).toBe(404);

    const role = await call(system, 'PUT', `/api/v1/tenants/${A}/roles/addressee-clerk`, { title: '宛名係', permissions: ['addressee:read', 'addressee:record'] }, { as: staff });
    expect(role.status, JSON.stringify(role.body)).toBe(200);
    const clerk = await staffSession(system, A, ['addressee-clerk']);
    expect((await post('/lookups/by-my-number', { myNumber: MY_NUMBERS[2] }, clerk)).status).toBe(403);
    const otherZone = await call(system, 'POST', `${BASE}/lookups/by-my-number`, { myNumber: MY_NUMBERS[2] }, { as: staff, zone: 'lgwan' });
    expect([403, 404]).toContain(otherZone.status);
    const { items: audit } = await listAuditEntries(system.db, A, { limit: 500 });
    expect(audit.filter((e) => e.function === 'addressee.find-by-my-number').every((e) => e.lookupByNumber && e.myNumberAccessed)).toBe(true);
  });
});
