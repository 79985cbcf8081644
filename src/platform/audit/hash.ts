import { createHash } from 'node:crypto';
import type { AuditEntry } from './types.ts';

/** The previous hash of each tenant's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** Bumped if the serialisation changes; verification picks the function by the entry's `format`. */
const FORMAT = 'yakuba-audit-v2';

/**
 * JSON with object keys sorted at every depth. jsonb gives objects back with its own key order, so
 * the hash must not depend on it; arrays keep their order, which jsonb preserves.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
}

/** What the application knows of an entry before the chain is locked: all but its tenant and its place in the chain. */
export type AuditBody = Omit<AuditEntry, 'hash' | 'tenantCode' | 'seq' | 'occurredAt' | 'prevHash'>;

/** The entry's own fields, in a fixed order. */
const bodyFields = (entry: AuditBody) => [
  entry.id,
  entry.actorKind,
  entry.actorId,
  entry.actorName,
  entry.terminal,
  entry.address,
  entry.zone,
  entry.module,
  entry.function,
  entry.category,
  entry.targets,
  entry.myNumberAccessed,
  entry.lookupByNumber,
  entry.searchCount,
  entry.outcome,
  entry.detail,
];

/** SHA-256 of the entry's own fields as a positional JSON array: hashed before the chain is locked. */
export function auditBodyHash(entry: AuditBody): string {
  return createHash('sha256').update(canonicalJson([FORMAT, ...bodyFields(entry)]), 'utf8').digest('hex');
}

/**
 * An entry's hash (format 2): SHA-256 over the format, the tenant, the previous hash, seq, the time (ISO
 * string with milliseconds, exactly what the table holds) and the body hash, joined by '|'. The database
 * computes the same when it appends (migrations/002_chain_in_database.sql); verification calls this.
 */
export function computeAuditHash(entry: Omit<AuditEntry, 'hash'>): string {
  const link = [FORMAT, entry.tenantCode, entry.prevHash, String(entry.seq), entry.occurredAt.toISOString(), auditBodyHash(entry)].join('|');
  return createHash('sha256').update(link, 'utf8').digest('hex');
}

/** Format 1 (entries appended before 002): SHA-256 over every field and the previous hash in one array. */
export function computeAuditHashV1(entry: Omit<AuditEntry, 'hash'>): string {
  // Its order: tenant, seq, id, time, then the body's fields after id, then the previous hash.
  const fields = ['yakuba-audit-v1', entry.tenantCode, entry.seq, entry.id, entry.occurredAt.toISOString(), ...bodyFields(entry).slice(1), entry.prevHash];
  return createHash('sha256').update(canonicalJson(fields), 'utf8').digest('hex');
}
