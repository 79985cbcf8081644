import { z } from '@hono/zod-openapi';
import { secureRoute } from '../http/access.ts';
import type { Database } from '../db/database.ts';
import { problemResponses } from '../http/openapi.ts';
import { TenantParam } from '../http/params.ts';
import { auditRequestIn } from '../http/audit-request.ts';
import { createRouter } from '../http/router.ts';
import { validateTenantCode } from '../tenancy/tenant.ts';
import { cancelJob } from './cancel.ts';
import { requeueJob } from './requeue.ts';
import { getJob, listJobs, type Job } from './store.ts';
import { submitJob } from './submit.ts';
import { jobDefinitions, type JobCatalog, type JobStatus } from './types.ts';
import type { Context } from 'hono';
import type { AppEnv } from '../http/context.ts';
import { AppError } from '../errors.ts';

const STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const satisfies readonly JobStatus[];

const JobSchema = z
  .object({
    id: z.string(),
    tenantCode: z.string(),
    type: z.string(),
    title: z.string(),
    params: z.unknown(),
    status: z.enum(STATUSES),
    total: z.number().int(),
    done: z.number().int(),
    cancelRequested: z.boolean(),
    error: z.string().nullable(),
    runs: z.number().int(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    progress: z.object({
      done: z.number(),
      total: z.number(),
      percent: z.number(),
      ratePerSecond: z.number().nullable(),
      etaSeconds: z.number().nullable(),
      elapsedSeconds: z.number(),
    }),
  })
  .openapi('Job');

const toJson = (j: Job) => ({
  id: j.id,
  tenantCode: j.tenantCode,
  type: j.type,
  title: j.title,
  params: j.params,
  status: j.status,
  total: j.total,
  done: j.done,
  cancelRequested: j.cancelRequested,
  error: j.error,
  runs: j.runs,
  createdAt: j.createdAt.toISOString(),
  startedAt: j.startedAt?.toISOString() ?? null,
  finishedAt: j.finishedAt?.toISOString() ?? null,
  progress: j.progress,
});

const jobJson = { content: { 'application/json': { schema: JobSchema } } };
const JobParams = z.object({ tenantCode: TenantParam, jobId: z.string().openapi({ param: { name: 'jobId', in: 'path' } }) });
const base = '/api/v1/tenants/{tenantCode}/jobs';

/** Batch jobs of a tenant: submit, watch progress (done, total, rate, ETA), cancel, resume. */
export function jobRoutes(db: Database, catalog: JobCatalog) {
  const router = createRouter();
  const tenant = (code: string) => validateTenantCode(code).code;
  /** 403 when the job type asks for a permission of its business that the caller lacks (types.ts `permission`). */
  const requirePermissionOf = async (c: Context<AppEnv>, type: string): Promise<void> => {
    const definition = jobDefinitions(catalog).get(type);
    const principal = c.get('principal');
    if (!definition?.permission || !principal || principal.permissions.has(definition.permission)) return;
    await c.get('recordDenied')(principal, 'forbidden');
    throw new AppError('forbidden', 403, '権限がありません', `このジョブ（${definition.title}）には権限 ${definition.permission} も必要です`);
  };

  router.openapi(
    secureRoute({ access: { permission: 'jobs:read' } }, {
      method: 'get',
      path: base,
      tags: ['バッチ'],
      summary: 'ジョブの一覧（新しい順）',
      request: {
        params: z.object({ tenantCode: TenantParam }),
        query: z.object({ status: z.enum(STATUSES).optional(), type: z.string().optional(), limit: z.coerce.number().int().min(1).max(1000).optional() }),
      },
      responses: { 200: { description: '一覧', content: { 'application/json': { schema: z.object({ items: z.array(JobSchema) }) } } }, ...problemResponses(422) },
    }),
    async (c) => {
      const items = await listJobs(db, tenant(c.req.valid('param').tenantCode), c.req.valid('query'));
      return c.json({ items: items.map(toJson) }, 200);
    },
  );

  router.openapi(
    secureRoute({ access: { permission: 'jobs:run' } }, {
      method: 'post',
      path: base,
      tags: ['バッチ'],
      summary: 'ジョブの投入（検証してから待ち行列に入れる）',
      request: {
        params: z.object({ tenantCode: TenantParam }),
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z.object({ type: z.string().min(1).max(100), params: z.unknown().optional(), chunkSize: z.number().int().optional() }).openapi('SubmitJob'),
            },
          },
        },
      },
      responses: { 202: { description: '受け付けたジョブ', ...jobJson }, ...problemResponses(409, 422) },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const code = tenant(c.req.valid('param').tenantCode);
      await requirePermissionOf(c, body.type);
      const job = await submitJob(db, catalog, code, body.type, body.params, {
        chunkSize: body.chunkSize,
        audit: (trx, queued) => auditRequestIn(trx, c, { module: 'jobs', function: 'jobs.submit', category: 'batch-update', targets: [{ kind: 'job', id: queued.id }] }),
      });
      return c.json(toJson(job), 202);
    },
  );

  router.openapi(
    secureRoute({ access: { permission: 'jobs:read' } }, {
      method: 'get',
      path: `${base}/{jobId}`,
      tags: ['バッチ'],
      summary: 'ジョブの状態と進捗',
      request: { params: JobParams },
      responses: { 200: { description: 'ジョブ', ...jobJson }, ...problemResponses(404, 422) },
    }),
    async (c) => {
      const { tenantCode, jobId } = c.req.valid('param');
      return c.json(toJson(await getJob(db, tenant(tenantCode), jobId)), 200);
    },
  );

  for (const [action, summary, fn] of [
    ['cancel', 'ジョブの取消し（実行中なら次のチャンクの区切りで止まる）', cancelJob],
    ['resume', '失敗・中断したジョブの再開（最後のチェックポイントから）', requeueJob],
  ] as const) {
    router.openapi(
      secureRoute({ access: { permission: 'jobs:run' } }, {
        method: 'post',
        path: `${base}/{jobId}/${action}`,
        tags: ['バッチ'],
        summary,
        request: { params: JobParams },
        responses: { 200: { description: 'ジョブ', ...jobJson }, ...problemResponses(404, 409, 422) },
      }),
      async (c) => {
        const { tenantCode, jobId } = c.req.valid('param');
        await requirePermissionOf(c, (await getJob(db, tenant(tenantCode), jobId)).type);
        const job = await fn(db, tenant(tenantCode), jobId, {
          audit: (trx, changed) => auditRequestIn(trx, c, { module: 'jobs', function: `jobs.${action}`, category: 'batch-update', targets: [{ kind: 'job', id: changed.id }] }),
        });
        return c.json(toJson(job), 200);
      },
    );
  }
  return router;
}
