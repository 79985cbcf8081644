/**
 * Tenant isolation read from the PostgreSQL catalogue rather than from the migrations' text: what the
 * database will actually enforce. Every relation in an application schema is either a platform table
 * on the allow-list below or a tenant table (tenant_code, row-level security on, the tenant policy),
 * so a new table, view or SECURITY DEFINER function without isolation fails the suite.
 */
import type pg from 'pg';
import { APP_ROLE } from '../../src/platform/db/config.ts';

/**
 * Tables that legitimately belong to no tenant. Each needs a reason; a table appears here only if the
 * application must read it before it knows the tenant, or if it spans tenants by design.
 */
export const PLATFORM_TABLES: Readonly<Record<string, string>> = {
  // The directory of 団体 itself: every tenant table refers to it, and sign-in must find a 団体 by code.
  tenant: 'the 団体 directory',
  // The migration runner's record (readable by the application role, written by the owner only).
  schema_migration: 'applied migrations and their checksums',
  // Operators run the platform for every 団体 and hold no business data (docs/security.md).
  operator_account: 'operator accounts span 団体',
  // Looked up by the SHA-256 of the session token before the tenant is known; rows carry tenant_code
  // (NULL for operators) and the session is bound to it, but the table itself cannot be tenant-scoped.
  auth_session: 'sessions are found before their tenant is known',
  // The operator's own records about the 団体 it serves (src/operator/migrations/001_operator.sql): no
  // personal and no business data, read and written by operator routes only, whose permissions
  // (operator:read / operator:manage) no 団体 role can hold.
  operator_municipality: 'the operator’s onboarding profile of each 団体 (businesses, deployment model, costs)',
  migration_procedure: 'versions of the national migration procedure, shared by every 団体',
  migration_step: 'the steps of each procedure version, shared by every 団体',
  migration_progress: 'the operator’s record of each 団体’s migration progress, across 団体 by design',
  shared_cost: 'the platform’s monthly shared costs, split across 団体',
};

/**
 * SECURITY DEFINER functions run as the owner and so see every tenant's rows: each must return tenant
 * codes and ids only, for the platform's cross-tenant scheduling (docs/ARCHITECTURE.md "Tenancy").
 */
export const CROSS_TENANT_FUNCTIONS: Readonly<Record<string, string>> = {
  tenants_with_due_deliveries: 'the event dispatcher: tenant codes with due deliveries',
  job_candidates: 'the job worker: (tenant, job id) of queued and abandoned jobs',
};

/** The one tenant policy (docs/ARCHITECTURE.md "Tenancy"), as pg_policies prints it. */
const TENANT_PREDICATE = '(tenant_code = current_tenant())';

const APP_SCHEMAS = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'`;

export interface Finding {
  relation: string;
  problem: string;
}

interface RelationRow {
  relation: string;
  relkind: string;
  has_tenant_code: boolean;
  rls: boolean;
  forced: boolean;
  owner: string;
  owner_is_app: boolean;
  security_invoker: boolean;
}

interface PolicyRow {
  relation: string;
  policy: string;
  permissive: string;
  roles: string[];
  cmd: string;
  qual: string | null;
  with_check: string | null;
}

/** Tables (ordinary and partitioned) of the application schemas that carry a tenant_code column. */
export async function tenantTables(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ relation: string }>(`
    SELECT c.relname AS relation FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE ${APP_SCHEMAS} AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      AND EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_code' AND NOT a.attisdropped)
      AND c.relname <> ALL ($1::text[])
    ORDER BY 1`, [Object.keys(PLATFORM_TABLES)]);
  return rows.map((r) => r.relation);
}

/**
 * Everything in the catalogue that breaks isolation; empty when all is well. Run it as the owner on
 * the connection whose view of the catalogue is to be checked (a transaction's uncommitted DDL included).
 */
export async function isolationFindings(client: pg.ClientBase): Promise<Finding[]> {
  const findings: Finding[] = [];
  const { rows: relations } = await client.query<RelationRow>(`
    SELECT c.relname AS relation, c.relkind::text AS relkind,
           EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_code' AND NOT a.attisdropped) AS has_tenant_code,
           c.relrowsecurity AS rls, c.relforcerowsecurity AS forced, pg_get_userbyid(c.relowner) AS owner,
           (pg_get_userbyid(c.relowner) = $1 OR pg_has_role($1, c.relowner, 'MEMBER')) AS owner_is_app,
           coalesce(c.reloptions::text[] && ARRAY['security_invoker=true', 'security_invoker=on'], false) AS security_invoker
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE ${APP_SCHEMAS} AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND NOT c.relispartition
      AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
    ORDER BY 1`, [APP_ROLE]);
  const { rows: policies } = await client.query<PolicyRow>(`
    SELECT tablename AS relation, policyname AS policy, permissive, roles::text[] AS roles, cmd, qual, with_check
    FROM pg_policies WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`);

  for (const r of relations) {
    const add = (problem: string) => findings.push({ relation: r.relation, problem });
    if (r.relkind === 'v') {
      // A view runs with its owner's rights unless security_invoker: over a tenant table it would show every tenant.
      if (!r.security_invoker) add('view without security_invoker (reads as its owner, past row-level security)');
      continue;
    }
    if (r.relkind === 'm') {
      add('materialized view (cannot have row-level security)');
      continue;
    }
    if (r.relkind === 'f') {
      add('foreign table (cannot be checked for row-level security)');
      continue;
    }
    if (r.relation in PLATFORM_TABLES) continue;
    if (!r.has_tenant_code) {
      add('no tenant_code column and not on the platform allow-list');
      continue;
    }
    if (!r.rls) add('row-level security not enabled (relrowsecurity = false)');
    // FORCE only binds the table's owner. The application role owns no table and is no member of the
    // owning role, so RLS binds it without FORCE; the owner (migrations, the COPY import, the SECURITY
    // DEFINER scheduling functions) must not be bound. An application role owning a table is a finding.
    if (r.owner_is_app && !r.forced) add(`owned by (or through) ${APP_ROLE}, and row-level security is not forced`);
    const own = policies.filter((p) => p.relation === r.relation);
    const applies = own.filter((p) => p.roles.includes('public') || p.roles.includes(APP_ROLE));
    const isolating = applies.filter((p) => p.permissive === 'PERMISSIVE' && p.cmd === 'ALL' && p.qual === TENANT_PREDICATE && p.with_check === TENANT_PREDICATE);
    if (isolating.length === 0) add(`no policy ${TENANT_PREDICATE} for all commands (USING and WITH CHECK)`);
    // Permissive policies are OR-ed: one more that is not tenant-bound would open the table.
    for (const p of applies.filter((p) => p.permissive === 'PERMISSIVE' && !isolating.includes(p))) {
      add(`permissive policy ${p.policy} (${p.cmd}) is not the tenant policy: USING ${p.qual ?? '-'} WITH CHECK ${p.with_check ?? '-'}`);
    }
  }

  const { rows: definers } = await client.query<{ name: string }>(`
    SELECT p.proname AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE ${APP_SCHEMAS} AND p.prosecdef
      AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
    ORDER BY 1`);
  for (const d of definers) {
    if (!(d.name in CROSS_TENANT_FUNCTIONS)) findings.push({ relation: `${d.name}()`, problem: 'SECURITY DEFINER function not on the allow-list (it reads past row-level security)' });
  }

  const { rows: fn } = await client.query<{ src: string; definer: boolean }>(`
    SELECT p.prosrc AS src, p.prosecdef AS definer FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE ${APP_SCHEMAS} AND p.proname = 'current_tenant' AND p.pronargs = 0`);
  if (fn.length !== 1 || !/current_setting\('app\.tenant', true\)/.test(fn[0]!.src) || fn[0]!.definer) {
    findings.push({ relation: 'current_tenant()', problem: 'missing, or not reading the transaction setting app.tenant' });
  }
  return findings;
}

/** The application role's attributes: it must be bound by row-level security. */
export async function appRoleAttributes(client: pg.ClientBase): Promise<{ rolsuper: boolean; rolbypassrls: boolean; ownsTables: string[] }> {
  const { rows } = await client.query<{ rolsuper: boolean; rolbypassrls: boolean }>('SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1', [APP_ROLE]);
  const { rows: owned } = await client.query<{ relation: string }>(`
    SELECT c.relname AS relation FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE ${APP_SCHEMAS} AND pg_get_userbyid(c.relowner) = $1 ORDER BY 1`, [APP_ROLE]);
  return { ...rows[0]!, ownsTables: owned.map((r) => r.relation) };
}
