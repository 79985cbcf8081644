/**
 * Events of 宛名管理 (DESIGN §4), versioned; ids and numbers only. Other modules keep their own copy of
 * what they need (a 送付先, a name on a notice) in step with these.
 */
import { z } from '@hono/zod-openapi';

const Ref = { addresseeId: z.uuid(), addresseeNo: z.string(), integratedAddresseeNo: z.string() };

/** A new addressee: a resident who appeared in the registry, a 住登外者 or a corporation. */
export const AddresseeRegisteredV1 = z.object({ ...Ref, kind: z.enum(['person', 'corporation']), source: z.enum(['resident-registry', 'registered']) });
/** Items changed (name, address, residence) or a 送付先 was added or ended; `what` says which. */
export const AddresseeChangedV1 = z.object({ ...Ref, what: z.enum(['items', 'delivery']), validFrom: z.string() });
/** Two records were one: `from` now resolves to `into`; both numbers keep working. */
export const AddresseeMergedV1 = z.object({ from: z.object(Ref), into: z.object(Ref) });

export const events = {
  registered: { type: 'addressee.registered', version: 1, schema: AddresseeRegisteredV1 },
  changed: { type: 'addressee.changed', version: 1, schema: AddresseeChangedV1 },
  merged: { type: 'addressee.merged', version: 1, schema: AddresseeMergedV1 },
} as const;
