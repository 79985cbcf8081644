import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/**
 * Finds 個人番号 in log files, for the check that no test ever logged one (global teardown). A
 * finding names the file, the line and the number's index in the fixture list, never the number:
 * the report itself must not leak what it found.
 *
 * Each line is normalised before the search (full-width digits to ASCII, separators between digits
 * removed), so a number written 4-4-4, with full-width digits or inside a longer run is found too.
 */
export interface MyNumberLeak {
  file: string;
  /** 1-based. */
  line: number;
  /** Index in the list of numbers searched for (MY_NUMBERS). */
  index: number;
  form: 'plain' | 'full-width or grouped';
}

const FULL_WIDTH_DIGIT = /[\uFF10-\uFF19]/g;
const BETWEEN_DIGITS = /(?<=[0-9])[ \-\u2010-\u2015\u2212\u30FC\uFF0D\u3000]+(?=[0-9])/g;
const DIGIT_RUN = /[0-9]{12,}/g;

/** Indexes (into `numbers`) of every number occurring in `text`, in any of the forms above. */
export function findMyNumbers(text: string, numbers: readonly string[]): Array<{ index: number; form: MyNumberLeak['form'] }> {
  const wanted = new Map(numbers.map((n, i) => [n, i]));
  const found = new Map<number, MyNumberLeak['form']>();
  for (const variant of variants(text)) {
    const normalised = variant.replace(FULL_WIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(BETWEEN_DIGITS, '');
    for (const [run] of normalised.matchAll(DIGIT_RUN)) {
      for (let i = 0; i + 12 <= run.length; i++) {
        const n = run.slice(i, i + 12);
        const index = wanted.get(n);
        if (index !== undefined && !found.has(index)) found.set(index, variant.includes(n) ? 'plain' : 'full-width or grouped');
      }
    }
  }
  return [...found].map(([index, form]) => ({ index, form }));
}

/** The line as written and, when it holds JSON \u escapes, as decoded. */
function variants(line: string): string[] {
  if (!line.includes('\\u')) return [line];
  try {
    return [line, JSON.stringify(JSON.parse(line))];
  } catch {
    return [line];
  }
}

export async function scanLogFile(file: string, numbers: readonly string[]): Promise<MyNumberLeak[]> {
  const leaks: MyNumberLeak[] = [];
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    for (const hit of findMyNumbers(text, numbers)) leaks.push({ file, line, ...hit });
  }
  return leaks;
}

/** A report that lets someone find the offending line without repeating the number. */
export function describeLeaks(leaks: readonly MyNumberLeak[]): string {
  const shown = leaks.slice(0, 20).map((l) => `  ${l.file}:${l.line} — MY_NUMBERS[${l.index}]（${l.form === 'plain' ? 'そのまま' : '全角または4桁区切り'}）`);
  const more = leaks.length > shown.length ? [`  …ほか${leaks.length - shown.length}件`] : [];
  return [
    `テスト中のログに個人番号が出力されました（${leaks.length}件）。ログに個人番号を書かないでください（DESIGN §5）:`,
    ...shown,
    ...more,
  ].join('\n');
}
