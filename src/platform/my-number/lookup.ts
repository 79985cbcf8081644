import { createHmac } from 'node:crypto';
import { assertMyNumber, assertTenantCode } from './errors.ts';
import { lookupKeyOf, type MyNumberKeyRing } from './key-ring.ts';

/**
 * Blind index for exact-match search by 個人番号 (ciphertexts are randomised and cannot be compared):
 * HMAC-SHA256 over 団体 and number, base64url. Store it beside the ciphertext, look rows up by it.
 *
 * Its key comes from YAKUBA_MY_NUMBER_LOOKUP_KEY, a dedicated secret that does not rotate with the
 * encryption keys, so a routine key rotation leaves every stored lookup key valid. Replacing that
 * secret (after a leak) means recomputing every stored lookup key from the decrypted numbers: a
 * re-index job, not a configuration change. Being tenant-specific, the same person registered in two
 * 団体 yields unrelated values, so the index cannot be joined across 団体.
 */
export function myNumberLookupKey(ring: MyNumberKeyRing, tenantCode: string, number: string): string {
  assertMyNumber(number);
  assertTenantCode(tenantCode);
  return createHmac('sha256', lookupKeyOf(ring)).update(`${tenantCode}\0${number}`, 'utf8').digest('base64url');
}
