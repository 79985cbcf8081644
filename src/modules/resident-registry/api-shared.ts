/**
 * What every route file of this module shares: the JSON body helper, the tag, the result schema of a
 * recording procedure and the caller taken from the signed-in principal. Route files are api-*.ts,
 * one per group of procedures; api.ts puts them on one router.
 */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/context.ts';
import { json, problemResponses } from '../../platform/http/openapi.ts';
export { json };
import { callerOf as platformCallerOf } from '../../platform/http/caller.ts';
import type { createRouter } from '../../platform/http/router.ts';
import type { ModuleContext } from '../../platform/module.ts';
import type { Caller } from './procedure.ts';

export type Router = ReturnType<typeof createRouter>;
/** A group of routes, one file each (api-*.ts): adds its routes to the module's router. */
export type RouteGroup = (router: Router, ctx: ModuleContext) => void;

export const tags = ['住民基本台帳'];
export const recordAccess = { access: { permission: 'resident-registry:record' } } as const;
export const readAccess = { access: { permission: 'resident-registry:read' } } as const;

const AlertSchema = z.object({ field: z.string(), rule: z.string(), message: z.string() });
export const ProcedureResultSchema = z
  .object({
    changeId: z.uuid(),
    lateNotification: z.boolean().openapi({ description: '届出期間経過（過料通知の対象）' }),
    exOfficio: z.boolean().optional().openapi({ description: '転出: 14日経過後の届出のため職権で記載した（j640）' }),
    alerts: z.array(AlertSchema).openapi({ description: '受理したアラート（j1440）' }),
    household: z.object({ householdId: z.uuid(), householdNo: z.string() }),
    residents: z.array(z.object({ residentId: z.uuid(), addresseeNo: z.string() })),
  })
  .openapi('ResidentChangeResult');

/** Responses of a recording procedure: 201 with the 異動, or a problem. */
export const recorded = { 201: { description: '記録した異動', ...json(ProcedureResultSchema) }, ...problemResponses(401, 403, 404, 409, 422) };

/** Staff act for their own 団体 only; a principal without one (the operator) has no business data here. */
export const callerOf = (c: Context<AppEnv>): Caller => platformCallerOf(c, '住民記録');
