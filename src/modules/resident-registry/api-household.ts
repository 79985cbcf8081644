/**
 * 世帯変更 (4.1.4) and 世帯員の並び替え (5.2): one route, the kind in the body (`kind`), because the
 * five share their header, their lock, their result and their event; the request schema is a
 * discriminated union, so OpenAPI shows each kind's own fields.
 */
import { z } from '@hono/zod-openapi';
import { secureRoute } from '../../platform/http/access.ts';
import { problemResponses } from '../../platform/http/openapi.ts';
import type { ModuleContext } from '../../platform/module.ts';
import { callerOf, json, ProcedureResultSchema, recordAccess, tags, type Router } from './api-shared.ts';
import { HouseholdChangeInputSchema } from './inputs.ts';
import { changeHousehold } from './service.ts';

const HouseholdChangeResultSchema = ProcedureResultSchema.extend({
  kind: z.enum(['separation', 'merger', 'change', 'head_change', 'reorder']),
  households: z.array(z.object({
    householdId: z.uuid(),
    householdNo: z.string(),
    role: z.enum(['source', 'target', 'new']).openapi({ description: '異動元（指定した世帯）・異動先・分離で新しくできた世帯' }),
    status: z.enum(['active', 'dissolved']),
    headResidentId: z.uuid().nullable().openapi({ description: '世帯主（未設定は null）' }),
  })).openapi({ description: '異動した世帯（異動後）' }),
}).openapi('HouseholdChangeResult');

export function householdRoutes(router: Router, ctx: ModuleContext): void {
  router.openapi(
    secureRoute(recordAccess, {
      method: 'post', path: '/household-change', operationId: 'residentRegistry.changeHousehold', tags,
      summary: '世帯変更（世帯分離・世帯合併・世帯変更・世帯主変更）と世帯員の並び替え',
      request: { body: { required: true, ...json(HouseholdChangeInputSchema) } },
      responses: { 201: { description: '記録した異動', ...json(HouseholdChangeResultSchema) }, ...problemResponses(401, 403, 404, 409, 422) },
    }),
    async (c) => c.json(await changeHousehold(ctx, callerOf(c), c.req.valid('json')), 201),
  );
}
