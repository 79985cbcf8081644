/**
 * The probe subscriber of the crash suite's server: it counts every delivery of the events it follows,
 * one row per event, with an effect that is not idempotent by itself (applied + 1), so that a lost or
 * doubled delivery shows in the data (as test/fixtures/counting-subscriber.ts does for a test event).
 */
import { sql } from 'kysely';
import type { Database } from '../../src/platform/db/database.ts';
import type { Subscription } from '../../src/platform/events/types.ts';

/** A 転入, an assessment chunk, and an event another subscriber publishes while handling one. */
export const PROBED_EVENTS = ['resident-registry.moved-in', 'individual-resident-tax.assessed', 'addressee.registered'];
export const PROBE = 'reliability.probe';

export function probeSubscriber(options: { delayMs: number; onHandle: (tenantCode: string, type: string) => void }): Subscription {
  return {
    name: PROBE,
    events: PROBED_EVENTS,
    async handle(trx, event) {
      await sql`
        INSERT INTO reliability_effect (tenant_code, event_id, type, applied) VALUES (current_tenant(), ${event.id}, ${event.type}, 1)
        ON CONFLICT (tenant_code, event_id) DO UPDATE SET applied = reliability_effect.applied + 1`.execute(trx);
      options.onHandle(event.tenantCode, event.type);
      // Held open a moment, so that a kill may land inside the delivery's transaction.
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
    },
  };
}

/** The probe's table, with the same tenant policy as every tenant table. */
export async function createProbeTable(db: Database): Promise<void> {
  await db.asOwner((client) =>
    client.query(`
      CREATE TABLE IF NOT EXISTS reliability_effect (
        tenant_code text NOT NULL REFERENCES tenant, event_id uuid NOT NULL, type text NOT NULL, applied int NOT NULL,
        PRIMARY KEY (tenant_code, event_id));
      ALTER TABLE reliability_effect ENABLE ROW LEVEL SECURITY;
      DROP POLICY IF EXISTS tenant_isolation ON reliability_effect;
      CREATE POLICY tenant_isolation ON reliability_effect USING (tenant_code = current_tenant()) WITH CHECK (tenant_code = current_tenant());
      GRANT SELECT, INSERT, UPDATE ON reliability_effect TO yakuba_app;`),
  );
}
