import type { z } from 'zod';
import type { Trx } from '../db/tenant-scope.ts';
import type { EventPublisher } from './outbox.ts';

/**
 * A domain event as stored in the outbox and handed to subscribers. `type` is `<module>.<past-tense>`
 * (resident-registry.moved-in); `aggregateId` orders delivery: events of one aggregate reach each
 * subscriber in the order they were written.
 */
export interface DomainEvent<P = unknown> {
  id: string;
  tenantCode: string;
  type: string;
  version: number;
  aggregateId: string;
  payload: P;
  occurredAt: Date;
}

/** What a procedure hands to `publish`: the outbox fills in id, tenant and time. */
export interface NewEvent<P = unknown> {
  type: string;
  version?: number;
  aggregateId: string;
  payload: P;
}

/** A published event type: its name, version and payload schema, exported from the module's index.ts. */
export interface EventType<S extends z.ZodType = z.ZodType> {
  type: string;
  version: number;
  schema: S;
}

/**
 * A subscriber. `handle` runs inside the tenant's transaction that also records the event in the
 * subscriber's inbox, so its effects and "seen" commit together: a redelivery changes nothing.
 */
export interface Subscription {
  /** Stable subscriber name, unique in the deployment, e.g. `addressee.on-resident-moved-in`. */
  name: string;
  /** Event types this subscriber receives. */
  events: string[];
  /** `ctx.events` publishes the handler's own events in the same transaction (the outbox). */
  handle(trx: Trx, event: DomainEvent, ctx: HandlerContext): Promise<void>;
}

/** What a subscriber's handler may use besides its transaction. */
export interface HandlerContext {
  events: EventPublisher;
}
