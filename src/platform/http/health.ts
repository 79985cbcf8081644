import { z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Dispatcher } from '../events/dispatcher.ts';
import type { JobWorker } from '../jobs/worker.ts';
import { ALL_ZONES, secureRoute } from './access.ts';
import { createRouter } from './router.ts';

const HealthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    database: z.object({ engine: z.enum(['pglite', 'postgres']), ok: z.boolean(), latencyMs: z.number().optional(), error: z.string().optional() }),
    dispatcher: z.object({
      running: z.boolean(),
      lastRoundAt: z.string().nullable(),
      lastError: z.string().nullable(),
      delivered: z.number(),
      failed: z.number(),
    }),
    jobs: z.object({ running: z.boolean(), current: z.object({ tenantCode: z.string(), id: z.string() }).nullable(), lastError: z.string().nullable(), runs: z.number() }),
  })
  .openapi('Health');

/** GET /healthz: 200 when the database answers and the dispatcher is healthy, 503 otherwise. */
export function healthRoutes(deps: { db: Database; dispatcher: Dispatcher; jobs: JobWorker }) {
  const router = createRouter();
  router.openapi(
    secureRoute({ access: { public: true }, zones: ALL_ZONES }, {
      method: 'get',
      path: '/healthz',
      tags: ['運用'],
      summary: '稼働状態（データベース・イベント配信・バッチ）',
      responses: {
        200: { description: '正常', content: { 'application/json': { schema: HealthSchema } } },
        503: { description: '一部異常', content: { 'application/json': { schema: HealthSchema } } },
      },
    }),
    async (c) => {
      const database: z.infer<typeof HealthSchema>['database'] = { engine: deps.db.engine, ok: true };
      const started = performance.now();
      try {
        await sql`SELECT 1`.execute(deps.db.kysely);
        database.latencyMs = Math.round(performance.now() - started);
      } catch (error) {
        database.ok = false;
        database.error = error instanceof Error ? error.message : String(error);
      }
      const d = deps.dispatcher.state;
      const dispatcher = { ...d, lastRoundAt: d.lastRoundAt?.toISOString() ?? null };
      const j = deps.jobs.state;
      const jobs = { running: j.running, current: j.current && { tenantCode: j.current.tenantCode, id: j.current.jobId }, lastError: j.lastError, runs: j.runs };
      const ok = database.ok && d.lastError === null && j.lastError === null;
      return c.json({ status: ok ? ('ok' as const) : ('degraded' as const), database, dispatcher, jobs }, ok ? 200 : 503);
    },
  );
  return router;
}
