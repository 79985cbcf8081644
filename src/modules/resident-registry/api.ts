import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { AppError } from '../../platform/errors.ts';
import { secureRoute } from '../../platform/http/access.ts';
import type { AppEnv } from '../../platform/http/context.ts';
import { problemResponses } from '../../platform/http/openapi.ts';
import { createRouter } from '../../platform/http/router.ts';
import { clientAddress } from '../../platform/http/audit-request.ts';
import type { ModuleContext } from '../../platform/module.ts';
import { IsoDateSchema } from './fields.ts';
import { BirthInputSchema, DeathInputSchema, MoveInInputSchema, MoveOutInputSchema, MoveWithinInputSchema } from './inputs.ts';
import { HouseholdSchema, PersonSnapshotSchema } from './model.ts';
import { birth, death, getHousehold, getPerson, moveIn, moveOut, moveWithin, personAsOf, searchResidents, type Caller } from './service.ts';

const json = <S extends z.ZodType>(schema: S) => ({ content: { 'application/json': { schema } } });
const tags = ['住民基本台帳'];

const AlertSchema = z.object({ field: z.string(), rule: z.string(), message: z.string() });
const ProcedureResultSchema = z
  .object({
    changeId: z.uuid(),
    lateNotification: z.boolean().openapi({ description: '届出期間経過（過料通知の対象）' }),
    exOfficio: z.boolean().optional().openapi({ description: '転出: 14日経過後の届出のため職権で記載した（j640）' }),
    alerts: z.array(AlertSchema).openapi({ description: '受理したアラート（j1440）' }),
    household: z.object({ householdId: z.uuid(), householdNo: z.string() }),
    residents: z.array(z.object({ residentId: z.uuid(), addresseeNo: z.string() })),
  })
  .openapi('ResidentChangeResult');
const PersonViewSchema = z
  .object({
    person: PersonSnapshotSchema,
    myNumber: z.string().nullable().openapi({ description: '個人番号（権限のない利用者にはマスク）' }),
    version: z.int(),
  })
  .openapi('PersonView');
const SearchHitSchema = z.object({
  residentId: z.uuid(), addresseeNo: z.string(), name: z.string().nullable(), nameKana: z.string().nullable(), birthDate: z.string(),
  sex: z.string(), address: z.string(), status: z.string(), householdNo: z.string(),
});
const AddresseeNo = z.string().openapi({ param: { name: 'addresseeNo', in: 'path' }, description: '宛名番号', example: '0000000019' });
const HouseholdNo = z.string().openapi({ param: { name: 'householdNo', in: 'path' }, description: '世帯番号', example: '0000000019' });
const SearchQuery = z
  .object({
    kanaPrefix: z.string().max(100).optional().openapi({ description: 'フリガナの前方一致（あいまい検索）' }),
    name: z.string().max(100).optional().openapi({ description: '氏名の前方一致' }),
    birthDate: IsoDateSchema.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .refine((q) => [q.kanaPrefix, q.name, q.birthDate].filter((v) => v !== undefined).length === 1, {
    path: ['kanaPrefix'],
    error: 'フリガナ・氏名・生年月日のいずれか1つで検索してください',
    params: { rule: 'one-criterion' },
  });

/** Staff act for their own 団体 only; a principal without one (the operator) has no business data here. */
function callerOf(c: Context<AppEnv>): Caller {
  const p = c.get('principal');
  if (!p.tenantCode) throw new AppError('forbidden-tenant', 403, '権限がありません', '住民記録は団体の職員だけが扱えます');
  return { tenantCode: p.tenantCode, actor: { kind: p.kind, id: p.id, name: p.name }, permissions: p.permissions, zone: c.env?.zone ?? null, address: clientAddress(c) };
}

export function residentRegistryRoutes(ctx: ModuleContext) {
  const router = createRouter();
  const record = { access: { permission: 'resident-registry:record' } } as const;
  const read = { access: { permission: 'resident-registry:read' } } as const;
  const recorded = { 201: { description: '記録した異動', ...json(ProcedureResultSchema) }, ...problemResponses(401, 403, 404, 409, 422) };

  router.openapi(
    secureRoute(record, {
      method: 'post', path: '/move-in', operationId: 'residentRegistry.moveIn', tags, summary: '転入（国内・特例・国外から・法第30条の46）',
      request: { body: { required: true, ...json(MoveInInputSchema) } }, responses: recorded,
    }),
    async (c) => c.json(await moveIn(ctx, callerOf(c), c.req.valid('json')), 201),
  );
  router.openapi(
    secureRoute(record, {
      method: 'post', path: '/move-within', operationId: 'residentRegistry.moveWithin', tags, summary: '転居（世帯全部・一部）',
      request: { body: { required: true, ...json(MoveWithinInputSchema) } }, responses: recorded,
    }),
    async (c) => c.json(await moveWithin(ctx, callerOf(c), c.req.valid('json')), 201),
  );
  router.openapi(
    secureRoute(record, {
      method: 'post', path: '/move-out', operationId: 'residentRegistry.moveOut', tags, summary: '転出（国内・国外、転出予定日で記録）',
      request: { body: { required: true, ...json(MoveOutInputSchema) } }, responses: recorded,
    }),
    async (c) => c.json(await moveOut(ctx, callerOf(c), c.req.valid('json')), 201),
  );
  router.openapi(
    secureRoute(record, {
      method: 'post', path: '/birth', operationId: 'residentRegistry.birth', tags, summary: '出生（戸籍届出・通知による職権記載）',
      request: { body: { required: true, ...json(BirthInputSchema) } }, responses: recorded,
    }),
    async (c) => c.json(await birth(ctx, callerOf(c), c.req.valid('json')), 201),
  );
  router.openapi(
    secureRoute(record, {
      method: 'post', path: '/death', operationId: 'residentRegistry.death', tags, summary: '死亡・失踪宣告（職権消除）',
      request: { body: { required: true, ...json(DeathInputSchema) } }, responses: recorded,
    }),
    async (c) => c.json(await death(ctx, callerOf(c), c.req.valid('json')), 201),
  );
  router.openapi(
    secureRoute(read, {
      method: 'get', path: '/persons/{addresseeNo}', operationId: 'residentRegistry.getPerson', tags, summary: '個人の照会（現在の記録）',
      request: { params: z.object({ addresseeNo: AddresseeNo }) },
      responses: { 200: { description: '現在の記録', ...json(PersonViewSchema) }, ...problemResponses(401, 403, 404, 422) },
    }),
    async (c) => c.json(await getPerson(ctx, callerOf(c), c.req.valid('param').addresseeNo), 200),
  );
  router.openapi(
    secureRoute(read, {
      method: 'get', path: '/persons/{addresseeNo}/as-of/{date}', operationId: 'residentRegistry.personAsOf', tags, summary: '指定日時点の記録（履歴照会）',
      request: { params: z.object({ addresseeNo: AddresseeNo, date: IsoDateSchema.openapi({ param: { name: 'date', in: 'path' } }) }) },
      responses: { 200: { description: 'その日の記録（記録前は null）', ...json(z.object({ asOf: z.string(), person: PersonSnapshotSchema.nullable() })) }, ...problemResponses(401, 403, 404, 422) },
    }),
    async (c) => {
      const { addresseeNo, date } = c.req.valid('param');
      return c.json(await personAsOf(ctx, callerOf(c), addresseeNo, date), 200);
    },
  );
  router.openapi(
    secureRoute(read, {
      method: 'get', path: '/households/{householdNo}', operationId: 'residentRegistry.getHousehold', tags, summary: '世帯の照会（世帯員の並び順）',
      request: { params: z.object({ householdNo: HouseholdNo }) },
      responses: { 200: { description: '現在の世帯', ...json(HouseholdSchema) }, ...problemResponses(401, 403, 404, 422) },
    }),
    async (c) => c.json(await getHousehold(ctx, callerOf(c), c.req.valid('param').householdNo), 200),
  );
  router.openapi(
    secureRoute(read, {
      method: 'get', path: '/search', operationId: 'residentRegistry.search', tags, summary: '住民の検索（フリガナ・氏名の前方一致、生年月日）',
      request: { query: SearchQuery },
      responses: { 200: { description: '該当者（現在の記録）', ...json(z.object({ items: z.array(SearchHitSchema), limit: z.int(), offset: z.int() })) }, ...problemResponses(401, 403, 422) },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const criteria = q.kanaPrefix !== undefined ? { kanaPrefix: q.kanaPrefix } : q.name !== undefined ? { name: q.name } : { birthDate: q.birthDate! };
      return c.json(await searchResidents(ctx, callerOf(c), criteria, { limit: q.limit, offset: q.offset }), 200);
    },
  );
  return router;
}
