import { z } from '@hono/zod-openapi';
import { isIsoDate } from '../../jp/index.ts';
import type { Context } from 'hono';
import { inTenant, type Trx } from '../db/tenant-scope.ts';
import { ValidationError } from '../errors.ts';
import { secureRoute } from '../http/access.ts';
import type { AppEnv } from '../http/context.ts';
import { json, problemResponses } from '../http/openapi.ts';
import { TenantParam } from '../http/params.ts';
import { createRouter } from '../http/router.ts';
import { validateTenantCode } from '../tenancy/tenant.ts';
import { appendAudit } from '../audit/index.ts';
import { clientAddress } from '../http/audit-request.ts';
import type { IdentityContext } from './context.ts';
import type { Principal } from './principal.ts';
import { listRoles, saveRole } from './roles.ts';
import { createAccount, disableAccount, enrollTotp, listAccounts, resetPassword, setRoles } from './users.ts';

const AccountSchema = z
  .object({
    id: z.string(),
    loginName: z.string(),
    displayName: z.string(),
    department: z.string().nullable(),
    roles: z.array(z.string()),
    totpEnrolled: z.boolean(),
    disabled: z.boolean(),
    locked: z.boolean(),
    mustChangePassword: z.boolean(),
    validFrom: z.string().nullable(),
    validUntil: z.string().nullable(),
  })
  .openapi('StaffUser');
// z.iso.date() admits year 0000, which PostgreSQL's date does not (a 500 instead of a 422).
const AccountDate = z.iso.date().refine(isIsoDate, { error: '実在する日付を YYYY-MM-DD で指定してください' });
const NewUserSchema = z
  .object({
    loginName: z.string().max(64),
    displayName: z.string().min(1).max(100),
    department: z.string().max(100).nullable().optional(),
    roles: z.array(z.string().max(64)).max(50).optional(),
    validFrom: AccountDate.nullable().optional(),
    validUntil: AccountDate.nullable().optional(),
  })
  .openapi('NewStaffUser');
const RoleSchema = z.object({ name: z.string(), title: z.string(), permissions: z.array(z.string()), builtIn: z.boolean() }).openapi('Role');

const Tenant = z.object({ tenantCode: TenantParam });
const User = Tenant.extend({ loginName: z.string().max(64).openapi({ param: { name: 'loginName', in: 'path' } }) });
const users = '/api/v1/tenants/{tenantCode}/users';

/**
 * 操作権限管理 (j1380): staff accounts and roles of a 団体. Operators may act here for onboarding (the
 * first administrator); staff need identity:manage-users / identity:manage-roles of their own 団体.
 */
export function usersRoutes(ctx: IdentityContext) {
  const router = createRouter();
  const scope = <T>(c: Context<AppEnv>, fn: Parameters<typeof inTenant<T>>[2]) => inTenant(ctx.db, validateTenantCode(c.req.param('tenantCode')).code, fn);
  /** 設定変更ログ (j1370): the change and its audit entry commit together. */
  const audited = <T>(c: Context<AppEnv>, action: string, target: { kind: string; id: string }, fn: (trx: Trx) => Promise<T>) =>
    scope(c, async (trx) => {
      const result = await fn(trx);
      const p = c.get('principal');
      await appendAudit(trx, {
        actor: { kind: p.kind, id: p.id, name: p.name },
        address: clientAddress(c),
        zone: c.env?.zone ?? null,
        module: 'identity',
        function: `identity.${action}`,
        category: 'setting',
        targets: [target],
      });
      return result;
    });
  // Operators onboard a 団体 and so may hand out any role; staff only what they hold themselves.
  const everything: ReadonlySet<string> = new Set(ctx.permissions.keys());
  const editor = (p: Principal) => (p.kind === 'operator' ? { id: p.id, permissions: everything } : p);
  const manage = { access: { permission: 'identity:manage-users' } } as const;

  router.openapi(
    secureRoute(manage, { method: 'get', path: users, tags: ['利用者'], summary: '利用者の一覧', request: { params: Tenant }, responses: { 200: { description: '一覧', ...json(z.object({ items: z.array(AccountSchema) })) }, ...problemResponses(401, 403, 422) } }),
    async (c) => c.json({ items: await scope(c, (trx) => listAccounts(trx, 'staff')) }, 200),
  );
  router.openapi(
    secureRoute(manage, {
      method: 'post',
      path: users,
      tags: ['利用者'],
      summary: '利用者の登録（初期パスワードを一度だけ返す）',
      request: { params: Tenant, body: { required: true, ...json(NewUserSchema) } },
      responses: { 201: { description: '登録した', ...json(z.object({ account: AccountSchema, initialPassword: z.string() })) }, ...problemResponses(401, 403, 409, 422) },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const created = await audited(c, 'create-user', { kind: 'staff-user', id: input.loginName }, async (trx) => {
        if (input.roles?.length) await setRolesCheck(trx, input.roles, c.get('principal'));
        return createAccount(trx, 'staff', input);
      });
      return c.json({ account: created.account, initialPassword: created.initialPassword! }, 201);
    },
  );
  const setRolesCheck = async (trx: Trx, roles: string[], principal: Principal) => {
    const known = new Set((await listRoles(trx, ctx.permissions)).map((r) => r.name));
    const unknown = roles.filter((r) => !known.has(r));
    if (unknown.length > 0) throw new ValidationError([{ field: 'roles', rule: 'unknown', message: `役割 ${unknown.join(', ')} はありません` }]);
    return editor(principal);
  };
  for (const [action, summary, run] of [
    ['disable', '利用停止（すべてのセッションを終了）', (trx, login) => disableAccount(trx, 'staff', login).then((account) => ({ account }))],
    ['reset-password', 'パスワード初期化（新しい初期パスワードを一度だけ返す）', (trx, login) => resetPassword(trx, 'staff', login)],
    ['totp', '二要素認証（TOTP）の登録（秘密鍵を一度だけ返す）', (trx, login) => enrollTotp(trx, 'staff', login)],
  ] as const satisfies readonly (readonly [string, string, (trx: Trx, login: string) => Promise<object>])[]) {
    router.openapi(
      secureRoute(manage, { method: 'post', path: `${users}/{loginName}/${action}`, tags: ['利用者'], summary, request: { params: User }, responses: { 200: { description: '結果', ...json(z.record(z.string(), z.unknown())) }, ...problemResponses(401, 403, 404, 422) } }),
      async (c) => {
        const login = c.req.valid('param').loginName;
        return c.json((await audited(c, action, { kind: 'staff-user', id: login }, (trx) => run(trx, login))) as Record<string, unknown>, 200);
      },
    );
  }
  router.openapi(
    secureRoute(manage, {
      method: 'put',
      path: `${users}/{loginName}/roles`,
      tags: ['利用者'],
      summary: '役割の付与（自分自身と、自分が持たない権限は不可）',
      request: { params: User, body: { required: true, ...json(z.object({ roles: z.array(z.string().max(64)).max(50) })) } },
      responses: { 200: { description: '変更後', ...json(AccountSchema) }, ...problemResponses(401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const { roles } = c.req.valid('json');
      const account = await audited(c, 'set-roles', { kind: 'staff-user', id: c.req.valid('param').loginName }, async (trx) => setRoles(trx, ctx.permissions, await setRolesCheck(trx, roles, c.get('principal')), c.req.valid('param').loginName, roles));
      return c.json(account, 200);
    },
  );
  const rolesPath = '/api/v1/tenants/{tenantCode}/roles';
  router.openapi(
    secureRoute({ access: { permission: 'identity:manage-roles' } }, { method: 'get', path: rolesPath, tags: ['利用者'], summary: '役割の一覧', request: { params: Tenant }, responses: { 200: { description: '一覧', ...json(z.object({ items: z.array(RoleSchema) })) }, ...problemResponses(401, 403, 422) } }),
    async (c) => c.json({ items: await scope(c, (trx) => listRoles(trx, ctx.permissions)) }, 200),
  );
  router.openapi(
    secureRoute({ access: { permission: 'identity:manage-roles' } }, {
      method: 'put',
      path: `${rolesPath}/{name}`,
      tags: ['利用者'],
      summary: '役割の設定（自分が持たない権限は含められない）',
      request: { params: Tenant.extend({ name: z.string().max(64).openapi({ param: { name: 'name', in: 'path' } }) }), body: { required: true, ...json(z.object({ title: z.string().min(1).max(100), permissions: z.array(z.string()).max(500) })) } },
      responses: { 200: { description: '設定した', ...json(RoleSchema) }, ...problemResponses(401, 403, 422) },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const role = await audited(c, 'save-role', { kind: 'role', id: c.req.valid('param').name }, (trx) => saveRole(trx, ctx.permissions, editor(c.get('principal')).permissions, { name: c.req.valid('param').name, ...body }));
      return c.json(role, 200);
    },
  );
  return router;
}
