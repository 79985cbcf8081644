import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/database.ts';
import type { Database } from '../db/database.ts';
import { inPlatform, inTenant } from '../db/tenant-scope.ts';
import { insertTenant, validateTenantCode } from '../tenancy/tenant.ts';
import { appendAudit, appendAuditSeparately, AuditContextError } from './append.ts';
import { computeAuditHash, computeAuditHashV1, GENESIS_HASH } from './hash.ts';
import { listAuditEntries } from './store.ts';
import type { AuditEntryInput } from './types.ts';
import { verifyAuditChain } from './verify.ts';

// Each test owns a tenant, so each starts its own chain at seq 1.
const [CHAIN, ALTERED, DELETED, TAIL, PERMS, ROLLBACK, CONCURRENT, OTHER] = ['131016', '131024', '131032', '131041', '131059', '131067', '131075', '011002'];

const moveIn = (n: number): AuditEntryInput => ({
  actor: { kind: 'staff', id: `staff-${n % 3}`, name: '窓口職員' },
  terminal: 'MADO-01',
  address: '10.0.0.15',
  zone: 'individual-number',
  module: 'resident-registry',
  function: 'resident-registry.move-in',
  category: 'record',
  targets: [{ kind: 'resident', id: `0190a0c2-0000-7000-8000-${String(n).padStart(12, '0')}` }],
  myNumberAccessed: n % 2 === 0,
  detail: { screen: 'RR-010', provisional: false, n },
});

async function appendMany(db: Database, tenant: string, count: number): Promise<void> {
  for (let i = 1; i <= count; i++) await inTenant(db, tenant, (trx) => appendAudit(trx, moveIn(i)));
}

const seqs = async (db: Database, tenant: string): Promise<number[]> =>
  inTenant(db, tenant, async (trx) => (await sql<{ seq: number }>`SELECT seq FROM audit_log ORDER BY seq`.execute(trx)).rows.map((r) => r.seq));

describe('audit log chain', () => {
  let db: Database;
  beforeAll(async () => {
    db = await testDatabase({ auditMayBeBroken: true });
    await inPlatform(db, async (trx) => {
      for (const code of [CHAIN, ALTERED, DELETED, TAIL, PERMS, ROLLBACK, CONCURRENT, OTHER]) await insertTenant(trx, validateTenantCode(code));
    });
  });
  afterAll(() => db?.close());

  it('appends entries 1, 2, 3 … linked by hash, and verifies them in batches', async () => {
    const first = await inTenant(db, CHAIN, (trx) => appendAudit(trx, moveIn(1)));
    expect(first.seq).toBe(1);
    await appendMany(db, CHAIN, 11);
    const page = await listAuditEntries(db, CHAIN, { limit: 5 });
    expect(page.items.map((e) => e.seq)).toEqual([12, 11, 10, 9, 8]);
    expect(page.items[0]!.prevHash).toBe(page.items[1]!.hash);
    expect(page.items[0]).toMatchObject({ actorId: 'staff-2', targets: [{ kind: 'resident' }], detail: { screen: 'RR-010', n: 11 } });
    const progress: number[] = [];
    expect(await verifyAuditChain(db, CHAIN, { batchSize: 5, onProgress: (checked) => progress.push(checked) })).toEqual({ ok: true, entries: 12 });
    expect(progress).toEqual([5, 10, 12]);
  });

  it('reports exactly the entry the owner altered', async () => {
    await appendMany(db, ALTERED, 6);
    await db.asOwner((c) => c.query(`UPDATE audit_log SET actor_id = 'x' WHERE tenant_code = $1 AND seq = 4`, [ALTERED]));
    const result = await verifyAuditChain(db, ALTERED, { batchSize: 2 });
    expect(result).toMatchObject({ ok: false, entries: 3, firstBroken: { seq: 4 } });
    expect(!result.ok && result.firstBroken.reason).toMatch(/第4番.*改ざん/);
  });

  it('sees a change below a millisecond and a rehashed entry through its successor', async () => {
    await appendMany(db, OTHER, 4);
    await db.asOwner((c) => c.query(`UPDATE audit_log SET occurred_at = occurred_at + interval '1 microsecond' WHERE tenant_code = $1 AND seq = 2`, [OTHER]));
    expect(await verifyAuditChain(db, OTHER)).toMatchObject({ ok: false, firstBroken: { seq: 2 } });
    await db.asOwner((c) => c.query(`UPDATE audit_log SET occurred_at = date_trunc('milliseconds', occurred_at) WHERE tenant_code = $1 AND seq = 2`, [OTHER]));
    expect(await verifyAuditChain(db, OTHER)).toEqual({ ok: true, entries: 4 });
    // An attacker who also recomputes the altered entry's own hash breaks the next link, or the head.
    const rehash = async (seq: number) => {
      const entry = (await listAuditEntries(db, OTHER, { before: seq + 1, limit: 1 })).items[0]!;
      const { hash: _old, ...rest } = { ...entry, actorId: 'someone-else' };
      await db.asOwner((c) =>
        c.query(`UPDATE audit_log SET actor_id = $3, hash = $4 WHERE tenant_code = $1 AND seq = $2`, [OTHER, seq, rest.actorId, computeAuditHash(rest)]),
      );
    };
    await rehash(4);
    const atHead = await verifyAuditChain(db, OTHER);
    expect(atHead).toMatchObject({ ok: false, entries: 4, firstBroken: { seq: 4 } });
    expect(!atHead.ok && atHead.firstBroken.reason).toMatch(/先頭情報/);
    await rehash(2);
    const linked = await verifyAuditChain(db, OTHER);
    expect(linked).toMatchObject({ ok: false, entries: 2, firstBroken: { seq: 3 } });
    expect(!linked.ok && linked.firstBroken.reason).toMatch(/第2番の記録のハッシュ値とつながっていません/);
  });

  it('reports a deleted entry in the middle', async () => {
    await appendMany(db, DELETED, 5);
    await db.asOwner((c) => c.query(`DELETE FROM audit_log WHERE tenant_code = $1 AND seq = 3`, [DELETED]));
    const result = await verifyAuditChain(db, DELETED);
    expect(result).toMatchObject({ ok: false, entries: 2, firstBroken: { seq: 3 } });
    expect(!result.ok && result.firstBroken.reason).toMatch(/第3番の記録がありません/);
  });

  it('reports entries removed from the end, which the chain alone cannot show', async () => {
    await appendMany(db, TAIL, 5);
    await db.asOwner((c) => c.query(`DELETE FROM audit_log WHERE tenant_code = $1 AND seq >= 4`, [TAIL]));
    expect(await verifyAuditChain(db, TAIL)).toMatchObject({ ok: false, entries: 3, firstBroken: { seq: 4 } });
  });

  it('lets the application role only append and read', async () => {
    await appendMany(db, PERMS, 2);
    for (const statement of [
      sql`UPDATE audit_log SET actor_id = 'x'`,
      sql`DELETE FROM audit_log`,
      sql`TRUNCATE audit_log`,
      sql`DELETE FROM audit_head`,
    ]) {
      await expect(inTenant(db, PERMS, (trx) => statement.execute(trx))).rejects.toThrow(/permission denied/);
    }
    expect(await verifyAuditChain(db, PERMS)).toEqual({ ok: true, entries: 2 });
  });

  it('writes nothing when the audited transaction rolls back, and leaves no gap', async () => {
    await appendMany(db, ROLLBACK, 2);
    await expect(
      inTenant(db, ROLLBACK, async (trx) => {
        await appendAudit(trx, moveIn(3));
        throw new Error('the procedure failed after auditing');
      }),
    ).rejects.toThrow('procedure failed');
    expect(await seqs(db, ROLLBACK)).toEqual([1, 2]);
    const denied = await appendAuditSeparately(db, ROLLBACK, { ...moveIn(3), outcome: 'denied', myNumberAccessed: false });
    expect(denied.seq).toBe(3);
    expect(await verifyAuditChain(db, ROLLBACK)).toEqual({ ok: true, entries: 3 });
  });

  it('keeps the chain whole under concurrent appends from many transactions', async () => {
    const count = 40;
    await Promise.all(
      Array.from({ length: count }, (_, i) =>
        inTenant(db, CONCURRENT, async (trx) => {
          await new Promise((r) => setTimeout(r, i % 5));
          await appendAudit(trx, moveIn(i));
          // Holds the chain a little while, as a procedure's remaining work would.
          await new Promise((r) => setTimeout(r, 2));
        }),
      ),
    );
    expect(await seqs(db, CONCURRENT)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    expect(await verifyAuditChain(db, CONCURRENT)).toEqual({ ok: true, entries: count });
  });

  it.runIf(Boolean(process.env.TEST_DATABASE_URL))('makes a second append wait for the first transaction to end (PostgreSQL)', async () => {
    const tenant = '012025';
    await inPlatform(db, (trx) => insertTenant(trx, validateTenantCode(tenant)));
    await appendMany(db, tenant, 1);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let appended!: () => void;
    const firstAppended = new Promise<void>((r) => (appended = r));
    const first = inTenant(db, tenant, async (trx) => {
      const a = await appendAudit(trx, moveIn(2));
      appended();
      await held;
      return a.seq;
    });
    await firstAppended;
    const second = inTenant(db, tenant, async (trx) => (await appendAudit(trx, moveIn(3))).seq);
    const waiting = async () =>
      db.asOwner(async (c) => (await c.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)).rows[0].n as number);
    while ((await waiting()) < 1) await new Promise((r) => setTimeout(r, 10));
    release();
    expect([await first, await second]).toEqual([2, 3]);
    expect(await verifyAuditChain(db, tenant)).toEqual({ ok: true, entries: 3 });
  });

  it('isolates tenants: each has its own chain and cannot read or write another’s', async () => {
    const isolatedA = '271004';
    const isolatedB = '271403';
    await inPlatform(db, async (trx) => {
      await insertTenant(trx, validateTenantCode(isolatedA));
      await insertTenant(trx, validateTenantCode(isolatedB));
    });
    await appendMany(db, isolatedA, 3);
    await appendMany(db, isolatedB, 2);
    expect(await seqs(db, isolatedA)).toEqual([1, 2, 3]);
    expect(await seqs(db, isolatedB)).toEqual([1, 2]);
    const seen = await inTenant(db, isolatedA, (trx) => sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE tenant_code = ${isolatedB}`.execute(trx));
    expect(seen.rows[0]!.n).toBe(0);
    expect((await listAuditEntries(db, isolatedB)).items.every((e) => e.tenantCode === isolatedB)).toBe(true);
    await expect(
      inTenant(db, isolatedA, (trx) =>
        sql`INSERT INTO audit_log SELECT ${isolatedB}, 99, id, occurred_at, actor_kind, actor_id, actor_name, terminal, address, zone, module, function,
          category, targets, my_number_accessed, lookup_by_number, search_count, outcome, detail, prev_hash, hash FROM audit_log LIMIT 1`.execute(trx),
      ),
    ).rejects.toThrow(/row-level security/);
    expect(await verifyAuditChain(db, isolatedA)).toEqual({ ok: true, entries: 3 });
    expect(await verifyAuditChain(db, isolatedB)).toEqual({ ok: true, entries: 2 });
  });

  it('verifies a chain begun in format 1 (before 002) and continued by the database in format 2', async () => {
    const tenant = '401005';
    await inPlatform(db, (trx) => insertTenant(trx, validateTenantCode(tenant)));
    // Two entries as the earlier code wrote them: hashed whole in TypeScript, the head set to the last.
    let prevHash = GENESIS_HASH;
    for (const seq of [1, 2]) {
      const entry = {
        tenantCode: tenant, seq, id: `0190a0c2-0000-7000-8000-00000000010${seq}`, occurredAt: new Date(`2026-01-0${seq}T00:00:00.123Z`),
        actorKind: 'staff' as const, actorId: 'staff-1', actorName: '窓口職員', terminal: null, address: null, zone: null, module: 'resident-registry',
        function: 'resident-registry.move-in', category: 'record' as const, targets: [], myNumberAccessed: false, lookupByNumber: false,
        searchCount: null, outcome: 'success' as const, detail: null, prevHash,
      };
      const hash = computeAuditHashV1(entry);
      await db.asOwner(async (c) => {
        await c.query(`INSERT INTO audit_log (tenant_code, seq, id, occurred_at, actor_kind, actor_id, actor_name, module, function, category, targets,
          my_number_accessed, lookup_by_number, outcome, prev_hash, hash, format) VALUES ($1, $2, $3, $4, 'staff', 'staff-1', '窓口職員', 'resident-registry',
          'resident-registry.move-in', 'record', '[]', false, false, 'success', $5, $6, 1)`, [tenant, seq, entry.id, entry.occurredAt.toISOString(), prevHash, hash]);
        // The head as format 1 left it (its trigger is format 2's, so it is switched off for this write).
        await c.query(`ALTER TABLE audit_head DISABLE TRIGGER audit_head_advance`);
        await c.query(`INSERT INTO audit_head (tenant_code, seq, hash) VALUES ($1, $2, $3) ON CONFLICT (tenant_code) DO UPDATE SET seq = excluded.seq, hash = excluded.hash`, [tenant, seq, hash]);
        await c.query(`ALTER TABLE audit_head ENABLE TRIGGER audit_head_advance`);
      });
      prevHash = hash;
    }
    const at = new Date('2026-02-03T04:05:06.789Z');
    const third = await inTenant(db, tenant, (trx) => appendAudit(trx, { ...moveIn(3), occurredAt: at }));
    expect(third).toMatchObject({ seq: 3, occurredAt: at });
    await appendMany(db, tenant, 1);
    const [fourth, thirdEntry] = (await listAuditEntries(db, tenant, { limit: 2 })).items;
    expect(thirdEntry!.prevHash).toBe(prevHash);
    expect(fourth!.occurredAt.getTime()).toBeGreaterThan(at.getTime());
    const { hash: _h, ...rest } = thirdEntry!;
    expect(computeAuditHash(rest)).toBe(third.hash);
    expect(await verifyAuditChain(db, tenant)).toEqual({ ok: true, entries: 4 });
    // A format-1 entry changed later still shows.
    await db.asOwner((c) => c.query(`UPDATE audit_log SET actor_id = 'x' WHERE tenant_code = $1 AND seq = 1`, [tenant]));
    expect(await verifyAuditChain(db, tenant)).toMatchObject({ ok: false, firstBroken: { seq: 1 } });
  });

  it('refuses to append outside a tenant transaction', async () => {
    await expect(inPlatform(db, (trx) => appendAudit(trx, moveIn(1)))).rejects.toThrow(AuditContextError);
  });
});
