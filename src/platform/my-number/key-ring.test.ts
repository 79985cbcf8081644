import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { testKey, testKeySettings } from '../../../test/support/my-number.ts';
import { createKeyRing, keyRingFromSettings, MyNumberConfigError } from './index.ts';

const b64 = (label: string) => testKey(label).toString('base64');
const settings = (keys: string, more: Record<string, string> = {}) => ({
  YAKUBA_MY_NUMBER_KEYS: keys,
  YAKUBA_MY_NUMBER_LOOKUP_KEY: b64('lookup'),
  ...more,
});

/** The message, checked to be Japanese and to hold no key material. */
function configError(input: Record<string, string>): string {
  let error: unknown;
  try {
    keyRingFromSettings(input);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(MyNumberConfigError);
  const message = (error as Error).message;
  for (const value of Object.values(input)) for (const part of value.split(/[,:]/)) if (part.length >= 16) expect(message).not.toContain(part);
  return message;
}

describe('keyRingFromSettings', () => {
  it('reads keyId:base64 pairs; the last one listed is current unless YAKUBA_MY_NUMBER_KEY_ID says otherwise', () => {
    const ring = keyRingFromSettings(testKeySettings({ keyIds: ['k1', 'k2'] }));
    expect(ring).toMatchObject({ currentKeyId: 'k2', keyIds: ['k1', 'k2'] });
    expect(keyRingFromSettings(testKeySettings({ keyIds: ['k1', 'k2'], current: 'k1' })).currentKeyId).toBe('k1');
  });

  it('accepts spaces around entries and the URL-safe base64 alphabet', () => {
    const urlSafe = testKey('k1').toString('base64url');
    expect(keyRingFromSettings(settings(` k1 : ${urlSafe} , k2:${b64('k2')} `)).keyIds).toEqual(['k1', 'k2']);
  });

  it.each([
    ['a key of the wrong length', settings(`k1:${testKey('k1').subarray(0, 16).toString('base64')}`), /鍵「k1」の長さが正しくありません（32バイト.*16バイト/],
    ['an entry without a key id', settings(b64('k1')), /1番目の項目が「鍵ID:base64」の形式ではありません/],
    ['a key that is not base64', settings('k1:not base64!'), /鍵「k1」がbase64形式ではありません/],
    ['an unknown current key id', settings(`k1:${b64('k1')}`, { YAKUBA_MY_NUMBER_KEY_ID: 'k9' }), /鍵ID「k9」が YAKUBA_MY_NUMBER_KEYS にありません（設定済みの鍵ID: k1）/],
    ['a duplicate key id', settings(`k1:${b64('k1')},k1:${b64('k2')}`), /鍵ID「k1」が重複しています/],
    ['a key id that cannot go into a token', settings(`k.1:${b64('k1')}`), /鍵ID「k\.1」は使えません/],
    ['no lookup key', { YAKUBA_MY_NUMBER_KEYS: `k1:${b64('k1')}` }, /YAKUBA_MY_NUMBER_LOOKUP_KEY（環境変数）が設定されていません/],
    ['a lookup key of the wrong length', settings(`k1:${b64('k1')}`, { YAKUBA_MY_NUMBER_LOOKUP_KEY: 'AAAA' }), /YAKUBA_MY_NUMBER_LOOKUP_KEY（環境変数）の長さが正しくありません/],
    ['no keys at all', { YAKUBA_MY_NUMBER_LOOKUP_KEY: b64('lookup') }, /YAKUBA_MY_NUMBER_KEYS（環境変数）が設定されていません/],
  ])('explains %s in Japanese without showing key material', (_what, input, message) => {
    expect(configError(input)).toMatch(message);
  });
});

describe('createKeyRing', () => {
  it('shows key ids, never key material, when logged, serialised or inspected', () => {
    const ring = createKeyRing({ keys: [{ id: 'k1', key: testKey('k1') }], lookupKey: testKey('lookup') });
    const shown = [JSON.stringify(ring), inspect(ring, { showHidden: true, depth: 5 }), String(Object.values(ring))].join('\n');
    expect(shown).toContain('k1');
    for (const secret of [testKey('k1'), testKey('lookup')]) {
      expect(shown).not.toContain(secret.toString('base64'));
      expect(shown).not.toContain(secret.toString('hex'));
    }
    expect(Object.isFrozen(ring)).toBe(true);
  });

  it('refuses an empty ring', () => {
    expect(() => createKeyRing({ keys: [], lookupKey: testKey('lookup') })).toThrow(MyNumberConfigError);
  });
});
