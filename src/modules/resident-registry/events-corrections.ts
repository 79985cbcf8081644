/**
 * Payloads (v1) of 職権記載, 職権消除, 誤記修正 and 異動の取消し. Ids, numbers and dates only; subscribers
 * read the corrected or restored state through the query port.
 */
import { z } from '@hono/zod-openapi';
import { UuidSchema } from './fields.ts';
import { changeFields, PersonRef } from './events-common.ts';

const Person = PersonRef;
/** `notifiedDate`: the 申出日 when the municipality acted on a 申出 (4.2.0.5); null when purely ex officio. */
const Change = changeFields;

/** 職権記載 (住所設定・未届転入): the persons and the household they now belong to. */
export const EnteredExOfficioV1 = z.object({
  ...Change,
  kind: z.enum(['address_setting', 'unreported_move_in']),
  householdId: UuidSchema,
  householdNo: z.string(),
  newHousehold: z.boolean(),
  residents: z.array(Person).min(1),
});
export type EnteredExOfficioV1 = z.infer<typeof EnteredExOfficioV1>;

/** 職権消除: who was removed from the 異動日 on, and what is left of the household. */
export const RemovedExOfficioV1 = z.object({
  ...Change,
  householdId: UuidSchema,
  residents: z.array(Person).min(1),
  householdDissolved: z.boolean(),
  remainingHouseholdHeadless: z.boolean(),
});
export type RemovedExOfficioV1 = z.infer<typeof RemovedExOfficioV1>;

/**
 * 誤記修正: whose versions were replaced. `effectiveDate` is the valid_from of the first
 * corrected version: subscribers that keep derived data from that day on should re-read it.
 */
export const CorrectedV1 = z.object({
  ...Change,
  procedure: z.literal('clerical_correction'),
  correctsChangeId: UuidSchema.nullable(),
  residents: z.array(Person.extend({ supersededHistoryNos: z.array(z.int()).min(1) })).min(1),
});
export type CorrectedV1 = z.infer<typeof CorrectedV1>;

/** 異動の取消し: the cancelled 異動, and per person whether they came back (増), left (減) or were restored (修正). */
export const ChangeCancelledV1 = z.object({
  ...Change,
  cancelledChangeId: UuidSchema,
  cancelledProcedure: z.string(),
  residents: z.array(Person.extend({ reason: z.enum(['cancellation_increase', 'cancellation_decrease', 'cancellation_correction']) })),
  householdIds: z.array(UuidSchema),
});
export type ChangeCancelledV1 = z.infer<typeof ChangeCancelledV1>;

/** 職権記載・職権消除・誤記修正・異動の取消し. */
export const correctionEvents = {
  enteredExOfficio: { type: 'resident-registry.entered-ex-officio', version: 1, schema: EnteredExOfficioV1 },
  removedExOfficio: { type: 'resident-registry.removed-ex-officio', version: 1, schema: RemovedExOfficioV1 },
  corrected: { type: 'resident-registry.corrected', version: 1, schema: CorrectedV1 },
  changeCancelled: { type: 'resident-registry.change-cancelled', version: 1, schema: ChangeCancelledV1 },
} as const;
