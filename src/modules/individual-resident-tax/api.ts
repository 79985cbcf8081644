/** Routes of 個人住民税. The simulation reads and stores nothing: it needs only the right to see tax figures. */
import { z } from '@hono/zod-openapi';
import { secureRoute } from '../../platform/http/access.ts';
import { auditCaller, callerOf } from '../../platform/http/caller.ts';
import { json, problemResponses } from '../../platform/http/openapi.ts';
import { createRouter } from '../../platform/http/router.ts';
import { inTenant } from '../../platform/db/tenant-scope.ts';
import { textSchema } from '../resident-registry/index.ts';
import type { ModuleContext } from '../../platform/module.ts';
import { simulate, simulationRequestSchema } from './simulate.ts';
import { enterNonResidentTaxpayer, nonResidentInputSchema } from './non-resident.ts';
import { INCOME_SOURCES, incomeItemsSchema } from './income-data.ts';
import { cancelAssessment, getTaxpayer, listReviews, reassess, receiveIncomeDocument } from './service.ts';
import { employerNoticeCsv, taxNoticePdf } from './notices.ts';
import { SUPPORTED_FISCAL_YEARS } from './rules/figures/index.ts';
import { EMPLOYER_NO, EMPLOYER_NO_MESSAGE, employerInputSchema, getEmployer, listEmployers, registerEmployer } from './employers.ts';
import { listReliefs, recordRelief, reliefInputSchema, revocationInputSchema, revokeRelief } from './relief.ts';
import { RELIEF_REASONS, RELIEF_SCOPES } from './rules/relief.ts';

const tags = ['個人住民税'];

const StepSchema = z.object({
  step: z.string().openapi({ description: '計算段階の識別子（例 taxableIncomeCity）' }), label: z.string().openapi({ description: '計算段階の名称' }),
  amount: z.int(), side: z.enum(['city', 'pref', 'national']).optional(), basis: z.string().optional().openapi({ description: '根拠・計算方法' }),
});
const TaxPartSchema = z.object({ incomeLevy: z.int(), perCapita: z.int(), total: z.int() });
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
    pensionCollection: z.object({
      fiscalYear: z.int(), applies: z.boolean().openapi({ description: '公的年金からの特別徴収の対象（全ての要件を満たす）' }),
      method: z.enum(['difference', 'apportionment']).openapi({ description: '年金所得に係る税額の算出方法（difference: 差額方式, apportionment: 按分）' }),
      parts: z.record(z.enum(['pension', 'salary', 'other']), TaxPartSchema).openapi({ description: '所得の種類ごとの税額' }),
      amounts: z.object({ pensionSpecial: z.int(), salarySpecial: z.int(), ordinary: z.int() }).openapi({ description: '徴収方法ごとの年税額' }),
      conditions: z.array(z.object({ condition: z.string(), met: z.boolean(), message: z.string() })),
      reasons: z.array(z.string()).openapi({ description: '年金特徴にならない理由と各部分の徴収方法' }),
      unconfirmedFigures: z.array(z.string()),
      assumptions: z.array(z.string()).openapi({ description: 'シミュレーションで仮定した事項（4月1日の年齢・老齢基礎年金等・介護保険料）' }),
    }).optional().openapi({ description: 'collection が pension のとき: 公的年金からの特別徴収の判定と徴収方法ごとの税額' }),
  })
  .openapi('ResidentTaxSimulation');

// Decimal digits only: Number() would also read 0x7EA or 2.026e3 as 2026.
const FiscalYear = z.preprocess((v) => (typeof v === 'string' && /^[0-9]{1,9}$/.test(v) ? Number(v) : v), z.int()).refine((y) => SUPPORTED_FISCAL_YEARS.includes(y), { error: `年度は ${SUPPORTED_FISCAL_YEARS.join('・')} のいずれかを指定してください` })
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

const EmployerNo = z.string().regex(EMPLOYER_NO, { error: EMPLOYER_NO_MESSAGE }).openapi({ param: { name: 'employerNo', in: 'path' }, description: '特別徴収義務者の指定番号' });
const EmployerSchema = z
  .object({
    employerNo: z.string(), name: z.string().nullable().openapi({ description: '名称（給与支払報告書から登録し名称がなかった場合 null）' }), address: z.string().nullable(),
    postalCode: z.string().nullable(), corporateNumber: z.string().nullable(), phone: z.string().nullable(), department: z.string().nullable(),
    delivery: z.object({ name: z.string(), address: z.string(), postalCode: z.string().nullable() }).nullable().openapi({ description: '送付先（所在地と異なる場合）' }),
    eltax: z.boolean(), source: z.enum(['staff', 'incomeDocument']).openapi({ description: 'staff: 職員が登録, incomeDocument: 給与支払報告書から自動登録（未補完）' }),
    version: z.int(), createdAt: z.string(), createdBy: z.string().nullable(), updatedAt: z.string(), updatedBy: z.string().nullable(),
  })
  .openapi('ResidentTaxEmployer');
const ReliefDecisionSchema = z
  .object({
    id: z.uuid(), kind: z.enum(['exemption', 'reduction']), reason: z.enum(Object.keys(RELIEF_REASONS) as [keyof typeof RELIEF_REASONS]),
    reasonText: z.string().nullable(), scope: z.enum(Object.keys(RELIEF_SCOPES) as [keyof typeof RELIEF_SCOPES]), rate: z.string().nullable(), amount: z.int().nullable(),
    forestExempt: z.boolean(), decidedOn: z.string(), decidedBy: z.string(), recordedAt: z.string(), recordedBy: z.string().nullable(),
    revocation: z.object({ id: z.uuid(), reasonText: z.string(), decidedOn: z.string(), decidedBy: z.string(), recordedAt: z.string(), recordedBy: z.string().nullable() }).nullable(),
  })
  .openapi('ResidentTaxReliefDecision');
const ReliefResultSchema = z.object({
  decision: ReliefDecisionSchema,
  reassessment: z.object({ version: z.int(), total: z.int(), difference: z.int(), breakdown: SimulationResultSchema.shape.breakdown }).nullable(),
});

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
        residentId: z.uuid().nullable().openapi({ description: '住民基本台帳の内部ID（住登外の納税義務者は null）' }), addresseeNo: z.string(), name: z.string().nullable(), birthDate: z.string(), address: z.string().nullable(),
        liability: z.enum(['residence', 'house']).openapi({ description: '課税の根拠（residence: 住所、house: 事務所・事業所・家屋敷のみ＝均等割のみ）' }),
        assessments: z.array(z.object({
          version: z.int(), kind: z.enum(['initial', 'reassessment', 'cancellation']).openapi({ description: 'initial: 当初課税, reassessment: 更正, cancellation: 賦課取消' }), collection: z.enum(['salary', 'pension', 'ordinary']), employerNo: z.string().nullable(),
          total: z.int(), difference: z.int(), breakdown: SimulationResultSchema.shape.breakdown, assessedAt: z.string(),
          recomputable: z.boolean().openapi({ description: '現在の計算規則で記録した入力から同じ金額になる（false: 規則の訂正後。内訳は記録した金額を示す）' }),
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
    secureRoute({ access: { permission: 'individual-resident-tax:assess' } }, {
      method: 'post', path: '/fiscal-years/{fiscalYear}/taxpayers/{addresseeNo}/cancellation', operationId: 'individualResidentTax.cancelAssessment', tags,
      summary: '賦課取消（納税義務がなかった納税義務者: 税額0円の版を理由とともに記録する。元の課税は残る）',
      request: {
        params: z.object({ fiscalYear: FiscalYear, addresseeNo: AddresseeNo }),
        body: { required: true, ...json(z.object({ reason: textSchema('取消の理由', 1000, { allowNewline: true }).openapi({ description: '取消の理由（例: 令和7年12月20日死亡の届出を課税後に受理）' }) }).openapi('ResidentTaxCancellation')) },
      },
      responses: { 201: { description: '賦課取消の版', ...json(z.object({ version: z.int(), total: z.int(), difference: z.int(), breakdown: SimulationResultSchema.shape.breakdown })) }, ...problemResponses(401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const { fiscalYear, addresseeNo } = c.req.valid('param');
      return c.json(toJson(await cancelAssessment(ctx, caller(c), fiscalYear, addresseeNo, c.req.valid('json').reason)), 201);
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
        onRoll: z.boolean().openapi({ description: '課税台帳に載っている' }), reassessedSince: z.boolean().openapi({ description: '異動の記録後に更正または賦課取消をした' }),
      })) })) }, ...problemResponses(401, 403, 422) },
    }),
    async (c) => c.json(await listReviews(ctx, caller(c), c.req.valid('param').fiscalYear), 200),
  );
  router.openapi(
    secureRoute({ access: { permission: 'individual-resident-tax:record' } }, {
      method: 'put', path: '/employers/{employerNo}', operationId: 'individualResidentTax.registerEmployer', tags,
      summary: '特別徴収義務者の登録・変更（変更は新しい版として記録し、前の版は残る）',
      request: { params: z.object({ employerNo: EmployerNo }), body: { required: true, ...json(employerInputSchema) } },
      responses: { 200: { description: '登録・変更後の特別徴収義務者', ...json(EmployerSchema) }, ...problemResponses(401, 403, 409, 422) },
    }),
    async (c) => c.json(await registerEmployer(ctx, caller(c), c.req.valid('param').employerNo, c.req.valid('json')), 200),
  );
  router.openapi(
    secureRoute(readAccess, {
      method: 'get', path: '/employers/{employerNo}', operationId: 'individualResidentTax.getEmployer', tags, summary: '特別徴収義務者の照会',
      request: { params: z.object({ employerNo: EmployerNo }) },
      responses: { 200: { description: '特別徴収義務者', ...json(EmployerSchema) }, ...problemResponses(401, 403, 404, 422) },
    }),
    async (c) => c.json(await getEmployer(ctx, caller(c), c.req.valid('param').employerNo), 200),
  );
  router.openapi(
    secureRoute(readAccess, {
      method: 'get', path: '/employers', operationId: 'individualResidentTax.listEmployers', tags, summary: '特別徴収義務者の一覧（名称の前方一致で検索、名称順）',
      request: { query: z.object({
        namePrefix: z.string().max(100, { error: '名称は100文字以内で指定してください' }).optional().openapi({ description: '名称の先頭（省略時は全件）' }),
        limit: z.coerce.number().int().min(1, { error: '件数は1以上で指定してください' }).max(100, { error: '件数は100以下で指定してください' }).default(20),
        offset: z.coerce.number().int().min(0, { error: '開始位置は0以上で指定してください' }).default(0),
      }) },
      responses: { 200: { description: '特別徴収義務者', ...json(z.object({ items: z.array(EmployerSchema), limit: z.int(), offset: z.int() })) }, ...problemResponses(401, 403, 422) },
    }),
    async (c) => c.json(await listEmployers(ctx, caller(c), c.req.valid('query')), 200),
  );
  router.openapi(
    secureRoute({ access: { permission: 'individual-resident-tax:assess' } }, {
      method: 'post', path: '/fiscal-years/{fiscalYear}/taxpayers/{addresseeNo}/reliefs', operationId: 'individualResidentTax.recordRelief', tags,
      summary: '非課税・減免の決定の記録（現在の決定を置き換える。課税済みなら同時に更正する）',
      request: { params: z.object({ fiscalYear: FiscalYear, addresseeNo: AddresseeNo }), body: { required: true, ...json(reliefInputSchema) } },
      responses: { 201: { description: '記録した決定と更正（未課税なら null）', ...json(ReliefResultSchema) }, ...problemResponses(401, 403, 409, 422) },
    }),
    async (c) => {
      const { fiscalYear, addresseeNo } = c.req.valid('param');
      return c.json(toJson(await recordRelief(ctx, caller(c), fiscalYear, addresseeNo, c.req.valid('json'))), 201);
    },
  );
  router.openapi(
    secureRoute({ access: { permission: 'individual-resident-tax:assess' } }, {
      method: 'post', path: '/fiscal-years/{fiscalYear}/taxpayers/{addresseeNo}/reliefs/{reliefId}/revocation', operationId: 'individualResidentTax.revokeRelief', tags,
      summary: '非課税・減免の決定の取消（取消を記録し、課税済みなら同時に更正する。元の決定は残る）',
      request: {
        params: z.object({ fiscalYear: FiscalYear, addresseeNo: AddresseeNo, reliefId: z.uuid({ error: '決定のIDが正しくありません' }).openapi({ param: { name: 'reliefId', in: 'path' } }) }),
        body: { required: true, ...json(revocationInputSchema) },
      },
      responses: { 201: { description: '取り消した決定と更正（未課税なら null）', ...json(ReliefResultSchema) }, ...problemResponses(401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const { fiscalYear, addresseeNo, reliefId } = c.req.valid('param');
      return c.json(toJson(await revokeRelief(ctx, caller(c), fiscalYear, addresseeNo, reliefId, c.req.valid('json'))), 201);
    },
  );
  router.openapi(
    secureRoute(readAccess, {
      method: 'get', path: '/fiscal-years/{fiscalYear}/taxpayers/{addresseeNo}/reliefs', operationId: 'individualResidentTax.listReliefs', tags,
      summary: '非課税・減免の決定の一覧（記録順、取消を含む。current は現在の決定）',
      request: { params: z.object({ fiscalYear: FiscalYear, addresseeNo: AddresseeNo }) },
      responses: { 200: { description: '決定', ...json(z.object({ current: z.uuid().nullable(), items: z.array(ReliefDecisionSchema) })) }, ...problemResponses(401, 403, 422) },
    }),
    async (c) => {
      const { fiscalYear, addresseeNo } = c.req.valid('param');
      return c.json(await listReliefs(ctx, caller(c), fiscalYear, addresseeNo), 200);
    },
  );
  router.openapi(
    secureRoute({ access: { permission: 'individual-resident-tax:assess' } }, {
      method: 'post', path: '/fiscal-years/{fiscalYear}/non-resident-taxpayers', operationId: 'individualResidentTax.enterNonResidentTaxpayer', tags,
      summary: '住登外の納税義務者を課税台帳に登録し、課税資料から課税する（家屋敷課税は均等割のみ）',
      request: { params: z.object({ fiscalYear: FiscalYear }), body: { required: true, ...json(nonResidentInputSchema) } },
      responses: { 201: { description: '登録と当初課税（版1）', ...json(z.object({
        addresseeNo: z.string(), liability: z.enum(['residence', 'house']), version: z.int(), total: z.int(), breakdown: SimulationResultSchema.shape.breakdown,
      })) }, ...problemResponses(401, 403, 404, 409, 422) },
    }),
    async (c) => c.json(toJson(await enterNonResidentTaxpayer(ctx, caller(c), c.req.valid('param').fiscalYear, c.req.valid('json'))), 201),
  );
  return router;
}

/** The engine's readonly arrays as the plain JSON the response schema describes. */
const toJson = <T>(value: T) => JSON.parse(JSON.stringify(value)) as never;
