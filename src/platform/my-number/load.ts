import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { databaseConfigFromEnv } from '../db/config.ts';
import { createLogger } from '../log.ts';
import { hasKeySettings, keyRingFromSettings, type MyNumberKeySettings } from './config.ts';
import { KEY_BYTES, type MyNumberKeyRing } from './key-ring.ts';
import { MyNumberConfigError } from './errors.ts';

export interface LoadKeyRingOptions {
  /** The embedded database's data directory; default YAKUBA_DATA_DIR (or ./data), as for the database. */
  dataDir?: string;
  /** Where the demo-key warning goes; default a logger from the process environment. */
  log?: Pick<Logger, 'warn'>;
}

const DEMO_WARNING = 'これはデモ用です。本番では YAKUBA_MY_NUMBER_KEYS と YAKUBA_MY_NUMBER_LOOKUP_KEY を設定してください';

/**
 * The key ring for this deployment. Configured keys always win. Without them, only the embedded
 * demo database may run: it gets a random key ring, generated once and kept beside its data, so a
 * demo works out of the box and survives restarts. A PostgreSQL deployment without keys is refused,
 * because a key generated on one server would leave the data unreadable on every other.
 */
export function loadKeyRing(env: NodeJS.ProcessEnv = process.env, options: LoadKeyRingOptions = {}): MyNumberKeyRing {
  if (hasKeySettings(env)) return keyRingFromSettings(env);
  if (env.DATABASE_URL?.trim()) {
    throw new MyNumberConfigError(
      'PostgreSQL（DATABASE_URL）を使う場合は個人番号の暗号鍵の設定が必要です。YAKUBA_MY_NUMBER_KEYS（「鍵ID:base64形式の32バイトの鍵」のカンマ区切り）と YAKUBA_MY_NUMBER_LOOKUP_KEY（base64形式の32バイト）を設定してください。鍵は `openssl rand -base64 32` などで作成できます',
    );
  }
  const config = databaseConfigFromEnv(env);
  const dataDir = options.dataDir ?? (config.engine === 'pglite' ? config.dataDir : path.resolve('./data'));
  const log = options.log ?? createLogger();
  if (dataDir.startsWith('memory://')) {
    // The data vanishes with the process, and so may its key.
    log.warn({ component: 'my-number' }, `個人番号の暗号鍵が設定されていないため、一時的な鍵を生成しました（メモリ上のデータベース用）。${DEMO_WARNING}`);
    return keyRingFromSettings(demoSettings(), '一時的な鍵');
  }
  const file = path.join(path.resolve(dataDir), 'keys', 'my-number.keys');
  const created = ensureDemoKeyFile(file);
  log.warn(
    { component: 'my-number', file },
    created ? `個人番号の暗号鍵が設定されていないため、デモ用の鍵を生成して保存しました。${DEMO_WARNING}` : `デモ用の個人番号の暗号鍵を使用しています。${DEMO_WARNING}`,
  );
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
    log.warn({ component: 'my-number', file }, '個人番号の暗号鍵ファイルを所有者以外も読めます。chmod 600 で権限を絞ってください');
  }
  return keyRingFromSettings(parseKeyFile(file), file);
}

/** Creates the demo key file unless it exists; true when this call created it. */
function ensureDemoKeyFile(file: string): boolean {
  if (existsSync(file)) return false;
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const settings = demoSettings();
  const text = [
    '# yakuba: 個人番号の暗号鍵（デモ用・自動生成）。本番では使わず、鍵は環境変数で設定すること。',
    '# このファイルを失うと、このデータベースの個人番号は復号できなくなる。',
    `YAKUBA_MY_NUMBER_KEYS=${settings.YAKUBA_MY_NUMBER_KEYS}`,
    `YAKUBA_MY_NUMBER_LOOKUP_KEY=${settings.YAKUBA_MY_NUMBER_LOOKUP_KEY}`,
    '',
  ].join('\n');
  // Written aside, then linked into place: linking fails if another process (a CLI command started
  // beside the server) got there first, and nobody ever reads a half-written file.
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temp, text, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(temp);
  }
}

function demoSettings(): Required<Pick<MyNumberKeySettings, 'YAKUBA_MY_NUMBER_KEYS' | 'YAKUBA_MY_NUMBER_LOOKUP_KEY'>> {
  const id = `demo-${new Date().toISOString().slice(0, 10).replaceAll('-', '')}`;
  return {
    YAKUBA_MY_NUMBER_KEYS: `${id}:${randomBytes(KEY_BYTES).toString('base64')}`,
    YAKUBA_MY_NUMBER_LOOKUP_KEY: randomBytes(KEY_BYTES).toString('base64'),
  };
}

/** `NAME=value` lines, as written above; an operator may add keys to rotate the demo key. */
function parseKeyFile(file: string): MyNumberKeySettings {
  const settings: Record<string, string> = {};
  readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .forEach((line, i) => {
      if (/^\s*(#|$)/.test(line)) return;
      const m = /^\s*(YAKUBA_MY_NUMBER_KEYS|YAKUBA_MY_NUMBER_KEY_ID|YAKUBA_MY_NUMBER_LOOKUP_KEY)\s*=(.*)$/.exec(line);
      if (!m) throw new MyNumberConfigError(`${file} の${i + 1}行目を読めません（「YAKUBA_MY_NUMBER_…=値」の形式で書いてください）`);
      settings[m[1]!] = m[2]!.trim();
    });
  return settings;
}
