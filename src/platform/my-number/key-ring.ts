import { hkdfSync } from 'node:crypto';
import { inspect } from 'node:util';
import { MyNumberConfigError } from './errors.ts';

/**
 * The keys protecting 個人番号. Only the ids are visible: the material lives in a WeakMap reachable
 * from this directory alone, so logging or serialising a ring (by mistake) shows no secret.
 */
export interface MyNumberKeyRing {
  /** The key new ciphertexts are written with. */
  readonly currentKeyId: string;
  /** Every key that can still be read, in configuration order; older ones stay for rotation. */
  readonly keyIds: readonly string[];
}

export interface KeyRingInput {
  keys: ReadonlyArray<{ id: string; key: Uint8Array }>;
  /** Default: the last key listed. */
  currentKeyId?: string;
  /** The dedicated, non-rotating secret behind the lookup index (see README: lookup key). */
  lookupKey: Uint8Array;
}

export const KEY_BYTES = 32;
/** Key ids go into tokens (`mn1.<keyId>.…`), so no dots, colons or commas. */
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

interface Secrets {
  encryption: ReadonlyMap<string, Buffer>;
  lookup: Buffer;
}
const secrets = new WeakMap<MyNumberKeyRing, Secrets>();

// Configured secrets are never used directly: HKDF with distinct labels gives the cipher and the
// lookup index unrelated keys even if an operator pasted the same secret into both settings.
const SALT = Buffer.from('yakuba/my-number');
const derive = (secret: Uint8Array, purpose: string): Buffer => Buffer.from(hkdfSync('sha256', secret, SALT, purpose, KEY_BYTES));

export function createKeyRing(input: KeyRingInput): MyNumberKeyRing {
  if (input.keys.length === 0) throw new MyNumberConfigError('個人番号の暗号鍵が1つもありません');
  const encryption = new Map<string, Buffer>();
  for (const { id, key } of input.keys) {
    if (!KEY_ID_PATTERN.test(id)) {
      throw new MyNumberConfigError(`個人番号の暗号鍵の鍵ID「${id}」は使えません。英数字・「-」・「_」の1〜32文字にしてください`);
    }
    if (encryption.has(id)) throw new MyNumberConfigError(`個人番号の暗号鍵の鍵ID「${id}」が重複しています`);
    if (key.length !== KEY_BYTES) {
      throw new MyNumberConfigError(`個人番号の暗号鍵「${id}」の長さが正しくありません（${KEY_BYTES}バイトが必要ですが${key.length}バイトです）`);
    }
    encryption.set(id, derive(key, 'aes-256-gcm/v1'));
  }
  if (input.lookupKey.length !== KEY_BYTES) {
    throw new MyNumberConfigError(`個人番号の検索用鍵の長さが正しくありません（${KEY_BYTES}バイトが必要ですが${input.lookupKey.length}バイトです）`);
  }
  const keyIds = Object.freeze([...encryption.keys()]);
  const currentKeyId = input.currentKeyId ?? keyIds[keyIds.length - 1]!;
  if (!encryption.has(currentKeyId)) {
    throw new MyNumberConfigError(`現在の暗号鍵に指定された鍵ID「${currentKeyId}」が鍵の一覧にありません（設定済みの鍵ID: ${keyIds.join(', ')}）`);
  }
  const ring: MyNumberKeyRing = Object.freeze({
    currentKeyId,
    keyIds,
    [inspect.custom]: () => `MyNumberKeyRing { current: ${currentKeyId}, keys: [${keyIds.join(', ')}] }`,
  });
  secrets.set(ring, { encryption, lookup: derive(input.lookupKey, 'lookup-hmac-sha256/v1') });
  return ring;
}

function secretsOf(ring: MyNumberKeyRing): Secrets {
  const s = secrets.get(ring);
  if (!s) throw new TypeError('鍵リングは createKeyRing または loadKeyRing で作成してください');
  return s;
}

/** The AES-256-GCM key with this id, or undefined when the ring no longer holds it. Not exported from index.ts. */
export const encryptionKeyOf = (ring: MyNumberKeyRing, keyId: string): Buffer | undefined => secretsOf(ring).encryption.get(keyId);

/** The HMAC key of the lookup index. Not exported from index.ts. */
export const lookupKeyOf = (ring: MyNumberKeyRing): Buffer => secretsOf(ring).lookup;
