/**
 * The query port other modules use (DESIGN §1.1): current state by number and everyone's state on a
 * date, streamed in batches so a whole municipality never sits in memory (DESIGN §1.5). No 個人番号
 * leaves through it. The calling module audits its own use of what it reads.
 */
import type { Database } from '../../platform/db/database.ts';
import { inTenant } from '../../platform/db/tenant-scope.ts';
import type { Household, PersonSnapshot } from './model.ts';
import { asOfBatch, currentByAddresseeNo } from './queries.ts';
import { readHousehold } from './reads.ts';
import { toPersonSnapshot } from './snapshot.ts';

export interface ResidentRegistryQueries {
  personByAddresseeNo(tenantCode: string, addresseeNo: string): Promise<PersonSnapshot | null>;
  householdByNo(tenantCode: string, householdNo: string): Promise<Household | null>;
  /** Everyone recorded on `date` (除票 included: filter on `status`), in batches of `batchSize`. */
  residentsAsOf(tenantCode: string, date: string, batchSize?: number): AsyncIterable<PersonSnapshot[]>;
}

export function residentRegistryQueries(deps: { db: Database }): ResidentRegistryQueries {
  return {
    async personByAddresseeNo(tenantCode, addresseeNo) {
      const row = await inTenant(deps.db, tenantCode, (trx) => currentByAddresseeNo(trx, addresseeNo));
      return row ? toPersonSnapshot(row) : null;
    },
    async householdByNo(tenantCode, householdNo) {
      return (await inTenant(deps.db, tenantCode, (trx) => readHousehold(trx, householdNo))) ?? null;
    },
    async *residentsAsOf(tenantCode, date, batchSize = 1000) {
      let after: string | null = null;
      for (;;) {
        // One short transaction per batch: keyset paging needs no open cursor between batches.
        const rows = await inTenant(deps.db, tenantCode, (trx) => asOfBatch(trx, date, after, batchSize));
        if (rows.length === 0) return;
        yield rows.map(toPersonSnapshot);
        if (rows.length < batchSize) return;
        after = rows.at(-1)!.resident_id;
      }
    },
  };
}
