import { spawn } from 'node:child_process';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countingSubscriber, createEffectTable } from '../../../test/fixtures/counting-subscriber.ts';
import { sharedTestDatabase, testDatabase } from '../../../test/support/database.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { inPlatform, inTenant } from '../db/tenant-scope.ts';
import { insertTenant, validateTenantCode } from '../tenancy/tenant.ts';
import { deliveryBacklog, listDeadLetters, replayDeadLetter } from './dead-letters.ts';
import { Dispatcher } from './dispatcher.ts';
import { EventPublisher } from './outbox.ts';
import type { Subscription } from './types.ts';

const T = '131016';
const publisher = new EventPublisher([countingSubscriber()]);

async function setUp(db: Database): Promise<void> {
  await inPlatform(db, (trx) => insertTenant(trx, validateTenantCode(T)));
  await createEffectTable(db);
}

/** Publishes `count` events spread over `aggregates` aggregates, numbered in write order per aggregate. */
async function publishMany(db: Database, count: number, aggregates: number): Promise<void> {
  await inTenant(db, T, async (trx) => {
    for (let i = 0; i < count; i++) {
      const aggregate = `agg-${i % aggregates}`;
      await publisher.publish(trx, { type: 'tests.counted', aggregateId: aggregate, payload: { n: Math.floor(i / aggregates) } });
    }
  });
}

async function effects(db: Database): Promise<Record<string, { applied: number; seen: number[] }>> {
  return inTenant(db, T, async (trx) => {
    const { rows } = await sql<{ aggregate_id: string; applied: number; seen: number[] }>`SELECT * FROM test_effect`.execute(trx);
    return Object.fromEntries(rows.map((r) => [r.aggregate_id, { applied: r.applied, seen: r.seen }]));
  });
}

const expected = (count: number, aggregates: number) =>
  Object.fromEntries(
    Array.from({ length: aggregates }, (_, a) => {
      const n = Math.ceil((count - a) / aggregates);
      return [`agg-${a}`, { applied: n, seen: Array.from({ length: n }, (_, i) => i) }];
    }),
  );

describe('outbox and dispatcher', () => {
  let db: Database;
  beforeAll(async () => {
    db = await testDatabase();
    await setUp(db);
  });
  afterAll(() => db?.close());

  it('writes nothing when the procedure rolls back', async () => {
    await expect(
      inTenant(db, T, async (trx) => {
        await publisher.publish(trx, { type: 'tests.counted', aggregateId: 'rolled-back', payload: { n: 0 } });
        throw new Error('procedure failed after publishing');
      }),
    ).rejects.toThrow('procedure failed');
    expect(await deliveryBacklog(db, T)).toEqual({ pending: 0, dead: 0 });
  });

  it('delivers every event once, in order per aggregate', async () => {
    await publishMany(db, 30, 3);
    const dispatcher = new Dispatcher(db, [countingSubscriber()]);
    expect(await dispatcher.drain()).toBe(30);
    expect(await effects(db)).toEqual(expected(30, 3));
  });

  it('changes nothing when an applied event is delivered again (inbox)', async () => {
    // Simulates a lost acknowledgement: the deliveries are pending again although already applied.
    await db.asOwner((client) => client.query(`UPDATE event_delivery SET status = 'pending' WHERE tenant_code = '${T}'`));
    expect(await new Dispatcher(db, [countingSubscriber()]).drain()).toBe(30);
    expect(await effects(db)).toEqual(expected(30, 3));
  });

  it('retries with backoff, dead-letters, holds later events of the aggregate back, and replays', async () => {
    let failing = true;
    const flaky: Subscription = {
      ...countingSubscriber(),
      async handle(trx, event, ctx) {
        if (failing && (event.payload as { n: number }).n === 0 && event.aggregateId === 'late') throw new Error('一時的な障害');
        await countingSubscriber().handle(trx, event, ctx);
      },
    };
    await inTenant(db, T, async (trx) => {
      for (const n of [0, 1, 2]) await publisher.publish(trx, { type: 'tests.counted', aggregateId: 'late', payload: { n } });
    });
    const dispatcher = new Dispatcher(db, [flaky], { maxAttempts: 3, baseDelayMs: 1 });
    for (let i = 0; i < 6; i++) {
      await dispatcher.drain();
      await new Promise((r) => setTimeout(r, 10));
    }
    const dead = await listDeadLetters(db, T);
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ aggregateId: 'late', attempts: 3, lastError: '一時的な障害' });
    // Events 1 and 2 of the same aggregate wait behind the dead one rather than overtaking it.
    expect((await effects(db)).late).toBeUndefined();
    expect(await deliveryBacklog(db, T)).toEqual({ pending: 2, dead: 1 });

    failing = false;
    await replayDeadLetter(db, T, dead[0]!.subscriber, dead[0]!.eventId);
    await dispatcher.drain();
    expect((await effects(db)).late).toEqual({ applied: 3, seen: [0, 1, 2] });
    await expect(replayDeadLetter(db, T, dead[0]!.subscriber, dead[0]!.eventId)).rejects.toThrow(/デッドレター/);
  });
});

describe('dispatcher crash', () => {
  it('loses nothing and applies nothing twice when the process is killed mid-delivery', async () => {
    const shared = await sharedTestDatabase();
    try {
      let db = await openDatabase(shared.config);
      await setUp(db);
      await publishMany(db, 60, 4);
      await db.close();

      const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/event-dispatcher.ts'], {
        env: { ...process.env, ...shared.env },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const exited = new Promise((resolve) => child.on('exit', resolve));
      await new Promise<void>((resolve, reject) => {
        let handled = 0;
        child.stdout.on('data', (chunk: Buffer) => {
          handled += chunk.toString().split('\n').filter((l) => l.startsWith('handling')).length;
          // Killed while a handler is inside its transaction, after some deliveries committed.
          if (handled >= 15) {
            child.kill('SIGKILL');
            resolve();
          }
        });
        child.on('exit', () => reject(new Error('the dispatcher process ended before it was killed')));
      });
      await exited;

      db = await openDatabase(shared.config);
      try {
        const before = await effects(db);
        const appliedBefore = Object.values(before).reduce((s, e) => s + e.applied, 0);
        expect(appliedBefore).toBeGreaterThanOrEqual(14);
        expect(appliedBefore).toBeLessThan(60);
        await new Dispatcher(db, [countingSubscriber()]).drain();
        expect(await effects(db)).toEqual(expected(60, 4));
        const inbox = await inTenant(db, T, (trx) => sql<{ n: number }>`SELECT count(*)::int AS n FROM event_inbox`.execute(trx));
        expect(inbox.rows[0]!.n).toBe(60);
      } finally {
        await db.close();
      }
    } finally {
      await shared.dispose();
    }
  });
});
