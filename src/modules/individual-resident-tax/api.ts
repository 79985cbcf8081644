/** Routes of 個人住民税. The simulation reads and stores nothing: it needs only the right to see tax figures. */
import { z } from '@hono/zod-openapi';
import { secureRoute } from '../../platform/http/access.ts';
import { auditCaller, callerOf } from '../../platform/http/caller.ts';
import { json, problemResponses } from '../../platform/http/openapi.ts';
import { createRouter } from '../../platform/http/router.ts';
import { inTenant } from '../../platform/db/tenant-scope.ts';
import type { ModuleContext } from '../../platform/module.ts';
import { simulate, simulationRequestSchema } from './simulate.ts';
import { INCOME_SOURCES, incomeItemsSchema } from './income-data.ts';
import { getTaxpayer, listReviews, reassess, receiveIncomeDocument } from './service.ts';
import { employerNoticeCsv, taxNoticePdf } from './notices.ts';
import { SUPPORTED_FISCAL_YEARS } from './rules/figures/index.ts';

const tags = ['個人住民税'];

const StepSchema = z.object({
  step: z.string().openapi({ description: '計算段階の識別子（例 taxableIncomeCity）' }), label: z.string().openapi({ description: '計算段階の名称' }),
  amount: z.int(), side: z.enum(['city', 'pref', 'national']).optional(), basis: z.string().optional().openapi({ description: '根拠・計算方法' }),
});
const SimulationResultSchema = z
  .object({
    breakdown: z.object({
      fiscalYear: z.int(), steps: z.array(StepSchema),
      totals: z.object({
        totalIncome: z.int(), totalIncomeEtc: z.int(), taxableIncome: z.int(), cityIncomeLevy: z.int(), prefIncomeLevy: z.int(),
        cityPerCapitaLevy: z.int(), prefPerCapitaLevy: z.int(), forestEnvironmentTax: z.int(), total: z.int(),
      }),
      exemption: z.enum(['none', 'incomeLevy', 'all']).openapi({ description: '非課税（none: 課税, incomeLevy: 所得割非課税, all: 均等割・所得割とも非課税）' }),
      unconfirmedFigures: z.array(z.string()).openapi({ description: '未確認（[U]）の数値を使った箇所' }),
    }),
    installments: z.array(z.object({
      installment: z.int(), month: z.string(), amount: z.int(), dueDate: z.string(), collection: z.enum(['specialCollection', 'ordinaryCollection']),
    })),
  })
  .openapi('ResidentTaxSimulation');

const FiscalYear = z.coerce.number().int().refine((y) => SUPPORTED_FISCAL_YEARS.includes(y), { error: `年度は ${SUPPORTED_FISCAL_YEARS.join('・')} のいずれかを指定してください` })
  .openapi({ param: { name: 'fiscalYear', in: 'path' }, description: '年度（2026 = 令和8年度）', example: 2026 });
const AddresseeNo = z.string().regex(/^[0-9]{2,20}$/, { error: '宛名番号は数字で入力してください' }).openapi({ param: { name: 'addresseeNo', in: 'path' }, description: '宛名番号' });
const IncomeDocumentSchema = z
  .object({
    addresseeNo: z.string().regex(/^[0-9]{2,20}$/, { error: '宛名番号は数字で入力してください' }).openapi({ description: '納税義務者の宛名番号' }),
    source: z.enum(Object.keys(INCOME_SOURCES) as [keyof typeof INCOME_SOURCES]).openapi({ description: Object.entries(INCOME_SOURCES).map(([k, v]) => `${k}: ${v}`).join(', ') }),
    employerNo: z.string().regex(/^[0-9A-Za-z-]{1,20}$/, { error: '特別徴収義務者の指定番号は英数字20文字以内で入力してください' }).optional().openapi({ description: '特別徴収義務者の指定番号（給与支払報告書）' }),
    employerName: z.string().min(1).max(200).optional().openapi({ description: '給与支払者の名称' }),
    items: incomeItemsSchema.openapi({ description: '所得・控除の内容（税額シミュレーションの input から age を除いたもの）' }),
  })
  .refine((d) => d.source === 'salary_report' || d.employerNo === undefined, { path: ['employerNo'], error: '特別徴収義務者の指定番号は給与支払報告書にだけ記載します' })
  .openapi('ResidentTaxIncomeDocument');
const readAccess = { access: { permission: 'individual-resident-tax:read' } } as const;

export function individualResidentTaxRoutes(ctx: ModuleContext) {
  const router = createRouter();
  const caller = (c: Parameters<typeof callerOf>[0]) => callerOf(c, '個人住民税');
  router.openapi(
    secureRoute({ access: { permission: 'individual-resident-tax:record' } }, {
      method: 'post', path: '/fiscal-years/{fiscalYear}/income-documents', operationId: 'individualResidentTax.receiveIncomeDocument', tags,
      summary: '課税資料の受付（給与支払報告書・公的年金等支払報告書・住民税申告・確定申告）',
      request: { params: z.object({ fiscalYear: FiscalYear }), body: { required: true, ...json(IncomeDocumentSchema) } },
      responses: { 201: { description: '受け付けた課税資料', ...json(z.object({ id: z.uuid() })) }, ...problemResponses(401, 403, 422) },
    }),
    async (c) => c.json(await receiveIncomeDocument(ctx, caller(c), c.req.valid('param').fiscalYear, c.req.valid('json')), 201),
  );
  router.openapi(
    secureRoute(readAccess, {
      method: 'get', path: '/fiscal-years/{fiscalYear}/taxpayers/{addresseeNo}', operationId: 'individualResidentTax.getTaxpayer', tags,
      summary: '納税義務者の課税（当初課税と更正の全ての版、計算の内訳つき）',
      request: { params: z.object({ fiscalYear: FiscalYear, addresseeNo: AddresseeNo }) },
      responses: { 200: { description: '課税台帳の納税義務者', ...json(z.object({
        residentId: z.uuid(), addresseeNo: z.string(), name: z.string().nullable(), birthDate: z.string(), address: z.string().nullable(),
        assessments: z.array(z.object({
          version: z.int(), kind: z.enum(['initial', 'reassessment']), collection: z.enum(['salary', 'pension', 'ordinary']), employerNo: z.string().nullable(),
          total: z.int(), difference: z.int(), breakdown: SimulationResultSchema.shape.breakdown, assessedAt: z.string(),
        })),
      })) }, ...problemResponses(401, 403, 404, 422) },
    }),
    async (c) => {
      const { fiscalYear, addresseeNo } = c.req.valid('param');
      return c.json(toJson(await getTaxpayer(ctx, caller(c), fiscalYear, addresseeNo)), 200);
    },
  );
  router.openapi(
    secureRoute({ access: { permission: 'individual-resident-tax:assess' } }, {
      method: 'post', path: '/fiscal-years/{fiscalYear}/taxpayers/{addresseeNo}/reassessment', operationId: 'individualResidentTax.reassess', tags,
      summary: '更正（現在の課税資料から再計算し、新しい版として差額とともに記録する。元の課税は残る）',
      request: { params: z.object({ fiscalYear: FiscalYear, addresseeNo: AddresseeNo }) },
      responses: { 201: { description: '更正した版', ...json(z.object({ version: z.int(), total: z.int(), difference: z.int(), breakdown: SimulationResultSchema.shape.breakdown })) }, ...problemResponses(401, 403, 404, 422) },
    }),
    async (c) => {
      const { fiscalYear, addresseeNo } = c.req.valid('param');
      return c.json(toJson(await reassess(ctx, caller(c), fiscalYear, addresseeNo)), 201);
    },
  );
  router.openapi(
    secureRoute(readAccess, {
      method: 'post', path: '/simulate', operationId: 'individualResidentTax.simulate', tags,
      summary: '税額シミュレーション（1人分の入力から計算の内訳を返す。何も保存しない）',
      request: { body: { required: true, ...json(simulationRequestSchema.openapi('ResidentTaxSimulationRequest')) } },
      responses: { 200: { description: '計算の内訳（各段階に名称と根拠）', ...json(SimulationResultSchema) }, ...problemResponses(401, 403, 422) },
    }),
    async (c) => {
      const who = caller(c);
      const result = simulate(c.req.valid('json'));
      // Nothing of a person is read or kept: the entry says who simulated, with no target.
      await inTenant(ctx.db, who.tenantCode, (trx) => auditCaller(trx, who, 'individual-resident-tax', { function: 'simulate', category: 'inquiry', targets: [] }));
      return c.json(toJson(result), 200);
    },
  );
  router.openapi(
    secureRoute({ access: { permission: 'individual-resident-tax:notice' } }, {
      method: 'get', path: '/fiscal-years/{fiscalYear}/employers/{employerNo}/special-collection-notice', operationId: 'individualResidentTax.employerNotice', tags,
      summary: '特別徴収税額の決定通知書（特別徴収義務者用、CSV: 従業員ごとの年税額と6月〜翌5月の月割額）',
      request: { params: z.object({ fiscalYear: FiscalYear, employerNo: z.string().regex(/^[0-9A-Za-z-]{1,20}$/, { error: '特別徴収義務者の指定番号は英数字20文字以内です' }).openapi({ param: { name: 'employerNo', in: 'path' } }) }) },
      responses: { 200: { description: 'CSV（UTF-8、BOM付き）', content: { 'text/csv': { schema: z.string() } } }, ...problemResponses(401, 403, 404, 422) },
    }),
    async (c) => {
      const { fiscalYear, employerNo } = c.req.valid('param');
      return c.body(await employerNoticeCsv(ctx, caller(c), fiscalYear, employerNo), 200, {
        'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="special-collection-${fiscalYear}-${employerNo}.csv"`, 'cache-control': 'no-store',
      });
    },
  );
  router.openapi(
    secureRoute({ access: { permission: 'individual-resident-tax:notice' } }, {
      method: 'get', path: '/fiscal-years/{fiscalYear}/taxpayers/{addresseeNo}/tax-notice', operationId: 'individualResidentTax.taxNotice', tags,
      summary: '税額決定・納税通知書（最新の版、PDF。更正後は税額変更通知）',
      request: { params: z.object({ fiscalYear: FiscalYear, addresseeNo: AddresseeNo }) },
      responses: { 200: { description: '通知書（PDF）', content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } } }, ...problemResponses(401, 403, 404, 422) },
    }),
    async (c) => {
      const { fiscalYear, addresseeNo } = c.req.valid('param');
      return c.body(new Uint8Array(await taxNoticePdf(ctx, caller(c), fiscalYear, addresseeNo)), 200, {
        'content-type': 'application/pdf', 'content-disposition': 'inline; filename="tax-notice.pdf"', 'cache-control': 'no-store',
      });
    },
  );
  router.openapi(
    secureRoute(readAccess, {
      method: 'get', path: '/fiscal-years/{fiscalYear}/reviews', operationId: 'individualResidentTax.listReviews', tags,
      summary: '課税の要確認一覧（課税台帳の作成後に記録された、賦課期日以前の日付の異動）',
      request: { params: z.object({ fiscalYear: FiscalYear }) },
      responses: { 200: { description: '記録順', ...json(z.object({ items: z.array(z.object({
        addresseeNo: z.string(), eventType: z.string(), effectiveDate: z.string(), recordedAt: z.string(),
        onRoll: z.boolean().openapi({ description: '課税台帳に載っている' }), reassessedSince: z.boolean().openapi({ description: '異動の記録後に更正した' }),
      })) })) }, ...problemResponses(401, 403, 422) },
    }),
    async (c) => c.json(await listReviews(ctx, caller(c), c.req.valid('param').fiscalYear), 200),
  );
  return router;
}

/** The engine's readonly arrays as the plain JSON the response schema describes. */
const toJson = <T>(value: T) => JSON.parse(JSON.stringify(value)) as never;
