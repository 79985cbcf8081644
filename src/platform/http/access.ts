import { timingSafeEqual } from 'node:crypto';
import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { Zone } from '../identity/principal.ts';
import type { AppEnv } from './context.ts';
import { problem } from './problem.ts';

/**
 * Every route declares who may call it and on which zones; a route without a declaration fails the
 * start-up check (assertRoutesDeclareAccess), so nothing is reachable by accident: deny by default.
 */
export type Access =
  | { public: true }
  /** Any signed-in caller (sign-out, who am I). */
  | { authenticated: true }
  /** A permission `<module>:<action>`; routes with a {tenantCode} path parameter also require that tenant. */
  | { permission: string };

export interface RouteSecurity {
  access: Access;
  /** Zones the route exists on; elsewhere it answers 404 as if absent. Default: individual-number. */
  zones?: readonly Zone[];
}

export const ALL_ZONES: readonly Zone[] = ['individual-number', 'lgwan', 'internet'];
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const ACCESS_EXTENSION = 'x-yakuba-access';

/** createRoute() with the route's access declaration enforced by a guard and recorded in the OpenAPI document. */
export function secureRoute<P extends string, R extends Omit<RouteConfig, 'path'> & { path: P }>(security: RouteSecurity, config: R) {
  const zones = security.zones ?? ['individual-number'];
  const declared = { ...config, [ACCESS_EXTENSION]: { ...security.access, zones } };
  return createRoute({ ...declared, middleware: [guard(security.access, zones), ...middlewareOf(config)] } as R);
}

function middlewareOf(config: { middleware?: unknown }): MiddlewareHandler[] {
  const m = config.middleware;
  return m === undefined ? [] : Array.isArray(m) ? m : [m as MiddlewareHandler];
}

function guard(access: Access, zones: readonly Zone[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const zone = c.env?.zone;
    if (!zone || !zones.includes(zone)) {
      return problem(c, 404, 'route-not-found', 'URLが見つかりません', `${c.req.method} ${new URL(c.req.url).pathname} というAPIはありません`);
    }
    if ('public' in access) return next();
    const principal = await c.get('authenticate')();
    if (!principal) return problem(c, 401, 'unauthenticated', 'サインインが必要です', 'サインインしていないか、セッションの有効期限が切れています');
    if (principal.csrfToken && !SAFE_METHODS.has(c.req.method) && !sameToken(c.req.header('X-CSRF-Token'), principal.csrfToken)) {
      await c.get('recordDenied')(principal, 'csrf');
      return problem(c, 403, 'csrf', '要求を確認できません', '画面を再読み込みしてからやり直してください（CSRFトークンがありません）');
    }
    if (principal.mustChangePassword && 'permission' in access) {
      return problem(c, 403, 'password-change-required', 'パスワードの変更が必要です', '初期パスワードのままです。POST /api/v1/auth/password で変更してから操作してください');
    }
    if ('permission' in access && !principal.permissions.has(access.permission)) {
      await c.get('recordDenied')(principal, 'forbidden');
      return problem(c, 403, 'forbidden', '権限がありません', `この操作には権限 ${access.permission} が必要です`);
    }
    const tenantCode = c.req.param('tenantCode');
    if (tenantCode !== undefined && principal.kind !== 'operator' && principal.tenantCode !== tenantCode) {
      await c.get('recordDenied')(principal, 'forbidden-tenant');
      return problem(c, 403, 'forbidden-tenant', '権限がありません', '他の団体のデータは扱えません');
    }
    c.set('principal', principal);
    return next();
  };
}

function sameToken(given: string | undefined, expected: string): boolean {
  if (!given || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

/** Refuses to start an application with a route that declares no access (deny by default). */
export function assertRoutesDeclareAccess(definitions: readonly { type: string; route?: { method: string; path: string } & Record<string, unknown> }[]): void {
  const open = definitions.filter((d) => d.type === 'route' && d.route && !(ACCESS_EXTENSION in d.route)).map((d) => `${d.route!.method.toUpperCase()} ${d.route!.path}`);
  if (open.length > 0) throw new Error(`routes without an access declaration (use secureRoute): ${open.join(', ')}`);
}
