import { createHash } from 'node:crypto';
import { createKeyRing, type MyNumberKeyRing } from '../../src/platform/my-number/index.ts';

/** Deterministic test key material: sha256 of a label. Never a real key; only for tests. */
export const testKey = (label: string): Buffer => createHash('sha256').update(`yakuba test key: ${label}`).digest();

/**
 * A key ring with fixed keys, so tests need no configuration and get the same lookup keys on every
 * run. `keyIds` default ['test-1']; the current key is the last unless `current` says otherwise.
 */
export function testKeyRing(options: { keyIds?: readonly string[]; current?: string; lookup?: string } = {}): MyNumberKeyRing {
  const keyIds = options.keyIds ?? ['test-1'];
  return createKeyRing({
    keys: keyIds.map((id) => ({ id, key: testKey(id) })),
    currentKeyId: options.current,
    lookupKey: testKey(`lookup:${options.lookup ?? 'test'}`),
  });
}

/** The same keys as settings, for code that reads its configuration (loadKeyRing). */
export function testKeySettings(options: { keyIds?: readonly string[]; current?: string; lookup?: string } = {}): Record<string, string> {
  const keyIds = options.keyIds ?? ['test-1'];
  return {
    YAKUBA_MY_NUMBER_KEYS: keyIds.map((id) => `${id}:${testKey(id).toString('base64')}`).join(','),
    ...(options.current ? { YAKUBA_MY_NUMBER_KEY_ID: options.current } : {}),
    YAKUBA_MY_NUMBER_LOOKUP_KEY: testKey(`lookup:${options.lookup ?? 'test'}`).toString('base64'),
  };
}
