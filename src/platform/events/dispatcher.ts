import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../db/database.ts';
import { inPlatform, inTenant, type Trx } from '../db/tenant-scope.ts';
import { EventPublisher } from './outbox.ts';
import type { DomainEvent, Subscription } from './types.ts';

export interface DispatcherOptions {
  /** Pause between polls when there is nothing to do. */
  pollMs?: number;
  /** After this many failed attempts a delivery becomes a dead letter. */
  maxAttempts?: number;
  /** First retry delay; doubles with every attempt, capped at one hour. */
  baseDelayMs?: number;
  /** Deliveries per tenant per round, so one busy tenant cannot starve the others. */
  perTenantBatch?: number;
  /** Where handlers publish their own events (the deployment's, with every subscriber and schema). */
  events?: EventPublisher;
  log?: Logger;
}

export interface DispatcherState {
  running: boolean;
  lastRoundAt: Date | null;
  lastError: string | null;
  delivered: number;
  failed: number;
}

interface DeliveryRow {
  subscriber: string;
  event_id: string;
  attempts: number;
  type: string;
  version: number;
  aggregate_id: string;
  payload: unknown;
  occurred_at: Date;
}

/**
 * Delivers outbox events to subscribers at least once, in write order per (subscriber, aggregate).
 * Each delivery runs in its tenant's transaction together with the subscriber's inbox entry and
 * effects; a crash anywhere rolls all three back and the delivery is simply done again.
 */
export class Dispatcher {
  private readonly byName: Map<string, Subscription>;
  private readonly options: Required<Omit<DispatcherOptions, 'log' | 'events'>> & { log?: Logger };
  private readonly events: EventPublisher;
  private loop: Promise<void> | undefined;
  private stopping = false;
  private wake: (() => void) | undefined;
  readonly state: DispatcherState = { running: false, lastRoundAt: null, lastError: null, delivered: 0, failed: 0 };

  constructor(
    private readonly db: Database,
    subscriptions: readonly Subscription[],
    options: DispatcherOptions = {},
  ) {
    this.byName = new Map(subscriptions.map((s) => [s.name, s]));
    const { events, ...rest } = options;
    this.events = events ?? new EventPublisher(subscriptions);
    this.options = { pollMs: 500, maxAttempts: 8, baseDelayMs: 1000, perTenantBatch: 100, ...rest };
  }

  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.state.running = true;
    this.loop = this.run();
  }

  /** Finishes the delivery in flight, then stops. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
    this.state.running = false;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let worked = 0;
      try {
        worked = await this.round();
        this.state.lastError = null;
      } catch (error) {
        this.state.lastError = error instanceof Error ? error.message : String(error);
        this.options.log?.error({ err: this.state.lastError }, 'event dispatcher round failed');
      }
      if (worked === 0 && !this.stopping) {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          setTimeout(resolve, this.options.pollMs).unref();
        });
      }
    }
  }

  /** One pass over every tenant with due deliveries. Returns how many deliveries it attempted. */
  async round(): Promise<number> {
    const tenants = await inPlatform(this.db, async (trx) =>
      (await sql<{ code: string }>`SELECT tenants_with_due_deliveries() AS code`.execute(trx)).rows.map((r) => r.code),
    );
    let attempted = 0;
    for (const tenant of tenants) {
      for (let i = 0; i < this.options.perTenantBatch && !this.stopping; i++) {
        const outcome = await this.deliverNext(tenant);
        if (outcome === 'none') break;
        attempted++;
      }
    }
    this.state.lastRoundAt = new Date();
    return attempted;
  }

  /** Runs rounds until nothing is due (tests, `yakuba events drain`). */
  async drain(): Promise<number> {
    let total = 0;
    for (let n = await this.round(); n > 0; n = await this.round()) total += n;
    return total;
  }

  private async deliverNext(tenantCode: string): Promise<'delivered' | 'failed' | 'none'> {
    let picked: DeliveryRow | undefined;
    try {
      const outcome = await inTenant(this.db, tenantCode, async (trx) => {
        picked = await nextDue(trx);
        if (!picked) return 'none' as const;
        const subscription = this.byName.get(picked.subscriber);
        if (!subscription) throw new Error(`購読者 ${picked.subscriber} はこの配備に登録されていません`);
        // The inbox makes a redelivery a no-op: its row commits with the effects or not at all.
        const fresh = await sql`
          INSERT INTO event_inbox (tenant_code, subscriber, event_id) VALUES (current_tenant(), ${picked.subscriber}, ${picked.event_id})
          ON CONFLICT DO NOTHING RETURNING event_id`.execute(trx);
        if (fresh.rows.length > 0) await subscription.handle(trx, toEvent(tenantCode, picked), { events: this.events });
        await sql`
          UPDATE event_delivery SET status = 'delivered', delivered_at = now(), attempts = attempts + 1, last_error = NULL
          WHERE tenant_code = current_tenant() AND subscriber = ${picked.subscriber} AND event_id = ${picked.event_id}`.execute(trx);
        return 'delivered' as const;
      });
      if (outcome === 'delivered') this.state.delivered++;
      return outcome;
    } catch (error) {
      if (!picked) throw error;
      this.state.failed++;
      await this.recordFailure(tenantCode, picked, error);
      return 'failed';
    }
  }

  private async recordFailure(tenantCode: string, delivery: DeliveryRow, error: unknown): Promise<void> {
    const attempts = delivery.attempts + 1;
    const dead = attempts >= this.options.maxAttempts;
    const delayMs = Math.min(this.options.baseDelayMs * 2 ** (attempts - 1), 3_600_000);
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
    this.options.log?.warn({ tenantCode, subscriber: delivery.subscriber, eventId: delivery.event_id, attempts, dead }, 'event delivery failed');
    await inTenant(this.db, tenantCode, (trx) =>
      sql`UPDATE event_delivery
          SET attempts = ${attempts}, last_error = ${message}, status = ${dead ? 'dead' : 'pending'},
              next_attempt_at = now() + make_interval(secs => ${delayMs / 1000})
          WHERE tenant_code = current_tenant() AND subscriber = ${delivery.subscriber} AND event_id = ${delivery.event_id}`.execute(trx),
    );
  }
}

/**
 * The oldest due delivery whose earlier deliveries to the same subscriber for the same aggregate are
 * all done: a failing or dead event holds back later events of its aggregate, preserving order.
 */
async function nextDue(trx: Trx): Promise<DeliveryRow | undefined> {
  const { rows } = await sql<DeliveryRow>`
    SELECT d.subscriber, d.event_id, d.attempts, o.type, o.version, o.aggregate_id, o.payload, o.occurred_at
    FROM event_delivery d JOIN event_outbox o ON o.tenant_code = d.tenant_code AND o.id = d.event_id
    WHERE d.status = 'pending' AND d.next_attempt_at <= now()
      AND NOT EXISTS (
        SELECT 1 FROM event_delivery p
        WHERE p.tenant_code = d.tenant_code AND p.subscriber = d.subscriber AND p.aggregate_id = d.aggregate_id
          AND p.seq < d.seq AND p.status <> 'delivered')
    ORDER BY d.seq
    LIMIT 1
    FOR UPDATE OF d SKIP LOCKED`.execute(trx);
  return rows[0];
}

function toEvent(tenantCode: string, row: DeliveryRow): DomainEvent {
  return {
    id: row.event_id,
    tenantCode,
    type: row.type,
    version: row.version,
    aggregateId: row.aggregate_id,
    payload: row.payload,
    occurredAt: row.occurred_at,
  };
}
