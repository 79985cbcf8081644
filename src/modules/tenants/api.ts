import { z } from '@hono/zod-openapi';
import { secureRoute } from '../../platform/http/access.ts';
import type { Tenant } from '../../platform/tenancy/tenant.ts';
import { createRouter } from '../../platform/http/router.ts';
import { problemResponses } from '../../platform/http/openapi.ts';
import type { ModuleContext } from '../../platform/module.ts';
import { AddTenantSchema, TenantSchema } from './model.ts';
import { addTenant, getTenant, getTenants } from './service.ts';

const toJson = (t: Tenant) => ({ ...t, addedAt: t.addedAt.toISOString() });

export function tenantRoutes(ctx: ModuleContext) {
  const router = createRouter();

  router.openapi(
    secureRoute({ access: { permission: 'tenants:read' } }, {
      method: 'get',
      path: '/',
      tags: ['団体'],
      summary: '登録済みの団体の一覧（職員には自団体のみ）',
      responses: { 200: { description: '団体の一覧', content: { 'application/json': { schema: z.object({ items: z.array(TenantSchema) }) } } } },
    }),
    async (c) => {
      // Staff see their own 団体 only: which other municipalities a deployment serves is the operator's business.
      const p = c.get('principal');
      const items = (await getTenants(ctx)).filter((t) => p.kind === 'operator' || t.tenantCode === p.tenantCode);
      return c.json({ items: items.map(toJson) }, 200);
    },
  );

  router.openapi(
    secureRoute({ access: { permission: 'tenants:manage' } }, {
      method: 'post',
      path: '/',
      tags: ['団体'],
      summary: '団体の追加（全国地方公共団体コードで指定）',
      request: { body: { required: true, content: { 'application/json': { schema: AddTenantSchema } } } },
      responses: {
        201: { description: '追加した団体', content: { 'application/json': { schema: TenantSchema } } },
        ...problemResponses(409, 422),
      },
    }),
    async (c) => c.json(toJson(await addTenant(ctx, c.req.valid('json'))), 201),
  );

  router.openapi(
    secureRoute({ access: { permission: 'tenants:read' } }, {
      method: 'get',
      path: '/{tenantCode}',
      tags: ['団体'],
      summary: '団体の参照',
      request: { params: z.object({ tenantCode: z.string().openapi({ param: { name: 'tenantCode', in: 'path' }, example: '131016' }) }) },
      responses: {
        200: { description: '団体', content: { 'application/json': { schema: TenantSchema } } },
        ...problemResponses(404, 422),
      },
    }),
    async (c) => c.json(toJson(await getTenant(ctx, c.req.valid('param').tenantCode)), 200),
  );

  return router;
}
