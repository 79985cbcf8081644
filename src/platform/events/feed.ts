/**
 * A pollable feed of a tenant's events, for query ports that offer "changes since position P": each
 * call returns the events after P, in a final order, and the position to ask from next. Only events of
 * transactions older than the oldest still running are returned (their set can no longer grow), so a
 * reader never skips an event that commits late; it may see one a moment later than the dispatcher does.
 */
import { sql } from 'kysely';
import type { Trx } from '../db/tenant-scope.ts';

export interface FeedEvent {
  /** Opaque; pass it back as `after` to continue. */
  position: string;
  type: string;
  version: number;
  aggregateId: string;
  payload: unknown;
  occurredAt: Date;
}

const POSITION = /^(\d+)-(\d+)$/;

/** Parses a position; `null` for the start of the feed, `undefined` when it is not one of ours. */
export function parseFeedPosition(position: string | null): { xid: string; seq: string } | null | undefined {
  if (position === null) return null;
  const m = POSITION.exec(position);
  return m ? { xid: m[1]!, seq: m[2]! } : undefined;
}

/** Events whose type starts with `typePrefix` (e.g. `resident-registry.`), after `after`, at most `limit`. */
export async function readFeed(trx: Trx, options: { typePrefix: string; after: { xid: string; seq: string } | null; limit: number }): Promise<{ events: FeedEvent[]; position: string | null }> {
  const after = options.after;
  const { rows } = await sql<{ xid: string; seq: string; type: string; version: number; aggregate_id: string; payload: unknown; occurred_at: Date }>`
    SELECT xid::text AS xid, seq::text AS seq, type, version, aggregate_id, payload, occurred_at
    FROM event_outbox
    WHERE tenant_code = current_tenant()
      AND xid < pg_snapshot_xmin(pg_current_snapshot())
      AND type LIKE ${`${options.typePrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}
      ${after === null ? sql`` : sql`AND (xid, seq) > (${after.xid}::xid8, ${after.seq}::bigint)`}
    ORDER BY xid, seq
    LIMIT ${options.limit}`.execute(trx);
  const events = rows.map((r) => ({
    position: `${r.xid}-${r.seq}`, type: r.type, version: r.version, aggregateId: r.aggregate_id, payload: r.payload, occurredAt: new Date(r.occurred_at),
  }));
  return { events, position: events.at(-1)?.position ?? (after ? `${after.xid}-${after.seq}` : null) };
}
