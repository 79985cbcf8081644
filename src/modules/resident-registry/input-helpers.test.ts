import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries } from '../../platform/audit/index.ts';
import { daysAgo, family, fixture, japanese, movedIn, residentCodeFrom, SP, type Fixture } from './corrections.fixtures.ts';

const code = residentCodeFrom(7);
const T = '131016';

describe('resident-registry: 入力補助 (j510 本籍, j520 方書)', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await fixture(T);
  });
  afterAll(() => f?.system.close());

  it('offers the household’s address, 転入前住所 and 本籍 (世帯主 first) as 本籍 candidates, once each', async () => {
    const persons = family(code, '候補', 'コウホ');
    persons[2] = { ...persons[2], registeredDomicile: '京都府京都市上京区下立売通新町西入薮ノ内町', familyRegisterHead: `候補${SP}一郎` };
    const moved = await movedIn(f, persons, 5, '東京都千代田区千代田5番5号');
    const r = await f.get(`/households/${moved.household.householdNo}/domicile-candidates`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.items).toEqual([
      { source: 'address', text: '東京都千代田区千代田5番5号', familyRegisterHead: null, residentId: null },
      { source: 'head-domicile', text: '東京都千代田区千代田1番', familyRegisterHead: `候補${SP}太郎`, residentId: moved.residents[0].residentId },
      { source: 'previous-address', text: '大阪府大阪市北区梅田1丁目1番1号', familyRegisterHead: null, residentId: moved.residents[0].residentId },
      { source: 'member-domicile', text: '京都府京都市上京区下立売通新町西入薮ノ内町', familyRegisterHead: `候補${SP}一郎`, residentId: moved.residents[2].residentId },
    ]);
    expect((await f.get('/households/0000000000/domicile-candidates')).status).toBe(404);
    expect((await f.get('/households/12ab/domicile-candidates')).status).toBe(422);
    const { items } = await listAuditEntries(f.system.db, T, { limit: 50 });
    expect(items.find((e) => e.function === 'resident-registry.domicile-candidates')).toMatchObject({ category: 'inquiry' });
  });

  it('offers the 方書 recorded at an address, however it is typed, but not those of persons under 支援措置', async () => {
    const at = (supplement: string, name: string, kana: string) => ({
      effectiveDate: daysAgo(3), notifiedDate: daysAgo(2), kind: 'domestic',
      destination: { type: 'new', address: { text: '東京都千代田区一番町7番7号', supplement } },
      persons: [japanese(code, { name: `${name}${SP}太郎`, nameKana: `${kana}${SP}タロウ`, familyRegisterHead: `${name}${SP}太郎` })],
    });
    for (const [supplement, name, kana] of [['コーポ一番町101号', '方書', 'カタガキ'], ['コーポ一番町102号', '隣室', 'リンシツ'], ['コーポ一番町101号', '同室', 'ドウシツ']]) {
      const r = await f.post('/move-in', at(supplement!, name!, kana!));
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
    const hidden = await f.post('/move-in', at('コーポ一番町203号', '保護', 'ホゴ'));
    expect(hidden.status).toBe(201);
    const protection = await f.post('/protections', { addresseeNo: hidden.body.residents[0].addresseeNo, requestedOn: daysAgo(1), startsOn: daysAgo(1) });
    expect(protection.status, JSON.stringify(protection.body)).toBe(201);

    const r = await f.get(`/address-supplements?address=${encodeURIComponent('東京都千代田区一番町７番７号')}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.items).toEqual([{ supplement: 'コーポ一番町101号', residents: 2 }, { supplement: 'コーポ一番町102号', residents: 1 }]);
    expect((await f.get(`/address-supplements?address=${encodeURIComponent('東京都千代田区一番町8番8号')}`)).body.items).toEqual([]);
  });
});
