import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MY_NUMBERS } from '../../../test/fixtures/my-numbers.ts';
import { testKey, testKeySettings } from '../../../test/support/my-number.ts';
import { decryptMyNumber, encryptMyNumber, loadKeyRing, MyNumberConfigError, myNumberLookupKey } from './index.ts';

function recorder() {
  const warnings: string[] = [];
  return { warnings, log: { warn: (_obj: object, message: string) => void warnings.push(message) } as never };
}

describe('loadKeyRing', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'yakuba-my-number-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('uses configured keys when there are any, on either engine, without warning', () => {
    const { warnings, log } = recorder();
    const ring = loadKeyRing({ ...testKeySettings({ keyIds: ['k1', 'k2'] }), DATABASE_URL: 'postgres://db/yakuba' }, { dataDir, log });
    expect(ring.keyIds).toEqual(['k1', 'k2']);
    expect(warnings).toEqual([]);
  });

  it('refuses PostgreSQL without keys, saying what to set', () => {
    expect(() => loadKeyRing({ DATABASE_URL: 'postgres://db/yakuba' }, { dataDir })).toThrow(MyNumberConfigError);
    expect(() => loadKeyRing({ DATABASE_URL: 'postgres://db/yakuba' }, { dataDir })).toThrow(/YAKUBA_MY_NUMBER_KEYS.*YAKUBA_MY_NUMBER_LOOKUP_KEY/);
  });

  it('does not fall back to a demo key when the configuration is only half there', () => {
    expect(() => loadKeyRing({ YAKUBA_MY_NUMBER_LOOKUP_KEY: testKey('l').toString('base64') }, { dataDir })).toThrow(/YAKUBA_MY_NUMBER_KEYS/);
  });

  it('generates a demo key once for the embedded database, keeps it owner-only in the data directory, and warns', async () => {
    const first = recorder();
    const ring = loadKeyRing({}, { dataDir, log: first.log });
    expect(first.warnings).toEqual([expect.stringMatching(/デモ用の鍵を生成して保存しました。これはデモ用です/)]);
    const file = path.join(dataDir, 'keys', 'my-number.keys');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(file))).mode & 0o777).toBe(0o700);
    expect(await readFile(file, 'utf8')).toMatch(/^YAKUBA_MY_NUMBER_KEYS=demo-\d{8}:[A-Za-z0-9+/]{43}=$/m);

    const token = encryptMyNumber(ring, '131016', MY_NUMBERS[0]!);
    const again = recorder();
    const reloaded = loadKeyRing({}, { dataDir, log: again.log });
    expect(again.warnings).toEqual([expect.stringMatching(/デモ用の個人番号の暗号鍵を使用しています/)]);
    expect(decryptMyNumber(reloaded, '131016', token)).toBe(MY_NUMBERS[0]);
    expect(myNumberLookupKey(reloaded, '131016', MY_NUMBERS[0]!)).toBe(myNumberLookupKey(ring, '131016', MY_NUMBERS[0]!));
  });

  it('finds the data directory through YAKUBA_DATA_DIR like the database does', async () => {
    const dir = path.join(dataDir, 'via-env');
    loadKeyRing({ YAKUBA_DATA_DIR: dir }, { log: recorder().log });
    expect((await stat(path.join(dir, 'keys', 'my-number.keys'))).isFile()).toBe(true);
  });

  it('gives an in-memory database a key that lives as long as the process', () => {
    const { warnings, log } = recorder();
    const ring = loadKeyRing({}, { dataDir: 'memory://', log });
    expect(ring.keyIds).toHaveLength(1);
    expect(warnings).toEqual([expect.stringMatching(/一時的な鍵を生成しました/)]);
  });

  it('names the file and line of a damaged key file', async () => {
    const dir = path.join(dataDir, 'damaged');
    loadKeyRing({}, { dataDir: dir, log: recorder().log });
    const file = path.join(dir, 'keys', 'my-number.keys');
    await writeFile(file, 'YAKUBA_MY_NUMBER_KEYS=k1:AAAA\nYAKUBA_MY_NUMBER_LOOKUP_KEY=AAAA\n');
    expect(() => loadKeyRing({}, { dataDir: dir, log: recorder().log })).toThrow(/鍵「k1」の長さが正しくありません/);
    await writeFile(file, 'garbage\n');
    expect(() => loadKeyRing({}, { dataDir: dir, log: recorder().log })).toThrow(/my-number\.keys の1行目を読めません/);
  });
});
