import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Trx } from '../db/tenant-scope.ts';
import type { EventType, NewEvent, Subscription } from './types.ts';

/**
 * Writes events in the caller's transaction (the transactional outbox): the procedure's rows, its
 * events and one delivery per interested subscriber commit or roll back together. The tenant is the
 * transaction's own (current_tenant()), so a procedure cannot publish into another tenant.
 */
export class EventPublisher {
  private readonly subscribersByType = new Map<string, string[]>();
  private readonly schemas = new Map<string, EventType>();

  constructor(subscriptions: readonly Subscription[], eventTypes: readonly EventType[] = []) {
    for (const s of subscriptions) {
      for (const type of s.events) this.subscribersByType.set(type, [...(this.subscribersByType.get(type) ?? []), s.name]);
    }
    for (const e of eventTypes) this.schemas.set(`${e.type}@${e.version}`, e);
  }

  async publish(trx: Trx, event: NewEvent): Promise<string> {
    const version = event.version ?? 1;
    // A payload that does not match its published schema is a bug in the publisher: fail the procedure.
    const schema = this.schemas.get(`${event.type}@${version}`);
    const payload = schema ? schema.schema.parse(event.payload) : event.payload;
    const id = uuidv7();
    const subscribers = this.subscribersByType.get(event.type) ?? [];
    await sql`
      WITH e AS (
        INSERT INTO event_outbox (tenant_code, id, type, version, aggregate_id, payload)
        VALUES (current_tenant(), ${id}, ${event.type}, ${version}, ${event.aggregateId}, ${JSON.stringify(payload)}::jsonb)
        RETURNING tenant_code, id, seq, aggregate_id
      )
      INSERT INTO event_delivery (tenant_code, subscriber, event_id, seq, aggregate_id)
      SELECT e.tenant_code, s.name, e.id, e.seq, e.aggregate_id FROM e, unnest(${subscribers}::text[]) AS s(name)`.execute(trx);
    return id;
  }
}
