import { z } from '@hono/zod-openapi';
import type { Database } from '../db/database.ts';
import { secureRoute, type RouteSecurity } from '../http/access.ts';
import { problemResponses } from '../http/openapi.ts';
import { TenantParam } from '../http/params.ts';
import { createRouter } from '../http/router.ts';
import { validateTenantCode } from '../tenancy/tenant.ts';
import { analyseAuditLog, ANALYSIS_KINDS, DEFAULT_NIGHT, MAX_ANALYSIS_LIMIT } from './analyses.ts';
import { listAuditEntries, MAX_PAGE_SIZE } from './store.ts';
import { ACTOR_KINDS, AUDIT_CATEGORIES, AUDIT_OUTCOMES, AUDIT_ZONES, toJstIso, type AuditEntry } from './types.ts';
import { verifyAuditChain } from './verify.ts';

const AuditEntrySchema = z
  .object({
    seq: z.number().int(),
    id: z.string(),
    occurredAt: z.string().openapi({ description: 'UTC (ISO 8601)' }),
    occurredAtJst: z.string().openapi({ example: '2026-01-06T23:30:00.000+09:00' }),
    actorKind: z.enum(ACTOR_KINDS),
    actorId: z.string(),
    actorName: z.string().nullable(),
    terminal: z.string().nullable(),
    address: z.string().nullable(),
    zone: z.enum(AUDIT_ZONES).nullable(),
    module: z.string(),
    function: z.string(),
    category: z.enum(AUDIT_CATEGORIES),
    targets: z.array(z.object({ kind: z.string(), id: z.string() })),
    myNumberAccessed: z.boolean(),
    lookupByNumber: z.boolean(),
    searchCount: z.number().int().nullable(),
    outcome: z.enum(AUDIT_OUTCOMES),
    detail: z.record(z.string(), z.unknown()).nullable(),
    prevHash: z.string(),
    hash: z.string(),
    offHours: z.object({ night: z.boolean(), closedDay: z.boolean() }).optional(),
  })
  .openapi('AuditEntry');

const toJson = ({ tenantCode: _tenant, ...e }: AuditEntry & { offHours?: { night: boolean; closedDay: boolean } }) => ({
  ...e,
  occurredAt: e.occurredAt.toISOString(),
  occurredAtJst: toJstIso(e.occurredAt),
});

const DateQuery = (description: string) => z.iso.date().openapi({ description, example: '2026-01-01' });
const tenantOf = (code: string) => validateTenantCode(code).code;
const base = '/api/v1/tenants/{tenantCode}/audit-log';

/**
 * Every route here needs `audit:read` (監査ログの参照・分析) and the caller's own tenant, on the
 * individual-number zone where the audited business runs.
 */
const AUDIT_READ: RouteSecurity = { access: { permission: 'audit:read' } };

/** The audit log of a tenant: search, chain verification and the standard's analyses (標準仕様 10.2). */
export function auditRoutes(db: Database) {
  const router = createRouter();

  router.openapi(
    secureRoute(AUDIT_READ, {
      method: 'get',
      path: base,
      tags: ['監査ログ'],
      summary: '監査ログの検索（新しい順、seq によるページ送り）',
      request: {
        params: z.object({ tenantCode: TenantParam }),
        query: z.object({
          from: DateQuery('期間の開始日（日本時間、この日を含む）').optional(),
          to: DateQuery('期間の終了日（日本時間、この日を含む）').optional(),
          actor: z.string().min(1).optional().openapi({ description: '操作者ID' }),
          module: z.string().min(1).optional().openapi({ description: '業務（モジュールID）' }),
          function: z.string().min(1).optional().openapi({ description: '機能（例: identity.create-user, auth.sign-in）' }),
          category: z.enum(AUDIT_CATEGORIES).optional(),
          outcome: z.enum(AUDIT_OUTCOMES).optional(),
          target: z.string().min(1).max(200).optional().openapi({ description: '対象の内部ID（この記録に触れた操作）' }),
          before: z.coerce.number().int().min(1).optional().openapi({ description: '前のページの nextBefore' }),
          limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
        }),
      },
      responses: {
        200: {
          description: '一覧',
          content: { 'application/json': { schema: z.object({ items: z.array(AuditEntrySchema), nextBefore: z.number().int().nullable() }) } },
        },
        ...problemResponses(422),
      },
    }),
    async (c) => {
      const page = await listAuditEntries(db, tenantOf(c.req.valid('param').tenantCode), c.req.valid('query'));
      return c.json({ items: page.items.map(toJson), nextBefore: page.nextBefore }, 200);
    },
  );

  router.openapi(
    secureRoute(AUDIT_READ, {
      method: 'get',
      path: `${base}/verify`,
      tags: ['監査ログ'],
      summary: 'ハッシュ連鎖の検証（改ざん・削除があれば最初の記録を示す）',
      request: { params: z.object({ tenantCode: TenantParam }) },
      responses: {
        200: {
          description: '検証結果（改ざんの有無にかかわらず 200）',
          content: {
            'application/json': {
              schema: z
                .object({ ok: z.boolean(), entries: z.number().int(), firstBroken: z.object({ seq: z.number().int(), reason: z.string() }).optional() })
                .openapi('AuditVerification'),
            },
          },
        },
        ...problemResponses(422),
      },
    }),
    async (c) => c.json(await verifyAuditChain(db, tenantOf(c.req.valid('param').tenantCode)), 200),
  );

  router.openapi(
    secureRoute(AUDIT_READ, {
      method: 'get',
      path: `${base}/analyses/{kind}`,
      tags: ['監査ログ'],
      summary: 'ログの分析（深夜・休業日、ログイン失敗、ID別ログイン数、大量検索、番号による検索）',
      request: {
        params: z.object({ tenantCode: TenantParam, kind: z.enum(ANALYSIS_KINDS).openapi({ param: { name: 'kind', in: 'path' } }) }),
        query: z.object({
          from: DateQuery('期間の開始日（日本時間、この日を含む）'),
          to: DateQuery('期間の終了日（日本時間、この日を含む）'),
          limit: z.coerce.number().int().min(1).max(MAX_ANALYSIS_LIMIT).optional(),
          threshold: z.coerce.number().int().min(1).optional().openapi({ description: 'mass-searches: 大量検索とみなす件数（既定 100）' }),
          nightFrom: z.string().optional().openapi({ description: 'night-holiday: 深夜の開始（既定 22:00）', example: '22:00' }),
          nightUntil: z.string().optional().openapi({ description: 'night-holiday: 深夜の終了（この時刻を含まない、既定 06:00）', example: '06:00' }),
        }),
      },
      responses: {
        200: {
          description: '分析結果',
          content: {
            'application/json': {
              schema: z
                .object({
                  kind: z.enum(ANALYSIS_KINDS),
                  title: z.string(),
                  from: z.string(),
                  to: z.string(),
                  total: z.number().int(),
                  truncated: z.boolean(),
                  perActor: z.array(
                    z.object({ actorKind: z.enum(ACTOR_KINDS), actorId: z.string(), count: z.number().int(), firstAt: z.string(), lastAt: z.string() }),
                  ),
                  entries: z.array(AuditEntrySchema),
                })
                .openapi('AuditAnalysis'),
            },
          },
        },
        ...problemResponses(422),
      },
    }),
    async (c) => {
      const { tenantCode, kind } = c.req.valid('param');
      const { nightFrom, nightUntil, ...query } = c.req.valid('query');
      const night = nightFrom || nightUntil ? { from: nightFrom ?? DEFAULT_NIGHT.from, until: nightUntil ?? DEFAULT_NIGHT.until } : undefined;
      const result = await analyseAuditLog(db, tenantOf(tenantCode), kind, { ...query, ...(night ? { night } : {}) });
      return c.json(
        {
          ...result,
          perActor: result.perActor.map((a) => ({ ...a, firstAt: a.firstAt.toISOString(), lastAt: a.lastAt.toISOString() })),
          entries: result.entries.map(toJson),
        },
        200,
      );
    },
  );
  return router;
}
