/**
 * Events of the 支援措置 (3.4 j440): set, extended and ended. Other businesses and the コンビニ交付 /
 * 住基ネット CS bridges learn from them that a person's certificates and records are restricted
 * (j410: 証明書発行の抑止設定及び解除情報は自動連携). Ids, dates and levels only: never a name, an
 * address or anything about the 加害者. A 一時解除 is deliberately not an event (j410).
 */
import { z } from '@hono/zod-openapi';
import { IsoDateSchema, UuidSchema } from './fields.ts';

const Level = z.enum(['error', 'alert']).nullable();

export const ProtectionRegisteredV1 = z.object({
  protectionId: UuidSchema,
  residentId: UuidSchema,
  addresseeNo: z.string(),
  kind: z.enum(['support', 'provisional']),
  startsOn: IsoDateSchema,
  endsOn: IsoDateSchema,
  restrictions: z.object({ inquiry: Level, issue: Level, change: Level }),
});
export type ProtectionRegisteredV1 = z.infer<typeof ProtectionRegisteredV1>;

export const ProtectionExtendedV1 = z.object({
  protectionId: UuidSchema,
  residentId: UuidSchema,
  addresseeNo: z.string(),
  /** The extension's period: from the day after the former 終了年月日. */
  startsOn: IsoDateSchema,
  endsOn: IsoDateSchema,
});
export type ProtectionExtendedV1 = z.infer<typeof ProtectionExtendedV1>;

export const ProtectionEndedV1 = z.object({
  protectionId: UuidSchema,
  residentId: UuidSchema,
  addresseeNo: z.string(),
  endedOn: IsoDateSchema,
  reason: z.enum(['request', 'expired', 'not_needed', 'superseded']),
});
export type ProtectionEndedV1 = z.infer<typeof ProtectionEndedV1>;

/** 支援措置の登録・延長・終了. */
export const protectionEvents = {
  protectionRegistered: { type: 'resident-registry.protection-registered', version: 1, schema: ProtectionRegisteredV1 },
  protectionExtended: { type: 'resident-registry.protection-extended', version: 1, schema: ProtectionExtendedV1 },
  protectionEnded: { type: 'resident-registry.protection-ended', version: 1, schema: ProtectionEndedV1 },
} as const;
