import { z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { inTenant } from '../db/tenant-scope.ts';
import { ValidationError } from '../errors.ts';
import { ALL_ZONES, secureRoute } from '../http/access.ts';
import { json, problemResponses } from '../http/openapi.ts';
import { TenantParam } from '../http/params.ts';
import { rateLimit } from '../http/rate-limit.ts';
import { createRouter } from '../http/router.ts';
import { validateTenantCode } from '../tenancy/tenant.ts';
import { clientAddress } from '../http/audit-request.ts';
import { createClient, disableClient, issueToken } from './clients.ts';
import type { IdentityContext } from './context.ts';

const TokenRequest = z
  .object({
    grant_type: z.literal('client_credentials'),
    client_id: z.string().max(80).optional(),
    client_secret: z.string().max(200).optional(),
  })
  .openapi('TokenRequest');
const TokenResponse = z.object({ access_token: z.string(), token_type: z.literal('Bearer'), expires_in: z.number(), scope: z.string() }).openapi('TokenResponse');
const ClientSchema = z.object({ clientId: z.string(), title: z.string(), scopes: z.array(z.string()), disabled: z.boolean() }).openapi('ApiClient');

/** Credentials from HTTP Basic (RFC 6749 §2.3.1, preferred) or from the form body. */
function credentials(authorization: string | undefined, form: { client_id?: string; client_secret?: string }): { id: string; secret: string } {
  if (authorization?.startsWith('Basic ')) {
    const [id, secret] = Buffer.from(authorization.slice(6), 'base64').toString('utf8').split(':');
    if (id && secret) return { id: decodeURIComponent(id), secret: decodeURIComponent(secret) };
  }
  if (form.client_id && form.client_secret) return { id: form.client_id, secret: form.client_secret };
  throw new ValidationError([{ field: 'client_id', rule: 'required', message: 'クライアントIDとシークレット（Basic認証または client_id / client_secret）が必要です' }]);
}

export function clientRoutes(ctx: IdentityContext, key: Uint8Array, options: { perMinute: number }) {
  const router = createRouter();
  router.openapi(
    secureRoute(
      { access: { public: true }, zones: ALL_ZONES },
      {
        method: 'post',
        path: '/api/v1/auth/token',
        tags: ['認証'],
        summary: '連携クライアントのトークン発行（OAuth 2.0 client credentials）',
        middleware: [rateLimit({ windowMs: 60_000, max: options.perMinute, key: (c) => `token:${clientAddress(c)}` })],
        request: { body: { required: true, content: { 'application/x-www-form-urlencoded': { schema: TokenRequest } } } },
        responses: { 200: { description: 'アクセストークン（15分有効）', ...json(TokenResponse) }, ...problemResponses(401, 422, 429) },
      },
    ),
    async (c) => {
      const { id, secret } = credentials(c.req.header('Authorization'), c.req.valid('form'));
      return c.json(await issueToken(ctx, key, id, secret, { zone: c.env.zone!, address: clientAddress(c) }), 200);
    },
  );

  const base = '/api/v1/tenants/{tenantCode}/clients';
  const manage = { access: { permission: 'identity:manage-clients' } } as const;
  const scope = <T>(code: string, fn: Parameters<typeof inTenant<T>>[2]) => inTenant(ctx.db, validateTenantCode(code).code, fn);
  router.openapi(
    secureRoute(manage, { method: 'get', path: base, tags: ['連携'], summary: '連携クライアントの一覧', request: { params: z.object({ tenantCode: TenantParam }) }, responses: { 200: { description: '一覧', ...json(z.object({ items: z.array(ClientSchema) })) }, ...problemResponses(401, 403, 422) } }),
    async (c) => {
      const code = validateTenantCode(c.req.valid('param').tenantCode).code;
      const { rows } = await scope(code, (trx) => sql<{ client_id: string; title: string; scopes: string[]; disabled: boolean }>`
        SELECT client_id, title, scopes, disabled_at IS NOT NULL AS disabled FROM api_client ORDER BY client_id`.execute(trx));
      return c.json({ items: rows.map((r) => ({ clientId: `${code}.${r.client_id}`, title: r.title, scopes: r.scopes, disabled: r.disabled })) }, 200);
    },
  );
  router.openapi(
    secureRoute(manage, {
      method: 'post',
      path: base,
      tags: ['連携'],
      summary: '連携クライアントの登録（シークレットを一度だけ返す）',
      request: { params: z.object({ tenantCode: TenantParam }), body: { required: true, ...json(z.object({ name: z.string().max(64), title: z.string().min(1).max(100), scopes: z.array(z.string()).min(1).max(100) })) } },
      responses: { 201: { description: '登録した', ...json(z.object({ client: ClientSchema, clientSecret: z.string() })) }, ...problemResponses(401, 403, 409, 422) },
    }),
    async (c) => {
      const created = await scope(c.req.valid('param').tenantCode, (trx) => createClient(trx, ctx.permissions, c.get('principal').permissions, c.req.valid('json')));
      return c.json(created, 201);
    },
  );
  router.openapi(
    secureRoute(manage, { method: 'post', path: `${base}/{name}/disable`, tags: ['連携'], summary: '連携クライアントの停止（発行済みトークンも即時無効）', request: { params: z.object({ tenantCode: TenantParam, name: z.string().max(64).openapi({ param: { name: 'name', in: 'path' } }) }) }, responses: { 204: { description: '停止した' }, ...problemResponses(401, 403, 404, 422) } }),
    async (c) => {
      await scope(c.req.valid('param').tenantCode, (trx) => disableClient(trx, c.req.valid('param').name));
      return c.body(null, 204);
    },
  );
  return router;
}
