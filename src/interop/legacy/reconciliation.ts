/**
 * The dry run's 突合表: how many rows of each record kind would be taken in or refused, and which
 * 外字 the municipality's 対応表 does not cover, with where they are used, so the municipality can
 * add them to the table and run again. Counts only; the rows themselves stay where they are.
 */
import { csvLine } from '../csv.ts';
import { formatCodePoint } from './gaiji-map.ts';

/** Uses listed per code point. A 外字 missing from the table can sit in thousands of rows (a 大字 name
 * in every address); the first hundred show the pattern, the rest only make the report unreadable. */
export const LISTED_USES = 100;

export interface GaijiUse {
  record: string;
  /** Physical line of the legacy file. */
  line: number;
  /** The row's key in the legacy file (e.g. 宛名番号), so the municipality can look the row up. */
  key: string;
}

export interface ReconciliationSummary {
  records: Record<string, { accepted: number; rejected: number }>;
  /** In code point order. */
  unmapped: {
    codePoint: string;
    /** Times the code point occurs in all fields. */
    occurrences: number;
    /** The first LISTED_USES uses (a use = one call of `unmapped`, i.e. one field). */
    uses: GaijiUse[];
    /** Uses beyond those listed. */
    unlisted: number;
  }[];
}

interface Unmapped {
  occurrences: number;
  uses: GaijiUse[];
  unlisted: number;
}

export class Reconciliation {
  private readonly counts = new Map<string, { accepted: number; rejected: number }>();
  private readonly gaiji = new Map<number, Unmapped>();

  /** One row of `record` (e.g. 住民, 世帯) read, and whether it would be taken in. */
  countRow(record: string, accepted: boolean): void {
    let count = this.counts.get(record);
    if (!count) {
      count = { accepted: 0, rejected: 0 };
      this.counts.set(record, count);
    }
    if (accepted) count.accepted++;
    else count.rejected++;
  }

  /**
   * A field of the row at `line` (key `key`) holds `codePoint`, which the 対応表 does not map,
   * `occurrences` times (mapGaiji's count for the field; call once a field, not once an occurrence).
   */
  unmapped(record: string, line: number, key: string, codePoint: number, occurrences = 1): void {
    let entry = this.gaiji.get(codePoint);
    if (!entry) {
      entry = { occurrences: 0, uses: [], unlisted: 0 };
      this.gaiji.set(codePoint, entry);
    }
    entry.occurrences += occurrences;
    if (entry.uses.length < LISTED_USES) entry.uses.push({ record, line, key });
    else entry.unlisted++;
  }

  summary(): ReconciliationSummary {
    const records: ReconciliationSummary['records'] = {};
    for (const [record, count] of this.counts) records[record] = { ...count };
    return {
      records,
      unmapped: this.sortedGaiji().map(([cp, e]) => ({
        codePoint: formatCodePoint(cp),
        occurrences: e.occurrences,
        uses: e.uses.map((u) => ({ ...u })),
        unlisted: e.unlisted,
      })),
    };
  }

  /**
   * RFC 4180 (CRLF, quoted where needed), without a BOM: the caller writing the file for Excel adds
   * "\uFEFF" itself, as it does for the other CSV it hands to staff. Columns 区分,レコード,件数,符号位置,行,キー,内容:
   *
   * - `件数,住民,1200,,,,受入` and `件数,住民,3,,,,却下` for every record kind, in the order first counted;
   * - `未対応外字,,<occurrences>,U+E001,,,対応表にない外字（<uses>か所）` for every unmapped code point, then
   *   `未対応外字の使用,住民,,U+E001,<line>,<key>,` for each listed use and
   *   `未対応外字の使用,,<unlisted>,U+E001,,,ほかに<unlisted>か所（一覧は先頭100か所まで）` if there are more.
   */
  toCsv(): string {
    const lines = [csvLine(['区分', 'レコード', '件数', '符号位置', '行', 'キー', '内容'])];
    for (const [record, { accepted, rejected }] of this.counts) {
      lines.push(csvLine(['件数', record, String(accepted), null, null, null, '受入']));
      lines.push(csvLine(['件数', record, String(rejected), null, null, null, '却下']));
    }
    for (const [cp, e] of this.sortedGaiji()) {
      const code = formatCodePoint(cp);
      lines.push(csvLine(['未対応外字', null, String(e.occurrences), code, null, null, `対応表にない外字（${e.uses.length + e.unlisted}か所）`]));
      for (const u of e.uses) lines.push(csvLine(['未対応外字の使用', u.record, null, code, String(u.line), u.key, null]));
      if (e.unlisted > 0) {
        lines.push(csvLine(['未対応外字の使用', null, String(e.unlisted), code, null, null, `ほかに${e.unlisted}か所（一覧は先頭${LISTED_USES}か所まで）`]));
      }
    }
    return lines.join('');
  }

  private sortedGaiji(): [number, Unmapped][] {
    return [...this.gaiji].sort((a, b) => a[0] - b[0]);
  }
}
