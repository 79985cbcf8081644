import { z } from '@hono/zod-openapi';
import { secureRoute } from '../http/access.ts';
import type { Database } from '../db/database.ts';
import { problemResponses } from '../http/openapi.ts';
import { TenantParam } from '../http/params.ts';
import { auditRequestIn } from '../http/audit-request.ts';
import { createRouter } from '../http/router.ts';
import { validateTenantCode } from '../tenancy/tenant.ts';
import { listDeadLetters, replayDeadLetter } from './dead-letters.ts';

const DeadLetterSchema = z
  .object({
    subscriber: z.string(),
    eventId: z.string(),
    type: z.string(),
    aggregateId: z.string(),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    occurredAt: z.string(),
  })
  .openapi('DeadLetter');

/** The operator's view of event deliveries that exhausted their retries, and their replay. */
export function deadLetterRoutes(db: Database) {
  const router = createRouter();
  router.openapi(
    secureRoute({ access: { permission: 'events:operate' } }, {
      method: 'get',
      path: '/api/v1/tenants/{tenantCode}/dead-letters',
      tags: ['運用'],
      summary: '配信不能イベント（デッドレター）の一覧',
      request: { params: z.object({ tenantCode: TenantParam }) },
      responses: {
        200: { description: '一覧', content: { 'application/json': { schema: z.object({ items: z.array(DeadLetterSchema) }) } } },
        ...problemResponses(422),
      },
    }),
    async (c) => {
      const { code } = validateTenantCode(c.req.valid('param').tenantCode);
      const items = (await listDeadLetters(db, code)).map((d) => ({ ...d, occurredAt: d.occurredAt.toISOString() }));
      return c.json({ items }, 200);
    },
  );
  router.openapi(
    secureRoute({ access: { permission: 'events:operate' } }, {
      method: 'post',
      path: '/api/v1/tenants/{tenantCode}/dead-letters/{subscriber}/{eventId}/replay',
      tags: ['運用'],
      summary: '配信不能イベントの再配信',
      request: {
        params: z.object({
          tenantCode: TenantParam,
          subscriber: z.string().min(1).openapi({ param: { name: 'subscriber', in: 'path' } }),
          eventId: z.uuid().openapi({ param: { name: 'eventId', in: 'path' } }),
        }),
      },
      responses: { 204: { description: '再配信の予約を受け付けた' }, ...problemResponses(404, 422) },
    }),
    async (c) => {
      const { tenantCode, subscriber, eventId } = c.req.valid('param');
      const code = validateTenantCode(tenantCode).code;
      await replayDeadLetter(db, code, subscriber, eventId, (trx) =>
        auditRequestIn(trx, c, { module: 'events', function: 'events.replay', category: 'setting', targets: [{ kind: 'event', id: eventId }] }));
      return c.body(null, 204);
    },
  );
  return router;
}
