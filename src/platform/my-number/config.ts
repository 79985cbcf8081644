import { createKeyRing, KEY_BYTES, type MyNumberKeyRing } from './key-ring.ts';
import { MyNumberConfigError } from './errors.ts';

/** The settings that carry the keys (README: 設定). */
export interface MyNumberKeySettings {
  /** `keyId:base64(32 bytes)`, comma-separated, oldest first. */
  YAKUBA_MY_NUMBER_KEYS?: string | undefined;
  /** The key new ciphertexts use; default the last one listed. */
  YAKUBA_MY_NUMBER_KEY_ID?: string | undefined;
  /** base64(32 bytes); never rotated, because every stored lookup key depends on it. */
  YAKUBA_MY_NUMBER_LOOKUP_KEY?: string | undefined;
}

const HOW_TO_MAKE = '鍵は `openssl rand -base64 32` などで作成できます';

/** Whether any key setting is present (a half-configured deployment must fail, not fall back to a demo key). */
export const hasKeySettings = (settings: MyNumberKeySettings): boolean =>
  [settings.YAKUBA_MY_NUMBER_KEYS, settings.YAKUBA_MY_NUMBER_KEY_ID, settings.YAKUBA_MY_NUMBER_LOOKUP_KEY].some((v) => v?.trim());

/**
 * The key ring the settings describe. `source` names where they came from in messages. Messages name
 * key ids and lengths, never key material.
 */
export function keyRingFromSettings(settings: MyNumberKeySettings, source = '環境変数'): MyNumberKeyRing {
  const list = settings.YAKUBA_MY_NUMBER_KEYS?.trim();
  if (!list) throw new MyNumberConfigError(`YAKUBA_MY_NUMBER_KEYS（${source}）が設定されていません。「鍵ID:base64形式の32バイトの鍵」をカンマ区切りで指定してください。${HOW_TO_MAKE}`);
  const keys = list.split(',').map((entry, i) => {
    const colon = entry.indexOf(':');
    const id = entry.slice(0, colon).trim();
    if (colon < 0 || id === '') {
      throw new MyNumberConfigError(`YAKUBA_MY_NUMBER_KEYS（${source}）の${i + 1}番目の項目が「鍵ID:base64」の形式ではありません`);
    }
    return { id, key: decodeKey(entry.slice(colon + 1), `YAKUBA_MY_NUMBER_KEYS（${source}）の鍵「${id}」`) };
  });
  const lookup = settings.YAKUBA_MY_NUMBER_LOOKUP_KEY?.trim();
  if (!lookup) {
    throw new MyNumberConfigError(`YAKUBA_MY_NUMBER_LOOKUP_KEY（${source}）が設定されていません。個人番号による検索に使う、ローテーションしない専用の鍵（base64形式の32バイト）を指定してください。${HOW_TO_MAKE}`);
  }
  const currentKeyId = settings.YAKUBA_MY_NUMBER_KEY_ID?.trim() || undefined;
  if (currentKeyId !== undefined && !keys.some((k) => k.id === currentKeyId)) {
    throw new MyNumberConfigError(
      `YAKUBA_MY_NUMBER_KEY_ID（${source}）の鍵ID「${currentKeyId}」が YAKUBA_MY_NUMBER_KEYS にありません（設定済みの鍵ID: ${keys.map((k) => k.id).join(', ')}）`,
    );
  }
  return createKeyRing({ keys, currentKeyId, lookupKey: decodeKey(lookup, `YAKUBA_MY_NUMBER_LOOKUP_KEY（${source}）`) });
}

/** Strict base64 (standard or URL alphabet) of exactly 32 bytes. */
function decodeKey(text: string, what: string): Buffer {
  const value = text.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) {
    throw new MyNumberConfigError(`${what}がbase64形式ではありません。${HOW_TO_MAKE}`);
  }
  const key = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (key.length !== KEY_BYTES) {
    throw new MyNumberConfigError(`${what}の長さが正しくありません（${KEY_BYTES}バイト＝base64で44文字が必要ですが、${key.length}バイトです）。${HOW_TO_MAKE}`);
  }
  return key;
}
