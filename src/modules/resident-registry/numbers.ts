/**
 * 宛名番号・世帯番号 for the procedures that enter people (転入, 出生, 職権記載, 法30条の47), reserved in
 * blocks from the 団体's counter (resident_numbering) in a short transaction of their own, before the
 * procedure's transaction, and handed out from memory. Taken inside the procedure, the counter's row
 * lock was held until its commit, so every 転入 of a 団体 waited for the one before it (31 /s in the
 * benchmark, docs/PERFORMANCE.md); now it is held for one UPDATE per block.
 *
 * Numbers a procedure did not use — it was refused or rolled back, or needed fewer — go back to the
 * pool and are issued next, so a refused 転入 leaves no gap. Numbers still in a pool when the process
 * stops are never issued: a gap of at most BLOCK − 1 per series and process. 1.1.13 (j130) asks for
 * 自動付番 with a check digit, not for numbers without gaps; issuing order follows the serial within a
 * process, and across processes each takes its own block.
 */
import type { Database } from '../../platform/db/database.ts';
import { inTenant } from '../../platform/db/tenant-scope.ts';
import { sql } from 'kysely';
import { issueNumber, type NumberingSeries } from './rules/numbering.ts';

/** Serials reserved per block: enough that a busy 団体 reserves rarely, few enough to waste little. */
export const BLOCK = 16;

interface Reserved {
  serial: number;
  value: string;
}

const pools = new WeakMap<Database, Map<string, Reserved[]>>();

function poolOf(db: Database, tenantCode: string, series: NumberingSeries): Reserved[] {
  let byKey = pools.get(db);
  if (!byKey) pools.set(db, (byKey = new Map()));
  const key = `${tenantCode}:${series}`;
  let pool = byKey.get(key);
  if (!pool) byKey.set(key, (pool = []));
  return pool;
}

function giveBack(pool: Reserved[], numbers: readonly Reserved[]): void {
  pool.push(...numbers);
  pool.sort((a, b) => a.serial - b.serial);
}

/** Takes `count` valid numbers (check digit defined) from the counter in one short transaction. */
async function reserve(db: Database, tenantCode: string, series: NumberingSeries, count: number): Promise<Reserved[]> {
  return inTenant(db, tenantCode, async (trx) => {
    await sql`INSERT INTO resident_numbering (tenant_code, series) VALUES (current_tenant(), ${series}) ON CONFLICT DO NOTHING`.execute(trx);
    const { rows } = await sql<{ next_value: number; length: number }>`
      SELECT next_value, length FROM resident_numbering WHERE tenant_code = current_tenant() AND series = ${series} FOR UPDATE`.execute(trx);
    const reserved: Reserved[] = [];
    let next = Number(rows[0]!.next_value);
    for (let i = 0; i < count; i++) {
      const issued = issueNumber(next, rows[0]!.length);
      reserved.push({ serial: issued.serial, value: issued.value });
      next = issued.nextSerial;
    }
    await sql`UPDATE resident_numbering SET next_value = ${next} WHERE tenant_code = current_tenant() AND series = ${series}`.execute(trx);
    return reserved;
  });
}

/** Numbers held for one procedure run: `take` inside its transaction, then `settle` with how it ended. */
export interface NumberLease {
  take(series: NumberingSeries): string;
  /** After the run: committed → the unused go back; failed → all go back. */
  settle(committed: boolean): void;
}

export async function leaseNumbers(db: Database, tenantCode: string, need: Partial<Record<NumberingSeries, number>>): Promise<NumberLease> {
  const held = new Map<NumberingSeries, { pool: Reserved[]; numbers: Reserved[]; taken: number }>();
  for (const [series, count] of Object.entries(need) as [NumberingSeries, number][]) {
    if (count <= 0) continue;
    const pool = poolOf(db, tenantCode, series);
    if (pool.length < count) giveBack(pool, await reserve(db, tenantCode, series, Math.max(BLOCK, count - pool.length)));
    held.set(series, { pool, numbers: pool.splice(0, count), taken: 0 });
  }
  return {
    take(series) {
      const h = held.get(series);
      const n = h?.numbers[h.taken];
      if (!h || !n) throw new Error(`${series} の番号を予約していません`);
      h.taken++;
      return n.value;
    },
    settle(committed) {
      for (const h of held.values()) giveBack(h.pool, committed ? h.numbers.slice(h.taken) : h.numbers);
      held.clear();
    },
  };
}
