/**
 * The procedures of 住民基本台帳, one function each (DESIGN: Module anatomy). Each validates the whole
 * request with the pure rules first, then writes its rows, its event and its audit entry in one
 * transaction. They live in their own files to stay readable; this is the list.
 */
export type { ProcedureResult } from './entry.ts';
export { moveIn } from './move-in.ts';
export { registerForeignResident } from './foreign-resident-notification.ts';
export { moveWithin } from './move-within.ts';
export { moveOut } from './move-out.ts';
export { listAwaitingMoveInNotice, receiveMoveInNotice } from './move-in-notice.ts';
export { birth } from './birth.ts';
export { death } from './death.ts';
export { reissue } from './reissue.ts';
export { changeHousehold, type HouseholdChangeResult } from './household-change.ts';
export { changeAlias, changeFormerSurname, changeName, correctExOfficio } from './name-change.ts';
export { changeResidenceStatus, loseNationality, naturalize } from './foreign-resident-change.ts';
export { changeResidentCode, recordMyNumber } from './identifiers.ts';
export { exOfficioEntry, exOfficioRemoval } from './ex-officio.ts';
export { correctClericalError } from './clerical-correction.ts';
export { cancelChange } from './cancellation.ts';
export { getHousehold, getPerson, personAsOf, searchResidents, type PersonView, type SearchHit } from './reads.ts';
export { issueResidentCertificate, type IssuedCertificate } from './certificates/issue.ts';
export { listCertificateIssuances } from './certificates/list.ts';
export { getCertificateSettings, putCertificateSettings } from './certificates/settings.ts';
export type { Caller, Deps } from './procedure.ts';
