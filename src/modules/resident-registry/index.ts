import { fileURLToPath } from 'node:url';
import { defineModule } from '../../platform/module.ts';
import { residentRegistryRoutes } from './api.ts';
import { dataList } from './data-list.ts';
import { loadDemoResidents } from './demo/load.ts';
import { events } from './events.ts';

/**
 * Event names of the published contract, one per procedure (README: Events). Those published so far
 * have their versioned payload schemas in `events` (events.ts); the others come with their procedures.
 */
export const EVENT_NAMES = {
  movedIn: 'resident-registry.moved-in',
  movedWithin: 'resident-registry.moved-within',
  movedOut: 'resident-registry.moved-out',
  moveOutConfirmed: 'resident-registry.move-out-confirmed',
  householdChanged: 'resident-registry.household-changed',
  born: 'resident-registry.born',
  died: 'resident-registry.died',
  enteredExOfficio: 'resident-registry.entered-ex-officio',
  corrected: 'resident-registry.corrected',
  correctedExOfficio: 'resident-registry.corrected-ex-officio',
  removedExOfficio: 'resident-registry.removed-ex-officio',
  nameChanged: 'resident-registry.name-changed',
  formerSurnameChanged: 'resident-registry.former-surname-changed',
  aliasChanged: 'resident-registry.alias-changed',
  foreignResidentRegistered: 'resident-registry.foreign-resident-registered',
  residenceStatusChanged: 'resident-registry.residence-status-changed',
  nationalityChanged: 'resident-registry.nationality-changed',
  residentCodeChanged: 'resident-registry.resident-code-changed',
  myNumberRecorded: 'resident-registry.my-number-recorded',
  changeCancelled: 'resident-registry.change-cancelled',
  reissued: 'resident-registry.reissued',
  protectionRegistered: 'resident-registry.protection-registered',
  protectionExtended: 'resident-registry.protection-extended',
  protectionEnded: 'resident-registry.protection-ended',
  certificateIssued: 'resident-registry.certificate-issued',
} as const;

export { BornV1, DiedV1, events, MovedInV1, MovedOutV1, MovedWithinV1 } from './events.ts';
export { HouseholdChangedV1 } from './events-household.ts';
export { CertificateIssuedV1 } from './events-certificates.ts';
export { ChangeCancelledV1, CorrectedV1, EnteredExOfficioV1, RemovedExOfficioV1 } from './events-corrections.ts';
export { AliasChangedV1, CorrectedExOfficioV1, FormerSurnameChangedV1, MyNumberRecordedV1, NameChangedV1, NationalityChangedV1, ResidenceStatusChangedV1, ResidentCodeChangedV1 } from './events-person.ts';
export { residentRegistryInTransaction, residentRegistryQueries, type ResidentRegistryQueries, type RollPerson } from './query-port.ts';
export { CHANGE_BASIS, CHANGE_REASONS, dataList, FOREIGN_RESIDENT_CATEGORY, RELATIONSHIP_BASE_TERMS, RESIDENT_KIND, RESIDENT_STATUS, SEX } from './data-list.ts';
export * from './model.ts';
// Field schemas with src/jp's checks, for modules that take the same items (宛名, 送付先).
export { AddressSchema, furiganaSchema, IsoDateSchema, MyNumberSchema, nameSchema, PostalCodeSchema, textSchema, UuidSchema } from './fields.ts';
export * from './inputs.ts';
export * from './rules/findings.ts';
// How a procedure turns findings into one 422 and reads the 処理日; shared with the common functions (宛名).
export { refuseOnErrors, todayInJapan, type Alert } from './procedure.ts';
export type { Caller } from '../../platform/http/caller.ts';
export { normalizeRelationship, parseRelationship, isValidRelationship, RELATIONSHIP_TERMS, MAX_GENERATIONS } from './rules/relationship.ts';
export type { Relationship, RelationshipTerm } from './rules/relationship.ts';
export { checkChangeDates, notificationDeadline, NOTIFICATION_PERIOD_DAYS } from './rules/dates.ts';
export type { ChangeDateInput, ChangeDateOutcome } from './rules/dates.ts';
export { householdFindings } from './rules/household.ts';
export type { ProposedMember } from './rules/household.ts';
export { DEFAULT_NUMBER_LENGTH, issueNumber, numberFindings } from './rules/numbering.ts';
export type { IssuedNumber, NumberingSeries } from './rules/numbering.ts';
export { duplicateFindings, duplicateKey, foldForComparison, isSamePerson, reentryFindings, reentryMatch } from './rules/duplicates.ts';

/**
 * 住民基本台帳: records, history tables and rules, with the first procedures (転入, 転居, 転出, 出生, 死亡) and the
 * reads (照会, 検索, as-of). README.md lists what comes next.
 */
export const residentRegistryModule = defineModule({
  id: 'resident-registry',
  title: '住民基本台帳',
  kind: 'business',
  migrations: fileURLToPath(new URL('./migrations/', import.meta.url)),
  routes: residentRegistryRoutes,
  events: Object.values(events),
  dataList,
  // A synthetic municipality (demo/generate.ts), loaded in bulk (demo/load.ts).
  demo: async (ctx, tenantCode, options) => {
    await loadDemoResidents(ctx.db, tenantCode, options);
  },
  permissions: {
    read: '住民記録の検索・照会',
    record: '異動の入力（仮登録）',
    approve: '異動の決裁（本登録）',
    issue: '住民票の写し等の交付',
    'my-number': '個人番号の表示（個人番号利用事務系に限る）',
    protection: '支援措置の登録・延長・終了と支援対象者の照会（支援措置責任者）',
    'protection-release': '支援措置による抑止の一時解除',
  },
});
