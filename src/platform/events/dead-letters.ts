import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { inTenant, type Trx } from '../db/tenant-scope.ts';
import { NotFoundError, ValidationError } from '../errors.ts';

export interface DeadLetter {
  subscriber: string;
  eventId: string;
  type: string;
  aggregateId: string;
  attempts: number;
  lastError: string | null;
  occurredAt: Date;
}

/** Deliveries that exhausted their retries, for an operator to inspect and replay. */
export async function listDeadLetters(db: Database, tenantCode: string): Promise<DeadLetter[]> {
  return inTenant(db, tenantCode, async (trx) => {
    const { rows } = await sql<DeadLetter>`
      SELECT d.subscriber, d.event_id AS "eventId", o.type, d.aggregate_id AS "aggregateId", d.attempts,
             d.last_error AS "lastError", o.occurred_at AS "occurredAt"
      FROM event_delivery d JOIN event_outbox o ON o.tenant_code = d.tenant_code AND o.id = d.event_id
      WHERE d.status = 'dead' ORDER BY d.seq`.execute(trx);
    return rows;
  });
}

/** Puts a dead letter back in the queue with a fresh retry budget. */
export async function replayDeadLetter(
  db: Database, tenantCode: string, subscriber: string, eventId: string,
  /** The replay's audit entry, in its transaction: a replay is never made without its record. */
  audit?: (trx: Trx) => Promise<unknown>,
): Promise<void> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(eventId)) {
    throw new ValidationError([{ field: 'eventId', rule: 'format:uuid', message: `イベントID ${eventId} はUUIDの形式ではありません` }]);
  }
  await inTenant(db, tenantCode, async (trx) => {
    const result = await sql`
      UPDATE event_delivery SET status = 'pending', attempts = 0, next_attempt_at = now()
      WHERE tenant_code = current_tenant() AND subscriber = ${subscriber} AND event_id = ${eventId}::uuid AND status = 'dead'`.execute(trx);
    if (Number(result.numAffectedRows ?? 0) === 0) {
      throw new NotFoundError(`購読者 ${subscriber} のイベント ${eventId} は配信不能（デッドレター）一覧にありません`);
    }
    await audit?.(trx);
  });
}

/** Counts for /healthz and the operator: what is waiting and what is stuck. */
export async function deliveryBacklog(db: Database, tenantCode: string): Promise<{ pending: number; dead: number }> {
  return inTenant(db, tenantCode, async (trx) => {
    const { rows } = await sql<{ pending: number; dead: number }>`
      SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending, count(*) FILTER (WHERE status = 'dead')::int AS dead
      FROM event_delivery`.execute(trx);
    return rows[0] ?? { pending: 0, dead: 0 };
  });
}
