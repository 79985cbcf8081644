import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MY_NUMBERS } from '../../../test/fixtures/my-numbers.ts';
import { call, operatorSession, staffSession, testSystem, type Session } from '../../../test/support/system.ts';
import { addDays } from '../../jp/index.ts';
import { listAuditEntries } from '../../platform/audit/index.ts';
import type { System } from '../../system.ts';
import { todayInJapan } from './procedure.ts';

const A = '131016';
const BASE = '/api/v1/resident-registry';
const today = todayInJapan();
const daysAgo = (n: number) => addDays(today, -n);
const SP = '　';
const NUMBER = MY_NUMBERS[40]!;

let codeSerial = 0;
const code = () => String(30_000_000_000 + ++codeSerial * 7919);
const japanese = (name: string, kana: string, overrides: Record<string, unknown> = {}) => ({
  residentKind: 'japanese', name, nameKana: kana, registeredDomicile: '東京都千代田区千代田1番', familyRegisterHead: `山田${SP}太郎`,
  birthDate: '1980-05-01', sex: '1', relationship: '世帯主', previousAddress: { text: '大阪府大阪市北区梅田1丁目1番1号' }, residentCode: code(), ...overrides,
});
const foreigner = {
  residentKind: 'foreign', nameAlphabet: 'SMITH JOHN', nameKana: 'スミス・ジョン', alias: `須見${SP}譲`, aliasKana: `スミ${SP}ジョウ`,
  birthDate: '1975-01-02', sex: '1', relationship: '世帯主', previousAddress: { text: '英国' }, residentCode: code(),
  foreign: {
    nationality: '英国', category: 'mid_long_term', becameForeignResidentOn: daysAgo(5), residenceStatus: '技術・人文知識・国際業務',
    periodOfStay: '5年', periodOfStayExpiresOn: '2030-01-01', residenceCardNo: 'AB12345678CD',
  },
};

type Hit = { name: string | null; addresseeNo: string; status: string; removalReason: string | null };

describe('resident-registry: 検索 (j330, j340)', () => {
  let system: System;
  let admin: Session;
  let clerk: Session;
  let yamada: { residentId: string; addresseeNo: string }[];
  let taroCode: string;
  let smith: { residentId: string; addresseeNo: string };

  const search = async (query: Record<string, string>, as: Session = clerk) => call(system, 'GET', `${BASE}/search?${new URLSearchParams(query)}`, undefined, { as });
  const names = async (query: Record<string, string>, as: Session = clerk) => {
    const r = await search(query, as);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.items.map((i: Hit) => i.name).sort();
  };
  const audits = async () => (await listAuditEntries(system.db, A, { limit: 1000 })).items.filter((e) => e.function === 'resident-registry.search');
  const moveIn = async (persons: unknown[], address: string) => {
    const r = await call(system, 'POST', `${BASE}/move-in`, {
      effectiveDate: daysAgo(5), notifiedDate: daysAgo(4), kind: 'domestic', destination: { type: 'new', address: { text: address } }, persons,
    }, { as: admin });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  };

  beforeAll(async () => {
    system = await testSystem();
    const operator = await operatorSession(system);
    expect((await call(system, 'POST', '/api/v1/tenants', { tenantCode: A }, { as: operator })).status).toBe(201);
    admin = await staffSession(system, A);
    expect((await call(system, 'PUT', `/api/v1/tenants/${A}/roles/clerk`, { title: '窓口', permissions: ['resident-registry:read'] }, { as: admin })).status).toBe(200);
    clerk = await staffSession(system, A, ['clerk']);
    const taro = japanese(`山田${SP}太郎`, `ヤマダ${SP}タロウ`, { myNumber: NUMBER });
    taroCode = taro.residentCode;
    yamada = (await moveIn([
      taro,
      japanese(`山田${SP}花子`, `ヤマダ${SP}ハナコ`, { formerSurname: '佐々木', formerSurnameKana: 'ササキ', birthDate: '1982-03-03', sex: '2', relationship: '妻' }),
      japanese(`山田${SP}一郎`, `ヤマダ${SP}イチロウ`, { birthDate: '2010-07-07', relationship: '子' }),
    ], '東京都千代田区千代田2番3号')).residents;
    smith = (await moveIn([foreigner], '東京都港区六本木6丁目10番1号')).residents[0];
    const tanaka = await moveIn([japanese(`田中${SP}次郎`, `タナカ${SP}ジロウ`, { familyRegisterHead: `田中${SP}次郎`, birthDate: '1940-02-11' })], '東京都千代田区神田1番1号');
    const household = (await call(system, 'GET', `${BASE}/households/${tanaka.household.householdNo}`, undefined, { as: admin })).body;
    const died = await call(system, 'POST', `${BASE}/death`, {
      effectiveDate: daysAgo(2), notifiedDate: daysAgo(1), kind: 'death', residentId: tanaka.residents[0].residentId,
      household: { householdId: household.householdId, version: household.version },
    }, { as: admin });
    expect(died.status, JSON.stringify(died.body)).toBe(201);
  });
  afterAll(() => system?.close());

  it('by 宛名番号, 世帯番号 and 住民票コード, audited as lookups by number', async () => {
    expect(await names({ addresseeNo: yamada[1]!.addresseeNo })).toEqual([`山田${SP}花子`]);
    expect(await names({ residentCode: taroCode })).toEqual([`山田${SP}太郎`]);
    expect(await names({ residenceCardNo: 'ab12345678cd' })).toEqual(['SMITH JOHN']);
    const householdNo = (await search({ addresseeNo: yamada[0]!.addresseeNo })).body.items[0].householdNo;
    expect(await names({ householdNo })).toEqual([`山田${SP}一郎`, `山田${SP}太郎`, `山田${SP}花子`].sort());
    const bad = await search({ addresseeNo: '0000000012' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]).toMatchObject({ field: 'query.addresseeNo' });
    const entries = await audits();
    expect(entries.filter((e) => e.lookupByNumber && e.outcome === 'success')).toHaveLength(5);
    expect(entries.find((e) => e.outcome === 'failed')).toMatchObject({ lookupByNumber: true, searchCount: 0 });
    expect(JSON.stringify(entries)).not.toContain(taroCode);
  });

  it('by 氏名 prefix, partial in the middle, exact, and 旧氏 / 通称 in kanji', async () => {
    expect(await names({ name: '山田' })).toEqual([`山田${SP}一郎`, `山田${SP}太郎`, `山田${SP}花子`].sort());
    expect(await names({ name: '田太郎', match: 'partial' })).toEqual([`山田${SP}太郎`]);
    expect(await names({ name: '田太郎' })).toEqual([]);
    expect(await names({ name: '山田 花子', match: 'exact' })).toEqual([`山田${SP}花子`]);
    expect(await names({ name: '佐々木' })).toEqual([`山田${SP}花子`]);
    expect(await names({ name: '須見譲', match: 'exact' })).toEqual(['SMITH JOHN']);
    expect(await names({ name: 'smith' })).toEqual(['SMITH JOHN']);
  });

  it('by フリガナ with あいまい検索: partial, 名 only, 旧氏 and 通称', async () => {
    expect(await names({ kana: 'だたろ', match: 'partial' })).toEqual([`山田${SP}太郎`]);
    expect(await names({ kana: 'ハナコ' })).toEqual([`山田${SP}花子`]);
    expect(await names({ kana: 'ｻｻｷ' })).toEqual([`山田${SP}花子`]);
    expect(await names({ kana: 'スミジョオ' })).toEqual(['SMITH JOHN']);
    expect(await names({ kanaPrefix: 'ヤマダタロー' })).toEqual([`山田${SP}太郎`]);
  });

  it('refuses a 1–2 character partial search on its own, serves it with a narrowing criterion', async () => {
    const r = await search({ name: '田太', match: 'partial' });
    expect(r.status).toBe(422);
    expect(r.body.errors[0]).toMatchObject({ field: 'query.name', rule: 'search.partial-too-short' });
    expect(await names({ name: '田太', match: 'partial', birthDate: '1980-05-01' })).toEqual([`山田${SP}太郎`]);
    expect(await names({ name: '田', birthDate: '1980-05-01' })).toEqual([]);
    expect((await search({})).status).toBe(422);
  });

  it('by 生年月日 and 生年 typed in 和暦 or 西暦, alone or with a name', async () => {
    expect(await names({ birthDate: '昭和55年5月1日' })).toEqual([`山田${SP}太郎`]);
    expect(await names({ birthDate: 'S55.5.1' })).toEqual([`山田${SP}太郎`]);
    expect(await names({ birthDate: '1982/3/3' })).toEqual([`山田${SP}花子`]);
    expect(await names({ name: '山田', birthDate: '平成22年7月7日' })).toEqual([`山田${SP}一郎`]);
    const bad = await search({ birthDate: '令和元年4月30日' });
    expect(bad.status).toBe(422);
    expect(await names({ birthYear: '昭和55年' })).toEqual([`山田${SP}太郎`]);
    expect(await names({ birthYear: 'S57', name: '山田' })).toEqual([`山田${SP}花子`]);
    expect(await names({ birthYear: '1980' })).toEqual([`山田${SP}太郎`]);
    expect(await names({ birthYear: 'H22' })).toEqual([`山田${SP}一郎`]);
    const year = await search({ birthYear: '昭和65年' });
    expect(year.status).toBe(422);
    expect(year.body.errors[0]).toMatchObject({ field: 'query.birthYear', rule: 'date.not-exist' });
  });

  it('by 住所 (partial) and 性別', async () => {
    expect(await names({ address: '千代田2番' })).toEqual([`山田${SP}一郎`, `山田${SP}太郎`, `山田${SP}花子`].sort());
    expect(await names({ address: '千代田2番', sex: '2' })).toEqual([`山田${SP}花子`]);
    expect(await names({ address: '六本木' })).toEqual(['SMITH JOHN']);
  });

  it('除票 only with includeRemoved', async () => {
    expect(await names({ kana: 'タナカ' })).toEqual([]);
    const r = await search({ kana: 'タナカ', includeRemoved: 'true' });
    expect(r.body.items).toEqual([expect.objectContaining({ name: `田中${SP}次郎`, status: 'deceased', removalReason: 'death' })]);
  });

  it('by 個人番号: 403 without resident-registry:my-number (audited as denied), found with it', async () => {
    const refused = await search({ myNumber: NUMBER });
    expect(refused.status).toBe(403);
    expect(refused.body.type).toBe('urn:yakuba:problem:my-number-forbidden');
    const r = await search({ myNumber: NUMBER }, admin);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.items.map((i: Hit) => i.addresseeNo)).toEqual([yamada[0]!.addresseeNo]);
    expect(JSON.stringify(r.body)).not.toContain(NUMBER);
    const entries = (await audits()).filter((e) => (e.detail?.criteria as string[] | undefined)?.includes('myNumber'));
    expect(entries.map((e) => [e.outcome, e.myNumberAccessed, e.lookupByNumber, e.searchCount]).sort()).toEqual([['denied', false, true, 0], ['success', true, true, 1]]);
    expect(JSON.stringify(entries)).not.toContain(NUMBER);
  });

  it('pages with the total and hasMore, every page audited with its count', async () => {
    const first = await search({ kana: 'ヤマダ', limit: '2' });
    expect(first.body).toMatchObject({ total: 3, hasMore: true, limit: 2, offset: 0 });
    expect(first.body.items).toHaveLength(2);
    const second = await search({ kana: 'ヤマダ', limit: '2', offset: '2' });
    expect(second.body).toMatchObject({ total: 3, hasMore: false });
    expect(second.body.items).toHaveLength(1);
    expect(new Set([...first.body.items, ...second.body.items].map((i: Hit) => i.addresseeNo)).size).toBe(3);
    const past = await search({ kana: 'ヤマダ', limit: '2', offset: '10' });
    expect(past.body).toMatchObject({ items: [], total: 3, hasMore: false });
    const counts = (await audits()).filter((e) => (e.detail?.criteria as string[] | undefined)?.join() === 'kana' && e.detail?.total === 3).map((e) => e.searchCount);
    expect(counts.sort()).toEqual([0, 1, 2]);
  });

  it('finds a person by a 通称 from their version history, shown in the current state', async () => {
    expect((await search({ kana: 'スミス' })).body.items).toEqual([expect.objectContaining({ addresseeNo: smith.addresseeNo, address: '東京都港区六本木6丁目10番1号', protection: null })]);
  });
});
