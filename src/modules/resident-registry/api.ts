import { z } from '@hono/zod-openapi';
import { secureRoute } from '../../platform/http/access.ts';
import { problemResponses } from '../../platform/http/openapi.ts';
import { createRouter } from '../../platform/http/router.ts';
import type { ModuleContext } from '../../platform/module.ts';
import { IsoDateSchema } from './fields.ts';
import { BirthInputSchema, DeathInputSchema, MoveInInputSchema, MoveOutInputSchema, MoveWithinInputSchema } from './inputs.ts';
import { HouseholdSchema, PersonSnapshotSchema } from './model.ts';
import { birth, death, getHousehold, getPerson, moveIn, moveOut, moveWithin, personAsOf, searchResidents } from './service.ts';
import { callerOf, json, readAccess, recordAccess, recorded, tags, type RouteGroup, type Router } from './api-shared.ts';

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

/** The route groups of this module (api-*.ts files add theirs here). */
const groups: RouteGroup[] = [entryAndDepartureRoutes, readRoutes];

export function residentRegistryRoutes(ctx: ModuleContext) {
  const router = createRouter();
  for (const group of groups) group(router, ctx);
  return router;
}

/** 転入・転居・転出・出生・死亡. */
function entryAndDepartureRoutes(router: Router, ctx: ModuleContext): void {
  const record = recordAccess;

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
}

/** 照会・検索・as-of. */
function readRoutes(router: Router, ctx: ModuleContext): void {
  const read = readAccess;
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
}
