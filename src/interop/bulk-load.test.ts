import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSystem } from '../../test/support/system.ts';
import { addTenant } from '../modules/tenants/index.ts';
import { kyselyOn } from '../platform/db/copy.ts';
import type { Trx } from '../platform/db/tenant-scope.ts';
import type { System } from '../system.ts';
import { beginBulk, endBulk } from './bulk-load.ts';

/** With the per-row foreign-key triggers off, a row without its referenced row is still refused: at the end, in bulk. */
describe('bulk load: foreign keys checked after the rows', () => {
  let system: System;
  beforeAll(async () => {
    system = await testSystem();
    await addTenant(system, { tenantCode: '131016' });
  });
  afterAll(() => system?.close());

  const inBulk = (fn: (client: pg.ClientBase, trx: Trx) => Promise<void>) =>
    system.db.asOwner(async (client) => {
      const trx = kyselyOn(client);
      await client.query('BEGIN');
      try {
        await client.query(`SELECT set_config('app.tenant', '131016', true)`);
        await fn(client, trx as unknown as Trx);
      } finally {
        await client.query('ROLLBACK');
      }
    });

  it('lets a dangling row in while loading, and refuses it before the commit', async () => {
    await inBulk(async (client, trx) => {
      expect(await beginBulk(client)).toBe(true);
      // A member of a household version that does not exist: no trigger stops it now.
      await client.query(`INSERT INTO household_version_member (tenant_code, household_id, history_no, member_order, resident_id)
        VALUES ('131016', '01a22716-ba87-728e-8e79-000000000001', 1, 1, '01a22716-ba87-728e-8e79-000000000002')`);
      await expect(endBulk(trx, ['household_version_member'], true)).rejects.toThrow(/外部キー .*household_version_member.*参照先のない行が 1 件/);
    });
  });

  it('passes rows whose references are all there', async () => {
    await inBulk(async (client, trx) => {
      expect(await beginBulk(client)).toBe(true);
      await expect(endBulk(trx, ['household_version_member', 'resident_version'], true)).resolves.toBeUndefined();
    });
  });
});
