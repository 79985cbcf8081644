/**
 * Changes staff make to the register: a 住登外者's or a corporation's items from a date, 送付先 added
 * or ended, and merging two records of one person (issue 6 §1–§3, §5). A resident's items are the
 * registry's and change only through its 異動. Each validates first and writes in one transaction.
 */
import { uuidv7 } from 'uuidv7';
import { inTenant, type Trx } from '../../platform/db/tenant-scope.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import type { Caller } from '../resident-registry/index.ts';
import { events } from './events.ts';
import type { Addressee, AddresseeChangeInput, Delivery, DeliveryInput, MergeInput } from './model.ts';
import { audit, toAddressee, toDelivery, type Deps } from './procedure.ts';
import { byNumber, byNumberUnresolved, deliveryById, type AddresseeRow } from './queries.ts';
import { checkAddresseeNo } from './reads.ts';
import { versionColumns } from './register.ts';
import { appendVersion, insertDelivery, lockAddressee, markMerged } from './store.ts';

const refuse = (field: string, rule: string, message: string) => new ValidationError([{ field, rule, message }]);

async function live(trx: Trx, addresseeNo: string): Promise<AddresseeRow> {
  const row = await byNumber(trx, { addresseeNo });
  if (!row) throw new NotFoundError(`宛名番号 ${addresseeNo} の宛名は登録されていません`);
  return row;
}

const changed = (row: AddresseeRow, validFrom: string, what: 'items' | 'delivery') => ({
  type: events.changed.type, version: events.changed.version, aggregateId: row.id,
  payload: { addresseeId: row.id, addresseeNo: row.addressee_no, integratedAddresseeNo: row.integrated_no, what, validFrom },
});

export async function changeAddressee(deps: Deps, caller: Caller, addresseeNo: string, input: AddresseeChangeInput): Promise<Addressee> {
  checkAddresseeNo(addresseeNo);
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const row = await live(trx, addresseeNo);
    if (row.resident_id !== null) throw refuse('addresseeNo', 'addressee.resident-owned', '住民（元住民を含む）の宛名は住民記録の異動で変わります。住民記録で処理してください');
    if (input.validFrom < row.valid_from) throw refuse('body.validFrom', 'dates.order', `適用開始日は現在の記録の適用開始日（${row.valid_from}）以後にしてください`);
    const items = {
      name: input.name ?? row.name, nameKana: input.nameKana ?? row.name_kana, birthDate: row.birth_date, sex: row.sex,
      address: input.address ?? { text: row.address, supplement: row.address_supplement, postalCode: row.postal_code },
    };
    await appendVersion(trx, row.id, versionColumns(items, { validFrom: input.validFrom, reason: 'changed', residence: row.residence, operatorId: caller.actor.id }), input.version);
    await deps.events.publish(trx, changed(row, input.validFrom, 'items'));
    await audit(trx, caller, { function: 'change', category: 'record', targets: [{ kind: 'addressee', id: row.id }] });
    return toAddressee((await byNumber(trx, { addresseeNo }))!);
  });
}

export async function addDelivery(deps: Deps, caller: Caller, addresseeNo: string, input: DeliveryInput): Promise<Delivery> {
  checkAddresseeNo(addresseeNo);
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const row = await live(trx, addresseeNo);
    const id = uuidv7();
    await insertDelivery(trx, {
      id, addressee_id: row.id, business: input.business, purpose: input.purpose, recipient_name: input.recipientName,
      recipient_name_kana: input.recipientNameKana ?? null, address: input.address.text, address_supplement: input.address.supplement ?? null,
      postal_code: input.address.postalCode ?? null, phone: input.phone ?? null, email: input.email ?? null,
      valid_from: input.validFrom, valid_until: input.validUntil ?? null, operator_id: caller.actor.id,
    });
    await deps.events.publish(trx, changed(row, input.validFrom, 'delivery'));
    await audit(trx, caller, { function: 'add-delivery', category: 'record', targets: [{ kind: 'addressee', id: row.id }, { kind: 'addressee-delivery', id }] });
    return toDelivery((await deliveryById(trx, row.id, id))!);
  });
}

/** Ends a 送付先 on `validUntil`: a superseding copy with the end date; the original stays as it was. */
export async function endDelivery(deps: Deps, caller: Caller, addresseeNo: string, deliveryId: string, validUntil: string): Promise<Delivery> {
  checkAddresseeNo(addresseeNo);
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const row = await live(trx, addresseeNo);
    const current = await deliveryById(trx, row.id, deliveryId);
    if (!current || current.superseded) throw new NotFoundError('指定の送付先は登録されていないか、既に変更されています');
    if (validUntil < current.valid_from) throw refuse('body.validUntil', 'dates.order', `終了日は開始日（${current.valid_from}）以後にしてください`);
    const id = uuidv7();
    await insertDelivery(trx, {
      id, addressee_id: row.id, business: current.business, purpose: current.purpose, recipient_name: current.recipient_name,
      recipient_name_kana: current.recipient_name_kana, address: current.address, address_supplement: current.address_supplement,
      postal_code: current.postal_code, phone: current.phone, email: current.email, valid_from: current.valid_from,
      valid_until: validUntil, supersedes: deliveryId, operator_id: caller.actor.id,
    });
    await deps.events.publish(trx, changed(row, validUntil, 'delivery'));
    await audit(trx, caller, { function: 'end-delivery', category: 'record', targets: [{ kind: 'addressee', id: row.id }, { kind: 'addressee-delivery', id }] });
    return toDelivery((await deliveryById(trx, row.id, id))!);
  });
}

/**
 * Two records turned out to be one person (or corporation): `from` points at `into` and both numbers
 * resolve to `into` from now on. Two residents of the registry cannot be merged here (the registry's
 * own 誤記修正・職権消除 decide that), nor a person with a corporation, nor a record with itself.
 */
export async function mergeAddressees(deps: Deps, caller: Caller, input: MergeInput): Promise<Addressee> {
  checkAddresseeNo(input.from.addresseeNo, 'body.from.addresseeNo');
  checkAddresseeNo(input.into.addresseeNo, 'body.into.addresseeNo');
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const from = await byNumberUnresolved(trx, input.from.addresseeNo);
    const into = await byNumberUnresolved(trx, input.into.addresseeNo);
    if (!from || !into) throw new NotFoundError(`宛名番号 ${!from ? input.from.addresseeNo : input.into.addresseeNo} の宛名は登録されていません`);
    const problems = [
      ...(from.id === into.id ? [{ field: 'body.into.addresseeNo', rule: 'merge.same-record', message: '同じ宛名どうしは統合できません' }] : []),
      ...(from.merged_into || into.merged_into ? [{ field: 'body.from.addresseeNo', rule: 'merge.already-merged', message: '既に統合された宛名は統合できません。統合先の宛名番号を指定してください' }] : []),
      ...(from.kind !== into.kind ? [{ field: 'body.into.addresseeNo', rule: 'merge.kind-mismatch', message: '個人と法人は統合できません' }] : []),
      ...(from.resident_id && into.resident_id ? [{ field: 'body.from.addresseeNo', rule: 'merge.two-residents', message: '住民記録の住民どうしは統合できません。住民記録で誤記修正又は職権消除をしてください' }] : []),
      ...(from.resident_id && !into.resident_id ? [{ field: 'body.from.addresseeNo', rule: 'merge.resident-survives', message: '住民記録の住民の宛名を統合先にしてください（住民の宛名番号を残します）' }] : []),
      ...(from.my_number_token && into.my_number_token ? [{ field: 'body.from.addresseeNo', rule: 'merge.two-my-numbers', message: '個人番号を持つ宛名どうしは統合できません' }] : []),
    ];
    if (problems.length > 0) throw new ValidationError(problems);
    await markMerged(trx, from.id, input.from.version, into.id);
    await lockAddressee(trx, into.id, input.into.version);
    const ref = (r: AddresseeRow) => ({ addresseeId: r.id, addresseeNo: r.addressee_no, integratedAddresseeNo: r.integrated_no });
    await deps.events.publish(trx, { type: events.merged.type, version: events.merged.version, aggregateId: into.id, payload: { from: ref(from), into: ref(into) } });
    await audit(trx, caller, { function: 'merge', category: 'record', targets: [{ kind: 'addressee', id: from.id }, { kind: 'addressee', id: into.id }] });
    return toAddressee((await byNumber(trx, { addresseeNo: into.addressee_no }))!);
  });
}
