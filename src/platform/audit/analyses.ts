import { sql, type RawBuilder } from 'kysely';
import { addDays, HOLIDAY_DATA_RANGE, isClosedDay } from '../../jp/index.ts';
import type { Database } from '../db/database.ts';
import { inTenant } from '../db/tenant-scope.ts';
import { ValidationError } from '../errors.ts';
import { periodCondition, validatePeriod } from './period.ts';
import { SIGN_IN_FUNCTION, toAuditEntry, type ActorKind, type AuditEntry, type AuditRow } from './types.ts';

/** The analysis examples of 標準仕様 10.2 ＜ログの分析＞. */
export const ANALYSIS_KINDS = ['night-holiday', 'login-failures', 'sign-ins-per-user', 'mass-searches', 'number-lookups'] as const;
export type AnalysisKind = (typeof ANALYSIS_KINDS)[number];

export const ANALYSIS_TITLES: Record<AnalysisKind, string> = {
  'night-holiday': '深夜・休業日におけるアクセス一覧',
  'login-failures': 'ログイン失敗一覧',
  'sign-ins-per-user': 'ID別ログイン数一覧',
  'mass-searches': '大量検索実行一覧',
  'number-lookups': '宛名番号等から該当者の検索実行一覧',
};

export const DEFAULT_NIGHT = { from: '22:00', until: '06:00' } as const;
export const DEFAULT_MASS_SEARCH_THRESHOLD = 100;
export const DEFAULT_ANALYSIS_LIMIT = 1000;
export const MAX_ANALYSIS_LIMIT = 10_000;

export interface AnalysisOptions {
  /** JST dates, both included. */
  from: string;
  to: string;
  /** Entries listed at most; counts always cover the whole period. */
  limit?: number;
  /** mass-searches: rows returned at or above which a search counts as mass. */
  threshold?: number;
  /** night-holiday: the night as JST 'HH:MM', from included, until excluded (22:00–06:00 by default). */
  night?: { from: string; until: string };
}

export interface ActorCount {
  actorKind: ActorKind;
  actorId: string;
  count: number;
  firstAt: Date;
  lastAt: Date;
}

export interface AnalysedEntry extends AuditEntry {
  /** night-holiday only: why the entry is listed. */
  offHours?: { night: boolean; closedDay: boolean };
}

export interface AnalysisResult {
  kind: AnalysisKind;
  title: string;
  from: string;
  to: string;
  /** Matching entries in the period. */
  total: number;
  /** Per operator ID, most first (for sign-ins-per-user this is the analysis itself). */
  perActor: ActorCount[];
  /** Matching entries in time order, at most `limit`. */
  entries: AnalysedEntry[];
  truncated: boolean;
}

const LOCAL = sql`(occurred_at AT TIME ZONE 'Asia/Tokyo')`;
const MINUTE_OF_DAY = sql`(extract(hour FROM ${LOCAL}) * 60 + extract(minute FROM ${LOCAL}))::int`;

/**
 * Runs one analysis over a tenant's log for a period. Night and closed days are judged on JST wall
 * time; closed days are those of a municipal office (土日, 祝日, 12/29〜1/3, via src/jp). Scheduled
 * batch runs (actor 'system') are not "access" and are left out of night-holiday.
 */
export async function analyseAuditLog(db: Database, tenantCode: string, kind: AnalysisKind, options: AnalysisOptions): Promise<AnalysisResult> {
  const { predicate, flags } = analysisPredicate(kind, options);
  const limit = options.limit ?? DEFAULT_ANALYSIS_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_ANALYSIS_LIMIT) {
    throw new ValidationError([{ field: 'limit', rule: 'range', message: `limit: 1〜${MAX_ANALYSIS_LIMIT}の整数で指定してください` }]);
  }
  const where = sql.join([sql`tenant_code = ${tenantCode}`, ...periodCondition(options), predicate], sql` AND `);
  return inTenant(db, tenantCode, async (trx) => {
    const actors = await sql<{ actor_kind: ActorKind; actor_id: string; count: number; first_at: Date; last_at: Date; total: number }>`
      SELECT actor_kind, actor_id, count(*)::int AS count, min(occurred_at) AS first_at, max(occurred_at) AS last_at,
        (sum(count(*)) OVER ())::int AS total
      FROM audit_log WHERE ${where}
      GROUP BY actor_kind, actor_id ORDER BY count(*) DESC, actor_kind, actor_id LIMIT ${limit}`.execute(trx);
    const entries = await sql<AuditRow & { night?: boolean; closed_day?: boolean }>`
      SELECT *${flags ?? sql``} FROM audit_log WHERE ${where} ORDER BY occurred_at, seq LIMIT ${limit}`.execute(trx);
    const total = actors.rows[0]?.total ?? 0;
    return {
      kind,
      title: ANALYSIS_TITLES[kind],
      from: options.from,
      to: options.to,
      total,
      perActor: actors.rows.map((r) => ({ actorKind: r.actor_kind, actorId: r.actor_id, count: r.count, firstAt: r.first_at, lastAt: r.last_at })),
      entries: entries.rows.map((r) => ({
        ...toAuditEntry(r),
        ...(flags ? { offHours: { night: r.night === true, closedDay: r.closed_day === true } } : {}),
      })),
      truncated: total > entries.rows.length,
    };
  });
}

function analysisPredicate(kind: AnalysisKind, options: AnalysisOptions): { predicate: RawBuilder<unknown>; flags?: RawBuilder<unknown> } {
  validatePeriod(options, true);
  switch (kind) {
    case 'night-holiday': {
      const night = nightCondition(options.night ?? DEFAULT_NIGHT);
      const closed = sql`(${LOCAL})::date = ANY(${closedDays(options.from, options.to)}::date[])`;
      return {
        predicate: sql`actor_kind <> 'system' AND (${night} OR ${closed})`,
        flags: sql`, ${night} AS night, ${closed} AS closed_day`,
      };
    }
    case 'login-failures':
      // A refused sign-in (locked account, wrong zone) is as much a failed login as a wrong password.
      return { predicate: sql`category = 'auth' AND outcome IN ('failed', 'denied')` };
    case 'sign-ins-per-user':
      return { predicate: sql`category = 'auth' AND function = ${SIGN_IN_FUNCTION} AND outcome = 'success'` };
    case 'mass-searches': {
      const threshold = options.threshold ?? DEFAULT_MASS_SEARCH_THRESHOLD;
      if (!Number.isInteger(threshold) || threshold < 1) {
        throw new ValidationError([{ field: 'threshold', rule: 'range', message: 'threshold: 1以上の整数で指定してください' }]);
      }
      return { predicate: sql`search_count >= ${threshold}` };
    }
    case 'number-lookups':
      return { predicate: sql`lookup_by_number` };
    default:
      throw new ValidationError([{ field: 'kind', rule: 'enum', message: `kind: ${ANALYSIS_KINDS.join(' | ')} のいずれかを指定してください` }]);
  }
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

function nightCondition(night: { from: string; until: string }): RawBuilder<unknown> {
  const minutes = (field: string, value: string): number => {
    const m = HH_MM.exec(value);
    if (!m) throw new ValidationError([{ field, rule: 'format:time', message: `${field}: 時刻は HH:MM（00:00〜23:59）で指定してください（${value}）` }]);
    return Number(m[1]) * 60 + Number(m[2]);
  };
  const from = minutes('night.from', night.from);
  const until = minutes('night.until', night.until);
  if (from === until) {
    throw new ValidationError([{ field: 'night.until', rule: 'range', message: 'night.until: 深夜の開始と終了に同じ時刻は指定できません' }]);
  }
  // A night that crosses midnight (22:00–06:00) is two ranges; one that does not (00:00–05:00) is one.
  return from > until
    ? sql`(${MINUTE_OF_DAY} >= ${from} OR ${MINUTE_OF_DAY} < ${until})`
    : sql`(${MINUTE_OF_DAY} >= ${from} AND ${MINUTE_OF_DAY} < ${until})`;
}

/** The office's closed days in the period, computed here so the query needs no holiday table. */
function closedDays(from: string, to: string): string[] {
  if (from < HOLIDAY_DATA_RANGE.from || to > HOLIDAY_DATA_RANGE.to) {
    throw new ValidationError([
      { field: 'from', rule: 'range', message: `from: 休日の判定は${HOLIDAY_DATA_RANGE.from}〜${HOLIDAY_DATA_RANGE.to}の期間だけできます` },
    ]);
  }
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) if (isClosedDay(day)) days.push(day);
  return days;
}
