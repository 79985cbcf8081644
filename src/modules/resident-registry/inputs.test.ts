import { describe, expect, it } from 'vitest';
import { myNumber, toSearchKey } from '../../jp/index.ts';
import { columnOf } from '../../platform/data-list.ts';
import { CHANGE_REASONS, dataList } from './data-list.ts';
import { BirthInputSchema, HouseholdChangeInputSchema, MoveInInputSchema, MoveOutInputSchema } from './inputs.ts';

const HOUSEHOLD = '0190e4c4-7a9b-7f3e-9c2d-4b1a2c3d4e5f';
// A valid-by-check-digit number that is obviously synthetic (never a real person's).
const MY_NUMBER = `00000000001${myNumber.checkDigit('00000000001')}`;

const taro = {
  residentKind: 'japanese',
  name: '青木　太郎',
  nameKana: 'あおき　たろう',
  birthDate: '2003-01-07',
  sex: '1',
  relationship: '世帯主',
  registeredDomicile: '東京都千代田区千代田1番',
  familyRegisterHead: '青木　一郎',
  previousAddress: { text: '大阪府堺市堺区南瓦町3番1号' },
  myNumber: MY_NUMBER,
};

const moveIn = {
  effectiveDate: '2026-04-01',
  notifiedDate: '2026-04-03',
  kind: 'domestic',
  destination: { type: 'new', address: { text: '東京都千代田区千代田1番1号', supplement: '松町ハイツ101', postalCode: '1000001' } },
  persons: [taro],
};

/** Each issue as `path rule`, the rule taken from the issue's params where a custom check set it. */
function issues(result: { success: boolean; error?: { issues: readonly { path: PropertyKey[]; code: string; params?: Record<string, unknown> }[] } }): string[] {
  return (result.error?.issues ?? []).map((i) => `${i.path.join('.')} ${(i.params?.rule as string | undefined) ?? i.code}`);
}

describe('procedure inputs (inputs.ts)', () => {
  it('takes dates as staff type them, in 和暦 or 西暦, and stores them as YYYY-MM-DD', () => {
    const r = MoveInInputSchema.safeParse({ ...moveIn, effectiveDate: 'R8.4.1', notifiedDate: '令和8年4月3日', persons: [{ ...taro, birthDate: 'H15.1.7' }] });
    expect(r.success).toBe(true);
    expect(r.data).toMatchObject({ effectiveDate: '2026-04-01', notifiedDate: '2026-04-03', persons: [{ birthDate: '2003-01-07' }] });
  });

  it('accepts a 転入 of a Japanese resident and fills the defaults', () => {
    const r = MoveInInputSchema.safeParse(moveIn);
    expect(r.success).toBe(true);
    expect(r.data).toMatchObject({ basis: 'notification', persons: [{ nameKanaConfirmed: false }] });
  });

  it.each([
    ['an impossible date', { effectiveDate: '2026-02-29' }, ['effectiveDate date.not-exist']],
    ['a 個人番号 with a wrong check digit', { persons: [{ ...taro, myNumber: `${MY_NUMBER.slice(0, 11)}${(Number(MY_NUMBER[11]) + 1) % 10}` }] }, ['persons.0.myNumber check-digit']],
    ['a 続柄 outside j110', { persons: [{ ...taro, relationship: '孫' }] }, ['persons.0.relationship relationship.not-allowed']],
    ['フリガナ in latin letters (1.1.18)', { persons: [{ ...taro, nameKana: 'Aoki Taro' }] }, ['persons.0.nameKana furigana.invalid-character']],
    ['an emoji in the name', { persons: [{ ...taro, name: '青木　太郎😀' }] }, ['persons.0.name characters.pictographic']],
    ['a control character in the address', { destination: { type: 'new', address: { text: '千代田\u0007' } } }, ['destination.address.text characters.control']],
    ['a 特例転入 without its 転出予定日', { kind: 'special' }, ['plannedMoveOutDate required']],
    ['a 法30条の46 転入 of a Japanese resident', { kind: 'article_30_46' }, ['persons.0.residentKind foreign-only']],
  ])('refuses %s, naming the field and rule', (_, change, expected) => {
    expect(issues(MoveInInputSchema.safeParse({ ...moveIn, ...change }))).toEqual(expected);
  });

  it('never repeats a 個人番号 in its messages', () => {
    const wrong = `${MY_NUMBER.slice(0, 11)}${(Number(MY_NUMBER[11]) + 1) % 10}`;
    const r = MoveInInputSchema.safeParse({ ...moveIn, persons: [{ ...taro, myNumber: wrong }] });
    expect(JSON.stringify(r.error?.issues.map((i) => i.message))).not.toContain(wrong);
  });

  it.each([
    ['中長期在留者 without 在留カード (1.1.6 j60)', { category: 'mid_long_term', residenceStatus: '技術・人文知識・国際業務', periodOfStay: '3年', periodOfStayExpiresOn: '2028-03-31' }, ['persons.0.foreign.residenceCardNo required']],
    ['特別永住者 without its 証明書番号', { category: 'special_permanent' }, ['persons.0.foreign.residenceCardNo required']],
    ['a malformed 在留カード番号', { category: 'special_permanent', residenceCardNo: 'AB1234567CD' }, ['persons.0.foreign.residenceCardNo invalid_format']],
  ])('checks the 外国人住民 items: %s', (_, items, expected) => {
    const person = { ...taro, residentKind: 'foreign', name: undefined, nameAlphabet: 'SMITH JOHN', nameKana: 'スミス・ジョン', foreign: { nationality: '米国', becameForeignResidentOn: '2026-04-01', ...items } };
    expect(issues(MoveInInputSchema.safeParse({ ...moveIn, kind: 'from_abroad', persons: [person] }))).toEqual(expected);
  });

  it('needs a foreign resident’s name in kanji or in the alphabet', () => {
    const person = { ...taro, residentKind: 'foreign', name: undefined, foreign: { nationality: '米国', category: 'transitional_birth', becameForeignResidentOn: '2026-04-01' } };
    expect(issues(MoveInInputSchema.safeParse({ ...moveIn, persons: [person] }))).toEqual(['persons.0.name required']);
  });

  it('refuses a 特例転出 abroad (4.1.3.0.4 is for domestic moves)', () => {
    const r = MoveOutInputSchema.safeParse({ effectiveDate: '2026-04-30', notifiedDate: '2026-04-10', kind: 'abroad', special: true, household: { householdId: HOUSEHOLD, version: 3 }, residentIds: [HOUSEHOLD], destination: { text: 'アメリカ合衆国', abroad: true } });
    expect(issues(r)).toEqual(['special special-domestic-only']);
  });

  it('defaults a 出生 to a 戸籍届出・通知 and accepts it without 転入前住所 (j810)', () => {
    const r = BirthInputSchema.safeParse({ effectiveDate: '2026-03-01', notifiedDate: '2026-03-05', person: { ...taro, birthDate: '2026-03-01', relationship: '子', previousAddress: undefined, myNumber: undefined }, destination: { type: 'existing', household: { householdId: HOUSEHOLD, version: 1 } } });
    expect(r.success && r.data.basis).toBe('family_register_notice');
  });

  it.each([
    ['merger', {}, ['target invalid_type']],
    ['change', { target: { householdId: HOUSEHOLD, version: 1 } }, ['residentIds invalid_type']],
    ['separation', { residentIds: [] }, ['residentIds too_small']],
    ['head_change', {}, ['newHeadResidentId invalid_type']],
    ['head_change', { newHeadResidentId: HOUSEHOLD, relationships: [{ residentId: HOUSEHOLD, relationship: '孫' }] }, ['relationships.0.relationship relationship.not-allowed']],
    ['reorder', { order: [] }, ['order too_small']],
    ['reorder', {}, []],
    ['moving', {}, ['kind invalid_union']],
    ['separation', { residentIds: [HOUSEHOLD] }, []],
  ])('世帯変更 %s needs its own parts (4.1.4, 5.2)', (kind, extra, expected) => {
    const r = HouseholdChangeInputSchema.safeParse({ effectiveDate: '2026-04-01', notifiedDate: '2026-04-01', kind, household: { householdId: HOUSEHOLD, version: 1 }, ...extra });
    expect(issues(r)).toEqual(expected);
  });

  it('defaults a 世帯員の並び替え to 職権 and the others to 届出 (5.2, 住基法25条)', () => {
    const base = { effectiveDate: '2026-04-01', household: { householdId: HOUSEHOLD, version: 1 } };
    expect(HouseholdChangeInputSchema.parse({ ...base, kind: 'reorder', order: [HOUSEHOLD] }).basis).toBe('ex_officio');
    expect(HouseholdChangeInputSchema.parse({ ...base, kind: 'head_change', newHeadResidentId: HOUSEHOLD })).toMatchObject({ basis: 'notification', relationships: [] });
  });
});

describe('基本データリスト (data-list.ts)', () => {
  const record = (id: string) => dataList.records.find((r) => r.id === id)!;

  it('has unique record ids, unique item ids within each record, and every 異動事由 of j210 (9 記載, 9 消除, 19 修正)', () => {
    const ids = dataList.records.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of dataList.records) {
      expect(new Set(r.items.map((d) => d.id)).size, r.id).toBe(r.items.length);
      expect(new Set(r.items.map(columnOf)).size, r.id).toBe(r.items.length);
    }
    const count = (c: string) => Object.values(CHANGE_REASONS).filter((r) => r.category === c).length;
    expect([count('entry'), count('removal'), count('correction')]).toEqual([9, 9, 19]);
  });

  it('declares keys, unique sets and references by items that exist, each record after those it refers to', () => {
    const seen = new Set<string>();
    for (const r of dataList.records) {
      const items = new Set(r.items.map((d) => d.id));
      for (const set of [r.key, ...(r.unique ?? [])]) for (const id of set) expect(items.has(id), `${r.id}.${id}`).toBe(true);
      for (const ref of r.references ?? []) {
        for (const id of ref.items) expect(items.has(id), `${r.id}.${id}`).toBe(true);
        const target = record(ref.record);
        expect([target.key, ...(target.unique ?? [])], `${r.id} → ${ref.record}`).toContainEqual(ref.to);
        // Forward: references to itself, and household-version's deferred 世帯主 → 世帯員 link.
        const forward = ref.record === r.id || (r.id === 'household-version' && ref.record === 'household-member');
        if (!forward) expect(seen.has(ref.record), `${r.id} → ${ref.record}`).toBe(true);
      }
      seen.add(r.id);
    }
  });

  it('marks the items 1.1.6 (j60) forbids to leave blank as required where every row has them', () => {
    const required = (id: string) => record(id).items.filter((d) => d.required).map((d) => d.id);
    expect(required('resident-version')).toEqual(expect.arrayContaining(['birthDate', 'sex', 'address', 'addressSetOn', 'householdNo', 'relationship', 'changeReason', 'residentKind', 'status']));
    expect(required('resident')).toContain('addresseeNo');
    expect(required('household')).toContain('householdNo');
    expect(required('resident-change')).toEqual(expect.arrayContaining(['effectiveDate', 'processedOn', 'changeBasis']));
    // Required for one kind of resident only: blank on the other rows, held to 1.1.6 by resident_version's CHECKs.
    const items = new Map(record('resident-version').items.map((d) => [d.id, d]));
    for (const id of ['registeredDomicile', 'familyRegisterHead', 'becameResidentOn', 'residentCode', 'becameForeignResidentOn', 'foreignResidentCategory']) {
      expect(items.get(id), id).toBeDefined();
      expect(items.get(id)!.required, id).toBeUndefined();
    }
  });

  it('carries the 個人番号 once, in clear with its check digit, and computes the search keys as the procedures do', () => {
    const myNumbers = dataList.records.flatMap((r) => r.items.filter((d) => d.type === 'my-number').map((d) => [r.id, d.column, d.lookupColumn]));
    expect(myNumbers).toEqual([['resident', 'my_number_token', 'my_number_lookup']]);
    const derived = record('resident-version').derived!;
    const keys = (row: Record<string, string | null>) => Object.fromEntries(derived.columns.map((c, i) => [c, derived.compute(row)[i]]));
    const row = { name: '青木　太郎', nameAlphabet: null, nameKana: 'アオキ　タロウ', formerSurnameKana: null, aliasKana: null, address: '松町1番地' };
    expect(keys(row).name_kana_key).toBe(toSearchKey('アオキ　タロウ'));
    expect(keys(row).given_name_kana_key).toBe(toSearchKey('タロウ'));
    expect(keys(row).alias_kana_key).toBeNull();
    expect(keys({ ...row, address: '梅町2番地' }).address_key).toBe(toSearchKey('梅町2番地'));
  });
});
