/**
 * The port every module uses (issue 6 §4): an addressee by number (following merges), as of a date,
 * search, the 送付先 in force for a business, and registering a 住登外者 or a corporation it meets (an
 * owner of land living elsewhere) with the same duplicate rules as staff. No 個人番号 leaves through it; the calling
 * module audits its own use, as with the resident registry's port.
 */
import type { Database } from '../../platform/db/database.ts';
import { inTenant } from '../../platform/db/tenant-scope.ts';
import type { Caller } from '../resident-registry/index.ts';
import type { Addressee, CorporationInput, Delivery, NonResidentInput } from './model.ts';
import { toSearchKey } from '../../jp/index.ts';
import { toAddressee, toDelivery, type Deps } from './procedure.ts';
import { byNumber, deliveriesOf, search, type SearchCriteria } from './queries.ts';
import { registerCorporation, registerNonResident, type Registered } from './register.ts';

export interface AddresseeQueries {
  byAddresseeNo(tenantCode: string, addresseeNo: string, asOf?: string): Promise<Addressee | null>;
  /** Where a letter of `business` goes on `date`: its own 送付先 first, then one for every business, else none. */
  deliveryFor(tenantCode: string, addresseeNo: string, business: string, date: string): Promise<Delivery | null>;
  registerNonResident(caller: Caller, input: NonResidentInput): Promise<Registered>;
  registerCorporation(caller: Caller, input: CorporationInput): Promise<Registered>;
  /** One page of live addressees matching one criterion (past names and addresses included), フリガナ order. */
  search(tenantCode: string, criteria: SearchCriteria, page?: { limit: number; offset: number }): Promise<Addressee[]>;
}

export function addresseeQueries(deps: Deps & { db: Database }): AddresseeQueries {
  return {
    async byAddresseeNo(tenantCode, addresseeNo, asOf) {
      const row = await inTenant(deps.db, tenantCode, (trx) => byNumber(trx, { addresseeNo }, asOf));
      return row ? toAddressee(row) : null;
    },
    async deliveryFor(tenantCode, addresseeNo, business, date) {
      return inTenant(deps.db, tenantCode, async (trx) => {
        const row = await byNumber(trx, { addresseeNo });
        const [first] = row ? await deliveriesOf(trx, row.id, business, date) : [];
        return first ? toDelivery(first) : null;
      });
    },
    registerNonResident: (caller, input) => registerNonResident(deps, caller, input),
    registerCorporation: (caller, input) => registerCorporation(deps, caller, input),
    async search(tenantCode, criteria, page = { limit: 100, offset: 0 }) {
      const text = 'kanaPrefix' in criteria ? criteria.kanaPrefix : 'namePrefix' in criteria ? criteria.namePrefix : 'addressPrefix' in criteria ? criteria.addressPrefix : '';
      const rows = await inTenant(deps.db, tenantCode, (trx) => search(trx, criteria, text === '' ? '' : toSearchKey(text), page));
      return rows.map(toAddressee);
    },
  };
}
