import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MY_NUMBERS, NOT_MY_NUMBERS } from '../fixtures/my-numbers.ts';
import { describeLeaks, findMyNumbers, scanLogFile } from './log-scan.ts';

const fullWidth = (digits: string) => digits.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
const grouped = (digits: string, sep: string) => `${digits.slice(0, 4)}${sep}${digits.slice(4, 8)}${sep}${digits.slice(8)}`;

describe('the log check of the global teardown', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'yakuba-scan-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('finds fixture numbers plain, full-width, grouped and escaped, by index', () => {
    expect(findMyNumbers(`{"a":"${MY_NUMBERS[4]}"}`, MY_NUMBERS)).toEqual([{ index: 4, form: 'plain' }]);
    expect(findMyNumbers(`x ${fullWidth(MY_NUMBERS[5]!)} y`, MY_NUMBERS)).toEqual([{ index: 5, form: 'full-width or grouped' }]);
    expect(findMyNumbers(grouped(MY_NUMBERS[6]!, '-'), MY_NUMBERS)).toEqual([{ index: 6, form: 'full-width or grouped' }]);
    expect(findMyNumbers(grouped(fullWidth(MY_NUMBERS[7]!), '　'), MY_NUMBERS)).toEqual([{ index: 7, form: 'full-width or grouped' }]);
    const escaped = JSON.stringify({ a: MY_NUMBERS[8] }).replace(/[0-9]/g, (d) => `\\u003${d}`);
    expect(findMyNumbers(escaped, MY_NUMBERS)).toEqual([{ index: 8, form: 'plain' }]);
    expect(findMyNumbers(`0${MY_NUMBERS[9]}9`, MY_NUMBERS)).toEqual([{ index: 9, form: 'plain' }]);
    expect(findMyNumbers(`[個人番号] ${NOT_MY_NUMBERS.join(' ')}`, MY_NUMBERS)).toEqual([]);
  });

  it('reports file and line and the fixture index, never the number', async () => {
    const file = path.join(dir, 'leaky.log');
    await writeFile(file, ['{"msg":"ok"}', `{"msg":"oops ${MY_NUMBERS[2]}"}`, '{"msg":"ok"}', `{"x":"${grouped(MY_NUMBERS[11]!, ' ')}"}`, ''].join('\n'));
    const leaks = await scanLogFile(file, MY_NUMBERS);
    expect(leaks).toEqual([
      { file, line: 2, index: 2, form: 'plain' },
      { file, line: 4, index: 11, form: 'full-width or grouped' },
    ]);
    const report = describeLeaks(leaks);
    expect(report).toContain(`${file}:2 — MY_NUMBERS[2]`);
    expect(report).toContain(`${file}:4 — MY_NUMBERS[11]`);
    expect(findMyNumbers(report, MY_NUMBERS)).toEqual([]);
  });
});
