/**
 * Payloads of the events this module publishes (DESIGN §4), versioned: a change that breaks a
 * subscriber is a new version beside the old one. They carry ids, numbers and dates only; subscribers
 * read what else they need through the query port, which checks the caller like any other read.
 */
import { z } from '@hono/zod-openapi';
import { IsoDateSchema, UuidSchema } from './fields.ts';
import { correctionEvents } from './events-corrections.ts';
import { householdEvents } from './events-household.ts';
import { personEvents } from './events-person.ts';
import { protectionEvents } from './events-protection.ts';
import { certificateEvents } from './events-certificates.ts';
import { changeFields, PersonRef } from './events-common.ts';

const Moved = PersonRef;
const Change = { ...changeFields, lateNotification: z.boolean() };

/** 転入: the persons and the household they now belong to. */
export const MovedInV1 = z.object({
  ...Change,
  kind: z.enum(['domestic', 'special', 'from_abroad', 'article_30_46']),
  householdId: UuidSchema,
  householdNo: z.string(),
  newHousehold: z.boolean(),
  residents: z.array(Moved).min(1),
});
export type MovedInV1 = z.infer<typeof MovedInV1>;

/** 法第30条の47の届出: the foreign residents entered and their household. */
export const ForeignResidentRegisteredV1 = z.object({
  ...Change,
  householdId: UuidSchema,
  householdNo: z.string(),
  newHousehold: z.boolean(),
  residents: z.array(Moved).min(1),
});
export type ForeignResidentRegisteredV1 = z.infer<typeof ForeignResidentRegisteredV1>;

/** 転居: who moved, from which household to which (the same one when the whole household moved). */
export const MovedWithinV1 = z.object({
  ...Change,
  fromHouseholdId: UuidSchema,
  toHouseholdId: UuidSchema,
  toHouseholdNo: z.string(),
  residents: z.array(Moved).min(1),
  /** The household left behind has no 世帯主 (1.1.10 世帯主未設定, j490 アラート). */
  remainingHouseholdHeadless: z.boolean(),
});
export type MovedWithinV1 = z.infer<typeof MovedWithinV1>;

/** 転出: who leaves (as of the 転出予定日, which may lie ahead), and what is left of the household. */
export const MovedOutV1 = z.object({
  ...Change,
  kind: z.enum(['domestic', 'abroad']),
  /** Recorded ex officio because the 届出 came more than 14 days after the move (j640). */
  exOfficio: z.boolean(),
  householdId: UuidSchema,
  residents: z.array(Moved).min(1),
  householdDissolved: z.boolean(),
  remainingHouseholdHeadless: z.boolean(),
});
export type MovedOutV1 = z.infer<typeof MovedOutV1>;

/** 転入通知の受理: the 除票's confirmed 転出, and the day it now starts (the earlier of 転出予定日 and 転入日). */
export const MoveOutConfirmedV1 = z.object({
  changeId: UuidSchema,
  residentId: UuidSchema,
  addresseeNo: z.string(),
  noticeOn: IsoDateSchema,
  movedOutOn: IsoDateSchema,
  removedFrom: IsoDateSchema,
  /** The 除票 (and the household's versions of the 転出, where possible) moved to the earlier 転入日. */
  redated: z.boolean(),
});
export type MoveOutConfirmedV1 = z.infer<typeof MoveOutConfirmedV1>;

/** 改製: whose 住民票（原票） was remade, from which day. */
export const ReissuedV1 = z.object({
  changeId: UuidSchema,
  effectiveDate: IsoDateSchema,
  householdId: UuidSchema,
  residents: z.array(Moved).min(1),
});
export type ReissuedV1 = z.infer<typeof ReissuedV1>;

/** 出生: the child and the household it was entered into. */
export const BornV1 = z.object({
  ...Change,
  residentId: UuidSchema,
  addresseeNo: z.string(),
  householdId: UuidSchema,
  householdNo: z.string(),
  newHousehold: z.boolean(),
});
export type BornV1 = z.infer<typeof BornV1>;

/** 死亡・失踪宣告: who was removed, and what is left of the household. */
export const DiedV1 = z.object({
  ...Change,
  kind: z.enum(['death', 'disappearance']),
  residentId: UuidSchema,
  addresseeNo: z.string(),
  householdId: UuidSchema,
  householdDissolved: z.boolean(),
  remainingHouseholdHeadless: z.boolean(),
});
export type DiedV1 = z.infer<typeof DiedV1>;

/** 転入・転居・転出・出生・死亡. */
const entryAndDepartureEvents = {
  movedIn: { type: 'resident-registry.moved-in', version: 1, schema: MovedInV1 },
  foreignResidentRegistered: { type: 'resident-registry.foreign-resident-registered', version: 1, schema: ForeignResidentRegisteredV1 },
  movedWithin: { type: 'resident-registry.moved-within', version: 1, schema: MovedWithinV1 },
  movedOut: { type: 'resident-registry.moved-out', version: 1, schema: MovedOutV1 },
  moveOutConfirmed: { type: 'resident-registry.move-out-confirmed', version: 1, schema: MoveOutConfirmedV1 },
  reissued: { type: 'resident-registry.reissued', version: 1, schema: ReissuedV1 },
  born: { type: 'resident-registry.born', version: 1, schema: BornV1 },
  died: { type: 'resident-registry.died', version: 1, schema: DiedV1 },
} as const;

/** Every event this module publishes; events-*.ts files hold the other procedures' payloads and add theirs here. */
export const events = {
  ...entryAndDepartureEvents,
  ...protectionEvents,
  ...correctionEvents,
  ...householdEvents,
  ...personEvents,
  ...certificateEvents,
} as const;
