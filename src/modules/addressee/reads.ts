/**
 * Lookups for staff and for every module (issue 6 §4): by 宛名番号 or 団体内統合宛名番号 (following
 * merges), as of a date, by name, kana, birth date, address or 法人番号, and the 送付先 in force.
 * Every lookup is written to the audit log as 照会 (10.2), a search with its hit count.
 */
import { toSearchKey } from '../../jp/index.ts';
import { inTenant } from '../../platform/db/tenant-scope.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { numberFindings, type Caller } from '../resident-registry/index.ts';
import type { Addressee, AddresseeVersion, Delivery } from './model.ts';
import { audit, toAddressee, toDelivery, type Deps } from './procedure.ts';
import { byMyNumberLookup, byNumber, deliveriesOf, search, versionsOf, type SearchCriteria } from './queries.ts';
import { myNumberLookupKey } from '../../platform/my-number/index.ts';

export function checkAddresseeNo(value: string, field = 'addresseeNo'): void {
  const problems = numberFindings(field, 'addressee', value);
  if (problems.length > 0) throw new ValidationError(problems.map(({ field: f, rule, message }) => ({ field: f, rule, message })));
}

const notFound = (no: string) => new NotFoundError(`宛名番号 ${no} の宛名は登録されていません`);

/** One addressee now, or on `asOf` (null before its first version); a merged number answers with the survivor. */
export async function getAddressee(deps: Deps, caller: Caller, addresseeNo: string, asOf?: string): Promise<Addressee | null> {
  checkAddresseeNo(addresseeNo);
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const now = await byNumber(trx, { addresseeNo });
    if (!now) throw notFound(addresseeNo);
    const row = asOf === undefined ? now : await byNumber(trx, { addresseeNo }, asOf);
    await audit(trx, caller, { function: asOf === undefined ? 'get' : 'as-of', category: 'inquiry', targets: [{ kind: 'addressee', id: now.id }], lookupByNumber: true });
    return row ? toAddressee(row) : null;
  });
}

/** 住所・氏名の履歴: every version of the record (of the survivor, for a merged number), oldest first. */
export async function addresseeHistory(deps: Deps, caller: Caller, addresseeNo: string): Promise<AddresseeVersion[]> {
  checkAddresseeNo(addresseeNo);
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const row = await byNumber(trx, { addresseeNo });
    if (!row) throw notFound(addresseeNo);
    const versions = await versionsOf(trx, row.id);
    await audit(trx, caller, { function: 'history', category: 'inquiry', targets: [{ kind: 'addressee', id: row.id }], lookupByNumber: true });
    return versions.map((v) => ({
      historyNo: v.history_no, validFrom: v.valid_from, recordedAt: new Date(v.recorded_at).toISOString(), reason: v.reason as AddresseeVersion['reason'],
      residence: v.residence as AddresseeVersion['residence'], name: v.name, nameKana: v.name_kana,
      address: { text: v.address, supplement: v.address_supplement, postalCode: v.postal_code },
    }));
  });
}

export async function getByIntegratedNo(deps: Deps, caller: Caller, integratedAddresseeNo: string): Promise<Addressee> {
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const row = await byNumber(trx, { integratedAddresseeNo });
    if (!row) throw new NotFoundError(`団体内統合宛名番号 ${integratedAddresseeNo} の宛名は登録されていません`);
    await audit(trx, caller, { function: 'get-by-integrated-no', category: 'inquiry', targets: [{ kind: 'addressee', id: row.id }], lookupByNumber: true });
    return toAddressee(row);
  });
}

export async function searchAddressees(deps: Deps, caller: Caller, criteria: SearchCriteria, page: { limit: number; offset: number }): Promise<{ items: Addressee[]; limit: number; offset: number }> {
  const text = 'kanaPrefix' in criteria ? criteria.kanaPrefix : 'namePrefix' in criteria ? criteria.namePrefix : 'addressPrefix' in criteria ? criteria.addressPrefix : '';
  const key = text === '' ? '' : toSearchKey(text);
  if (text !== '' && key === '') throw new ValidationError([{ field: 'query', rule: 'search.empty-key', message: '検索できる文字が入力されていません' }]);
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const rows = await search(trx, criteria, key, page);
    await audit(trx, caller, { function: 'search', category: 'inquiry', targets: rows.map((r) => ({ kind: 'addressee', id: r.id })), searchCount: rows.length });
    return { items: rows.map(toAddressee), ...page };
  });
}

/**
 * 個人番号による宛名の特定 (residents and 住登外者 alike), for the 団体内統合宛名's work with the 中間サーバー:
 * the route is on the individual-number zone only and needs `addressee:my-number`. The number is used
 * as a key (its lookup hash), never stored or logged here; the audit entry says a number was used.
 */
export async function findByMyNumber(deps: Deps, caller: Caller, myNumber: string): Promise<Addressee> {
  const lookup = myNumberLookupKey(deps.myNumberKeys, caller.tenantCode, myNumber);
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const row = await byMyNumberLookup(trx, lookup);
    await audit(trx, caller, { function: 'find-by-my-number', category: 'inquiry', targets: row ? [{ kind: 'addressee', id: row.id }] : [], lookupByNumber: true, searchCount: row ? 1 : 0, myNumberAccessed: true });
    if (!row) throw new NotFoundError('この個人番号の宛名は登録されていません');
    return toAddressee(row);
  });
}

/** 送付先 of an addressee: all live ones, or those in force for `business` on `date` (its own before '*'). */
export async function listDeliveries(deps: Deps, caller: Caller, addresseeNo: string, filter: { business?: string | undefined; date?: string | undefined }): Promise<Delivery[]> {
  checkAddresseeNo(addresseeNo);
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const row = await byNumber(trx, { addresseeNo });
    if (!row) throw notFound(addresseeNo);
    const rows = await deliveriesOf(trx, row.id, filter.business, filter.date);
    await audit(trx, caller, { function: 'list-deliveries', category: 'inquiry', targets: [{ kind: 'addressee', id: row.id }], lookupByNumber: true });
    return rows.map(toDelivery);
  });
}
