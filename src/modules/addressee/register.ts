/**
 * Registering an addressee who is not a resident: a 住登外者 (a person on no registry here) or a
 * corporation. Duplicates are checked first (rules/duplicates.ts); the 宛名番号 comes from the
 * resident registry's series and the 団体内統合宛名番号 from this module's, both in this transaction.
 */
import { uuidv7 } from 'uuidv7';
import { normalizeFurigana, toSearchKey } from '../../jp/index.ts';
import { inTenant, type Trx } from '../../platform/db/tenant-scope.ts';
import { encryptMyNumber, myNumberLookupKey } from '../../platform/my-number/index.ts';
import { error, refuseOnErrors, residentRegistryInTransaction, todayInJapan, type Alert, type Caller, type Finding } from '../resident-registry/index.ts';
import { events } from './events.ts';
import type { Addressee, CorporationInput, NonResidentInput } from './model.ts';
import { audit, toAddressee, type Deps } from './procedure.ts';
import { byMyNumberLookup, byNumber, corporationsLike, personsBornOn } from './queries.ts';
import { corporationDuplicateFindings, personDuplicateFindings } from './rules/duplicates.ts';
import { appendVersion, insertAddressee, nextIntegratedNo, type Row } from './store.ts';

export interface Registered {
  addressee: Addressee;
  alerts: Alert[];
}

export interface Items {
  name: string;
  nameKana?: string | null | undefined;
  birthDate?: string | null;
  sex?: '1' | '2' | null;
  address: { text: string; supplement?: string | null | undefined; postalCode?: string | null | undefined };
}

/** The columns of a version, with its search keys (past names and addresses stay searchable). */
export function versionColumns(items: Items, at: { validFrom: string; reason: string; residence: string | null; operatorId: string | null }): Row {
  const kana = items.nameKana ? normalizeFurigana(items.nameKana) : null;
  return {
    valid_from: at.validFrom, reason: at.reason, residence: at.residence, operator_id: at.operatorId,
    name: items.name, name_kana: kana, birth_date: items.birthDate ?? null, sex: items.sex ?? null,
    address: items.address.text, address_supplement: items.address.supplement ?? null, postal_code: items.address.postalCode ?? null,
    name_key: toSearchKey(items.name), name_kana_key: kana ? toSearchKey(kana) : null, address_key: toSearchKey(items.address.text),
  };
}

export async function registerNonResident(deps: Deps, caller: Caller, input: NonResidentInput, now = new Date()): Promise<Registered> {
  const lookup = input.myNumber ? myNumberLookupKey(deps.myNumberKeys, caller.tenantCode, input.myNumber) : null;
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const findings: Finding[] = [];
    const candidates = await personsBornOn(trx, input.birthDate);
    findings.push(...personDuplicateFindings(
      { name: input.name, birthDate: input.birthDate, address: input.address.text },
      candidates.map((c) => ({ addresseeNo: c.addressee_no, name: c.name, birthDate: c.birth_date!, address: c.address })),
      input.confirmPossibleDuplicate,
    ));
    const holder = lookup ? await byMyNumberLookup(trx, lookup) : undefined;
    if (holder) findings.push(error('myNumber', 'duplicate.my-number', `個人番号が同じ宛名が既に登録されています（宛名番号 ${holder.addressee_no}）`));
    const alerts = refuseOnErrors(findings);
    const token = input.myNumber ? encryptMyNumber(deps.myNumberKeys, caller.tenantCode, input.myNumber) : null;
    const row = await create(trx, deps, caller, { kind: 'person', myNumberToken: token, myNumberLookup: lookup }, input, 'non_resident', input.validFrom ?? todayInJapan(now));
    return { addressee: toAddressee(row), alerts };
  });
}

export async function registerCorporation(deps: Deps, caller: Caller, input: CorporationInput, now = new Date()): Promise<Registered> {
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const candidates = await corporationsLike(trx, input.corporateNumber ?? null, toSearchKey(input.name));
    const alerts = refuseOnErrors(corporationDuplicateFindings(
      { name: input.name, corporateNumber: input.corporateNumber ?? null, address: input.address.text },
      candidates.map((c) => ({ addresseeNo: c.addressee_no, name: c.name, corporateNumber: c.corporate_no, address: c.address })),
      input.confirmPossibleDuplicate,
    ));
    const row = await create(trx, deps, caller, { kind: 'corporation', corporateNumber: input.corporateNumber ?? null }, input, null, input.validFrom ?? todayInJapan(now));
    return { addressee: toAddressee(row), alerts };
  });
}

async function create(
  trx: Trx, deps: Deps, caller: Caller, identity: { kind: 'person' | 'corporation'; corporateNumber?: string | null; myNumberToken?: string | null; myNumberLookup?: string | null },
  items: Items, residence: string | null, validFrom: string,
) {
  const id = uuidv7();
  const addresseeNo = await residentRegistryInTransaction.issueAddresseeNo(trx);
  const integratedAddresseeNo = await nextIntegratedNo(trx);
  await insertAddressee(trx, { id, addresseeNo, integratedAddresseeNo, ...identity });
  await appendVersion(trx, id, versionColumns(items, { validFrom, reason: 'registered', residence, operatorId: caller.actor.id }));
  await deps.events.publish(trx, {
    type: events.registered.type, version: events.registered.version, aggregateId: id,
    payload: { addresseeId: id, addresseeNo, integratedAddresseeNo, kind: identity.kind, source: 'registered' },
  });
  await audit(trx, caller, { function: identity.kind === 'person' ? 'register-non-resident' : 'register-corporation', category: 'record', targets: [{ kind: 'addressee', id }], myNumberAccessed: identity.myNumberToken != null });
  return (await byNumber(trx, { addresseeNo }))!;
}
