/**
 * What this module's procedures share: its id, dependencies, the audit entry (ids only, 10.2), and
 * an addressee row as the API shows it.
 */
import type { Trx } from '../../platform/db/tenant-scope.ts';
import { auditCaller, type CallerAuditEntry } from '../../platform/http/caller.ts';
import type { ModuleContext } from '../../platform/module.ts';
import type { Caller } from '../resident-registry/index.ts';
import type { Addressee, Delivery } from './model.ts';
import type { AddresseeRow, DeliveryRow } from './queries.ts';

export const MODULE_ID = 'addressee';
export type Deps = Pick<ModuleContext, 'db' | 'events' | 'myNumberKeys'>;

export const audit = (trx: Trx, caller: Caller, entry: CallerAuditEntry): Promise<void> => auditCaller(trx, caller, MODULE_ID, entry);

export const toAddressee = (r: AddresseeRow): Addressee => ({
  addresseeId: r.id,
  addresseeNo: r.addressee_no,
  integratedAddresseeNo: r.integrated_no,
  kind: r.kind,
  residence: r.kind === 'corporation' ? null : (r.residence as Addressee['residence']),
  name: r.name,
  nameKana: r.name_kana,
  birthDate: r.birth_date,
  sex: r.sex,
  address: { text: r.address, supplement: r.address_supplement, postalCode: r.postal_code },
  corporateNumber: r.corporate_no,
  residentId: r.resident_id,
  hasMyNumber: r.my_number_lookup !== null,
  mergedInto: r.merged_into_no,
  historyNo: r.history_no,
  validFrom: r.valid_from,
  version: r.version,
});

export const toDelivery = (d: DeliveryRow): Delivery => ({
  deliveryId: d.id,
  business: d.business,
  purpose: d.purpose as Delivery['purpose'],
  recipientName: d.recipient_name,
  recipientNameKana: d.recipient_name_kana,
  address: { text: d.address, supplement: d.address_supplement, postalCode: d.postal_code },
  phone: d.phone,
  email: d.email,
  validFrom: d.valid_from,
  validUntil: d.valid_until,
});
