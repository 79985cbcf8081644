/**
 * 宛名番号・世帯番号の自動付番 (住民記録システム標準仕様書 1.1.13, j130): a 単純連番 body and one
 * check digit, modulus 11 with weights 2〜7 (src/jp `addresseeNumber`). The standard says only that
 * remainder 0 gives 0; remainder 1 would give 10, which is not a digit. src/jp's default policy
 * `skip` decides that such a body gets no number, so numbering moves on to the next serial: every
 * number issued is valid under any reading of the rule. The rule applies to new numbers only:
 * numbers taken over from an earlier system are kept as they are (1.1.13 再付番は不要).
 */
import { addresseeNumber } from '../../../jp/index.ts';
import type { ElevenPolicy } from '../../../jp/index.ts';
import { error } from './findings.ts';
import type { Finding } from './findings.ts';

export type NumberingSeries = 'addressee' | 'household';

export const SERIES_NAME: Record<NumberingSeries, string> = { addressee: '宛名番号', household: '世帯番号' };

/**
 * Total length including the check digit. The standard fixes none; 10 leaves a 9-digit serial,
 * ample for the largest 政令指定都市 over 150 years of 除票. A 団体 may choose another in
 * `resident_numbering.length` before the first number is issued.
 */
export const DEFAULT_NUMBER_LENGTH = 10;

export interface IssuedNumber {
  /** The number, zero-padded body + check digit. */
  value: string;
  /** The serial it was made from (serials without a check digit were skipped). */
  serial: number;
  /** What `resident_numbering.next_value` becomes. */
  nextSerial: number;
}

/** The first number at or after `nextSerial` whose body has a check digit. */
export function issueNumber(nextSerial: number, length: number = DEFAULT_NUMBER_LENGTH): IssuedNumber {
  if (!Number.isSafeInteger(nextSerial) || nextSerial < 1) throw new RangeError(`連番は1以上の整数です（${nextSerial}）`);
  if (!Number.isInteger(length) || length < 2 || length > 16) throw new RangeError(`番号の桁数は2〜16です（${length}）`);
  const width = length - 1;
  for (let serial = nextSerial; ; serial++) {
    const body = String(serial).padStart(width, '0');
    if (body.length > width) throw new RangeError(`${width}桁の連番を使い切りました（${serial}）`);
    const cd = addresseeNumber.checkDigit(body);
    if (cd !== null) return { value: `${body}${cd}`, serial, nextSerial: serial + 1 };
  }
}

export interface NumberCheckOptions {
  /** Expected total length; any length from 2 to 20 when omitted. */
  length?: number;
  /**
   * How numbers taken over from an earlier system treated remainder 1 (`zero`: they wrote 0).
   * Default `skip`, i.e. only numbers this system could have issued.
   */
  whenTen?: ElevenPolicy;
}

/** Checks a 宛名番号 or 世帯番号 as entered (search, import): digits, length and check digit. */
export function numberFindings(fieldName: string, series: NumberingSeries, value: string, options: NumberCheckOptions = {}): Finding[] {
  const name = SERIES_NAME[series];
  if (!/^[0-9]{2,20}$/.test(value)) return [error(fieldName, 'numbering.format', `${name}は2〜20桁の数字で入力してください`)];
  if (options.length !== undefined && value.length !== options.length) {
    return [error(fieldName, 'numbering.length', `${name}は${options.length}桁です（入力は${value.length}桁）`)];
  }
  if (!addresseeNumber.isValid(value, { whenTen: options.whenTen })) {
    return [
      error(
        fieldName,
        'numbering.check-digit',
        `${name}の検査数字が正しくありません（モジュラス11・ウェイト2〜7、住民記録システム標準仕様書 1.1.13）`,
      ),
    ];
  }
  return [];
}
