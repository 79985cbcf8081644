import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, toDayNumber } from './date.ts';
import { parseDateInput, parseJapaneseDate } from './date-input.ts';
import { formatJapaneseDate } from './era.ts';
import type { JapaneseDateStyle } from './era.ts';

describe('parseJapaneseDate reads what staff type', () => {
  it.each([
    ['令和8年4月1日', '2026-04-01'],
    ['令和元年5月1日', '2019-05-01'],
    ['令和1年5月1日', '2019-05-01'],
    [' 令和 8 年 4 月 1 日 ', '2026-04-01'],
    ['令8.4.1', '2026-04-01'],
    ['R8.4.1', '2026-04-01'],
    ['r8.4.1', '2026-04-01'],
    ['R08/04/01', '2026-04-01'],
    ['R8-4-1', '2026-04-01'],
    ['R元.5.1', '2019-05-01'],
    ['R080401', '2026-04-01'],
    ['H31.4.30', '2019-04-30'],
    ['S64.1.7', '1989-01-07'],
    ['T1.7.30', '1912-07-30'],
    ['M45.7.29', '1912-07-29'],
    ['5080401', '2026-04-01'],
    ['4310430', '2019-04-30'],
    ['1060101', '1873-01-01'],
    ['５０８０４０１', '2026-04-01'],
    ['Ｒ８．４．１', '2026-04-01'],
    ['令和８年４月１日', '2026-04-01'],
    ['Ｈ３１／０４／３０', '2019-04-30'],
    ['㍻31年4月30日', '2019-04-30'],
    ['㋿8年4月1日', '2026-04-01'],
    ['令和八年四月一日', '2026-04-01'],
    ['平成三十一年四月三十日', '2019-04-30'],
    ['令和元年五月一日', '2019-05-01'],
    ['R8年4月1日', '2026-04-01'],
  ])('%s → %s', (input, iso) => {
    expect(parseJapaneseDate(input)).toEqual({ ok: true, value: iso });
  });

  it.each([
    ['令和元年4月30日', 'era.date-not-exist', '令和元年4月30日は存在しません（令和は5月1日から）'],
    ['R1.4.30', 'era.date-not-exist', '令和元年4月30日は存在しません（令和は5月1日から）'],
    ['平成31年5月1日', 'era.date-not-exist', '平成31年5月1日は存在しません（平成は31年4月30日まで）'],
    ['H31.5.1', 'era.date-not-exist', '平成31年5月1日は存在しません（平成は31年4月30日まで）'],
    ['令和8年2月30日', 'era.date-not-exist', '令和8年2月30日は存在しません（2月は28日まで）'],
    ['5080230', 'era.date-not-exist', '令和8年2月30日は存在しません（2月は28日まで）'],
    ['令和0年1月1日', 'era.year-invalid', '令和の年は1（元年）以上の整数で指定してください'],
    ['X8.4.1', 'era.unknown', '元号の略号「X」は使用できません（M・T・S・H・R）'],
    ['6080401', 'era.unknown', '元号コード「6」は使用できません（1=明治、2=大正、3=昭和、4=平成、5=令和）'],
    ['', 'date.empty', '日付が入力されていません'],
    ['　', 'date.empty', '日付が入力されていません'],
    ['2026-04-01', 'date.format', '和暦の日付の形式が正しくありません（例：令和8年4月1日、R8.4.1、R08/04/01、5080401）'],
    ['8.4.1', 'date.format', '和暦の日付の形式が正しくありません（例：令和8年4月1日、R8.4.1、R08/04/01、5080401）'],
  ])('%s is refused (%s)', (input, code, message) => {
    expect(parseJapaneseDate(input)).toEqual({ ok: false, code, message });
  });

  it('refuses lunisolar 明治 dates', () => {
    for (const input of ['明治5年12月2日', 'M5.1.1', '1051202', '明治元年10月23日']) {
      const r = parseJapaneseDate(input);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.code).toBe('era.lunisolar');
    }
  });

  it('reads back every style formatJapaneseDate writes, in half or full width (fast-check)', () => {
    const styles: JapaneseDateStyle[] = ['long', 'long-numeric', 'kanji', 'short', 'short-padded', 'code'];
    const toFullWidth = (s: string): string => s.replace(/[0-9A-Z.]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: toDayNumber('2099-12-31') - toDayNumber('1873-01-01') }),
        fc.constantFrom(...styles),
        fc.boolean(),
        (offset, style, fullWidth) => {
          const iso = addDays('1873-01-01', offset);
          const text = formatJapaneseDate(iso, style);
          expect(parseJapaneseDate(fullWidth ? toFullWidth(text) : text)).toEqual({ ok: true, value: iso });
        },
      ),
    );
  });
});

describe('parseDateInput reads Western and 和暦 dates', () => {
  it.each([
    ['2026-04-01', '2026-04-01'],
    ['2026/4/1', '2026-04-01'],
    ['2026.4.1', '2026-04-01'],
    ['2026年4月1日', '2026-04-01'],
    ['20260401', '2026-04-01'],
    ['２０２６－０４－０１', '2026-04-01'],
    ['2024-02-29', '2024-02-29'],
    ['令和8年4月1日', '2026-04-01'],
    ['5080401', '2026-04-01'],
  ])('%s → %s', (input, iso) => {
    expect(parseDateInput(input)).toEqual({ ok: true, value: iso });
  });

  it.each([
    ['2026-02-30', 'date.not-exist', '2026年2月30日は存在しません（2月は28日まで）'],
    ['2025-02-29', 'date.not-exist', '2025年2月29日は存在しません（2月は28日まで）'],
    ['2026-13-01', 'date.not-exist', '2026年13月1日は存在しません（月は1〜12）'],
    ['令和元年4月30日', 'era.date-not-exist', '令和元年4月30日は存在しません（令和は5月1日から）'],
    ['4/1', 'date.format', '日付の形式が正しくありません（例：令和8年4月1日、R8.4.1、R08/04/01、5080401、2026-04-01）'],
  ])('%s is refused (%s)', (input, code, message) => {
    expect(parseDateInput(input)).toEqual({ ok: false, code, message });
  });
});
