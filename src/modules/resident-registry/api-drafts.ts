/** Routes of 仮登録・本登録 (j530): enter, list, look at, approve (one or many) and withdraw drafts. */
import { z } from '@hono/zod-openapi';
import { AppError } from '../../platform/errors.ts';
import { secureRoute } from '../../platform/http/access.ts';
import { problemResponses } from '../../platform/http/openapi.ts';
import { callerOf, json, readAccess, recordAccess, tags, type RouteGroup } from './api-shared.ts';
import { approveDraft, checkProcedure, draftConfirmation, enterDraft, getDraft, listDrafts, withdrawDraft } from './drafts.ts';

const approveAccess = { access: { permission: 'resident-registry:approve' } } as const;
const AlertSchema = z.object({ field: z.string(), rule: z.string(), message: z.string() });
const DraftSummarySchema = z
  .object({
    draftId: z.uuid(), procedure: z.string(), status: z.enum(['pending', 'approved', 'withdrawn']), effectiveDate: z.string().nullable(),
    residentIds: z.array(z.string()), householdIds: z.array(z.string()), enteredBy: z.uuid(), enteredLocation: z.string().nullable(),
    enteredAt: z.string(), changeId: z.uuid().nullable(), version: z.int(),
  })
  .openapi('ResidentChangeDraft');
const DraftInputSchema = z
  .object({ procedure: z.string().max(60).openapi({ example: 'moveIn' }), input: z.unknown().openapi({ description: 'その手続の入力（POST /move-in 等の本文）' }) })
  .openapi('DraftInput');
const DraftId = z.uuid().openapi({ param: { name: 'draftId', in: 'path' } });
const Version = z.object({ version: z.int().min(1).openapi({ description: '画面表示時の仮登録のバージョン' }) });
/** The most drafts one 一括本登録 takes (j530: 全部本登録については件数に上限を掛けることができる). */
const MAX_BULK = 100;

export const draftRoutes: RouteGroup = (router, ctx) => {
  router.openapi(
    secureRoute(recordAccess, {
      method: 'post', path: '/drafts', operationId: 'residentRegistry.enterDraft', tags, summary: '仮登録（異動入力を審査・決裁待ちとして保存）',
      request: { body: { required: true, ...json(DraftInputSchema) } },
      responses: { 201: { description: '仮登録した', ...json(z.object({ draftId: z.uuid(), alerts: z.array(AlertSchema) })) }, ...problemResponses(401, 403, 404, 409, 422) },
    }),
    async (c) => c.json(await enterDraft(ctx, callerOf(c), c.req.valid('json') as { procedure: string; input: unknown }), 201),
  );
  router.openapi(
    secureRoute(recordAccess, {
      method: 'post', path: '/checks', operationId: 'residentRegistry.checkProcedure', tags, summary: '入力内容の審査（登録せずに全ての検査を行う。確認画面用）',
      request: { body: { required: true, ...json(DraftInputSchema) } },
      responses: { 200: { description: '登録できる（受理が必要なアラートを含む）', ...json(z.object({ alerts: z.array(AlertSchema), lateNotification: z.boolean() })) }, ...problemResponses(401, 403, 404, 409, 422) },
    }),
    async (c) => c.json(await checkProcedure(ctx, callerOf(c), c.req.valid('json') as { procedure: string; input: unknown }), 200),
  );
  router.openapi(
    secureRoute(readAccess, {
      method: 'get', path: '/drafts', operationId: 'residentRegistry.listDrafts', tags, summary: '仮登録一覧',
      request: { query: z.object({
        status: z.enum(['pending', 'approved', 'withdrawn']).default('pending'), enteredLocation: z.string().max(100).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100), offset: z.coerce.number().int().min(0).default(0),
      }) },
      responses: { 200: { description: '入力順', ...json(z.object({ items: z.array(DraftSummarySchema) })) }, ...problemResponses(401, 403, 422) },
    }),
    async (c) => c.json(await listDrafts(ctx, callerOf(c), c.req.valid('query')), 200),
  );
  router.openapi(
    secureRoute(readAccess, {
      method: 'get', path: '/drafts/{draftId}', operationId: 'residentRegistry.getDraft', tags, summary: '仮登録の内容（確認用、個人番号はマスク）',
      request: { params: z.object({ draftId: DraftId }) },
      responses: { 200: { description: '仮登録', ...json(DraftSummarySchema.extend({ input: z.unknown() })) }, ...problemResponses(401, 403, 404) },
    }),
    async (c) => c.json(await getDraft(ctx, callerOf(c), c.req.valid('param').draftId), 200),
  );
  router.openapi(
    secureRoute(readAccess, {
      method: 'get', path: '/drafts/{draftId}/confirmation', operationId: 'residentRegistry.draftConfirmation', tags, summary: '確認用帳票（仮登録の入力内容、PDF）',
      request: { params: z.object({ draftId: DraftId }) },
      responses: { 200: { description: '確認用帳票', content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } } }, ...problemResponses(401, 403, 404) },
    }),
    async (c) => c.body(new Uint8Array(await draftConfirmation(ctx, callerOf(c), c.req.valid('param').draftId)), 200, {
      'content-type': 'application/pdf', 'content-disposition': 'inline; filename="draft-confirmation.pdf"', 'cache-control': 'no-store',
    }),
  );
  router.openapi(
    secureRoute(approveAccess, {
      method: 'post', path: '/drafts/{draftId}/approve', operationId: 'residentRegistry.approveDraft', tags, summary: '本登録（決裁）',
      request: { params: z.object({ draftId: DraftId }), body: { required: true, ...json(Version) } },
      responses: { 201: { description: '本登録した異動', ...json(z.object({ draftId: z.uuid(), changeId: z.uuid(), alerts: z.array(AlertSchema) })) }, ...problemResponses(401, 403, 404, 409, 422) },
    }),
    async (c) => c.json(await approveDraft(ctx, callerOf(c), c.req.valid('param').draftId, c.req.valid('json').version), 201),
  );
  router.openapi(
    secureRoute(approveAccess, {
      method: 'post', path: '/drafts/approvals', operationId: 'residentRegistry.approveDrafts', tags, summary: `一括本登録（選択した仮登録、最大${MAX_BULK}件、1件ずつ決裁）`,
      request: { body: { required: true, ...json(z.object({ drafts: z.array(z.object({ draftId: z.uuid() }).extend(Version.shape)).min(1).max(MAX_BULK) })) } },
      responses: { 200: { description: '1件ごとの結果', ...json(z.object({ results: z.array(z.object({
        draftId: z.uuid(), approved: z.boolean(), changeId: z.uuid().optional(), problem: z.object({ type: z.string(), detail: z.string() }).optional(),
      })) })) }, ...problemResponses(401, 403, 422) },
    }),
    async (c) => {
      const caller = callerOf(c);
      const results = [];
      // One by one: a refused draft stays pending and does not hold the others back.
      for (const { draftId, version } of c.req.valid('json').drafts) {
        try {
          results.push({ draftId, approved: true, changeId: (await approveDraft(ctx, caller, draftId, version)).changeId });
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          results.push({ draftId, approved: false, problem: { type: `urn:yakuba:problem:${e.code}`, detail: e.detail } });
        }
      }
      return c.json({ results }, 200);
    },
  );
  router.openapi(
    secureRoute(recordAccess, {
      method: 'post', path: '/drafts/{draftId}/withdraw', operationId: 'residentRegistry.withdrawDraft', tags, summary: '仮登録の取下げ（修正は取下げて入力し直す）',
      request: { params: z.object({ draftId: DraftId }), body: { required: true, ...json(Version) } },
      responses: { 200: { description: '取り下げた仮登録', ...json(DraftSummarySchema) }, ...problemResponses(401, 403, 404, 409, 422) },
    }),
    async (c) => c.json(await withdrawDraft(ctx, callerOf(c), c.req.valid('param').draftId, c.req.valid('json').version), 200),
  );
};
