/**
 * 異動履歴照会 (2.2.1, j350; items of 1.2.1, j200): every version of one person in 履歴番号 order, live
 * or superseded, each with its 異動 — 異動事由, 異動日, 処理日時, 届出日 (or 申出日・通知日・請求日), the
 * procedure and its basis, 入力場所, 入力端末, 留意事項, late flag, and what it corrects or cancels —
 * and which version replaced it. 旧氏 and 通称 are items of every version, so their history is here too.
 * Audited as 照会 and guarded like every read of a person under 支援措置.
 */
import { sql } from 'kysely';
import { inTenant, type Trx } from '../../platform/db/tenant-scope.ts';
import { NotFoundError } from '../../platform/errors.ts';
import type { Change, PersonSnapshot } from './model.ts';
import { audit, type Caller, type Deps } from './procedure.ts';
import { auditRefusals, guardProtected } from './protection.ts';
import { currentByAddresseeNo, versionHistoryOf } from './queries.ts';
import { checkNumber } from './reads.ts';
import { toPersonSnapshot } from './snapshot.ts';

export interface HistoryEntry {
  person: PersonSnapshot;
  change: Change;
  /** 履歴番号 of the version that replaced this one (誤記修正, 異動の取消し, 転入通知の受理), if any. */
  supersededByHistoryNo: number | null;
}

type ChangeRow = {
  id: string; procedure: string; basis: string; effective_date: string; notified_date: string | null; processed_at: Date; processed_on: string;
  operator_id: string; input_location: string | null; input_terminal: string | null; late_notification: boolean;
  cancels_change_id: string | null; corrects_change_id: string | null; remark: string | null;
};

async function changesOf(trx: Trx, ids: readonly string[]): Promise<Map<string, ChangeRow>> {
  const { rows } = await sql<ChangeRow>`
    SELECT id, procedure, basis, effective_date::text AS effective_date, notified_date::text AS notified_date, processed_at, processed_on::text AS processed_on,
      operator_id, input_location, input_terminal, late_notification, cancels_change_id, corrects_change_id, remark
    FROM resident_change WHERE tenant_code = current_tenant() AND id = ANY(${[...ids]}::uuid[])`.execute(trx);
  return new Map(rows.map((r) => [r.id, r]));
}

const toChange = (c: ChangeRow): Change => ({
  changeId: c.id, procedure: c.procedure as Change['procedure'], basis: c.basis as Change['basis'], effectiveDate: c.effective_date,
  notifiedDate: c.notified_date, processedAt: new Date(c.processed_at).toISOString(), processedOn: c.processed_on, operatorId: c.operator_id,
  inputLocation: c.input_location, inputTerminal: c.input_terminal, lateNotification: c.late_notification,
  cancelsChangeId: c.cancels_change_id, correctsChangeId: c.corrects_change_id, remark: c.remark,
});

export async function personHistory(deps: Deps, caller: Caller, addresseeNo: string): Promise<{ addresseeNo: string; entries: HistoryEntry[] }> {
  checkNumber('addresseeNo', 'addressee', addresseeNo);
  return auditRefusals(deps, caller, () => inTenant(deps.db, caller.tenantCode, async (trx) => {
    const current = await currentByAddresseeNo(trx, addresseeNo);
    if (!current) throw new NotFoundError(`宛名番号 ${addresseeNo} の住民は記録されていません`);
    await guardProtected(trx, caller, [current.resident_id], 'inquiry', 'person-history');
    const versions = await versionHistoryOf(trx, [current.resident_id]);
    const changes = await changesOf(trx, [...new Set(versions.map((v) => String(v.change_id)))]);
    const replacedBy = new Map(versions.flatMap((v) => (v.supersedes_history_no == null ? [] : [[Number(v.supersedes_history_no), v.history_no] as const])));
    await audit(trx, caller, { function: 'person-history', category: 'inquiry', targets: [{ kind: 'resident', id: current.resident_id }], lookupByNumber: true });
    return {
      addresseeNo,
      entries: versions.map((v) => {
        const { by_cancellation: _b, ...row } = v;
        return { person: toPersonSnapshot(row), change: toChange(changes.get(String(v.change_id))!), supersededByHistoryNo: replacedBy.get(v.history_no) ?? null };
      }),
    };
  }));
}
