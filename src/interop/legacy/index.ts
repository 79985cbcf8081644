/**
 * The text layer of a migration from a legacy system: decoding its files (Shift_JIS = Windows-31J
 * with the user-defined area, or UTF-8), replacing the municipality's 外字 by standard characters
 * through its 対応表, and the dry run's 突合表. Pure: no database, no files.
 */
export { parseGaijiMap, formatCodePoint } from './gaiji-map.ts';
export type { GaijiMapProblem, GaijiMapResult } from './gaiji-map.ts';
export { decodeLegacy, mapGaiji, userDefinedCodePoint } from './decode.ts';
export type { DecodeResult, GaijiMapping, LegacyEncoding } from './decode.ts';
export { Reconciliation, LISTED_USES } from './reconciliation.ts';
export type { GaijiUse, ReconciliationSummary } from './reconciliation.ts';
