/**
 * Audit entries as a table (標準仕様 10.2 の記録項目): when (Japan time, 和暦), who, the kind of log, the
 * function, the records touched (internal ids only), the outcome and where from. Used by the log's
 * search and by each analysis. With `onFilter`, an operator or a target is a button that narrows the
 * search to it.
 */
import type { components } from '../../api/schema';
import { AUDIT_CATEGORY_LABELS } from '../../../../src/platform/audit/types.ts';
import { ZONE_NAMES } from '../../session';
import { bodyRow, headRow, jstDateTime, td, th } from './common';

type Entry = components['schemas']['AuditEntry'];
export type AuditFilterKey = 'actor' | 'target';

export const OUTCOME_LABELS: Record<Entry['outcome'], string> = { success: '成功', denied: '拒否', failed: '失敗' };
export const ACTOR_KIND_LABELS: Record<Entry['actorKind'], string> = { staff: '職員', operator: '運用者', client: '連携クライアント', system: 'システム' };
export { AUDIT_CATEGORY_LABELS };

const link = 'text-left text-blue-900 underline';

export function AuditEntryTable({ entries, caption, onFilter }: { entries: Entry[]; caption: string; onFilter?: (key: AuditFilterKey, value: string) => void }) {
  const offHours = entries.some((e) => e.offHours);
  const heads = ['日時（日本時間）', '操作者', '区分', '業務・機能', '対象', '結果', '系・接続元', ...(offHours ? ['該当理由'] : [])];
  return (
    <table className="w-full border-collapse bg-white text-dns-14N-130">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className={headRow}>{heads.map((h) => <th key={h} scope="col" className={th}>{h}</th>)}</tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.seq} className={`${bodyRow} ${e.outcome === 'success' ? '' : 'text-error-2'}`}>
            <td className={`${td} whitespace-nowrap`}>{jstDateTime(e.occurredAt)}<br /><span className="text-solid-gray-600">No.{e.seq}</span></td>
            <td className={td}>
              {onFilter ? <button type="button" className={link} title="この操作者で絞り込む" onClick={() => onFilter('actor', e.actorId)}>{e.actorName ?? e.actorId}</button> : (e.actorName ?? e.actorId)}
              <br /><span className="text-solid-gray-600">{ACTOR_KIND_LABELS[e.actorKind]}</span>
            </td>
            <td className={td}>{AUDIT_CATEGORY_LABELS[e.category]}</td>
            <td className={td}>
              {e.module}<br /><span className="text-mono-14N-150">{e.function}</span>
              {e.searchCount !== null && <><br />検索結果 {e.searchCount.toLocaleString('ja-JP')}件</>}
              {e.myNumberAccessed && <><br />個人番号を利用</>}
              {e.lookupByNumber && <><br />番号による検索</>}
            </td>
            <td className={`${td} break-all`}>
              {e.targets.map((t) => (
                <div key={`${t.kind}:${t.id}`}>
                  {t.kind}:{' '}
                  {onFilter ? <button type="button" className={`${link} text-mono-14N-150`} title="この対象で絞り込む" onClick={() => onFilter('target', t.id)}>{t.id}</button> : <span className="text-mono-14N-150">{t.id}</span>}
                </div>
              ))}
              {e.detail && <div className="text-solid-gray-600">{JSON.stringify(e.detail)}</div>}
            </td>
            <td className={td}>{OUTCOME_LABELS[e.outcome]}</td>
            <td className={td}>{e.zone ? (ZONE_NAMES[e.zone] ?? e.zone) : '（なし）'}{e.address && <><br />{e.address}</>}{e.terminal && <><br />{e.terminal}</>}</td>
            {offHours && <td className={td}>{[e.offHours?.night && '深夜', e.offHours?.closedDay && '休業日'].filter(Boolean).join('・')}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
