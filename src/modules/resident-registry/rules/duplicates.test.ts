import { describe, expect, it } from 'vitest';
import { duplicateFindings, duplicateKey, isSamePerson, reentryFindings, reentryMatch } from './duplicates.ts';

const recorded = { name: '青木　太郎', nameKana: 'アオキ　タロウ', birthDate: '2003-01-07', previousAddress: '東京都千代田区千代田１－１　松町ハイツ１０１' };

describe('二重登録 (same name, birth date and 転入前住所)', () => {
  it.each([
    ['the same values', recorded],
    ['half-width digits, a half-width space and ASCII hyphens', { ...recorded, name: '青木 太郎', previousAddress: '東京都千代田区千代田1-1 松町ハイツ101' }],
    ['no space in the name, hiragana フリガナ', { ...recorded, name: '青木太郎', nameKana: 'あおき たろう' }],
    ['the same フリガナ under another kanji spelling', { ...recorded, name: '青木　太朗' }],
  ])('finds %s', (_, candidate) => {
    expect(isSamePerson(duplicateKey(candidate), duplicateKey(recorded))).toBe(true);
  });

  const hata = { ...recorded, name: '秦　太郎', nameKana: 'ハタ　タロウ' };
  it.each([
    ['another birth date', { ...recorded, birthDate: '2003-01-08' }, recorded],
    ['another 転入前住所', { ...recorded, previousAddress: '東京都千代田区千代田1-2' }, recorded],
    ['a name only fuzzy search would match (ハタ/バタ)', { ...recorded, name: '馬田　太郎', nameKana: 'バタ　タロウ' }, hata],
  ])('does not take %s for the same person', (_, candidate, against) => {
    expect(isSamePerson(duplicateKey(candidate), duplicateKey(against))).toBe(false);
  });

  it('matches two births without a 転入前住所', () => {
    const baby = { name: '青木　花', birthDate: '2026-03-01' };
    expect(isSamePerson(duplicateKey(baby), duplicateKey({ ...baby, previousAddress: '' }))).toBe(true);
  });

  it('reports the recorded 宛名番号 as an error', () => {
    const findings = duplicateFindings('persons[0]', { ...recorded, name: '青木太郎' }, [{ addresseeNo: '0000000019', key: duplicateKey(recorded) }]);
    expect(findings).toEqual([expect.objectContaining({ field: 'persons[0]', rule: 'duplicate.person', severity: 'error' })]);
    expect(findings[0]!.message).toContain('0000000019');
  });
});

describe('再転入者 (住記標準 4.1.1.2, j600)', () => {
  const removed = { addresseeNo: '0000000027', name: '青木　花子', sex: '2', birthDate: '1990-02-02', residentCode: '12345678901', myNumberLookup: 'mnl-abc', residenceCardNo: null };

  it.each([
    ['the 個人番号 (lookup key)', { myNumberLookup: 'mnl-abc' }, 'identifier'],
    ['the 住民票コード', { residentCode: '12345678901' }, 'identifier'],
    ['the 3情報 only', {}, 'three-items'],
  ])('matches a 除票 by %s', (_, ids, expected) => {
    expect(reentryMatch({ name: '青木 花子', sex: '2', birthDate: '1990-02-02', ...ids }, removed)).toBe(expected);
  });

  it('does not match another person, nor on empty identifiers', () => {
    expect(reentryMatch({ name: '青木　花子', sex: '2', birthDate: '1990-02-03', residenceCardNo: null }, removed)).toBeNull();
  });

  it('blocks a new entry on an identifier match and alerts on a 3情報 match', () => {
    const strong = reentryFindings('persons[0]', { name: 'x', sex: '1', birthDate: '2000-01-01', residentCode: '12345678901' }, [removed]);
    expect(strong).toEqual([expect.objectContaining({ severity: 'error', rule: 'duplicate.reentry' })]);
    const weak = reentryFindings('persons[0]', { name: '青木　花子', sex: '2', birthDate: '1990-02-02' }, [removed]);
    expect(weak).toEqual([expect.objectContaining({ severity: 'alert', rule: 'duplicate.reentry-three-items' })]);
  });
});
