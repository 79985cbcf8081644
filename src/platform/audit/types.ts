/**
 * The audit log's vocabulary (標準仕様 10.2 アクセスログ管理). Categories follow the standard's log kinds:
 * 操作ログ ①照会 ②帳票発行 ③〜⑤異動入力（追加・修正・削除）⑥⑦バッチ処理（帳票作成・データ更新）
 * ⑧画面ハードコピー ⑨データ抽出（EUC）, then 認証ログ, 設定変更ログ and エラーログ.
 */
export const AUDIT_CATEGORIES = [
  'inquiry',
  'issue',
  'record',
  'correct',
  'delete',
  'batch-print',
  'batch-update',
  'hardcopy',
  'extract',
  'auth',
  'setting',
  'error',
] as const;
export type AuditCategory = (typeof AUDIT_CATEGORIES)[number];

export const AUDIT_CATEGORY_LABELS: Record<AuditCategory, string> = {
  inquiry: '照会',
  issue: '帳票発行',
  record: '異動入力（追加）',
  correct: '異動入力（修正）',
  delete: '異動入力（削除）',
  'batch-print': 'バッチ（帳票作成）',
  'batch-update': 'バッチ（データ更新）',
  hardcopy: '画面ハードコピー',
  extract: 'データ抽出（EUC）',
  auth: '認証',
  setting: '設定変更',
  error: 'エラー',
};

export const ACTOR_KINDS = ['staff', 'operator', 'client', 'system'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** The 三層 network zones (DESIGN §5); the CLI and batch runs act from none. */
export const AUDIT_ZONES = ['individual-number', 'lgwan', 'internet'] as const;
export type AuditZone = (typeof AUDIT_ZONES)[number];

export const AUDIT_OUTCOMES = ['success', 'denied', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** The function name the identity part writes for a sign-in attempt (ID別ログイン数, ログイン失敗). */
export const SIGN_IN_FUNCTION = 'auth.sign-in';

/** A record an operation touched, by internal id only: never a name, an address or a 個人番号. */
export interface AuditTarget {
  kind: string;
  id: string;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** What a caller says about an operation; the log adds seq, id, time and the hashes. */
export interface AuditEntryInput {
  /** A Principal fits here as it is (kind, id, name). */
  actor: { kind: ActorKind; id: string; name?: string | null };
  /** 端末名. */
  terminal?: string | null;
  /** Client IP address. */
  address?: string | null;
  zone?: AuditZone | null;
  module: string;
  /** `<module>.<procedure>`, e.g. `resident-registry.move-in`, `auth.sign-in`. */
  function: string;
  category: AuditCategory;
  targets?: AuditTarget[];
  myNumberAccessed?: boolean;
  /** The search key was a number (宛名番号, 個人番号 …). The number itself is never logged. */
  lookupByNumber?: boolean;
  /** Rows a search returned. */
  searchCount?: number | null;
  outcome?: AuditOutcome;
  /** Small and free of personal data: screen name, 発行番号, page count, error code … */
  detail?: JsonObject | null;
  /**
   * Only for importing a previous system's log and for tests: normally the database clock decides,
   * so that no application server's clock can place an entry.
   */
  occurredAt?: Date;
}

/** An entry as stored and hashed. */
export interface AuditEntry {
  tenantCode: string;
  seq: number;
  id: string;
  occurredAt: Date;
  actorKind: ActorKind;
  actorId: string;
  actorName: string | null;
  terminal: string | null;
  address: string | null;
  zone: AuditZone | null;
  module: string;
  function: string;
  category: AuditCategory;
  targets: AuditTarget[];
  myNumberAccessed: boolean;
  lookupByNumber: boolean;
  searchCount: number | null;
  outcome: AuditOutcome;
  detail: JsonObject | null;
  prevHash: string;
  hash: string;
}

export interface AuditRow {
  tenant_code: string;
  seq: number;
  id: string;
  occurred_at: Date;
  actor_kind: ActorKind;
  actor_id: string;
  actor_name: string | null;
  terminal: string | null;
  address: string | null;
  zone: AuditZone | null;
  module: string;
  function: string;
  category: AuditCategory;
  targets: AuditTarget[];
  my_number_accessed: boolean;
  lookup_by_number: boolean;
  search_count: number | null;
  outcome: AuditOutcome;
  detail: JsonObject | null;
  prev_hash: string;
  hash: string;
}

export const toAuditEntry = (r: AuditRow): AuditEntry => ({
  tenantCode: r.tenant_code,
  seq: r.seq,
  id: r.id,
  occurredAt: r.occurred_at,
  actorKind: r.actor_kind,
  actorId: r.actor_id,
  actorName: r.actor_name,
  terminal: r.terminal,
  address: r.address,
  zone: r.zone,
  module: r.module,
  function: r.function,
  category: r.category,
  targets: r.targets,
  myNumberAccessed: r.my_number_accessed,
  lookupByNumber: r.lookup_by_number,
  searchCount: r.search_count,
  outcome: r.outcome,
  detail: r.detail,
  prevHash: r.prev_hash,
  hash: r.hash,
});

/** Japan has kept one offset all year since 1951, so JST is UTC+9 for every entry the log can hold. */
export const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** `2026-01-01T10:00:00.000+09:00`: how staff read a time, whatever zone the server runs in. */
export const toJstIso = (d: Date): string => `${new Date(d.getTime() + JST_OFFSET_MS).toISOString().slice(0, -1)}+09:00`;
