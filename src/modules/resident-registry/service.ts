/**
 * The procedures of 住民基本台帳, one function each (DESIGN: Module anatomy). Each validates the whole
 * request with the pure rules first, then writes its rows, its event and its audit entry in one
 * transaction. They live in their own files to stay readable; this is the list.
 */
export type { ProcedureResult } from './entry.ts';
export { moveIn } from './move-in.ts';
export { moveWithin } from './move-within.ts';
export { moveOut } from './move-out.ts';
export { birth } from './birth.ts';
export { death } from './death.ts';
export { getHousehold, getPerson, personAsOf, searchResidents, type PersonView, type SearchHit } from './reads.ts';
export type { Caller, Deps } from './procedure.ts';
