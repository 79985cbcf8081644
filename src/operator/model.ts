import { z } from '@hono/zod-openapi';
import { isIsoDate } from '../jp/index.ts';
import { BLOCKER_CAUSES, BUSINESS_IDS, DEPLOYMENT_PROFILES } from './businesses.ts';
import { COST_CATEGORIES, USAGE_METRICS } from './rules/allocation.ts';
import { PHASES, STEP_STATUSES } from './rules/progress.ts';

/** Free text an operator enters (names, blockers, sources): one line of printable characters. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const PlainText = (max: number) => z.string().max(max).refine((v) => !CONTROL.test(v), { error: '制御文字（改行・タブを含む）は使えません', params: { rule: 'characters.control' } });

const Yen = (description: string) => z.number().int().min(0).max(1e13).openapi({ description: `${description}（円）` });
export const IsoDate = z.string().max(10).refine(isIsoDate, { error: '実在する日付を YYYY-MM-DD で指定してください' });
const OptionalDate = IsoDate.nullable().optional().transform((v) => v ?? null);
const Version = z.string().regex(/^[A-Za-z0-9._-]{1,32}$/, { error: '手順書の版は英数字と . _ - の32文字以内で指定してください' });
const Businesses = z.array(z.enum(BUSINESS_IDS)).min(1, { error: '業務を1つ以上選んでください' }).max(20).openapi({ description: '標準化対象20業務のうちこの基盤で稼働（予定）するもの' });

export const LocalGovernmentSchema = z
  .object({
    tenantCode: z.string(),
    name: z.string(),
    kana: z.string(),
    prefecture: z.string(),
    kind: z.string(),
    wards: z.array(z.object({ tenantCode: z.string(), name: z.string() })).openapi({ description: '政令指定都市の行政区' }),
    onboarded: z.boolean(),
  })
  .openapi('LocalGovernment');

export const AdministratorSchema = z.object({
  loginName: z.string().max(64),
  displayName: PlainText(100).refine((v) => v.trim() !== '', { error: '利用者名称を入力してください' }),
});

export const OnboardSchema = z
  .object({
    tenantCode: z.string().max(6).openapi({ example: '131016' }),
    businesses: Businesses,
    deploymentProfile: z.enum(DEPLOYMENT_PROFILES),
    procedureVersion: Version.optional(),
    population: z.number().int().min(0).max(50_000_000).nullable().optional(),
    administrator: AdministratorSchema,
  })
  .strict()
  .openapi('Onboarding');

export const ProfileSchema = z
  .object({
    businesses: Businesses,
    deploymentProfile: z.enum(DEPLOYMENT_PROFILES),
    procedureVersion: Version,
    population: z.number().int().min(0).max(50_000_000).nullable(),
    baselineCostFy2018: Yen('平成30年度（2018年度）の運用経費（年額）').nullable(),
    preMigrationCost: Yen('移行直前の運用経費（年額）').nullable(),
    otherRunningCost: Yen('移行後に基盤の請求に含まれない運用経費（年額）'),
  })
  .strict()
  .openapi('MunicipalityProfile');

const Summary = z.object({ steps: z.number(), completed: z.number(), percent: z.number() });
export const MunicipalitySchema = z
  .object({
    tenantCode: z.string(),
    name: z.string(),
    prefecture: z.string(),
    kind: z.string(),
    wards: z.array(z.object({ tenantCode: z.string(), name: z.string() })),
    businesses: z.array(z.object({ id: z.string(), title: z.string(), provided: z.boolean() })),
    deploymentProfile: z.enum(DEPLOYMENT_PROFILES),
    procedureVersion: z.string(),
    population: z.number().nullable(),
    baselineCostFy2018: z.number().nullable(),
    preMigrationCost: z.number().nullable(),
    otherRunningCost: z.number(),
    onboardedAt: z.string(),
    progress: Summary.extend({ delayed: z.number() }),
  })
  .openapi('Municipality');

export const ProgressRowSchema = z
  .object({
    business: z.enum(BUSINESS_IDS),
    stepNo: z.number().int().min(1).max(999),
    status: z.enum(STEP_STATUSES),
    plannedStart: OptionalDate,
    plannedEnd: OptionalDate,
    actualStart: OptionalDate,
    actualEnd: OptionalDate,
    blockerCause: z.enum(BLOCKER_CAUSES).nullable().optional().transform((v) => v ?? null),
    blocker: PlainText(400).nullable().optional().transform((v) => v ?? null),
  })
  .strict()
  .openapi('MigrationProgressRow');
export type ProgressRowInput = z.infer<typeof ProgressRowSchema>;

export const ProcedureSchema = z
  .object({
    title: PlainText(200).refine((v) => v.trim() !== '', { error: '題名を入力してください' }),
    source: PlainText(400).refine((v) => v.trim() !== '', { error: '出典を入力してください' }),
    steps: z
      .array(z.object({ stepNo: z.number().int().min(1).max(999), phase: z.enum(PHASES), name: PlainText(200).refine((v) => v.trim() !== '', { error: '作業名を入力してください' }), workItem: z.number().int().min(1).max(17).nullable().optional() }).strict())
      .min(1)
      .max(999),
  })
  .strict()
  .openapi('MigrationProcedure');

export const SharedCostsSchema = z
  .object({
    items: z
      .array(z.object({ category: z.enum(COST_CATEGORIES), amount: Yen('月額'), key: z.enum(['equal', 'population', 'usage']), usageMetric: z.enum(USAGE_METRICS).nullable().optional() }).strict())
      .max(COST_CATEGORIES.length)
      .superRefine((items, ctx) => {
        items.forEach((item, i) => {
          if (items.findIndex((x) => x.category === item.category) !== i) ctx.addIssue({ code: 'custom', path: [i, 'category'], message: '同じ費目が2回あります', params: { rule: 'duplicate' } });
          if (item.key === 'usage' && !item.usageMetric) ctx.addIssue({ code: 'custom', path: [i, 'usageMetric'], message: '利用量割にはどの利用量で按分するかを指定してください', params: { rule: 'required' } });
          if (item.key !== 'usage' && item.usageMetric) ctx.addIssue({ code: 'custom', path: [i, 'usageMetric'], message: '利用量は利用量割のときだけ指定します', params: { rule: 'not-allowed' } });
        });
      }),
  })
  .strict()
  .openapi('SharedCosts');

export const MonthSchema = z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, { error: '月は YYYY-MM で指定してください' }).openapi({ example: '2026-11' });

// ------------------------------------------------------------------------------------ answers
const Figures = z.object({ steps: z.number().int(), completed: z.number().int(), percent: z.number() });
const Nullable = <T extends z.ZodType>(s: T) => s.nullable();

export const ProgressDetailSchema = z
  .object({
    tenantCode: z.string(),
    version: z.string(),
    steps: z.array(z.object({ stepNo: z.number().int(), phase: z.enum(PHASES), name: z.string(), workItem: z.number().int().nullable() })),
    businesses: z.array(
      z.object({
        business: z.string(),
        title: z.string(),
        summary: z.object({ phases: z.array(Figures.extend({ phase: z.enum(PHASES) })), overall: Figures, delayed: z.array(z.number().int()) }),
        rows: z.array(
          z.object({
            stepNo: z.number().int(), status: z.enum(STEP_STATUSES), plannedStart: Nullable(z.string()), plannedEnd: Nullable(z.string()), actualStart: Nullable(z.string()),
            actualEnd: Nullable(z.string()), blockerCause: z.enum(BLOCKER_CAUSES).nullable(), blocker: Nullable(z.string()), delayed: z.boolean(),
          }),
        ),
      }),
    ),
  })
  .openapi('MigrationProgress');

export const ProcedureListSchema = z
  .object({ items: z.array(z.object({ version: z.string(), title: z.string(), source: z.string(), steps: z.array(z.object({ version: z.string(), stepNo: z.number().int(), phase: z.enum(PHASES), name: z.string(), workItem: z.number().int().nullable() })) })) })
  .openapi('MigrationProcedures');

export const UsageSchema = z
  .object({
    items: z.array(
      z.object({
        tenantCode: z.string(),
        days: z.array(z.object({ day: z.string(), business: z.string(), storedRows: z.number(), storedBytes: z.number(), apiRequests: z.number(), jobCpuMs: z.number(), certificates: z.number(), measuredAt: z.string().nullable().openapi({ description: '保存量を計測した日時 (ISO 8601)。カウンタのみの行は null' }) })),
      }),
    ),
  })
  .openapi('Usage');

const Effect = z.object({
  before: z.number().nullable().openapi({ description: 'A: 2018年度の運用経費（年額）' }),
  after: z.number().openapi({ description: 'B: 按分（月額）× 12 ＋ 基盤外の運用経費' }),
  reduction: z.number().nullable().openapi({ description: '削減額 B − A' }),
  rate: z.number().nullable().openapi({ description: '削減率 (B − A) ÷ A × 100（%、小数1位）' }),
  meetsTarget: z.boolean().nullable(),
  versusPreMigration: z.object({ reduction: z.number(), rate: z.number().nullable() }).nullable(),
});
const Item = z.object({ category: z.enum(COST_CATEGORIES), amount: z.number(), key: z.enum(['equal', 'population', 'usage']), usageMetric: z.enum(USAGE_METRICS).optional() });
export const CostReportSchema = z
  .object({
    month: z.string(),
    items: z.array(Item),
    total: z.number(),
    problems: z.array(z.object({ field: z.string(), rule: z.string(), message: z.string() })),
    municipalities: z.array(
      z.object({
        tenantCode: z.string(), name: z.string(), usage: z.record(z.enum(USAGE_METRICS), z.number()),
        lines: z.array(z.object({ category: z.enum(COST_CATEGORIES), amount: z.number() })), allocatedMonthly: z.number(), effect: Effect,
      }),
    ),
    sharing: z.array(z.object({ municipalities: z.number().int(), perMunicipalityMonthly: z.number(), fixedShare: z.number(), usageShare: z.number(), isCurrent: z.boolean() })),
  })
  .openapi('CostReport');

export const DashboardSchema = z
  .object({
    today: z.string(),
    municipalities: z.number().int(),
    progressByPhase: z.array(Figures.extend({ phase: z.enum(PHASES), title: z.string() })),
    progressByBusiness: z.array(Figures.extend({ business: z.string(), title: z.string(), municipalities: z.number().int() })),
    delayed: z.array(z.object({ tenantCode: z.string(), name: z.string(), business: z.string(), businessTitle: z.string(), stepNo: z.number().int(), stepName: z.string(), plannedEnd: z.string().nullable(), status: z.enum(STEP_STATUSES), blocker: z.string().nullable() })),
    target: z.number(),
    cost: CostReportSchema,
    usage: z.array(z.object({ day: z.string(), apiRequests: z.number(), storedBytes: z.number(), jobCpuSeconds: z.number(), certificates: z.number() })),
  })
  .openapi('OperatorDashboard');
