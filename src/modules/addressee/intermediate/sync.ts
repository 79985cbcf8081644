/**
 * 団体内統合宛名 → 中間サーバー (j1150, STANDARDS.md §3): sends every link 団体内統合宛名番号 ↔ 個人番号 that is
 * new or changed since it was last registered — 住登外者 with a 個人番号 here, residents with one in the
 * resident registry (read as ciphertext through its port) — and records each outcome, so a failed link is
 * sent again next time. The numbers are decrypted only here, on the individual-number zone, for a caller
 * holding addressee:my-number (the route says so), and the audit entry records that numbers were used.
 */
import { sql } from 'kysely';
import { inTenant } from '../../../platform/db/tenant-scope.ts';
import { decryptMyNumber } from '../../../platform/my-number/index.ts';
import { residentRegistryInTransaction, type Caller } from '../../resident-registry/index.ts';
import { audit, type Deps } from '../procedure.ts';
import type { IntermediateServer } from './national.ts';

interface Pending {
  id: string;
  integrated_no: string;
  resident_id: string | null;
  my_number_token: string | null;
  my_number_lookup: string;
}

export interface SyncReport {
  registered: number;
  failed: { integratedAddresseeNo: string; reason: string }[];
}

export async function syncIntermediateLinks(deps: Deps, caller: Caller, server: IntermediateServer, limit = 1000): Promise<SyncReport> {
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const { rows } = await sql<Pending>`
      SELECT a.id, a.integrated_no, a.resident_id, a.my_number_token, a.my_number_lookup
      FROM addressee a LEFT JOIN addressee_intermediate_link l ON l.tenant_code = a.tenant_code AND l.addressee_id = a.id
      WHERE a.tenant_code = current_tenant() AND a.kind = 'person' AND a.merged_into IS NULL AND a.my_number_lookup IS NOT NULL
        AND (l.addressee_id IS NULL OR l.status = 'failed' OR l.sent_lookup IS DISTINCT FROM a.my_number_lookup)
      ORDER BY a.integrated_no LIMIT ${limit}`.execute(trx);
    const report: SyncReport = { registered: 0, failed: [] };
    for (const r of rows) {
      const token = r.my_number_token ?? (r.resident_id ? await residentRegistryInTransaction.myNumberTokenOf(trx, r.resident_id) : null);
      let error: string | null = token ? null : '個人番号が見つかりません';
      if (token) {
        try {
          await server.registerLink({ tenantCode: caller.tenantCode, integratedAddresseeNo: r.integrated_no, myNumber: decryptMyNumber(deps.myNumberKeys, caller.tenantCode, token) });
        } catch (e) {
          error = e instanceof Error ? e.message : String(e);
        }
      }
      await sql`INSERT INTO addressee_intermediate_link (tenant_code, addressee_id, integrated_no, sent_lookup, status, last_error)
        VALUES (current_tenant(), ${r.id}, ${r.integrated_no}, ${error ? null : r.my_number_lookup}, ${error ? 'failed' : 'registered'}, ${error})
        ON CONFLICT (tenant_code, addressee_id) DO UPDATE SET sent_lookup = EXCLUDED.sent_lookup, status = EXCLUDED.status,
          last_error = EXCLUDED.last_error, attempts = addressee_intermediate_link.attempts + 1, sent_at = now()`.execute(trx);
      if (error) report.failed.push({ integratedAddresseeNo: r.integrated_no, reason: error });
      else report.registered++;
    }
    await audit(trx, caller, { function: 'sync-intermediate-links', category: 'record', targets: rows.map((r) => ({ kind: 'addressee', id: r.id })), myNumberAccessed: rows.length > 0 });
    return report;
  });
}
