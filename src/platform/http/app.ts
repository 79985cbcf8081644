import type { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { mountWeb } from './web.ts';
import type { Context } from 'hono';
import type { Principal } from '../identity/principal.ts';
import type { Logger } from 'pino';
import { AppError } from '../errors.ts';
import type { AppEnv } from './context.ts';
import { inputGuard } from './input-guard.ts';
import { problem } from './problem.ts';
import { assertRoutesDeclareAccess } from './access.ts';
import { createRouter } from './router.ts';

export interface AppOptions {
  log: Logger;
  /** Largest accepted request body in bytes (YAKUBA_MAX_BODY_BYTES, default 1 MiB). */
  maxBodyBytes?: number;
  /** Mounts the platform's and the modules' routes on the application. */
  mount(app: OpenAPIHono<AppEnv>): void;
  /** Finds the caller of a request (session cookie, bearer token); called at most once per request. */
  authenticate(c: Context<AppEnv>): Promise<Principal | undefined>;
  /** Records a refused request of an authenticated caller; must not throw. */
  onDenied?(c: Context<AppEnv>, principal: Principal, problemCode: string): Promise<void>;
  /** Send Strict-Transport-Security (only when served over TLS, directly or behind a proxy). */
  hsts?: boolean;
  version?: string;
  /** Told of every answered API request (usage metering); must not throw. */
  onAnswered?(c: Context<AppEnv>): void;
  /** The built staff UI (web/dist) to serve beside the API, if any. */
  webDir?: string | undefined;
}

/**
 * The HTTP application: request ids, structured access logs without personal data, body limits,
 * OpenAPI 3.1 at /api/openapi.json and every error as application/problem+json.
 */
export function createApp(options: AppOptions): OpenAPIHono<AppEnv> {
  const app = createRouter();
  app.use(requestId({ headerName: 'X-Request-Id' }));
  app.use(
    secureHeaders({
      // blob: frames: the staff UI previews an issued certificate (a PDF the API answered) in an iframe.
      contentSecurityPolicy: { defaultSrc: ["'self'"], frameSrc: ["'self'", 'blob:'], frameAncestors: ["'none'"], objectSrc: ["'none'"], baseUri: ["'self'"] },
      xFrameOptions: 'DENY',
      strictTransportSecurity: options.hsts ? 'max-age=63072000; includeSubDomains' : false,
      referrerPolicy: 'no-referrer',
    }),
  );
  app.use(async (c, next) => {
    let resolved: Promise<Principal | undefined> | undefined;
    c.set('authenticate', () => (resolved ??= options.authenticate(c)));
    c.set('recordDenied', async (principal, code) => options.onDenied?.(c, principal, code));
    await next();
  });
  app.use(async (c, next) => {
    const started = performance.now();
    c.set('log', options.log.child({ requestId: c.get('requestId') }));
    await next();
    options.onAnswered?.(c);
    // The path only: query strings can carry names or numbers that must not reach the logs.
    c.get('log').info(
      { method: c.req.method, path: new URL(c.req.url).pathname, status: c.res.status, ms: Math.round(performance.now() - started) },
      'request',
    );
  });
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: options.maxBodyBytes ?? 1024 * 1024,
      onError: (c) =>
        problem(c, 413, 'payload-too-large', 'リクエストが大きすぎます', `リクエスト本文は ${options.maxBodyBytes ?? 1024 * 1024} バイト以内にしてください`),
    }),
  );
  app.use('/api/*', inputGuard());

  options.mount(app);
  assertRoutesDeclareAccess(app.openAPIRegistry.definitions as never);

  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'yakuba API',
      version: options.version ?? '0.1.0',
      description: '標準準拠の地方公共団体基幹業務システム yakuba の API。エラーはすべて application/problem+json (RFC 9457) で返します。',
    },
  });

  if (options.webDir) mountWeb(app, options.webDir);

  app.notFound((c) => {
    const allowed = allowedMethods(app, new URL(c.req.url).pathname).filter((m) => m !== c.req.method);
    if (allowed.length > 0) {
      const response = problem(c, 405, 'method-not-allowed', '許可されていないメソッドです', `${c.req.method} はこのURLでは使えません（使えるメソッド: ${allowed.join(', ')}）`);
      response.headers.set('Allow', allowed.join(', '));
      return response;
    }
    return problem(c, 404, 'route-not-found', 'URLが見つかりません', `${c.req.method} ${new URL(c.req.url).pathname} というAPIはありません`);
  });

  app.onError((error, c) => {
    if (error instanceof AppError) {
      const errors = 'errors' in error ? (error.errors as never) : undefined;
      return problem(c, error.status as 400, error.code, error.title, error.detail, errors);
    }
    if (error instanceof HTTPException) {
      // Hono raises these for malformed JSON and similar protocol-level faults.
      if (error.status === 400 && /JSON/i.test(error.message)) {
        return problem(c, 400, 'malformed-json', 'JSONの形式が正しくありません', 'リクエスト本文を正しいJSONとして解釈できませんでした');
      }
      if (error.status === 415) {
        return problem(c, 415, 'unsupported-media-type', '本文の形式に対応していません', 'この Content-Type の本文は受け付けません。本文は application/json で送ってください（トークン発行は application/x-www-form-urlencoded）');
      }
      // Hono's own message (e.g. a multipart body it cannot read) is English: said in Japanese, with it beside.
      return problem(c, error.status as 400, 'http-error', 'リクエストを処理できません', `リクエストの形式が正しくありません（${error.message}）`);
    }
    // Only the message and stack: the input that caused it may contain personal data.
    (c.get('log') ?? options.log).error({ err: { message: error.message, stack: error.stack } }, 'unhandled error');
    return problem(c, 500, 'internal', 'システムエラーが発生しました', `処理中に予期しないエラーが発生しました。管理者に問い合わせてください（要求ID: ${c.get('requestId')}）`);
  });
  return app;
}

/** Methods registered for a concrete path, to answer 405 instead of 404 for a known URL. */
function allowedMethods(app: OpenAPIHono<AppEnv>, path: string): string[] {
  const methods = new Set<string>();
  for (const route of app.routes) {
    if (route.method === 'ALL') continue;
    const pattern = new RegExp(`^${route.path.replace(/:[^/]+/g, '[^/]+').replace(/\*/g, '.*')}/?$`);
    if (pattern.test(path)) methods.add(route.method);
  }
  return [...methods];
}
