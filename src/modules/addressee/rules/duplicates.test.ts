import { describe, expect, it } from 'vitest';
import { corporationDuplicateFindings, personDuplicateFindings } from './duplicates.ts';

const taro = { addresseeNo: '0000000019', name: '高橋　太郎', birthDate: '1970-01-01', address: '大阪府大阪市北区梅田１丁目１番１号' };

describe('addressee duplicates', () => {
  it('refuses the same person (name, birth date, address compared as search keys)', () => {
    const f = personDuplicateFindings({ name: '高橋 太郎', birthDate: '1970-01-01', address: '大阪府大阪市北区梅田1丁目1番1号' }, [taro], false);
    expect(f).toEqual([expect.objectContaining({ severity: 'error', rule: 'duplicate.person', field: 'name' })]);
    expect(f[0]!.message).toContain('0000000019');
  });

  it('asks for confirmation when only name and birth date agree, and records an alert once confirmed', () => {
    const candidate = { name: '高橋 太郎', birthDate: '1970-01-01', address: '京都府京都市中京区寺町通御池上る' };
    expect(personDuplicateFindings(candidate, [taro], false)).toEqual([expect.objectContaining({ severity: 'error', rule: 'duplicate.possible' })]);
    expect(personDuplicateFindings(candidate, [taro], true)).toEqual([expect.objectContaining({ severity: 'alert', rule: 'duplicate.possible' })]);
  });

  it('lets a different birth date or name pass', () => {
    expect(personDuplicateFindings({ ...taro, birthDate: '1970-01-02' }, [taro], false)).toEqual([]);
    expect(personDuplicateFindings({ ...taro, name: '高橋　次郎' }, [taro], false)).toEqual([]);
  });

  it('refuses the same 法人番号, and asks about the same name at the same address without one', () => {
    const acme = { addresseeNo: '0000000027', name: '株式会社アクメ', corporateNumber: '7000012050002', address: '東京都千代田区霞が関3丁目1番1号' };
    expect(corporationDuplicateFindings({ name: '別名', corporateNumber: '7000012050002', address: '別' }, [acme], true)).toEqual([expect.objectContaining({ severity: 'error', rule: 'duplicate.corporate-number' })]);
    expect(corporationDuplicateFindings({ name: '株式会社アクメ', corporateNumber: null, address: acme.address }, [acme], false)).toEqual([expect.objectContaining({ rule: 'duplicate.possible', severity: 'error' })]);
    expect(corporationDuplicateFindings({ name: '株式会社アクメ', corporateNumber: '4011001098993', address: acme.address }, [acme], false)).toEqual([]);
  });
});
