/**
 * Routes of the 支援措置 (3.4 j440, 3.1 j410, 2.2.4 j380, 9.2 j1290). 登録・延長・終了 and the 支援措置
 * database need resident-registry:protection (支援措置責任者); a 一時解除 needs its own permission
 * resident-registry:protection-release, as j410 asks (抑止・解除、又は一時解除できる権限は個別に設定).
 */
import { z } from '@hono/zod-openapi';
import { secureRoute } from '../../platform/http/access.ts';
import { problemResponses } from '../../platform/http/openapi.ts';
import type { ModuleContext } from '../../platform/module.ts';
import { callerOf, json, tags, type Router } from './api-shared.ts';
import { IsoDateSchema } from './fields.ts';
import { EndProtectionInputSchema, ExtendProtectionInputSchema, RegisterProtectionInputSchema, ReleaseProtectionInputSchema } from './protection-inputs.ts';
import { endProtection, extendProtection, getProtection, listProtections, registerProtection, releaseProtection } from './protection-procedures.ts';

const protectionAccess = { access: { permission: 'resident-registry:protection' } } as const;
const releaseAccess = { access: { permission: 'resident-registry:protection-release' } } as const;

const AlertSchema = z.object({ field: z.string(), rule: z.string(), message: z.string() });
const Level = z.enum(['error', 'alert']).nullable();
export const ProtectionResultSchema = z
  .object({
    protectionId: z.uuid(), residentId: z.uuid(), addresseeNo: z.string(), kind: z.enum(['support', 'provisional']),
    startsOn: z.string(), endsOn: z.string(), endedOn: z.string().nullable(), version: z.int(),
    alerts: z.array(AlertSchema).openapi({ description: '期間終了の1か月前・期間経過のアラート（j440）' }),
  })
  .openapi('ProtectionResult');
const ProtectionDetailSchema = ProtectionResultSchema.extend({
  role: z.enum(['applicant', 'accompanying']), applicantResidentId: z.uuid().nullable(), relationToApplicant: z.string().nullable(),
  requestedOn: z.string(), endReason: z.string().nullable(),
  restrictions: z.object({ inquiry: Level, issue: Level, change: Level }),
  offender: z.object({ name: z.string().nullable(), addresseeNo: z.string().nullable(), birthDate: z.string().nullable(), sex: z.string().nullable(), address: z.string().nullable(), note: z.string().nullable() }),
  contact: z.string().nullable(), remark: z.string().nullable(),
}).openapi('ProtectionDetail');
/** A person's active 支援措置 as 照会 shows it (j380): kind, period, アラート; details need :protection. */
export const ProtectionNoticeSchema = z
  .object({ protectionId: z.uuid(), residentId: z.uuid(), kind: z.enum(['support', 'provisional']), startsOn: z.string(), endsOn: z.string(), alerts: z.array(AlertSchema) })
  .openapi('ProtectionNotice');
/** How a search hit under 支援措置 is shown: flagged, and masked under 照会抑止 (j410). */
export const SearchProtectionSchema = z
  .object({ kind: z.enum(['support', 'provisional']), masked: z.boolean().openapi({ description: '住所・世帯番号を表示しない（照会抑止）' }) })
  .openapi('SearchProtection');
const ProtectionId = z.uuid().openapi({ param: { name: 'protectionId', in: 'path' }, description: '支援措置のID' });
const created = { 201: { description: '登録した支援措置', ...json(ProtectionResultSchema) }, ...problemResponses(401, 403, 404, 409, 422) };
const changed = { 200: { description: '延長・終了した支援措置', ...json(ProtectionResultSchema) }, ...problemResponses(401, 403, 404, 409, 422) };

/** 支援措置の登録・延長・終了・一時解除・照会・一覧. */
export function protectionRoutes(router: Router, ctx: ModuleContext): void {
  router.openapi(
    secureRoute(protectionAccess, {
      method: 'post', path: '/protections', operationId: 'residentRegistry.registerProtection', tags, summary: '支援措置・仮支援措置の登録（申出の受付）',
      request: { body: { required: true, ...json(RegisterProtectionInputSchema) } }, responses: created,
    }),
    async (c) => c.json(await registerProtection(ctx, callerOf(c), c.req.valid('json')), 201),
  );
  router.openapi(
    secureRoute(protectionAccess, {
      method: 'post', path: '/protections/{protectionId}/extension', operationId: 'residentRegistry.extendProtection', tags, summary: '支援措置期間の延長',
      request: { params: z.object({ protectionId: ProtectionId }), body: { required: true, ...json(ExtendProtectionInputSchema) } }, responses: changed,
    }),
    async (c) => c.json(await extendProtection(ctx, callerOf(c), c.req.valid('param').protectionId, c.req.valid('json')), 200),
  );
  router.openapi(
    secureRoute(protectionAccess, {
      method: 'post', path: '/protections/{protectionId}/end', operationId: 'residentRegistry.endProtection', tags, summary: '支援措置の終了',
      request: { params: z.object({ protectionId: ProtectionId }), body: { required: true, ...json(EndProtectionInputSchema) } }, responses: changed,
    }),
    async (c) => c.json(await endProtection(ctx, callerOf(c), c.req.valid('param').protectionId, c.req.valid('json')), 200),
  );
  router.openapi(
    secureRoute(releaseAccess, {
      method: 'post', path: '/protections/{protectionId}/releases', operationId: 'residentRegistry.releaseProtection', tags, summary: '抑止の一時解除（時間経過で自動的に抑止状態に戻る）',
      request: { params: z.object({ protectionId: ProtectionId }), body: { required: true, ...json(ReleaseProtectionInputSchema) } },
      responses: {
        201: { description: '一時解除', ...json(z.object({ releaseId: z.uuid(), protectionId: z.uuid(), process: z.string(), grantedTo: z.string(), expiresAt: z.string() })) },
        ...problemResponses(401, 403, 404, 422),
      },
    }),
    async (c) => c.json(await releaseProtection(ctx, callerOf(c), c.req.valid('param').protectionId, c.req.valid('json')), 201),
  );
  router.openapi(
    secureRoute(protectionAccess, {
      method: 'get', path: '/protections/{protectionId}', operationId: 'residentRegistry.getProtection', tags, summary: '支援対象者照会（支援措置のデータベース）',
      request: { params: z.object({ protectionId: ProtectionId }) },
      responses: { 200: { description: '支援措置', ...json(ProtectionDetailSchema) }, ...problemResponses(401, 403, 404) },
    }),
    async (c) => c.json(await getProtection(ctx, callerOf(c), c.req.valid('param').protectionId), 200),
  );
  router.openapi(
    secureRoute(protectionAccess, {
      method: 'get', path: '/protections', operationId: 'residentRegistry.listProtections', tags, summary: '抑止対象者一覧',
      request: {
        query: z.object({
          includeEnded: z.enum(['true', 'false']).default('false').transform((v) => v === 'true').openapi({ description: '終了した支援措置も含める' }),
          endingBy: IsoDateSchema.optional().openapi({ description: 'この日までに期間が終了するもの' }),
          limit: z.coerce.number().int().min(1).max(500).default(100),
          offset: z.coerce.number().int().min(0).default(0),
        }),
      },
      responses: {
        200: { description: '抑止対象者', ...json(z.object({ items: z.array(ProtectionDetailSchema.extend({ name: z.string().nullable() })), total: z.int(), limit: z.int(), offset: z.int() })) },
        ...problemResponses(401, 403, 422),
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(await listProtections(ctx, callerOf(c), { includeEnded: q.includeEnded, endingBy: q.endingBy }, { limit: q.limit, offset: q.offset }), 200);
    },
  );
}
