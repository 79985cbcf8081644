/** Routes of 宛名管理 under /api/v1/addressee; operationIds `addressee.<procedure>`. */
import { z } from '@hono/zod-openapi';
import { corporateNumber } from '../../jp/index.ts';
import { secureRoute } from '../../platform/http/access.ts';
import { callerOf } from '../../platform/http/caller.ts';
import { json, problemResponses } from '../../platform/http/openapi.ts';
import { createRouter } from '../../platform/http/router.ts';
import type { ModuleContext } from '../../platform/module.ts';
import { IsoDateSchema, MyNumberSchema } from '../resident-registry/index.ts';
import { addDelivery, changeAddressee, endDelivery, mergeAddressees } from './manage.ts';
import { AddresseeChangeInputSchema, AddresseeSchema, AddresseeVersionSchema, CorporationInputSchema, DeliveryInputSchema, DeliverySchema, MergeInputSchema, NonResidentInputSchema } from './model.ts';
import { addresseeHistory, findByMyNumber, getAddressee, getByIntegratedNo, listDeliveries, searchAddressees } from './reads.ts';
import { registerCorporation, registerNonResident } from './register.ts';
import { defaultIntermediateServer } from './intermediate/national.ts';
import { syncIntermediateLinks } from './intermediate/sync.ts';

const tags = ['宛名管理'];
const read = { access: { permission: 'addressee:read' } } as const;
const record = { access: { permission: 'addressee:record' } } as const;
const AlertSchema = z.object({ field: z.string(), rule: z.string(), message: z.string() });
const RegisteredSchema = z.object({ addressee: AddresseeSchema, alerts: z.array(AlertSchema) }).openapi('AddresseeRegistered');
const No = z.string().openapi({ param: { name: 'addresseeNo', in: 'path' }, description: '宛名番号' });
const DeliveryId = z.uuid().openapi({ param: { name: 'deliveryId', in: 'path' } });
const SearchQuery = z
  .object({
    kanaPrefix: z.string().max(100).optional(),
    namePrefix: z.string().max(100).optional(),
    addressPrefix: z.string().max(200).optional(),
    birthDate: IsoDateSchema.optional(),
    // The check digit too, as on registration: a number that cannot exist is a mistake to tell, not an empty result.
    corporateNumber: z.string().regex(/^[0-9]{13}$/).refine(corporateNumber.isValid, { error: '法人番号の検査数字が正しくありません', params: { rule: 'check-digit' } }).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .refine((q) => [q.kanaPrefix, q.namePrefix, q.addressPrefix, q.birthDate, q.corporateNumber].filter((v) => v !== undefined).length === 1, {
    path: ['kanaPrefix'], error: 'フリガナ・氏名・住所・生年月日・法人番号のいずれか1つで検索してください', params: { rule: 'one-criterion' },
  });

export function addresseeRoutes(ctx: ModuleContext) {
  const router = createRouter();
  const caller = (c: Parameters<typeof callerOf>[0]) => callerOf(c, '宛名');
  router.openapi(
    secureRoute(record, { method: 'post', path: '/non-residents', operationId: 'addressee.registerNonResident', tags, summary: '住登外者の登録（重複確認のうえ宛名番号を付番）',
      request: { body: { required: true, ...json(NonResidentInputSchema) } }, responses: { 201: { description: '登録した宛名', ...json(RegisteredSchema) }, ...problemResponses(401, 403, 422) } }),
    async (c) => c.json(await registerNonResident(ctx, caller(c), c.req.valid('json')), 201),
  );
  router.openapi(
    secureRoute(record, { method: 'post', path: '/corporations', operationId: 'addressee.registerCorporation', tags, summary: '法人の登録（法人番号で重複確認）',
      request: { body: { required: true, ...json(CorporationInputSchema) } }, responses: { 201: { description: '登録した宛名', ...json(RegisteredSchema) }, ...problemResponses(401, 403, 422) } }),
    async (c) => c.json(await registerCorporation(ctx, caller(c), c.req.valid('json')), 201),
  );
  router.openapi(
    secureRoute(read, { method: 'get', path: '/addressees/{addresseeNo}', operationId: 'addressee.get', tags, summary: '宛名の照会（統合済みの番号は統合先を返す、asOf で指定日時点）',
      request: { params: z.object({ addresseeNo: No }), query: z.object({ asOf: IsoDateSchema.optional() }) },
      responses: { 200: { description: '宛名（asOf 以前に記録がなければ null）', ...json(AddresseeSchema.nullable()) }, ...problemResponses(401, 403, 404, 422) } }),
    async (c) => c.json(await getAddressee(ctx, caller(c), c.req.valid('param').addresseeNo, c.req.valid('query').asOf), 200),
  );
  router.openapi(
    secureRoute(read, { method: 'get', path: '/addressees/{addresseeNo}/history', operationId: 'addressee.history', tags, summary: '氏名・住所の履歴',
      request: { params: z.object({ addresseeNo: No }) },
      responses: { 200: { description: '履歴（古い順）', ...json(z.array(AddresseeVersionSchema)) }, ...problemResponses(401, 403, 404, 422) } }),
    async (c) => c.json(await addresseeHistory(ctx, caller(c), c.req.valid('param').addresseeNo), 200),
  );
  router.openapi(
    secureRoute(read, { method: 'get', path: '/integrated/{integratedAddresseeNo}', operationId: 'addressee.getByIntegratedNo', tags, summary: '団体内統合宛名番号による照会',
      request: { params: z.object({ integratedAddresseeNo: z.string().regex(/^[0-9]{2,20}$/).openapi({ param: { name: 'integratedAddresseeNo', in: 'path' } }) }) },
      responses: { 200: { description: '宛名', ...json(AddresseeSchema) }, ...problemResponses(401, 403, 404, 422) } }),
    async (c) => c.json(await getByIntegratedNo(ctx, caller(c), c.req.valid('param').integratedAddresseeNo), 200),
  );
  router.openapi(
    secureRoute({ access: { permission: 'addressee:my-number' }, zones: ['individual-number'] }, { method: 'post', path: '/lookups/by-my-number', operationId: 'addressee.findByMyNumber', tags,
      summary: '個人番号による宛名の特定（個人番号利用事務系のみ。番号はURLに載せない）',
      request: { body: { required: true, ...json(z.object({ myNumber: MyNumberSchema })) } }, responses: { 200: { description: '宛名', ...json(AddresseeSchema) }, ...problemResponses(401, 403, 404, 422) } }),
    async (c) => c.json(await findByMyNumber(ctx, caller(c), c.req.valid('json').myNumber), 200),
  );
  router.openapi(
    secureRoute(record, { method: 'post', path: '/addressees/{addresseeNo}/changes', operationId: 'addressee.change', tags, summary: '住登外者・法人の氏名・住所の変更',
      request: { params: z.object({ addresseeNo: No }), body: { required: true, ...json(AddresseeChangeInputSchema) } },
      responses: { 201: { description: '変更後の宛名', ...json(AddresseeSchema) }, ...problemResponses(401, 403, 404, 409, 422) } }),
    async (c) => c.json(await changeAddressee(ctx, caller(c), c.req.valid('param').addresseeNo, c.req.valid('json')), 201),
  );
  router.openapi(
    secureRoute(read, { method: 'get', path: '/search', operationId: 'addressee.search', tags, summary: '宛名の検索（住民・住登外者・法人、過去の氏名・住所を含む）',
      request: { query: SearchQuery }, responses: { 200: { description: '該当する宛名', ...json(z.object({ items: z.array(AddresseeSchema), limit: z.int(), offset: z.int() })) }, ...problemResponses(401, 403, 422) } }),
    async (c) => {
      const { limit, offset, ...q } = c.req.valid('query');
      const criteria = q.kanaPrefix !== undefined ? { kanaPrefix: q.kanaPrefix } : q.namePrefix !== undefined ? { namePrefix: q.namePrefix }
        : q.addressPrefix !== undefined ? { addressPrefix: q.addressPrefix } : q.birthDate !== undefined ? { birthDate: q.birthDate } : { corporateNumber: q.corporateNumber! };
      return c.json(await searchAddressees(ctx, caller(c), criteria, { limit, offset }), 200);
    },
  );
  router.openapi(
    secureRoute(read, { method: 'get', path: '/addressees/{addresseeNo}/deliveries', operationId: 'addressee.listDeliveries', tags, summary: '送付先の照会（業務・日付を指定すると有効なもの）',
      request: { params: z.object({ addresseeNo: No }), query: z.object({ business: z.string().max(60).optional(), date: IsoDateSchema.optional() }) },
      responses: { 200: { description: '送付先（業務固有のものが先）', ...json(z.array(DeliverySchema)) }, ...problemResponses(401, 403, 404, 422) } }),
    async (c) => c.json(await listDeliveries(ctx, caller(c), c.req.valid('param').addresseeNo, c.req.valid('query')), 200),
  );
  router.openapi(
    secureRoute(record, { method: 'post', path: '/addressees/{addresseeNo}/deliveries', operationId: 'addressee.addDelivery', tags, summary: '送付先の登録（業務・用途・期間）',
      request: { params: z.object({ addresseeNo: No }), body: { required: true, ...json(DeliveryInputSchema) } },
      responses: { 201: { description: '登録した送付先', ...json(DeliverySchema) }, ...problemResponses(401, 403, 404, 422) } }),
    async (c) => c.json(await addDelivery(ctx, caller(c), c.req.valid('param').addresseeNo, c.req.valid('json')), 201),
  );
  router.openapi(
    secureRoute(record, { method: 'post', path: '/addressees/{addresseeNo}/deliveries/{deliveryId}/end', operationId: 'addressee.endDelivery', tags, summary: '送付先の終了',
      request: { params: z.object({ addresseeNo: No, deliveryId: DeliveryId }), body: { required: true, ...json(z.object({ validUntil: IsoDateSchema })) } },
      responses: { 201: { description: '終了日を記録した送付先', ...json(DeliverySchema) }, ...problemResponses(401, 403, 404, 422) } }),
    async (c) => {
      const { addresseeNo, deliveryId } = c.req.valid('param');
      return c.json(await endDelivery(ctx, caller(c), addresseeNo, deliveryId, c.req.valid('json').validUntil), 201);
    },
  );
  router.openapi(
    secureRoute({ access: { permission: 'addressee:my-number' }, zones: ['individual-number'] }, {
      method: 'post', path: '/intermediate-server/links', operationId: 'addressee.syncIntermediateLinks', tags,
      summary: '中間サーバーへの団体内統合宛名番号と個人番号の対応の登録（新規・変更分、失敗分の再送）',
      responses: { 200: { description: '登録した件数と失敗', ...json(z.object({ registered: z.int(), failed: z.array(z.object({ integratedAddresseeNo: z.string(), reason: z.string() })) })) }, ...problemResponses(401, 403) },
    }),
    async (c) => c.json(await syncIntermediateLinks(ctx, caller(c), defaultIntermediateServer), 200),
  );
  router.openapi(
    secureRoute({ access: { permission: 'addressee:merge' } }, { method: 'post', path: '/merges', operationId: 'addressee.merge', tags, summary: '同一人の宛名の統合（両方の番号が統合先に解決される）',
      request: { body: { required: true, ...json(MergeInputSchema) } }, responses: { 201: { description: '統合先の宛名', ...json(AddresseeSchema) }, ...problemResponses(401, 403, 404, 409, 422) } }),
    async (c) => c.json(await mergeAddressees(ctx, caller(c), c.req.valid('json')), 201),
  );
  return router;
}
