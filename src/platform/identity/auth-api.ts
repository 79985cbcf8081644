import { z } from '@hono/zod-openapi';
import { deleteCookie, setCookie } from 'hono/cookie';
import { inPlatform, inTenant } from '../db/tenant-scope.ts';
import { ALL_ZONES, secureRoute } from '../http/access.ts';
import { problemResponses } from '../http/openapi.ts';
import { rateLimit } from '../http/rate-limit.ts';
import { createRouter } from '../http/router.ts';
import type { IdentityContext } from './context.ts';
import { revokeAllSessions, revokeSession } from './sessions.ts';
import { changeOwnPassword } from './users.ts';
import { appendAudit } from '../audit/index.ts';
import type { Trx } from '../db/tenant-scope.ts';
import { signIn } from './sign-in.ts';

export const SESSION_COOKIE = 'yakuba_session';

const SignInSchema = z
  .object({
    tenantCode: z.string().regex(/^[0-9]{6}$/).optional().openapi({ description: '団体コード（職員）。運用者は省略', example: '131016' }),
    loginName: z.string().min(1).max(64),
    password: z.string().min(1).max(256),
    totp: z.string().max(10).optional().openapi({ description: '認証アプリの確認コード（6桁）' }),
  })
  .openapi('SignIn');

const MeSchema = z
  .object({
    kind: z.enum(['staff', 'operator', 'client']),
    id: z.string(),
    loginName: z.string(),
    tenantCode: z.string().nullable(),
    permissions: z.array(z.string()),
    zone: z.string(),
    csrfToken: z.string().nullable(),
    idleMinutes: z.int().openapi({ description: '操作がないまま経過するとサインアウトされる分数（画面の予告に使う）' }),
  })
  .openapi('Me');

/** The address of the caller as the listener saw it (behind a proxy, configure the proxy to set it). */
import { clientAddress } from '../http/audit-request.ts';

export function authRoutes(ctx: IdentityContext, options: { secureCookies: boolean; signInPerMinute: number }) {
  const router = createRouter();
  const cookieOptions = { httpOnly: true, secure: options.secureCookies, sameSite: 'Strict' as const, path: '/' };
  // Per address: slows guessing from one terminal; the per-account lock-out covers distributed guessing.
  const limiter = rateLimit({ windowMs: 60_000, max: options.signInPerMinute, key: (c) => `${clientAddress(c)}` });

  router.openapi(
    secureRoute(
      { access: { public: true }, zones: ALL_ZONES },
      {
        method: 'post',
        path: '/api/v1/auth/sign-in',
        tags: ['認証'],
        summary: 'サインイン（マイナンバー利用事務系では確認コード必須）',
        middleware: [limiter],
        request: { body: { required: true, content: { 'application/json': { schema: SignInSchema } } } },
        responses: {
          200: { description: 'サインインした（セッションCookieを設定）', content: { 'application/json': { schema: z.object({ csrfToken: z.string(), mustChangePassword: z.boolean() }) } } },
          ...problemResponses(401, 422, 429),
        },
      },
    ),
    async (c) => {
      const signedIn = await signIn(ctx, c.req.valid('json'), { zone: c.env.zone!, address: clientAddress(c) });
      setCookie(c, SESSION_COOKIE, signedIn.token, { ...cookieOptions, maxAge: ctx.policy.absoluteHours * 3600 });
      return c.json({ csrfToken: signedIn.csrfToken, mustChangePassword: signedIn.mustChangePassword }, 200);
    },
  );

  router.openapi(
    secureRoute(
      { access: { authenticated: true }, zones: ALL_ZONES },
      { method: 'get', path: '/api/v1/auth/me', tags: ['認証'], summary: 'サインイン中の利用者', responses: { 200: { description: '利用者', content: { 'application/json': { schema: MeSchema } } }, ...problemResponses(401) } },
    ),
    async (c) => {
      const p = c.get('principal');
      return c.json({ kind: p.kind, id: p.id, loginName: p.name, tenantCode: p.tenantCode, permissions: [...p.permissions].sort(), zone: c.env.zone!, csrfToken: p.csrfToken ?? null, idleMinutes: ctx.policy.idleMinutes }, 200);
    },
  );

  router.openapi(
    secureRoute(
      { access: { authenticated: true }, zones: ALL_ZONES },
      { method: 'post', path: '/api/v1/auth/sign-out', tags: ['認証'], summary: 'サインアウト（この端末）', responses: { 204: { description: 'サインアウトした' }, ...problemResponses(401, 403) } },
    ),
    async (c) => {
      const p = c.get('principal');
      if (p.sessionId) await revokeSession(ctx.db, p.sessionId);
      deleteCookie(c, SESSION_COOKIE, cookieOptions);
      return c.body(null, 204);
    },
  );

  router.openapi(
    secureRoute(
      { access: { authenticated: true }, zones: ALL_ZONES },
      { method: 'post', path: '/api/v1/auth/sign-out-everywhere', tags: ['認証'], summary: 'サインアウト（すべての端末・すべての系）', responses: { 200: { description: '終了したセッション数', content: { 'application/json': { schema: z.object({ revoked: z.number() }) } } }, ...problemResponses(401, 403) } },
    ),
    async (c) => {
      const p = c.get('principal');
      const revoked = p.tenantCode ? await inTenant(ctx.db, p.tenantCode, (trx) => revokeAllSessions(trx, p.id)) : await inPlatform(ctx.db, (trx) => revokeAllSessions(trx, p.id));
      deleteCookie(c, SESSION_COOKIE, cookieOptions);
      return c.json({ revoked }, 200);
    },
  );
  router.openapi(
    secureRoute(
      { access: { authenticated: true }, zones: ALL_ZONES },
      {
        method: 'post',
        path: '/api/v1/auth/password',
        tags: ['認証'],
        summary: 'パスワードの変更（本人。他のセッションは終了）',
        request: { body: { required: true, content: { 'application/json': { schema: z.object({ currentPassword: z.string().max(256), newPassword: z.string().max(256) }).openapi('ChangePassword') } } } },
        responses: { 204: { description: '変更した' }, ...problemResponses(401, 403, 404, 422) },
      },
    ),
    async (c) => {
      const p = c.get('principal');
      if (p.kind === 'client') return c.body(null, 404);
      const { currentPassword, newPassword } = c.req.valid('json');
      const kind = p.kind;
      const change = async (trx: Trx) => {
        await changeOwnPassword(trx, kind, p.id, p.sessionId, currentPassword, newPassword);
        if (p.tenantCode) {
          await appendAudit(trx, { actor: { kind, id: p.id, name: p.name }, address: clientAddress(c), zone: c.env.zone ?? null, module: 'identity', function: 'identity.change-password', category: 'setting' });
        }
      };
      await (p.tenantCode ? inTenant(ctx.db, p.tenantCode, change) : inPlatform(ctx.db, change));
      return c.body(null, 204);
    },
  );
  return router;
}
