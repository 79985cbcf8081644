import { sql } from 'kysely';
import type { Trx } from '../db/tenant-scope.ts';
import { ValidationError } from '../errors.ts';

/** A built-in role of every 団体: all business and platform permissions, none of the operator's. */
export const ADMINISTRATOR = 'administrator';
const OPERATOR_ONLY = new Set(['tenants:manage', 'operator:read', 'operator:manage']);

export interface Role {
  name: string;
  title: string;
  permissions: string[];
  builtIn: boolean;
}

export function administratorRole(catalogue: ReadonlyMap<string, string>): Role {
  return { name: ADMINISTRATOR, title: 'システム管理者', permissions: [...catalogue.keys()].filter((p) => !OPERATOR_ONLY.has(p)).sort(), builtIn: true };
}

export async function listRoles(trx: Trx, catalogue: ReadonlyMap<string, string>): Promise<Role[]> {
  const { rows } = await sql<{ name: string; title: string; permissions: string[] }>`SELECT name, title, permissions FROM staff_role ORDER BY name`.execute(trx);
  return [administratorRole(catalogue), ...rows.map((r) => ({ ...r, builtIn: false }))];
}

/** The union of the permissions of `roleNames`; unknown roles and retired permissions grant nothing. */
export async function permissionsOf(trx: Trx, catalogue: ReadonlyMap<string, string>, roleNames: readonly string[]): Promise<Set<string>> {
  const { rows } = await sql<{ permissions: string[] }>`
    SELECT ARRAY(SELECT DISTINCT p FROM staff_role r CROSS JOIN LATERAL unnest(r.permissions) p WHERE r.name = ANY(${[...roleNames]}::text[])) AS permissions`.execute(trx);
  return grantedPermissions(catalogue, roleNames, rows[0]?.permissions ?? []);
}

/**
 * What a holder of `roleNames` may do, given the permissions their custom roles list: all of the
 * built-in administrator's when held, and of the custom ones those still in the catalogue.
 */
export function grantedPermissions(catalogue: ReadonlyMap<string, string>, roleNames: readonly string[], customPermissions: readonly string[]): Set<string> {
  const listed = roleNames.includes(ADMINISTRATOR) ? [...administratorRole(catalogue).permissions, ...customPermissions] : customPermissions;
  return new Set(listed.filter((p) => catalogue.has(p) && !OPERATOR_ONLY.has(p)));
}

/**
 * Sets a custom role. Nobody can hand out what they do not hold themselves: a role with a permission
 * the editor lacks is refused, which closes escalation through role editing.
 */
export async function saveRole(
  trx: Trx,
  catalogue: ReadonlyMap<string, string>,
  editor: ReadonlySet<string>,
  role: { name: string; title: string; permissions: string[] },
): Promise<Role> {
  const problems = [];
  if (role.name === ADMINISTRATOR) problems.push({ field: 'name', rule: 'built-in', message: `役割 ${ADMINISTRATOR} は組込みのため変更できません` });
  if (!/^[a-z][a-z0-9-]{1,63}$/.test(role.name)) problems.push({ field: 'name', rule: 'format', message: '役割名は英小文字・数字・ハイフン（2〜64文字）で指定してください' });
  for (const [i, p] of role.permissions.entries()) {
    if (!catalogue.has(p) || OPERATOR_ONLY.has(p)) problems.push({ field: `permissions.${i}`, rule: 'unknown', message: `権限 ${p} はありません` });
    else if (!editor.has(p)) problems.push({ field: `permissions.${i}`, rule: 'not-held', message: `自分が持たない権限 ${p} は付与できません` });
  }
  if (problems.length > 0) throw new ValidationError(problems);
  const permissions = [...new Set(role.permissions)].sort();
  await sql`
    INSERT INTO staff_role (tenant_code, name, title, permissions) VALUES (current_tenant(), ${role.name}, ${role.title}, ${permissions})
    ON CONFLICT (tenant_code, name) DO UPDATE SET title = excluded.title, permissions = excluded.permissions, updated_at = now()`.execute(trx);
  return { ...role, permissions, builtIn: false };
}
