/** Routes of the register's letters: 住民異動届受理通知 (j580), 住民票コード（変更）通知票 (j890), 転入通知未着照会書 (j710), as PDF. */
import { z } from '@hono/zod-openapi';
import { secureRoute } from '../../platform/http/access.ts';
import { problemResponses } from '../../platform/http/openapi.ts';
import { callerOf, json, tags, type RouteGroup } from './api-shared.ts';
import { textSchema, UuidSchema } from './fields.ts';
import { issueChangeNotice, issueMoveInNoticeInquiry, issueResidentCodeNotice } from './notices/issue.ts';

const issueAccess = { access: { permission: 'resident-registry:issue' } } as const;
const pdf = (description: string) => ({ 200: { description, content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } } }, ...problemResponses(401, 403, 404, 422) });
const asPdf = (bytes: Buffer, name: string) =>
  [new Uint8Array(bytes), 200, { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="${name}.pdf"`, 'cache-control': 'no-store' }] as const;

export const noticeRoutes: RouteGroup = (router, ctx) => {
  router.openapi(
    secureRoute(issueAccess, {
      method: 'post', path: '/notices/change-accepted', operationId: 'residentRegistry.issueChangeNotice', tags, summary: '住民異動届受理通知書（後日の発行も可）',
      request: { body: { required: true, ...json(z.object({ changeId: UuidSchema, notifierName: textSchema('届出人氏名', 100) })) } },
      responses: pdf('受理通知書（PDF）'),
    }),
    async (c) => c.body(...asPdf(await issueChangeNotice(ctx, callerOf(c), c.req.valid('json')), 'change-notice')),
  );
  router.openapi(
    secureRoute(issueAccess, {
      method: 'post', path: '/notices/resident-code', operationId: 'residentRegistry.issueResidentCodeNotice', tags, summary: '住民票コード（変更）通知票（再出力も可）',
      request: { body: { required: true, ...json(z.object({ changeId: UuidSchema })) } },
      responses: pdf('通知票（PDF）'),
    }),
    async (c) => c.body(...asPdf(await issueResidentCodeNotice(ctx, callerOf(c), c.req.valid('json')), 'resident-code-notice')),
  );
  router.openapi(
    secureRoute(issueAccess, {
      method: 'post', path: '/notices/move-in-notice-inquiry', operationId: 'residentRegistry.issueMoveInNoticeInquiry', tags, summary: '転入通知未着照会書（転出先への照会）',
      request: { body: { required: true, ...json(z.object({ residentId: UuidSchema })) } },
      responses: pdf('照会書（PDF）'),
    }),
    async (c) => c.body(...asPdf(await issueMoveInNoticeInquiry(ctx, callerOf(c), c.req.valid('json')), 'move-in-notice-inquiry')),
  );
};
