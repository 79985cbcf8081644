/** Routes of 職権記載, 職権消除, 誤記修正 and 異動の取消し (record permission; 201 with the 異動). */
import { secureRoute } from '../../platform/http/access.ts';
import { callerOf, json, recordAccess, recorded, tags, type Router } from './api-shared.ts';
import { CancellationInputSchema, ClericalCorrectionInputSchema, ExOfficioEntryInputSchema, ExOfficioRemovalInputSchema } from './inputs-corrections.ts';
import { cancelChange, correctClericalError, exOfficioEntry, exOfficioRemoval } from './service.ts';
import type { ModuleContext } from '../../platform/module.ts';

export function correctionRoutes(router: Router, ctx: ModuleContext): void {
  router.openapi(
    secureRoute(recordAccess, {
      method: 'post', path: '/ex-officio-entry', operationId: 'residentRegistry.exOfficioEntry', tags, summary: '職権記載（住所設定・未届転入）',
      request: { body: { required: true, ...json(ExOfficioEntryInputSchema) } }, responses: recorded,
    }),
    async (c) => c.json(await exOfficioEntry(ctx, callerOf(c), c.req.valid('json')), 201),
  );
  router.openapi(
    secureRoute(recordAccess, {
      method: 'post', path: '/ex-officio-removal', operationId: 'residentRegistry.exOfficioRemoval', tags, summary: '職権消除',
      request: { body: { required: true, ...json(ExOfficioRemovalInputSchema) } }, responses: recorded,
    }),
    async (c) => c.json(await exOfficioRemoval(ctx, callerOf(c), c.req.valid('json')), 201),
  );
  router.openapi(
    secureRoute(recordAccess, {
      method: 'post', path: '/clerical-correction', operationId: 'residentRegistry.correctClericalError', tags, summary: '誤記修正（誤った履歴以降を置き換える）',
      request: { body: { required: true, ...json(ClericalCorrectionInputSchema) } }, responses: recorded,
    }),
    async (c) => c.json(await correctClericalError(ctx, callerOf(c), c.req.valid('json')), 201),
  );
  router.openapi(
    secureRoute(recordAccess, {
      method: 'post', path: '/cancellation', operationId: 'residentRegistry.cancelChange', tags, summary: '異動の取消し（増・減・修正、申出によるものを含む）',
      request: { body: { required: true, ...json(CancellationInputSchema) } }, responses: recorded,
    }),
    async (c) => c.json(await cancelChange(ctx, callerOf(c), c.req.valid('json')), 201),
  );
}
