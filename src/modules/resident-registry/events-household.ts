/**
 * Payload of `resident-registry.household-changed` (世帯変更 4.1.4 and 並び替え 5.2): ids, numbers,
 * dates and flags only (DESIGN §4). Subscribers that follow the 世帯主 (国保 charges the 世帯主,
 * 児童手当 looks at the household) compare `headResidentId` with `previousHeadResidentId`.
 */
import { z } from '@hono/zod-openapi';
import { IsoDateSchema, UuidSchema } from './fields.ts';

const HouseholdTouched = z.object({
  householdId: UuidSchema,
  householdNo: z.string(),
  /** `source`: the household named in the request; `target`: the one joined; `new`: formed by a 世帯分離. */
  role: z.enum(['source', 'target', 'new']),
  status: z.enum(['active', 'dissolved']),
  headResidentId: UuidSchema.nullable(),
  /** null for a new household. */
  previousHeadResidentId: UuidSchema.nullable(),
  /** 世帯合併: the source household has no members left. */
  dissolved: z.boolean(),
  /** Left without a 世帯主 (1.1.10 世帯主未設定, j490 アラート). */
  headless: z.boolean(),
});

export const HouseholdChangedV1 = z.object({
  changeId: UuidSchema,
  kind: z.enum(['separation', 'merger', 'change', 'head_change', 'reorder']),
  effectiveDate: IsoDateSchema,
  notifiedDate: IsoDateSchema.nullable(),
  lateNotification: z.boolean(),
  households: z.array(HouseholdTouched).min(1),
  /** Who changed household (分離・合併・世帯変更). */
  movedResidents: z.array(z.object({ residentId: UuidSchema, addresseeNo: z.string(), fromHouseholdId: UuidSchema, toHouseholdId: UuidSchema })),
  /** Everyone with a new version: moved, or a new 続柄 or 世帯主 (empty for 並び替え). */
  updatedResidents: z.array(z.object({ residentId: UuidSchema, addresseeNo: z.string() })),
});
export type HouseholdChangedV1 = z.infer<typeof HouseholdChangedV1>;

/** 世帯変更. */
export const householdEvents = {
  householdChanged: { type: 'resident-registry.household-changed', version: 1, schema: HouseholdChangedV1 },
} as const;
