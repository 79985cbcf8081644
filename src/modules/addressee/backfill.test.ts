import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSystem } from '../../../test/support/system.ts';
import { inTenant } from '../../platform/db/tenant-scope.ts';
import { seedDemo } from '../../demo.ts';
import type { System } from '../../system.ts';
import { backfillResidents } from './backfill.ts';

/** The demo's bulk-loaded residents reach the addressee register through the backfill, once. */
describe('addressee: backfill of residents loaded without events', () => {
  let system: System;
  const T = '131016';
  const counts = () => inTenant(system.db, T, async (trx) => (await sql<{ residents: number; addressees: number; versions: number }>`
    SELECT (SELECT count(*)::int FROM resident) AS residents, (SELECT count(*)::int FROM addressee WHERE resident_id IS NOT NULL) AS addressees,
      (SELECT count(*)::int FROM addressee_version) AS versions`.execute(trx)).rows[0]!);

  beforeAll(async () => {
    system = await testSystem();
  });
  afterAll(() => system?.close());

  it('registers every demo resident with the registry’s 宛名番号, and a second run changes nothing', async () => {
    const progress: string[] = [];
    await seedDemo(system, T, { residents: 40, seed: 3, progress: (m) => progress.push(m) });
    const after = await counts();
    expect(after.residents).toBeGreaterThanOrEqual(40);
    expect(after.addressees).toBe(after.residents);
    const mismatched = await inTenant(system.db, T, async (trx) => (await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM addressee a JOIN resident r ON r.tenant_code = a.tenant_code AND r.id = a.resident_id WHERE a.addressee_no <> r.addressee_no`.execute(trx)).rows[0]!.n);
    expect(mismatched).toBe(0);
    expect(progress.some((m) => m.startsWith('宛名'))).toBe(true);
    await backfillResidents(system, T);
    expect(await counts()).toEqual(after);
  });
});
