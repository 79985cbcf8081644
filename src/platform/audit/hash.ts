import { createHash } from 'node:crypto';
import type { AuditEntry } from './types.ts';

/** The previous hash of each tenant's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** Bumped if the serialisation ever changes; a verifier would then pick the function by version. */
const FORMAT = 'yakuba-audit-v1';

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

/**
 * SHA-256 over every field of the entry and the previous entry's hash, as a positional JSON array:
 * appending and verifying both call this, so the two cannot drift apart. The time is the ISO string
 * with milliseconds, which is also exactly what the table holds.
 */
export function computeAuditHash(entry: Omit<AuditEntry, 'hash'>): string {
  const fields = [
    FORMAT,
    entry.tenantCode,
    entry.seq,
    entry.id,
    entry.occurredAt.toISOString(),
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
    entry.prevHash,
  ];
  return createHash('sha256').update(canonicalJson(fields), 'utf8').digest('hex');
}
