import { z } from '@hono/zod-openapi';
import { secureRoute } from '../../platform/http/access.ts';
import { problemResponses } from '../../platform/http/openapi.ts';
import { createRouter } from '../../platform/http/router.ts';
import type { ModuleContext } from '../../platform/module.ts';
import { IsoDateSchema, MyNumberSchema, ResidentCodeSchema } from './fields.ts';
import { BirthInputSchema, DeathInputSchema, ForeignResidentNotificationInputSchema, MoveInInputSchema, MoveInNoticeInputSchema, ReissueInputSchema, MoveOutInputSchema, MoveWithinInputSchema } from './inputs.ts';
import { ChangeSchema, HouseholdSchema, PersonSnapshotSchema, SexSchema } from './model.ts';
import { personHistory } from './history.ts';
import { birth, death, reissue, listAwaitingMoveInNotice, receiveMoveInNotice, registerForeignResident, getHousehold, getPerson, moveIn, moveOut, moveWithin, personAsOf, searchResidents } from './service.ts';
import { callerOf, json, readAccess, recordAccess, recorded, tags, type RouteGroup, type Router } from './api-shared.ts';
import { householdRoutes } from './api-household.ts';
import { personChangeRoutes } from './api-person.ts';
import { ProtectionNoticeSchema, protectionRoutes, SearchProtectionSchema } from './api-protection.ts';
import { correctionRoutes } from './api-corrections.ts';
import { certificateRoutes } from './api-certificates.ts';
import { draftRoutes } from './api-drafts.ts';
import { noticeRoutes } from './api-notices.ts';
import { addressSupplementCandidates, domicileCandidates } from './input-helpers.ts';

const PersonViewSchema = z
  .object({
    person: PersonSnapshotSchema,
    myNumber: z.string().nullable().openapi({ description: '個人番号（権限のない利用者にはマスク）' }),
    version: z.int(),
    protection: z.array(ProtectionNoticeSchema).openapi({ description: '支援措置期間中・仮支援措置期間中である旨（j380）' }),
  })
  .openapi('PersonView');
const SearchHitSchema = z
  .object({
    residentId: z.uuid(), addresseeNo: z.string(), name: z.string().nullable(), nameKana: z.string().nullable(), birthDate: z.string(),
    sex: z.string(), address: z.string().nullable(), status: z.string(), removalReason: z.string().nullable(), householdNo: z.string().nullable(),
    protection: SearchProtectionSchema.nullable().openapi({ description: '支援措置の対象者（抑止対象であることの表示, j410）' }),
  })
  .openapi('SearchHit');
const AddresseeNo = z.string().openapi({ param: { name: 'addresseeNo', in: 'path' }, description: '宛名番号', example: '0000000019' });
const HouseholdNo = z.string().openapi({ param: { name: 'householdNo', in: 'path' }, description: '世帯番号', example: '0000000019' });
const text = (description: string) => z.string().max(100).optional().openapi({ description });
/** 検索 (j330, j340): every given criterion must hold. Dates accept 西暦 and 和暦 (令和8年4月1日, S55.1.2, 3550102). */
const SearchQuery = z.object({
  addresseeNo: z.string().regex(/^[0-9]{2,20}$/, { error: '宛名番号は数字で入力してください' }).optional().openapi({ description: '宛名番号' }),
  householdNo: z.string().regex(/^[0-9]{2,20}$/, { error: '世帯番号は数字で入力してください' }).optional().openapi({ description: '世帯番号（現在の世帯）' }),
  residentCode: ResidentCodeSchema.optional(),
  myNumber: MyNumberSchema.optional().openapi({ description: '個人番号（個人番号利用事務系で resident-registry:my-number を持つ職員のみ）' }),
  name: text('氏名（漢字・英字）。旧氏・通称も対象、過去の氏名を含む'),
  kana: text('フリガナ（氏名・名のみ・旧氏・通称、あいまい検索）'),
  kanaPrefix: text('kana と同じ（前方一致、旧パラメータ）'),
  birthDate: IsoDateSchema.optional().openapi({ description: '生年月日（西暦・和暦）' }),
  birthYear: z.string().max(20).optional().openapi({ description: '生年（1980、昭和55年、S55）' }),
  residenceCardNo: z.string().regex(/^[A-Za-z]{2}[0-9]{8}[A-Za-z]{2}$/, { error: '在留カード番号等は英字2桁・数字8桁・英字2桁で入力してください' }).transform((v) => v.toUpperCase()).optional()
    .openapi({ description: '在留カード又は特別永住者証明書の番号' }),
  sex: SexSchema.optional(),
  address: z.string().max(200).optional().openapi({ description: '住所（項目内部分検索、過去の住所を含む）' }),
  match: z.enum(['prefix', 'partial', 'exact']).default('prefix').openapi({ description: '氏名・フリガナの一致方法（前方・部分・完全）。住所は常に部分一致' }),
  includeRemoved: z.enum(['true', 'false']).default('false').transform((v) => v === 'true').openapi({ description: '除票（転出・死亡等）も含める' }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});

/** The route groups of this module (api-*.ts files add theirs here). */
const groups: RouteGroup[] = [entryAndDepartureRoutes, householdRoutes, personChangeRoutes, protectionRoutes, correctionRoutes, certificateRoutes, readRoutes, draftRoutes, noticeRoutes];

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
      method: 'post', path: '/foreign-resident-notification', operationId: 'residentRegistry.registerForeignResident', tags, summary: '法第30条の47の届出（国外転入に準じて記載）',
      request: { body: { required: true, ...json(ForeignResidentNotificationInputSchema) } }, responses: recorded,
    }),
    async (c) => c.json(await registerForeignResident(ctx, callerOf(c), c.req.valid('json')), 201),
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
      method: 'post', path: '/move-in-notice', operationId: 'residentRegistry.receiveMoveInNotice', tags, summary: '転入通知の受理（転出先住所（確定）・転出年月日（確定））',
      request: { body: { required: true, ...json(MoveInNoticeInputSchema) } }, responses: recorded,
    }),
    async (c) => c.json(await receiveMoveInNotice(ctx, callerOf(c), c.req.valid('json')), 201),
  );
  router.openapi(
    secureRoute(readAccess, {
      method: 'get', path: '/move-in-notices/awaiting', operationId: 'residentRegistry.listAwaitingMoveInNotice', tags, summary: '転入通知未着者一覧（4.1.3.1.4）',
      request: { query: z.object({
        removedBy: IsoDateSchema.openapi({ description: 'この日以前に消除した者' }),
        limit: z.coerce.number().int().min(1).max(500).default(100), offset: z.coerce.number().int().min(0).default(0),
      }) },
      responses: { 200: { description: '転入通知が届いていない除票（消除日順）', ...json(z.object({ items: z.array(z.object({
        residentId: z.uuid(), addresseeNo: z.string(), name: z.string().nullable(), removalReason: z.string(), removedOn: z.string(), plannedDestination: z.string().nullable(),
      })), limit: z.int(), offset: z.int() })) }, ...problemResponses(401, 403, 422) },
    }),
    async (c) => {
      const { removedBy, limit, offset } = c.req.valid('query');
      return c.json(await listAwaitingMoveInNotice(ctx, callerOf(c), removedBy, { limit, offset }), 200);
    },
  );
  router.openapi(
    secureRoute(record, {
      method: 'post', path: '/reissue', operationId: 'residentRegistry.reissue', tags, summary: '改製（住民票（原票）の手動改製）',
      request: { body: { required: true, ...json(ReissueInputSchema) } }, responses: recorded,
    }),
    async (c) => c.json(await reissue(ctx, callerOf(c), c.req.valid('json')), 201),
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
      method: 'get', path: '/persons/{addresseeNo}/history', operationId: 'residentRegistry.personHistory', tags, summary: '異動履歴照会（全履歴、修正・取消しで置き換えられたものを含む）',
      request: { params: z.object({ addresseeNo: AddresseeNo }) },
      responses: { 200: { description: '履歴番号順の全履歴と各異動', ...json(z.object({ addresseeNo: z.string(), entries: z.array(z.object({
        person: PersonSnapshotSchema, change: ChangeSchema, supersededByHistoryNo: z.int().nullable(),
      })) })) }, ...problemResponses(401, 403, 404, 422) },
    }),
    async (c) => c.json(await personHistory(ctx, callerOf(c), c.req.valid('param').addresseeNo), 200),
  );
  router.openapi(
    secureRoute(read, {
      method: 'get', path: '/persons/{addresseeNo}/as-of/{date}', operationId: 'residentRegistry.personAsOf', tags, summary: '指定日時点の記録（履歴照会）',
      request: { params: z.object({ addresseeNo: AddresseeNo, date: IsoDateSchema.openapi({ param: { name: 'date', in: 'path' } }) }) },
      responses: { 200: { description: 'その日の記録（記録前は null）', ...json(z.object({ asOf: z.string(), person: PersonSnapshotSchema.nullable(), protection: z.array(ProtectionNoticeSchema) })) }, ...problemResponses(401, 403, 404, 422) },
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
      method: 'get', path: '/households/{householdNo}/domicile-candidates', operationId: 'residentRegistry.listDomicileCandidates', tags,
      summary: '本籍入力補助（4.0.6）: 現住所・転入前住所・世帯主及び世帯員の本籍',
      request: { params: z.object({ householdNo: HouseholdNo }) },
      responses: { 200: { description: '本籍の候補', ...json(z.object({ items: z.array(z.object({
        source: z.enum(['address', 'previous-address', 'head-domicile', 'member-domicile']), text: z.string(), familyRegisterHead: z.string().nullable(), residentId: z.uuid().nullable(),
      })) })) }, ...problemResponses(401, 403, 404, 422) },
    }),
    async (c) => c.json({ items: await domicileCandidates(ctx, callerOf(c), c.req.valid('param').householdNo) }, 200),
  );
  router.openapi(
    secureRoute(read, {
      method: 'get', path: '/address-supplements', operationId: 'residentRegistry.listAddressSupplements', tags,
      summary: '方書入力補助（4.0.7）: その住所の住民に記録されている方書',
      request: { query: z.object({ address: z.string().min(1).max(200).openapi({ description: '住所（地番まで）' }) }) },
      responses: { 200: { description: '方書の候補（支援措置の対象者の方書は含まない）', ...json(z.object({ items: z.array(z.object({ supplement: z.string(), residents: z.int() })) })) }, ...problemResponses(401, 403, 422) },
    }),
    async (c) => c.json({ items: await addressSupplementCandidates(ctx, callerOf(c), c.req.valid('query').address) }, 200),
  );
  router.openapi(
    secureRoute(read, {
      method: 'get', path: '/search', operationId: 'residentRegistry.search', tags, summary: '住民の検索（番号・氏名・フリガナ・生年月日・住所、前方・部分・完全一致、除票を含む）',
      request: { query: SearchQuery },
      responses: {
        200: { description: '該当者（現在の記録）', ...json(z.object({ items: z.array(SearchHitSchema), total: z.int(), hasMore: z.boolean(), limit: z.int(), offset: z.int() })) },
        ...problemResponses(401, 403, 422),
      },
    }),
    async (c) => {
      const { kanaPrefix, limit, offset, ...q } = c.req.valid('query');
      const legacy = kanaPrefix !== undefined && q.kana === undefined;
      const criteria = { ...q, kana: q.kana ?? kanaPrefix, match: legacy ? ('prefix' as const) : q.match };
      return c.json(await searchResidents(ctx, callerOf(c), criteria, { limit, offset }), 200);
    },
  );
}
