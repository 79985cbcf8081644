import { describe, expect, it } from 'vitest';
import { CsvReader } from '../csv.ts';
import { LISTED_USES, Reconciliation, mapGaiji } from './index.ts';

const HEADER = '区分,レコード,件数,符号位置,行,キー,内容\r\n';

describe('Reconciliation', () => {
  it('is only a header when nothing was counted', () => {
    const r = new Reconciliation();
    expect(r.toCsv()).toBe(HEADER);
    expect(r.summary()).toEqual({ records: {}, unmapped: [] });
  });

  it('counts rows per record kind, in the order first seen', () => {
    const r = new Reconciliation();
    r.countRow('世帯', true);
    r.countRow('住民', true);
    r.countRow('住民', false);
    r.countRow('住民', true);
    r.countRow('世帯', true);
    expect(r.summary().records).toEqual({ 世帯: { accepted: 2, rejected: 0 }, 住民: { accepted: 2, rejected: 1 } });
    expect(r.toCsv()).toBe(`${HEADER}件数,世帯,2,,,,受入\r\n件数,世帯,0,,,,却下\r\n件数,住民,2,,,,受入\r\n件数,住民,1,,,,却下\r\n`);
  });

  it('lists unmapped code points in code point order, with their uses', () => {
    const r = new Reconciliation();
    r.countRow('住民', true);
    r.unmapped('住民', 12, '000123', 0xf0001, 1);
    r.unmapped('住民', 7, '000045', 0xe002, 2);
    r.unmapped('世帯', 3, '900001', 0xe002);
    expect(r.summary().unmapped).toEqual([
      {
        codePoint: 'U+E002',
        occurrences: 3,
        uses: [
          { record: '住民', line: 7, key: '000045' },
          { record: '世帯', line: 3, key: '900001' },
        ],
        unlisted: 0,
      },
      { codePoint: 'U+F0001', occurrences: 1, uses: [{ record: '住民', line: 12, key: '000123' }], unlisted: 0 },
    ]);
    expect(r.toCsv()).toBe(
      HEADER +
        '件数,住民,1,,,,受入\r\n' +
        '件数,住民,0,,,,却下\r\n' +
        '未対応外字,,3,U+E002,,,対応表にない外字（2か所）\r\n' +
        '未対応外字の使用,住民,,U+E002,7,000045,\r\n' +
        '未対応外字の使用,世帯,,U+E002,3,900001,\r\n' +
        '未対応外字,,1,U+F0001,,,対応表にない外字（1か所）\r\n' +
        '未対応外字の使用,住民,,U+F0001,12,000123,\r\n',
    );
  });

  it(`lists at most ${LISTED_USES} uses of a code point and says how many more there are`, () => {
    const r = new Reconciliation();
    for (let line = 2; line < 2 + 250; line++) r.unmapped('住民', line, `K${line}`, 0xe000);
    const [entry] = r.summary().unmapped;
    expect(entry!.occurrences).toBe(250);
    expect(entry!.uses).toHaveLength(100);
    expect(entry!.uses.at(-1)).toEqual({ record: '住民', line: 101, key: 'K101' });
    expect(entry!.unlisted).toBe(150);
    const lines = r.toCsv().split('\r\n');
    expect(lines).toHaveLength(1 + 1 + 100 + 1 + 1);
    expect(lines[1]).toBe('未対応外字,,250,U+E000,,,対応表にない外字（250か所）');
    expect(lines.at(-2)).toBe('未対応外字の使用,,150,U+E000,,,ほかに150か所（一覧は先頭100か所まで）');
  });

  it('quotes fields holding commas, quotes and line breaks (RFC 4180), so the report reads back as written', () => {
    const r = new Reconciliation();
    const record = '住民,"旧"';
    const key = 'A-1\r\nB "2"';
    r.countRow(record, false);
    r.unmapped(record, 5, key, 0xe010);
    r.unmapped('世帯', 6, '', 0xe010);
    const csv = r.toCsv();
    expect(csv).toContain('件数,"住民,""旧""",0,,,,受入\r\n');
    expect(csv).toContain('未対応外字の使用,"住民,""旧""",,U+E010,5,"A-1\r\nB ""2""",\r\n');
    expect(csv).toContain('未対応外字の使用,世帯,,U+E010,6,"",\r\n');
    const reader = new CsvReader();
    const rows = [...reader.push(csv), ...reader.end()].map((row) => row.fields);
    expect(rows).toHaveLength(6);
    expect(rows[4]).toEqual(['未対応外字の使用', record, null, 'U+E010', '5', key, null]);
    expect(rows.every((fields) => fields.length === 7)).toBe(true);
  });

  it("takes mapGaiji's counts field by field", () => {
    const r = new Reconciliation();
    const map = new Map([[0xe000, '葛\u{E0101}']]);
    const rows = [
      { line: 2, key: '1', fields: ['\uE000飾', '\uE001\uE001'] },
      { line: 3, key: '2', fields: ['山田', '\u{F0000}'] },
    ];
    for (const row of rows) {
      let accepted = true;
      for (const field of row.fields) {
        for (const [cp, n] of mapGaiji(field, map).unmapped) {
          r.unmapped('住民', row.line, row.key, cp, n);
          accepted = false;
        }
      }
      r.countRow('住民', accepted);
    }
    const summary = r.summary();
    expect(summary.records).toEqual({ 住民: { accepted: 0, rejected: 2 } });
    expect(summary.unmapped.map((u) => [u.codePoint, u.occurrences, u.uses.length])).toEqual([
      ['U+E001', 2, 1],
      ['U+F0000', 1, 1],
    ]);
  });

  it('hands out copies: changing a summary does not change the report', () => {
    const r = new Reconciliation();
    r.countRow('住民', true);
    r.unmapped('住民', 2, 'k', 0xe000);
    const s = r.summary();
    s.records['住民']!.accepted = 99;
    s.unmapped[0]!.uses[0]!.key = 'changed';
    expect(r.summary().records['住民']!.accepted).toBe(1);
    expect(r.summary().unmapped[0]!.uses[0]!.key).toBe('k');
  });
});
