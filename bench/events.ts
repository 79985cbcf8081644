/**
 * Event throughput: publishing into the outbox and dispatching to a subscriber, against the limit of
 * doing the same number of plain single-row writes in the same transactions on the same database.
 *   npm run bench -- events [--events 5000]      (DATABASE_URL set: PostgreSQL, else in-memory PGlite)
 */
import { sql } from 'kysely';
import { appUrlFor } from '../src/platform/db/config.ts';
import { openDatabase, type Database } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrations.ts';
import { inPlatform, inTenant } from '../src/platform/db/tenant-scope.ts';
import { Dispatcher } from '../src/platform/events/dispatcher.ts';
import { EventPublisher } from '../src/platform/events/outbox.ts';
import type { Subscription } from '../src/platform/events/types.ts';
import { createRegistry } from '../src/platform/registry.ts';
import { insertTenant, validateTenantCode } from '../src/platform/tenancy/tenant.ts';
import { modules } from '../src/modules/index.ts';

const TENANT = '131016';
const BATCH = 100;

export async function main(args: string[]): Promise<void> {
  const n = Number(args[args.indexOf('--events') + 1] || 5000);
  const url = process.env.DATABASE_URL;
  const db = await openDatabase(url ? { engine: 'postgres', ownerUrl: url, appUrl: appUrlFor(url) } : { engine: 'pglite', dataDir: 'memory://' });
  try {
    await migrate(db, createRegistry(modules).migrations);
    await db.asOwner((c) =>
      c.query(`CREATE TABLE IF NOT EXISTS bench_plain (tenant_code char(6), id serial, aggregate_id text, payload jsonb, PRIMARY KEY (tenant_code, id));
               GRANT ALL ON bench_plain TO yakuba_app; GRANT USAGE ON SEQUENCE bench_plain_id_seq TO yakuba_app; TRUNCATE bench_plain;`),
    );
    await inPlatform(db, (trx) => insertTenant(trx, validateTenantCode(TENANT))).catch(() => undefined);
    const subscriber: Subscription = { name: 'bench.noop', events: ['bench.happened'], handle: async () => undefined };
    const publisher = new EventPublisher([subscriber]);

    const plainInsert = await timed(n, () =>
      batches(db, n, (trx, i) => sql`INSERT INTO bench_plain (tenant_code, aggregate_id, payload) VALUES (${TENANT}, ${`a${i % 50}`}, ${JSON.stringify({ i })}::jsonb)`.execute(trx)),
    );
    const publish = await timed(n, () =>
      batches(db, n, (trx, i) => publisher.publish(trx, { type: 'bench.happened', aggregateId: `a${i % 50}`, payload: { i } })),
    );
    // The limit for delivery: one transaction per item that reads one row and updates one row.
    const plainTransactions = await timed(n, async () => {
      for (let i = 1; i <= n; i++) {
        await inTenant(db, TENANT, async (trx) => {
          await sql`SELECT * FROM bench_plain WHERE tenant_code = ${TENANT} AND id = ${i} FOR UPDATE`.execute(trx);
          await sql`UPDATE bench_plain SET payload = '{}' WHERE tenant_code = ${TENANT} AND id = ${i}`.execute(trx);
        });
      }
    });
    const dispatch = await timed(n, () => new Dispatcher(db, [subscriber], { perTenantBatch: 1000 }).drain());

    console.log(`engine ${db.engine}, ${n} events, ${BATCH} per transaction when publishing, 50 aggregates`);
    report('publish (outbox + delivery row)', publish, 'plain INSERT', plainInsert);
    report('dispatch (inbox + handler + mark)', dispatch, 'plain read+update transaction', plainTransactions);
  } finally {
    await db.close();
  }
}

async function batches(db: Database, n: number, write: (trx: Parameters<Parameters<typeof inTenant>[2]>[0], i: number) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < n; start += BATCH) {
    await inTenant(db, TENANT, async (trx) => {
      for (let i = start; i < Math.min(n, start + BATCH); i++) await write(trx, i);
    });
  }
}

async function timed(n: number, fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return n / ((performance.now() - started) / 1000);
}

function report(label: string, rate: number, limitLabel: string, limit: number): void {
  console.log(`${label.padEnd(36)} ${rate.toFixed(0).padStart(7)} /s   limit (${limitLabel}) ${limit.toFixed(0).padStart(7)} /s   ratio ${(rate / limit).toFixed(2)}`);
}
