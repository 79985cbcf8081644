import { fileURLToPath } from 'node:url';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Logger } from 'pino';
import { catalogOf, dataListRoutes, registerInteropJobs } from './interop/index.ts';
import { modules as allModules } from './modules/index.ts';
import { databaseConfigFromEnv, type DatabaseConfig } from './platform/db/config.ts';
import { openDatabase, type Database } from './platform/db/database.ts';
import { migrate, type MigrationReport } from './platform/db/migrations.ts';
import { deadLetterRoutes } from './platform/events/api.ts';
import { Dispatcher } from './platform/events/dispatcher.ts';
import { EventPublisher } from './platform/events/outbox.ts';
import { createApp } from './platform/http/app.ts';
import type { AppEnv } from './platform/http/context.ts';
import { healthRoutes } from './platform/http/health.ts';
import { jobRoutes } from './platform/jobs/api.ts';
import { JobWorker } from './platform/jobs/index.ts';
import { getCookie } from 'hono/cookie';
import { authRoutes, SESSION_COOKIE } from './platform/identity/auth-api.ts';
import { principalFromSession } from './platform/identity/authenticate.ts';
import { principalFromToken, tokenKeyFromEnv } from './platform/identity/clients.ts';
import { clientRoutes } from './platform/identity/clients-api.ts';
import { clientAddress } from './platform/http/audit-request.ts';
import { appendAuditSeparately } from './platform/audit/index.ts';
import { auditRoutes } from './platform/audit/api.ts';
import type { IdentityContext } from './platform/identity/context.ts';
import { platformPermissions } from './platform/identity/principal.ts';
import { sessionPolicyFromEnv } from './platform/identity/sessions.ts';
import { usersRoutes } from './platform/identity/users-api.ts';
import { createLogger } from './platform/log.ts';
import { builtWeb } from './platform/http/web.ts';
import { loadKeyRing, type MyNumberKeyRing } from './platform/my-number/index.ts';
import type { ModuleContext, ModuleDefinition } from './platform/module.ts';
import { createRegistry, type Registry } from './platform/registry.ts';
import { businessOfPath, Metering } from './platform/metering/index.ts';

/** A running yakuba: the database, the mounted modules and the background workers. */
export interface System {
  db: Database;
  registry: Registry;
  events: EventPublisher;
  dispatcher: Dispatcher;
  jobs: JobWorker;
  log: Logger;
  identity: IdentityContext;
  myNumberKeys: MyNumberKeyRing;
  metering: Metering;
  migration: MigrationReport;
  app: OpenAPIHono<AppEnv>;
  /** Starts the background workers (event dispatcher, job worker). */
  startWorkers(): void;
  close(): Promise<void>;
}

export interface SystemOptions {
  database?: DatabaseConfig;
  modules?: ModuleDefinition[];
  log?: Logger;
  /** Sign-in attempts per minute and address (YAKUBA_SIGN_IN_PER_MINUTE, default 20). */
  signInPerMinute?: number;
  /** 個人番号 keys; default: from the configuration (YAKUBA_MY_NUMBER_KEYS …, docs/security.md). */
  myNumberKeys?: MyNumberKeyRing;
  /** An already open database (tests); it is closed with the system. */
  db?: Database;
}

/** Opens the database, brings its schema up to date and mounts every module. */
export async function openSystem(options: SystemOptions = {}): Promise<System> {
  const log = options.log ?? createLogger();
  const registry = createRegistry(options.modules ?? allModules);
  const config = options.database ?? databaseConfigFromEnv();
  // Read before the database opens: a missing or malformed key stops the start with a clear message.
  const myNumberKeys = options.myNumberKeys ?? loadKeyRing(process.env, { dataDir: config.engine === 'pglite' ? config.dataDir : undefined, log });
  const db = options.db ?? (await openDatabase(config));
  try {
    const migration = await migrate(db, registry.migrations);
    if (migration.applied.length > 0) log.info({ applied: migration.applied }, 'migrations applied');
    const events = new EventPublisher(registry.subscriptions, registry.modules.flatMap((m) => m.events ?? []));
    const dispatcher = new Dispatcher(db, registry.subscriptions, { log: log.child({ component: 'dispatcher' }), events });
    if (registry.modules.some((m) => m.id === 'interop')) registerInteropJobs(registry, db, myNumberKeys);
    const jobs = new JobWorker(db, registry, { log: log.child({ component: 'jobs' }) });
    const metering = new Metering(db, registry.migrations, log.child({ component: 'metering' }));
    const moduleIds = new Set(registry.modules.map((m) => m.id));
    const ctx: ModuleContext = { db, log, events, myNumberKeys, metering };
    const tokenKey = tokenKeyFromEnv();
    const signInPerMinute = options.signInPerMinute ?? Number(process.env.YAKUBA_SIGN_IN_PER_MINUTE ?? 20);
    const identity: IdentityContext = {
      db,
      policy: sessionPolicyFromEnv(),
      permissions: new Map([...Object.entries(platformPermissions), ...registry.permissions]),
    };
    const app = createApp({
      log,
      maxBodyBytes: Number(process.env.YAKUBA_MAX_BODY_BYTES ?? 1024 * 1024),
      hsts: process.env.YAKUBA_HSTS === 'true',
      webDir: builtWeb(fileURLToPath(new URL('../web/dist', import.meta.url))),
      onAnswered(c) {
        // A request counts for the 団体 it acted for (staff, clients); an operator's is the platform's own.
        const tenantCode = c.get('principal')?.tenantCode;
        if (tenantCode) metering.requests.count(tenantCode, businessOfPath(c.req.path, moduleIds));
      },
      async onDenied(c, principal, problemCode) {
        // Into the chain of the caller's 団体, or of the 団体 an operator reached for.
        const tenantCode = principal.tenantCode ?? c.req.param('tenantCode');
        if (!tenantCode || !/^[0-9]{6}$/.test(tenantCode)) return;
        await appendAuditSeparately(db, tenantCode, {
          actor: { kind: principal.kind, id: principal.id, name: principal.name },
          address: clientAddress(c),
          zone: c.env?.zone ?? null,
          module: 'http',
          function: 'http.access-denied',
          category: 'error',
          outcome: 'denied',
          detail: { problem: problemCode, method: c.req.method, route: c.req.routePath },
        }).catch((error: unknown) => log.warn({ err: error instanceof Error ? error.message : String(error), problemCode }, 'denied request not audited'));
      },
      async authenticate(c) {
        const zone = c.env?.zone;
        if (!zone) return undefined;
        const bearer = c.req.header('Authorization')?.match(/^Bearer ([\w.-]+)$/)?.[1];
        if (bearer) return principalFromToken(identity, tokenKey, bearer, zone);
        const token = getCookie(c, SESSION_COOKIE);
        return token ? principalFromSession(identity, token, zone) : undefined;
      },
      mount(app) {
        app.route('/', healthRoutes({ db, dispatcher, jobs }));
        app.route('/', authRoutes(identity, { secureCookies: process.env.YAKUBA_INSECURE_COOKIES !== 'true', signInPerMinute }));
        app.route('/', clientRoutes(identity, tokenKey, { perMinute: signInPerMinute }));
        app.route('/', usersRoutes(identity));
        app.route('/', deadLetterRoutes(db));
        app.route('/', jobRoutes(db, registry));
        app.route('/', auditRoutes(db));
        app.route('/api/v1/interop', dataListRoutes(catalogOf(registry.modules)));
        for (const m of registry.modules) if (m.routes) app.route(`/api/v1/${m.id}`, m.routes({ ...ctx, log: log.child({ module: m.id }) }));
      },
    });
    return {
      db,
      registry,
      events,
      dispatcher,
      jobs,
      log,
      identity,
      myNumberKeys,
      metering,
      migration,
      app,
      startWorkers() {
        dispatcher.start();
        // The worker also takes up jobs whose process died (stale heartbeat) and resumes them.
        jobs.start();
        metering.start();
      },
      async close() {
        await metering.stop();
        await jobs.stop();
        await dispatcher.stop();
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}

