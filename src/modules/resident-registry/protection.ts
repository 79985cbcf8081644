/**
 * The 支援措置 guard (3.4 j440, 3.1 j410, 2.2.4 j380): every read, certificate and 異動 of a person
 * under an active 支援措置 passes through here. Per process (照会 `inquiry`, 証明書発行 `issue`, 異動入力
 * `change`) a protection sets a level: `error` refuses the operation unless the operator holds a live
 * 一時解除 for it (granted with a reason by someone with resident-registry:protection-release, lapsing by
 * itself, j410), `alert` lets it through with an アラート. A protection is active from its start until it
 * is ended: passing its 終了年月日 does not end it (j410), it only adds an アラート (j440).
 *
 * Every attempt on a protected person is audited and flagged (10.2): an allowed one with an extra entry
 * `resident-registry.protected-access` (detail: what was attempted, released or alert), a refused one
 * with `resident-registry.protected-access-refused`, outcome `denied`. A refusal throws, rolling back
 * the caller's transaction, so its entry is written afterwards in a transaction of its own
 * (`auditRefusals` around the caller's inTenant).
 */
import { sql } from 'kysely';
import { addDays, addMonths } from '../../jp/index.ts';
import { appendAudit, appendAuditSeparately, type AuditCategory, type AuditEntryInput, type AuditTarget } from '../../platform/audit/index.ts';
import type { Trx } from '../../platform/db/tenant-scope.ts';
import { AppError } from '../../platform/errors.ts';
import { MODULE_ID, todayInJapan, type Alert, type Caller, type Deps } from './procedure.ts';
import { alert, error, type Finding } from './rules/findings.ts';

export const PROTECTED_PROCESSES = ['inquiry', 'issue', 'change'] as const;
export type ProtectedProcess = (typeof PROTECTED_PROCESSES)[number];
export type ProtectionLevel = 'error' | 'alert';

const PROCESS_LABEL: Record<ProtectedProcess, string> = { inquiry: '照会', issue: '証明書の発行', change: '異動入力' };
const AUDIT_CATEGORY: Record<ProtectedProcess, AuditCategory> = { inquiry: 'inquiry', issue: 'issue', change: 'record' };

/** What a screen shows of a person's active 支援措置 (j380): ids, kind and period only; details need :protection. */
export interface ProtectionNotice {
  protectionId: string;
  residentId: string;
  kind: 'support' | 'provisional';
  startsOn: string;
  endsOn: string;
  alerts: Alert[];
}

interface ActiveRow {
  id: string;
  resident_id: string;
  kind: 'support' | 'provisional';
  starts_on: string;
  ends_on: string;
  level: ProtectionLevel | null;
  release_id: string | null;
}

/** Active protections of these people, with the level for `process` and the caller's live 一時解除 for it. */
async function activeProtections(trx: Trx, caller: Caller, residentIds: readonly string[], process: ProtectedProcess, today: string): Promise<ActiveRow[]> {
  if (residentIds.length === 0) return [];
  const level = sql.ref(`p.${process}_level`);
  const { rows } = await sql<ActiveRow>`
    SELECT p.id, p.resident_id, p.kind, p.starts_on, p.ends_on, ${level} AS level,
      (SELECT r.id FROM resident_protection_release r WHERE r.tenant_code = p.tenant_code AND r.protection_id = p.id
         AND r.process = ${process} AND r.granted_to = ${caller.actor.id} AND r.expires_at > now()
       ORDER BY r.expires_at DESC LIMIT 1) AS release_id
    FROM resident_protection p
    WHERE p.tenant_code = current_tenant() AND p.ended_on IS NULL AND p.starts_on <= ${today}
      AND p.resident_id = ANY(${[...residentIds]}::uuid[])
    ORDER BY p.resident_id, p.starts_on`.execute(trx);
  return rows;
}

/** j440: an アラート from one month before the 終了年月日, another once it has passed without 延長 or 終了. */
export function periodAlerts(endsOn: string, today: string): Alert[] {
  if (today > endsOn) {
    return [{ field: 'protection.endsOn', rule: 'protection.period-over', message: `支援措置の期間が終了しています（終了年月日 ${endsOn}）。延長または終了の処理をしてください` }];
  }
  if (today >= addMonths(endsOn, -1)) {
    return [{ field: 'protection.endsOn', rule: 'protection.ending-soon', message: `支援措置の期間が1か月以内に終了します（終了年月日 ${endsOn}）` }];
  }
  return [];
}

const noticeOf = (r: ActiveRow, today: string): ProtectionNotice => ({
  protectionId: r.id, residentId: r.resident_id, kind: r.kind, startsOn: r.starts_on, endsOn: r.ends_on, alerts: periodAlerts(r.ends_on, today),
});

/** A refused operation on a protected person: 403, and the audit entry to write once its transaction is gone. */
export class ProtectedPersonError extends AppError {
  constructor(
    readonly process: ProtectedProcess,
    readonly attempted: string,
    readonly targets: AuditTarget[],
    readonly protectionIds: string[],
  ) {
    super(
      'protected-person', 403, '支援措置の対象者です',
      `支援措置（${PROCESS_LABEL[process]}の抑止）の対象者が含まれるため、${PROCESS_LABEL[process]}できません。審査のうえ支援措置責任者が一時解除（理由を記録）してから操作してください`,
    );
  }
}

/** An audit entry of this module with outcome and detail (procedure.ts `audit` writes plain successes). */
export const auditEntryOf = (caller: Caller, e: Pick<AuditEntryInput, 'function' | 'category' | 'targets' | 'outcome' | 'detail' | 'lookupByNumber' | 'searchCount' | 'myNumberAccessed'>): AuditEntryInput => ({
  actor: caller.actor, address: caller.address, zone: caller.zone, module: MODULE_ID, ...e,
});

/**
 * Checks an operation on these people and records it. Refuses (throws ProtectedPersonError) when a
 * protection at level `error` has no live 一時解除 of the caller; otherwise writes the flagged entry if
 * any protection applies. Returns the notices of every active protection, for the screen (j380).
 */
export async function guardProtected(trx: Trx, caller: Caller, residentIds: readonly string[], process: ProtectedProcess, attempted: string): Promise<ProtectionNotice[]> {
  const today = todayInJapan();
  const rows = await activeProtections(trx, caller, residentIds, process, today);
  const applying = rows.filter((r) => r.level !== null);
  const refused = applying.filter((r) => r.level === 'error' && r.release_id === null);
  const targets = [...new Set(applying.map((r) => r.resident_id))].map((id) => ({ kind: 'resident', id }));
  if (refused.length > 0) throw new ProtectedPersonError(process, attempted, targets, refused.map((r) => r.id));
  if (applying.length > 0) {
    await appendAudit(trx, auditEntryOf(caller, {
      function: `${MODULE_ID}.protected-access`, category: AUDIT_CATEGORY[process], outcome: 'success',
      targets: [...targets, ...applying.map((r) => ({ kind: 'resident-protection', id: r.id }))],
      detail: { attempted, process, released: applying.flatMap((r) => (r.release_id ? [r.release_id] : [])), alert: applying.some((r) => r.level === 'alert') },
    }));
  }
  return rows.map((r) => noticeOf(r, today));
}

/**
 * Runs `run` (one inTenant transaction that calls guardProtected) and, when it was refused, writes the
 * refusal's audit entry in a transaction of its own after the first one has ended, then rethrows.
 */
export async function auditRefusals<T>(deps: Pick<Deps, 'db'>, caller: Caller, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof ProtectedPersonError) {
      await appendAuditSeparately(deps.db, caller.tenantCode, auditEntryOf(caller, {
        function: `${MODULE_ID}.protected-access-refused`, category: AUDIT_CATEGORY[e.process], outcome: 'denied',
        targets: [...e.targets, ...e.protectionIds.map((id) => ({ kind: 'resident-protection', id }))],
        detail: { attempted: e.attempted, process: e.process },
      }));
    }
    throw e;
  }
}

/** How a search hit of a protected person is shown (j410: 抑止対象であることが明らかとなること). */
export interface SearchProtection {
  kind: 'support' | 'provisional';
  /** Address and household withheld: 照会抑止 at level error and no 一時解除 of the caller. */
  masked: boolean;
}

/** Protection flags of search hits: no refusal (a search only finds), the caller's audit flags them. */
export async function searchProtections(trx: Trx, caller: Caller, residentIds: readonly string[]): Promise<Map<string, SearchProtection>> {
  const rows = await activeProtections(trx, caller, residentIds, 'inquiry', todayInJapan());
  const flags = new Map<string, SearchProtection>();
  for (const r of rows) {
    const masked = r.level === 'error' && r.release_id === null;
    const seen = flags.get(r.resident_id);
    flags.set(r.resident_id, { kind: seen?.kind === 'support' ? 'support' : r.kind, masked: (seen?.masked ?? false) || masked });
  }
  return flags;
}

/** Writes the flagged entry of a search that found protected persons (alongside the search's own). */
export async function auditProtectedHits(trx: Trx, caller: Caller, flags: ReadonlyMap<string, SearchProtection>): Promise<void> {
  if (flags.size === 0) return;
  await appendAudit(trx, auditEntryOf(caller, {
    function: `${MODULE_ID}.protected-access`, category: 'inquiry', outcome: 'success',
    targets: [...flags.keys()].map((id) => ({ kind: 'resident', id })),
    detail: { attempted: 'search', process: 'inquiry', masked: [...flags.values()].filter((f) => f.masked).length },
  }));
}

/**
 * 異動抑止 (j410) as findings for a procedure's validation: `error` without the caller's 一時解除 refuses
 * the 異動 (422 with the rule), `alert` or a released one lets it through with an アラート. A refused
 * 異動 rolls back with its procedure and is not in the audit log (no 異動 was made; README 支援措置).
 */
export async function protectionFindings(trx: Trx, caller: Caller, residentIds: readonly string[], field: string): Promise<Finding[]> {
  const rows = (await activeProtections(trx, caller, residentIds, 'change', todayInJapan())).filter((r) => r.level !== null);
  return rows.map((r) =>
    r.level === 'error' && r.release_id === null
      ? error(field, 'protection.change-suppressed', '支援措置（異動入力の抑止）の対象者です。支援措置責任者の一時解除を受けてから入力してください')
      : alert(field, 'protection.change-alert', '支援措置の対象者の異動です。転出先等の取扱いに注意してください'),
  );
}

/**
 * 支援措置の期間 (j440): one year from the start, e.g. 令和2年4月1日 → 令和3年3月31日 — the day before
 * the 応当日, or the month's last day when it has none (2月29日 → 翌年2月28日; 民法143条②).
 */
export function defaultEndsOn(startsOn: string): string {
  const anniversary = addMonths(startsOn, 12);
  return anniversary.slice(8) === startsOn.slice(8) ? addDays(anniversary, -1) : anniversary;
}
