/**
 * Residents appear in the addressee register by themselves (issue 6): every resident-registry event
 * names the persons it touched; for each, this subscriber reads the person's current state through
 * the registry's port, in the same transaction, and registers them (with the registry's 宛名番号) or
 * appends a version when their name, address or residence changed. The 団体内統合宛名番号 is issued
 * once, so it stays the same across moves out and back in (再転入 keeps the registry's person).
 */
import { uuidv7 } from 'uuidv7';
import type { Trx } from '../../platform/db/tenant-scope.ts';
import type { DomainEvent, HandlerContext, Subscription } from '../../platform/events/types.ts';
import { EVENT_NAMES, residentRegistryInTransaction, type PersonSnapshot } from '../resident-registry/index.ts';
import { events } from './events.ts';
import { byResidentId, type AddresseeRow } from './queries.ts';
import { versionColumns, type Items } from './register.ts';
import { appendVersion, insertAddressee, linkMyNumberLookup, nextIntegratedNo } from './store.ts';

/** Every `residentId` anywhere in a payload: the events name their persons in different shapes. */
export function residentIdsOf(payload: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(payload)) payload.forEach((v) => residentIdsOf(v, found));
  else if (payload && typeof payload === 'object') {
    for (const [key, value] of Object.entries(payload)) {
      if (key === 'residentId' && typeof value === 'string') found.add(value);
      else residentIdsOf(value, found);
    }
  }
  return found;
}

const itemsOf = (p: PersonSnapshot): Items => ({
  name: p.name ?? p.nameAlphabet ?? '',
  nameKana: p.nameKana,
  birthDate: p.birthDate,
  sex: p.sex,
  address: { text: p.address.text, supplement: p.address.supplement ?? null, postalCode: p.address.postalCode ?? null },
});

const unchanged = (row: AddresseeRow, p: PersonSnapshot) => {
  const i = itemsOf(p);
  return row.name === i.name && row.name_kana === (i.nameKana ?? null) && row.birth_date === i.birthDate && row.sex === i.sex && row.residence === p.status
    && row.address === i.address.text && row.address_supplement === (i.address.supplement ?? null) && row.postal_code === (i.address.postalCode ?? null);
};

export async function syncResident(trx: Trx, ctx: HandlerContext, residentId: string): Promise<void> {
  const person = await residentRegistryInTransaction.person(trx, residentId);
  if (!person) return;
  const at = { validFrom: person.validFrom, reason: 'resident-registry', residence: person.status, operatorId: null };
  const existing = await byResidentId(trx, residentId);
  if (!existing) {
    const id = uuidv7();
    const integratedAddresseeNo = await nextIntegratedNo(trx);
    await insertAddressee(trx, { id, kind: 'person', addresseeNo: person.addresseeNo, integratedAddresseeNo, residentId });
    await linkMyNumberLookup(trx, id, await residentRegistryInTransaction.myNumberLookupOf(trx, residentId));
    await appendVersion(trx, id, versionColumns(itemsOf(person), at));
    await ctx.events.publish(trx, {
      type: events.registered.type, version: events.registered.version, aggregateId: id,
      payload: { addresseeId: id, addresseeNo: person.addresseeNo, integratedAddresseeNo, kind: 'person', source: 'resident-registry' },
    });
    return;
  }
  await linkMyNumberLookup(trx, existing.id, await residentRegistryInTransaction.myNumberLookupOf(trx, residentId));
  if (unchanged(existing, person)) return;
  await appendVersion(trx, existing.id, versionColumns(itemsOf(person), at));
  await ctx.events.publish(trx, {
    type: events.changed.type, version: events.changed.version, aggregateId: existing.id,
    payload: { addresseeId: existing.id, addresseeNo: existing.addressee_no, integratedAddresseeNo: existing.integrated_no, what: 'items', validFrom: person.validFrom },
  });
}

/**
 * The registry's events that can change what this register keeps of a resident (name, kana, birth date,
 * sex, address, residence, 個人番号): not a certificate, a 支援措置, a 世帯変更 or a 改製, which would
 * cost a read per person on every issuance for nothing.
 */
const TRACKED = [
  'movedIn', 'movedWithin', 'movedOut', 'born', 'died', 'enteredExOfficio', 'corrected', 'correctedExOfficio', 'removedExOfficio',
  'nameChanged', 'foreignResidentRegistered', 'nationalityChanged', 'myNumberRecorded', 'changeCancelled',
] as const satisfies readonly (keyof typeof EVENT_NAMES)[];

export const residentSync: Subscription = {
  name: 'addressee.resident-sync',
  events: TRACKED.map((k) => EVENT_NAMES[k]),
  async handle(trx: Trx, event: DomainEvent, ctx: HandlerContext) {
    for (const residentId of residentIdsOf(event.payload)) await syncResident(trx, ctx, residentId);
  },
};
