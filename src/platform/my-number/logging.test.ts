import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MY_NUMBERS, NOT_MY_NUMBERS } from '../../../test/fixtures/my-numbers.ts';
import { findMyNumbers } from '../../../test/support/log-scan.ts';
import { createLogger } from '../log.ts';

const fullWidth = (digits: string) => digits.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

/** Logs fixture numbers every way a careless caller might, at every level the run records. */
function logCarelessly(log: ReturnType<typeof createLogger>): void {
  const [a, b, c, d, e] = MY_NUMBERS as [string, string, string, string, string];
  log.info({ resident: { myNumber: a, note: `番号 ${b}` }, plain: c, numeric: Number(d), list: [e, fullWidth(a)] }, `個人番号 ${a} を登録`);
  log.debug('照会 %s / %s', `${b.slice(0, 4)}-${b.slice(4, 8)}-${b.slice(8)}`, fullWidth(c));
  log.child({ subject: d }).warn(new Error(`個人番号 ${e} の検査に失敗`));
  log.error({ err: new Error(`nested ${a}`), my_number: b, deep: { x: { myNumber: c } } }, 'failed');
  log.info({ ids: NOT_MY_NUMBERS }, `not a 個人番号: ${NOT_MY_NUMBERS[0]}`);
}

describe('createLogger with YAKUBA_LOG_FILE', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'yakuba-log-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('appends JSON lines to the file, creating it and its directory', async () => {
    const file = path.join(dir, 'nested', 'app.log');
    createLogger({ LOG_LEVEL: 'info', YAKUBA_LOG_FILE: file }).info({ n: 1 }, 'first');
    createLogger({ LOG_LEVEL: 'info', YAKUBA_LOG_FILE: file }).info({ n: 2 }, 'second');
    const lines = (await readFile(file, 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toMatchObject([{ msg: 'first', n: 1, service: 'yakuba' }, { msg: 'second', n: 2 }]);
  });

  it('writes no fixture 個人番号 in any form, and leaves 12-digit ids that fail the check digit alone', async () => {
    const file = path.join(dir, 'careless.log');
    logCarelessly(createLogger({ LOG_LEVEL: 'debug', YAKUBA_LOG_FILE: file }));
    const text = await readFile(file, 'utf8');
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(5);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(findMyNumbers(text, MY_NUMBERS)).toEqual([]);
    expect(text).toContain('[個人番号]');
    expect(text).toContain('[秘匿]');
    for (const id of NOT_MY_NUMBERS) expect(text).toContain(id);
    expect(JSON.parse(lines[0]!)).toMatchObject({ resident: { myNumber: '[秘匿]', note: '番号 [個人番号]' }, numeric: '[個人番号]', msg: '個人番号 [個人番号] を登録' });
  });

  it('does the same on the log of the whole run, which the global teardown checks', () => {
    // Under vitest, YAKUBA_LOG_FILE names the run's log (vitest.config.ts): this writes there.
    expect(process.env.YAKUBA_LOG_FILE).toMatch(/test-logs[/\\]run-.*\.log$/);
    logCarelessly(createLogger());
  });
});
