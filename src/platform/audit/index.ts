/**
 * The tamper-evident audit log (DESIGN §5, 標準仕様 10.2): one hash-chained, append-only log per tenant,
 * written in the same transaction as the change it records; verification and the standard's analyses.
 */
export { appendAudit, appendAuditSeparately, AuditContextError, type AppendedAudit } from './append.ts';
export {
  analyseAuditLog,
  ANALYSIS_KINDS,
  ANALYSIS_TITLES,
  DEFAULT_MASS_SEARCH_THRESHOLD,
  DEFAULT_NIGHT,
  type ActorCount,
  type AnalysedEntry,
  type AnalysisKind,
  type AnalysisOptions,
  type AnalysisResult,
} from './analyses.ts';
export { computeAuditHash, GENESIS_HASH } from './hash.ts';
export type { Period } from './period.ts';
export { listAuditEntries, type AuditListFilter, type AuditPage } from './store.ts';
export {
  ACTOR_KINDS,
  AUDIT_CATEGORIES,
  AUDIT_CATEGORY_LABELS,
  AUDIT_OUTCOMES,
  AUDIT_ZONES,
  SIGN_IN_FUNCTION,
  toJstIso,
  type ActorKind,
  type AuditCategory,
  type AuditEntry,
  type AuditEntryInput,
  type AuditOutcome,
  type AuditTarget,
  type AuditZone,
} from './types.ts';
export { verifyAuditChain, type BrokenEntry, type VerifyOptions, type VerifyResult } from './verify.ts';
