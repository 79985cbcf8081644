import { isIP } from 'node:net';
import { ValidationError, type FieldProblem } from '../errors.ts';
import {
  ACTOR_KINDS,
  AUDIT_CATEGORIES,
  AUDIT_OUTCOMES,
  AUDIT_ZONES,
  type AuditEntry,
  type AuditEntryInput,
  type AuditTarget,
  type JsonObject,
} from './types.ts';

/** The fields a caller decides; the log adds tenant, seq, id, time and hashes. */
export type AuditFields = Omit<AuditEntry, 'tenantCode' | 'seq' | 'id' | 'occurredAt' | 'prevHash' | 'hash'>;

const NAME = /^[a-z][a-z0-9-]*$/;
const FUNCTION = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;
// Internal ids (UUIDs, codes, keys): no spaces, no kana or kanji, so no name fits in.
const TARGET_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
// A bare 12-digit number is what a 個人番号 looks like; internal ids never do.
const MY_NUMBER_SHAPE = /^\d{4}[- ]?\d{4}[- ]?\d{4}$/;
// jsonb refuses NUL and unpaired surrogates; refusing them here gives a clear message instead.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const storable = (s: string): boolean => !s.includes('\u0000') && !LONE_SURROGATE.test(s);
const MAX_TARGETS = 1000;
const MAX_DETAIL_CHARS = 4000;
const MAX_TEXT = 200;

/**
 * Checks and normalises what a caller wants logged. The rules keep personal data out of the log as far
 * as a shape can tell: targets are {kind, id} with id-shaped ids, and nothing that looks like a 個人番号
 * gets in anywhere.
 */
export function validateAuditInput(input: AuditEntryInput): AuditFields & { occurredAt?: Date } {
  const problems: FieldProblem[] = [];
  const fail = (field: string, rule: string, message: string) => problems.push({ field, rule, message: `${field}: ${message}` });
  const oneOf = <T extends string>(field: string, list: readonly T[], value: unknown): void => {
    if (!list.includes(value as T)) fail(field, 'enum', `${list.join(' | ')} のいずれかを指定してください`);
  };
  const text = (field: string, value: unknown, required: boolean): string | null => {
    if (value === undefined || value === null || value === '') {
      if (required) fail(field, 'required', '必須項目です');
      return null;
    }
    if (typeof value !== 'string') {
      fail(field, 'type', '文字列で指定してください');
      return null;
    }
    if (value.length > MAX_TEXT) fail(field, 'max-length', `${MAX_TEXT}文字以内で指定してください`);
    if (!storable(value)) fail(field, 'characters', '記録できない文字が含まれています');
    if (MY_NUMBER_SHAPE.test(value.trim())) fail(field, 'personal-data', '個人番号と同じ形の値は記録できません');
    return value;
  };

  const actor = input.actor ?? ({} as AuditEntryInput['actor']);
  oneOf('actor.kind', ACTOR_KINDS, actor.kind);
  const actorId = text('actor.id', actor.id, true);
  const actorName = text('actor.name', actor.name, false);
  const terminal = text('terminal', input.terminal, false);
  const address = text('address', input.address, false);
  if (address !== null && isIP(address) === 0) fail('address', 'format', 'IPアドレスの形式で指定してください');
  const zone = input.zone ?? null;
  if (zone !== null) oneOf('zone', AUDIT_ZONES, zone);
  const module = text('module', input.module, true);
  if (module !== null && !NAME.test(module)) fail('module', 'format', 'モジュールID（例: resident-registry）で指定してください');
  const fn = text('function', input.function, true);
  if (fn !== null && !FUNCTION.test(fn)) fail('function', 'format', '機能名は <モジュール>.<処理>（例: resident-registry.move-in）で指定してください');
  oneOf('category', AUDIT_CATEGORIES, input.category);
  const outcome = input.outcome ?? 'success';
  oneOf('outcome', AUDIT_OUTCOMES, outcome);
  const searchCount = input.searchCount ?? null;
  if (searchCount !== null && !(Number.isInteger(searchCount) && searchCount >= 0 && searchCount <= 2_147_483_647)) {
    fail('searchCount', 'integer', '0以上の整数で指定してください');
  }
  for (const flag of ['myNumberAccessed', 'lookupByNumber'] as const) {
    if (input[flag] !== undefined && typeof input[flag] !== 'boolean') fail(flag, 'type', 'true または false で指定してください');
  }
  const targets = validateTargets(input.targets ?? [], fail);
  const detail = validateDetail(input.detail ?? null, fail);
  if (input.occurredAt !== undefined && !(input.occurredAt instanceof Date && Number.isFinite(input.occurredAt.getTime()))) {
    fail('occurredAt', 'date', '日時が正しくありません');
  }
  if (problems.length > 0) throw new ValidationError(problems, `監査ログに記録できません: ${problems.map((p) => p.message).join(' / ')}`);
  return {
    actorKind: actor.kind,
    actorId: actorId!,
    actorName,
    terminal,
    address,
    zone,
    module: module!,
    function: fn!,
    category: input.category,
    targets,
    myNumberAccessed: input.myNumberAccessed ?? false,
    lookupByNumber: input.lookupByNumber ?? false,
    searchCount,
    outcome,
    detail,
    ...(input.occurredAt ? { occurredAt: input.occurredAt } : {}),
  };
}

type Fail = (field: string, rule: string, message: string) => void;

function validateTargets(targets: unknown, fail: Fail): AuditTarget[] {
  if (!Array.isArray(targets)) {
    fail('targets', 'type', '{kind, id} の配列で指定してください');
    return [];
  }
  if (targets.length > MAX_TARGETS) fail('targets', 'max-items', `対象は${MAX_TARGETS}件までです（一括処理は件数を detail に記録してください）`);
  return targets.slice(0, MAX_TARGETS).map((t: unknown, i) => {
    const field = `targets[${i}]`;
    const { kind, id, ...rest } = (t ?? {}) as Record<string, unknown>;
    if (Object.keys(rest).length > 0) fail(field, 'ids-only', `対象には kind と id だけを記録します（${Object.keys(rest).join(', ')} は記録できません）`);
    if (typeof kind !== 'string' || !NAME.test(kind)) fail(`${field}.kind`, 'format', '種別（例: resident）を英小文字で指定してください');
    if (typeof id !== 'string' || !TARGET_ID.test(id)) fail(`${field}.id`, 'format', '内部ID（英数字と . _ : -、128文字以内）で指定してください');
    else if (MY_NUMBER_SHAPE.test(id)) fail(`${field}.id`, 'personal-data', '個人番号と同じ形の値は記録できません（内部IDを指定してください）');
    return { kind: String(kind), id: String(id) };
  });
}

/** Normalised through JSON, so what is hashed now is exactly what jsonb will give back later. */
function validateDetail(detail: unknown, fail: Fail): JsonObject | null {
  if (detail === null) return null;
  if (typeof detail !== 'object' || Array.isArray(detail)) {
    fail('detail', 'type', 'オブジェクトで指定してください');
    return null;
  }
  let text: string;
  try {
    text = JSON.stringify(detail);
  } catch {
    fail('detail', 'json', 'JSONに変換できる値で指定してください');
    return null;
  }
  if (text.length > MAX_DETAIL_CHARS) fail('detail', 'max-length', `JSONで${MAX_DETAIL_CHARS}文字以内にしてください（個人データは記録しません）`);
  const normalised = JSON.parse(text) as JsonObject;
  const walk = (value: unknown, path: string): void => {
    if (typeof value === 'string') {
      if (MY_NUMBER_SHAPE.test(value.trim())) fail(path, 'personal-data', '個人番号と同じ形の値は記録できません');
      if (!storable(value)) fail(path, 'characters', '記録できない文字が含まれています');
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (!storable(k)) fail(path, 'characters', '記録できない文字が含まれています');
        walk(v, Array.isArray(value) ? `${path}[${k}]` : `${path}.${k}`);
      }
    }
  };
  walk(normalised, 'detail');
  return normalised;
}
