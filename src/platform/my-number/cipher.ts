import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { myNumber } from '../../jp/check-digits.ts';
import { assertMyNumber, assertTenantCode, MyNumberCipherError } from './errors.ts';
import { encryptionKeyOf, type MyNumberKeyRing } from './key-ring.ts';

/**
 * Stored form of a 個人番号: `mn1.<keyId>.<iv>.<ciphertext+tag>` (base64url), AES-256-GCM with a
 * random 96-bit IV. The key id travels with the ciphertext so that keys can rotate: old keys stay in
 * the ring for reading while a job rewrites tokens under the current one. The additional data binds
 * format version, key id and 団体: a token copied into another 団体's rows does not decrypt.
 */
const VERSION = 'mn1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const TOKEN = /^mn1\.([A-Za-z0-9_-]{1,32})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{22,})$/;

const aad = (keyId: string, tenantCode: string): Buffer => Buffer.from(`${VERSION}\0${keyId}\0${tenantCode}`, 'utf8');

export function encryptMyNumber(ring: MyNumberKeyRing, tenantCode: string, number: string): string {
  assertMyNumber(number);
  assertTenantCode(tenantCode);
  const keyId = ring.currentKeyId;
  const key = encryptionKeyOf(ring, keyId)!;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(keyId, tenantCode));
  const sealed = Buffer.concat([cipher.update(number, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${VERSION}.${keyId}.${iv.toString('base64url')}.${sealed.toString('base64url')}`;
}

export function decryptMyNumber(ring: MyNumberKeyRing, tenantCode: string, token: string): string {
  assertTenantCode(tenantCode);
  const { keyId, iv, sealed } = parseToken(token);
  const key = encryptionKeyOf(ring, keyId);
  if (!key) {
    throw new MyNumberCipherError(
      `個人番号の暗号文は鍵ID「${keyId}」の鍵で暗号化されていますが、その鍵が鍵リングにありません。ローテーション前の鍵を YAKUBA_MY_NUMBER_KEYS から外していないか確認してください`,
    );
  }
  let plain: string;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad(keyId, tenantCode));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    plain = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new MyNumberCipherError('個人番号の暗号文を復号できません（改ざんされたか、別の団体のデータか、鍵が異なります）');
  }
  // Authenticated, so this fails only if something wrote garbage with our key: still not to be shown.
  if (!myNumber.isValid(plain)) throw new MyNumberCipherError('復号した個人番号の形式が正しくありません');
  return plain;
}

/** Whether the token was written with a key other than the current one (the rotation job's filter). */
export function needsReencryption(ring: MyNumberKeyRing, token: string): boolean {
  return parseToken(token).keyId !== ring.currentKeyId;
}

/** The token under the current key; the same token when it already is. */
export function reencrypt(ring: MyNumberKeyRing, tenantCode: string, token: string): string {
  return needsReencryption(ring, token) ? encryptMyNumber(ring, tenantCode, decryptMyNumber(ring, tenantCode, token)) : token;
}

/** The key id a token was written with (for reports of how far a rotation has got). */
export function myNumberTokenKeyId(token: string): string {
  return parseToken(token).keyId;
}

function parseToken(token: string): { keyId: string; iv: Buffer; sealed: Buffer } {
  const m = typeof token === 'string' ? TOKEN.exec(token) : null;
  if (!m) throw new MyNumberCipherError('個人番号の暗号文の形式が正しくありません');
  const iv = Buffer.from(m[2]!, 'base64url');
  const sealed = Buffer.from(m[3]!, 'base64url');
  if (iv.length !== IV_BYTES || sealed.length <= TAG_BYTES) throw new MyNumberCipherError('個人番号の暗号文の形式が正しくありません');
  return { keyId: m[1]!, iv, sealed };
}
