/**
 * 証明書の交付 and 交付履歴照会 (j300, j360). POST /certificates answers 201 with the PDF itself, so a
 * screen can preview and print it as it comes; the 発行番号 and the 交付履歴 id come in headers.
 */
import { z } from '@hono/zod-openapi';
import { secureRoute } from '../../platform/http/access.ts';
import { problemResponses } from '../../platform/http/openapi.ts';
import type { ModuleContext } from '../../platform/module.ts';
import { callerOf, json, readAccess, tags, type Router } from './api-shared.ts';
import { CERTIFICATE_KINDS } from './certificates/content.ts';
import { warmCertificateRenderer } from './certificates/render.ts';
import { IssueCertificateInputSchema } from './certificates/request.ts';
import { CertificateSettingsInputSchema } from './certificates/settings.ts';
import { todayInJapan } from './procedure.ts';
import { IsoDateSchema } from './fields.ts';
import { getCertificateSettings, issueResidentCertificate, listCertificateIssuances, putCertificateSettings } from './service.ts';

const issueAccess = { access: { permission: 'resident-registry:issue' } } as const;
/** 公印・認証者 are managed by whoever approves (決裁); there is no finer permission for it yet. */
const settingAccess = { access: { permission: 'resident-registry:approve' } } as const;

const IssuanceSchema = z
  .object({
    id: z.uuid(),
    certificateNo: z.string().openapi({ description: '発行番号（年-連番）' }),
    kind: z.enum(CERTIFICATE_KINDS),
    form: z.enum(['household', 'individual']),
    withHistory: z.boolean(),
    householdId: z.uuid().nullable(),
    items: z.array(z.string()).openapi({ description: '記載した省略可能項目' }),
    requesterKind: z.string(),
    requesterName: z.string().nullable(),
    purpose: z.string().nullable(),
    officialUse: z.boolean(),
    reissue: z.boolean(),
    issuedAt: z.string().openapi({ description: '交付年月日時' }),
    issuedOn: IsoDateSchema,
    issueLocation: z.string().nullable(),
    terminal: z.string().nullable(),
    operatorId: z.uuid().openapi({ description: 'ユーザID' }),
    pageCount: z.int().openapi({ description: '枚数' }),
    pdfSha256: z.string().openapi({ description: '交付したPDFのSHA-256' }),
    residentIds: z.array(z.uuid()),
    addresseeNos: z.array(z.string()),
  })
  .openapi('CertificateIssuance');

const ListQuery = z.object({
  addresseeNo: z.string().max(20).optional().openapi({ description: '交付対象者の宛名番号' }),
  from: IsoDateSchema.optional().openapi({ description: '交付日（から）' }),
  to: IsoDateSchema.optional().openapi({ description: '交付日（まで）' }),
  kind: z.enum(CERTIFICATE_KINDS).optional(),
  certificateNo: z.string().max(20).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});

const SettingsSchema = z
  .object({
    mayorTitle: z.string().nullable(), mayorName: z.string().nullable(), deputyTitle: z.string().nullable(), deputyName: z.string().nullable(),
    deputyFrom: z.string().nullable(), deputyUntil: z.string().nullable(), sealNote: z.string().nullable(),
    hasSealImage: z.boolean(), hasDeputySealImage: z.boolean(),
    signsToday: z.object({ title: z.string(), name: z.string().nullable(), deputy: z.boolean() }).openapi({ description: '本日交付する証明書の認証者' }),
  })
  .openapi('CertificateSettings');

const pdfHeaders = {
  'X-Certificate-No': { schema: { type: 'string' as const }, description: '発行番号' },
  'X-Certificate-Issuance-Id': { schema: { type: 'string' as const }, description: '交付履歴のid' },
  'X-Certificate-Pages': { schema: { type: 'integer' as const }, description: '枚数' },
  'X-Certificate-Alerts': { schema: { type: 'string' as const }, description: '文字溢れのアラート（JSON、URIエンコード、j1070）' },
};

/** 証明書の交付・交付履歴照会. */
export function certificateRoutes(router: Router, ctx: ModuleContext): void {
  warmCertificateRenderer();
  router.openapi(
    secureRoute(issueAccess, {
      method: 'post', path: '/certificates', operationId: 'residentRegistry.issueResidentCertificate', tags,
      summary: '証明書の交付（住民票の写し・除票の写し・記載事項証明書・転出証明書）',
      request: { body: { required: true, ...json(IssueCertificateInputSchema) } },
      responses: {
        201: { description: '交付した証明書（PDF）', headers: pdfHeaders, content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } } },
        ...problemResponses(401, 403, 404, 422),
      },
    }),
    async (c) => {
      const issued = await issueResidentCertificate(ctx, callerOf(c), c.req.valid('json'));
      return c.body(new Uint8Array(issued.pdf), 201, {
        'content-type': 'application/pdf',
        'content-disposition': `inline; filename="certificate-${issued.certificateNo}.pdf"`,
        'cache-control': 'no-store',
        'X-Certificate-No': issued.certificateNo,
        'X-Certificate-Issuance-Id': issued.issuanceId,
        'X-Certificate-Pages': String(issued.pageCount),
        'X-Certificate-Alerts': encodeURIComponent(JSON.stringify(issued.alerts)),
      });
    },
  );
  router.openapi(
    secureRoute(readAccess, {
      method: 'get', path: '/certificates', operationId: 'residentRegistry.listCertificateIssuances', tags, summary: '交付履歴の照会',
      request: { query: ListQuery },
      responses: { 200: { description: '交付履歴（新しい順）', ...json(z.object({ items: z.array(IssuanceSchema), limit: z.int(), offset: z.int() })) }, ...problemResponses(401, 403, 404, 422) },
    }),
    async (c) => {
      const { limit, offset, ...q } = c.req.valid('query');
      return c.json(await listCertificateIssuances(ctx, callerOf(c), q, { limit, offset }), 200);
    },
  );
  router.openapi(
    secureRoute(readAccess, {
      method: 'get', path: '/certificate-settings', operationId: 'residentRegistry.getCertificateSettings', tags, summary: '認証者・公印の設定の照会',
      responses: { 200: { description: '認証者・公印の設定', ...json(SettingsSchema) }, ...problemResponses(401, 403) },
    }),
    async (c) => c.json(await getCertificateSettings(ctx, callerOf(c), todayInJapan()), 200),
  );
  router.openapi(
    secureRoute(settingAccess, {
      method: 'put', path: '/certificate-settings', operationId: 'residentRegistry.putCertificateSettings', tags, summary: '認証者・公印の設定（j290, j310）',
      request: { body: { required: true, ...json(CertificateSettingsInputSchema) } },
      responses: { 200: { description: '設定後の内容', ...json(SettingsSchema) }, ...problemResponses(401, 403, 422) },
    }),
    async (c) => c.json(await putCertificateSettings(ctx, callerOf(c), c.req.valid('json'), todayInJapan()), 200),
  );
}
