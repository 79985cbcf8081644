/**
 * Row-level security read from the catalogue (issue #10, item 2): every table of the application
 * schemas is a tenant table with RLS and the tenant policy, or a platform table on the allow-list in
 * catalogue.ts; and the application role is bound by it. The checks are shown to fail on throwaway
 * objects created inside a transaction that is rolled back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { APP_ROLE } from '../../src/platform/db/config.ts';
import type { Database } from '../../src/platform/db/database.ts';
import { testDatabase } from '../support/database.ts';
import { appRoleAttributes, CROSS_TENANT_FUNCTIONS, isolationFindings, PLATFORM_TABLES, tenantTables, type Finding } from './catalogue.ts';

describe('row-level security, from the catalogue', () => {
  let db: Database;
  beforeAll(async () => {
    db = await testDatabase();
  });
  afterAll(() => db?.close());

  /** Runs `fn` as the owner in a transaction that is always rolled back. */
  const rolledBack = <T>(fn: (c: pg.ClientBase) => Promise<T>) =>
    db.asOwner(async (c) => {
      await c.query('BEGIN');
      try {
        return await fn(c);
      } finally {
        await c.query('ROLLBACK');
      }
    });
  const about = (findings: Finding[], relation: string) => findings.filter((f) => f.relation === relation).map((f) => f.problem);

  it('finds every tenant table isolated: RLS on, the tenant policy for all commands, no other permissive policy', async () => {
    expect(await db.asOwner(isolationFindings)).toEqual([]);
  });

  it('knows the tenant tables of every module and platform part', async () => {
    const tables = await db.asOwner(tenantTables);
    // A sample across the owners: a module dropping out of the query (schema, column name) would show here.
    for (const t of ['resident', 'household_version_member', 'addressee', 'resident_tax_assessment', 'audit_log', 'event_outbox', 'job', 'staff_user', 'api_client', 'certificate_issuance']) {
      expect(tables).toContain(t);
    }
    // Every allow-listed platform table exists: an entry outliving its table would hide the next one of that name.
    const { rows } = await db.asOwner((c) => c.query<{ name: string }>(`SELECT relname AS name FROM pg_class WHERE relkind = 'r' AND relname = ANY ($1)`, [Object.keys(PLATFORM_TABLES)]));
    expect(rows.map((r) => r.name).sort()).toEqual(Object.keys(PLATFORM_TABLES).sort());
  });

  it('lets the cross-tenant SECURITY DEFINER functions return tenant codes and ids only', async () => {
    const { rows } = await db.asOwner((c) => c.query<{ name: string; result: string }>(
      `SELECT proname AS name, pg_get_function_result(oid) AS result FROM pg_proc WHERE prosecdef AND proname = ANY ($1) ORDER BY 1`, [Object.keys(CROSS_TENANT_FUNCTIONS)]));
    expect(rows).toEqual([
      { name: 'job_candidates', result: 'TABLE(tenant_code text, id uuid)' },
      { name: 'tenants_with_due_deliveries', result: 'SETOF text' },
    ]);
  });

  it('runs the application as a role that is no superuser, cannot bypass RLS and owns no table', async () => {
    expect(await db.asOwner(appRoleAttributes)).toEqual({ rolsuper: false, rolbypassrls: false, ownsTables: [] });
    const { rows } = await db.pool.query<{ user: string }>('SELECT current_user AS user');
    expect(rows[0]!.user).toBe(APP_ROLE);
  });

  it('fails a new table with tenant_code until it has RLS and the tenant policy', async () => {
    const steps = await rolledBack(async (c) => {
      const seen: string[][] = [];
      await c.query('CREATE TABLE iso_probe (tenant_code text NOT NULL REFERENCES tenant, id int, PRIMARY KEY (tenant_code, id))');
      seen.push(about(await isolationFindings(c), 'iso_probe'));
      await c.query('ALTER TABLE iso_probe ENABLE ROW LEVEL SECURITY');
      seen.push(about(await isolationFindings(c), 'iso_probe'));
      // A policy that reads the setting but only guards reads is not enough: writes of another tenant pass.
      await c.query('CREATE POLICY read_only ON iso_probe FOR SELECT USING (tenant_code = current_tenant())');
      seen.push(about(await isolationFindings(c), 'iso_probe'));
      await c.query('DROP POLICY read_only ON iso_probe');
      await c.query('CREATE POLICY tenant_isolation ON iso_probe USING (tenant_code = current_tenant()) WITH CHECK (tenant_code = current_tenant())');
      seen.push(about(await isolationFindings(c), 'iso_probe'));
      // One more permissive policy is OR-ed with the tenant's and opens the table.
      await c.query('CREATE POLICY everyone ON iso_probe FOR SELECT USING (true)');
      seen.push(about(await isolationFindings(c), 'iso_probe'));
      await c.query('DROP POLICY everyone ON iso_probe');
      // Owned by the application role, RLS would not bind it unless forced.
      await c.query(`ALTER TABLE iso_probe OWNER TO ${APP_ROLE}`);
      seen.push(about(await isolationFindings(c), 'iso_probe'));
      await c.query('ALTER TABLE iso_probe FORCE ROW LEVEL SECURITY');
      seen.push(about(await isolationFindings(c), 'iso_probe'));
      return seen;
    });
    expect(steps[0]).toEqual(expect.arrayContaining([expect.stringMatching(/not enabled/), expect.stringMatching(/no policy/)]));
    expect(steps[1]).toEqual([expect.stringMatching(/no policy/)]);
    expect(steps[2]).toEqual([expect.stringMatching(/no policy/), expect.stringMatching(/permissive policy read_only \(SELECT\)/)]);
    expect(steps[3]).toEqual([]);
    expect(steps[4]).toEqual([expect.stringMatching(/permissive policy everyone/)]);
    expect(steps[5]).toEqual([expect.stringMatching(/owned by .*not forced/)]);
    expect(steps[6]).toEqual([]);
    // Rolled back: the catalogue is as it was.
    expect(await db.asOwner(isolationFindings)).toEqual([]);
  });

  it('fails a table without tenant_code that is not on the platform allow-list, a view, and a SECURITY DEFINER function', async () => {
    const findings = await rolledBack(async (c) => {
      await c.query('CREATE TABLE iso_settings (key text PRIMARY KEY, value text)');
      await c.query('CREATE VIEW iso_people AS SELECT tenant_code, id FROM resident');
      await c.query('CREATE VIEW iso_people_invoker WITH (security_invoker = true) AS SELECT tenant_code, id FROM resident');
      await c.query('CREATE MATERIALIZED VIEW iso_counts AS SELECT tenant_code, count(*) FROM resident GROUP BY tenant_code');
      await c.query(`CREATE FUNCTION iso_all_residents() RETURNS bigint LANGUAGE sql SECURITY DEFINER AS 'SELECT count(*) FROM resident'`);
      return isolationFindings(c);
    });
    expect(about(findings, 'iso_settings')).toEqual([expect.stringMatching(/no tenant_code .*allow-list/)]);
    expect(about(findings, 'iso_people')).toEqual([expect.stringMatching(/view without security_invoker/)]);
    expect(about(findings, 'iso_people_invoker')).toEqual([]);
    expect(about(findings, 'iso_counts')).toEqual([expect.stringMatching(/materialized view/)]);
    expect(about(findings, 'iso_all_residents()')).toEqual([expect.stringMatching(/SECURITY DEFINER/)]);
  });

  it('fails a current_tenant() that no longer reads the transaction setting', async () => {
    const findings = await rolledBack(async (c) => {
      await c.query(`CREATE OR REPLACE FUNCTION current_tenant() RETURNS text LANGUAGE sql STABLE AS $$ SELECT current_user::text $$`);
      return isolationFindings(c);
    });
    expect(about(findings, 'current_tenant()')).toEqual([expect.stringMatching(/app\.tenant/)]);
  });
});
