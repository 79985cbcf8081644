import { describe, expect, it } from 'vitest';
import { MY_NUMBERS, NOT_MY_NUMBERS } from '../../../test/fixtures/my-numbers.ts';
import { testKeyRing } from '../../../test/support/my-number.ts';
import { ValidationError } from '../errors.ts';
import {
  decryptMyNumber,
  encryptMyNumber,
  MyNumberCipherError,
  myNumberLookupKey,
  myNumberTokenKeyId,
  needsReencryption,
  reencrypt,
} from './index.ts';

const [n0, n1] = MY_NUMBERS as [string, string];
const CHIYODA = '131016';
const SAPPORO = '011002';

/** The error says what went wrong without a trace of the number: no digit run a number could hide in. */
function expectSilentAbout(fn: () => unknown, type: new (...args: never[]) => Error, number: string): void {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(type);
  const text = `${(error as Error).message} ${JSON.stringify(error)} ${String((error as Error).stack)}`;
  expect(text).toMatch(/[ぁ-んァ-ヶ一-龠]/);
  expect(text).not.toContain(number);
  expect(text.split('\n')[0]).not.toMatch(/[0-9０-９]{4}/);
}

/** Flips one character of a base64url part, keeping the token well-formed. */
function tamper(token: string, part: 2 | 3): string {
  const parts = token.split('.');
  const p = parts[part]!;
  parts[part] = (p[0] === 'A' ? 'B' : 'A') + p.slice(1);
  return parts.join('.');
}

describe('encryptMyNumber / decryptMyNumber', () => {
  const ring = testKeyRing();

  it('round-trips every fixture number and writes a compact mn1 token', () => {
    for (const n of MY_NUMBERS) {
      const token = encryptMyNumber(ring, CHIYODA, n);
      expect(token).toMatch(/^mn1\.test-1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{38}$/);
      expect(token).not.toContain(n);
      expect(decryptMyNumber(ring, CHIYODA, token)).toBe(n);
    }
  });

  it('uses a fresh IV each time, so equal numbers give unequal tokens', () => {
    expect(encryptMyNumber(ring, CHIYODA, n0)).not.toBe(encryptMyNumber(ring, CHIYODA, n0));
  });

  it('rejects a tampered IV or ciphertext', () => {
    const token = encryptMyNumber(ring, CHIYODA, n0);
    expectSilentAbout(() => decryptMyNumber(ring, CHIYODA, tamper(token, 2)), MyNumberCipherError, n0);
    expectSilentAbout(() => decryptMyNumber(ring, CHIYODA, tamper(token, 3)), MyNumberCipherError, n0);
  });

  it('does not decrypt a token copied to another 団体', () => {
    const token = encryptMyNumber(ring, CHIYODA, n0);
    expectSilentAbout(() => decryptMyNumber(ring, SAPPORO, token), MyNumberCipherError, n0);
  });

  it('names the missing key when the token was written with a key the ring no longer holds', () => {
    const token = encryptMyNumber(testKeyRing({ keyIds: ['retired'] }), CHIYODA, n0);
    expectSilentAbout(() => decryptMyNumber(ring, CHIYODA, token), MyNumberCipherError, n0);
    expect(() => decryptMyNumber(ring, CHIYODA, token)).toThrow(/鍵ID「retired」/);
  });

  it('does not decrypt with another key under the same id, nor a token whose key id was rewritten', () => {
    const token = encryptMyNumber(testKeyRing({ keyIds: ['a'] }), CHIYODA, n0);
    const other = testKeyRing({ keyIds: ['b'] });
    expectSilentAbout(() => decryptMyNumber(other, CHIYODA, token.replace('.a.', '.b.')), MyNumberCipherError, n0);
  });

  it('rejects malformed tokens', () => {
    for (const bad of ['', 'mn1', 'mn2.test-1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'mn1.te.st.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', n0]) {
      expectSilentAbout(() => decryptMyNumber(ring, CHIYODA, bad), MyNumberCipherError, n0);
    }
  });

  it('refuses to encrypt anything but a valid 個人番号, without echoing it', () => {
    expectSilentAbout(() => encryptMyNumber(ring, CHIYODA, NOT_MY_NUMBERS[0]!), ValidationError, NOT_MY_NUMBERS[0]!);
    expect(() => encryptMyNumber(ring, CHIYODA, NOT_MY_NUMBERS[0]!)).toThrow(/検査数字/);
    for (const bad of [`${n0} `, n0.slice(1), `${n0}0`, '１２３４５６７８９０１８', '']) {
      expectSilentAbout(() => encryptMyNumber(ring, CHIYODA, bad), ValidationError, n0);
    }
    try {
      encryptMyNumber(ring, CHIYODA, NOT_MY_NUMBERS[1]!);
    } catch (e) {
      expect((e as ValidationError).errors).toEqual([{ field: 'myNumber', rule: 'check-digit', message: expect.any(String) }]);
    }
  });

  it('requires a 団体 to bind to', () => {
    expect(() => encryptMyNumber(ring, '', n0)).toThrow(/団体コード/);
  });
});

describe('key rotation', () => {
  const k1 = testKeyRing({ keyIds: ['k1'] });
  const both = testKeyRing({ keyIds: ['k1', 'k2'] });

  it('reads tokens of the old key and rewrites them under the current one', () => {
    const old = encryptMyNumber(k1, CHIYODA, n0);
    expect(both.currentKeyId).toBe('k2');
    expect(decryptMyNumber(both, CHIYODA, old)).toBe(n0);
    expect(needsReencryption(both, old)).toBe(true);
    const renewed = reencrypt(both, CHIYODA, old);
    expect(myNumberTokenKeyId(renewed)).toBe('k2');
    expect(needsReencryption(both, renewed)).toBe(false);
    expect(decryptMyNumber(both, CHIYODA, renewed)).toBe(n0);
    expect(reencrypt(both, CHIYODA, renewed)).toBe(renewed);
  });

  it('keeps writing with an older key when the configuration names it current', () => {
    const pinned = testKeyRing({ keyIds: ['k1', 'k2'], current: 'k1' });
    expect(myNumberTokenKeyId(encryptMyNumber(pinned, CHIYODA, n0))).toBe('k1');
  });

  it('cannot re-encrypt across 団体', () => {
    const old = encryptMyNumber(k1, CHIYODA, n0);
    expect(() => reencrypt(both, SAPPORO, old)).toThrow(MyNumberCipherError);
  });
});

describe('myNumberLookupKey', () => {
  const ring = testKeyRing();

  it('is stable, distinct per number and per 団体, and reveals no digits', () => {
    const key = myNumberLookupKey(ring, CHIYODA, n0);
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(myNumberLookupKey(testKeyRing(), CHIYODA, n0)).toBe(key);
    expect(myNumberLookupKey(ring, CHIYODA, n1)).not.toBe(key);
    expect(myNumberLookupKey(ring, SAPPORO, n0)).not.toBe(key);
  });

  it('survives rotation of the encryption keys (it has its own key), and changes with that key', () => {
    const key = myNumberLookupKey(ring, CHIYODA, n0);
    expect(myNumberLookupKey(testKeyRing({ keyIds: ['test-1', 'test-2'] }), CHIYODA, n0)).toBe(key);
    expect(myNumberLookupKey(testKeyRing({ lookup: 'replaced' }), CHIYODA, n0)).not.toBe(key);
  });

  it('validates the number like encryption does', () => {
    expectSilentAbout(() => myNumberLookupKey(ring, CHIYODA, NOT_MY_NUMBERS[2]!), ValidationError, NOT_MY_NUMBERS[2]!);
  });
});
