import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { inTenant } from '../db/tenant-scope.ts';
import { computeAuditHash, computeAuditHashV1, GENESIS_HASH } from './hash.ts';
import { toAuditEntry, type AuditRow } from './types.ts';

export interface BrokenEntry {
  seq: number;
  reason: string;
}

export type VerifyResult = { ok: true; entries: number } | { ok: false; entries: number; firstBroken: BrokenEntry };

export interface VerifyOptions {
  /** Entries read per query: memory stays bounded whatever the length of the log. */
  batchSize?: number;
  /** After every batch: entries checked so far and the chain's length when verification began. */
  onProgress?: (checked: number, total: number) => void;
}

/**
 * Recomputes a tenant's chain from the first entry: each entry's hash over its fields, its link to
 * the previous hash, seq continuity, and the head's agreement with the last entry (which is how a
 * removed tail shows). Runs as the application role: reading is all it needs.
 *
 * The chain is verified up to the head as it stood when verification began, so appends that happen
 * meanwhile are neither a problem nor included. Batches are separate short transactions: committed
 * entries never change, so no long snapshot is needed.
 */
export async function verifyAuditChain(db: Database, tenantCode: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const batchSize = options.batchSize ?? 1000;
  const head = await inTenant(db, tenantCode, async (trx) => {
    const { rows } = await sql<{ seq: number; hash: string }>`SELECT seq, hash FROM audit_head WHERE tenant_code = ${tenantCode}`.execute(trx);
    return rows[0];
  });
  const until = head?.seq ?? Number.MAX_SAFE_INTEGER;
  const total = head?.seq ?? 0;
  let checked = 0;
  let lastSeq = 0;
  let lastHash = GENESIS_HASH;
  const broken = (seq: number, reason: string): VerifyResult => ({ ok: false, entries: checked, firstBroken: { seq, reason } });

  for (;;) {
    const rows = await inTenant(db, tenantCode, async (trx) => {
      // sub_ms: the hash covers milliseconds only, so finer digits added later would otherwise go unseen.
      const result = await sql<AuditRow & { sub_ms: boolean; format: number }>`
        SELECT *, occurred_at <> date_trunc('milliseconds', occurred_at) AS sub_ms FROM audit_log
        WHERE tenant_code = ${tenantCode} AND seq > ${lastSeq} AND seq <= ${until}
        ORDER BY seq LIMIT ${batchSize}`.execute(trx);
      return result.rows;
    });
    for (const row of rows) {
      const expected = lastSeq + 1;
      if (row.seq !== expected) {
        return broken(expected, `第${expected}番の記録がありません（削除された可能性があります）`);
      }
      const { hash, ...rest } = toAuditEntry(row);
      // Each entry is checked by the format it was appended in (002_chain_in_database.sql).
      if (row.sub_ms || (row.format === 1 ? computeAuditHashV1(rest) : computeAuditHash(rest)) !== hash) {
        return broken(row.seq, `第${row.seq}番の記録の内容がハッシュ値と一致しません（改ざんされた可能性があります）`);
      }
      if (row.prev_hash !== lastHash) {
        const previous = lastSeq === 0 ? '連鎖の起点' : `直前の第${lastSeq}番の記録`;
        return broken(row.seq, `第${row.seq}番の記録が${previous}のハッシュ値とつながっていません（この記録か直前の記録が改ざんされた可能性があります）`);
      }
      checked++;
      lastSeq = row.seq;
      lastHash = hash;
    }
    options.onProgress?.(checked, Math.max(total, checked));
    if (rows.length < batchSize) break;
  }

  if (!head) {
    return checked === 0 ? { ok: true, entries: 0 } : broken(lastSeq, `連鎖の先頭情報（audit_head）がありません（第${lastSeq}番までの記録は連鎖しています）`);
  }
  if (lastSeq < head.seq) {
    return broken(lastSeq + 1, `第${lastSeq + 1}番から第${head.seq}番までの記録がありません（末尾が削除された可能性があります）`);
  }
  if (head.seq > 0 && lastHash !== head.hash) {
    return broken(head.seq, `第${head.seq}番の記録が連鎖の先頭情報のハッシュ値と一致しません（改ざんされた可能性があります）`);
  }
  return { ok: true, entries: checked };
}
