import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { daysBetween, isIsoDate, todayInJapan } from '../jp/index.ts';
import { AppError } from '../platform/errors.ts';
import { secureRoute } from '../platform/http/access.ts';
import { auditRequestIn } from '../platform/http/audit-request.ts';
import type { AppEnv } from '../platform/http/context.ts';
import { json, problemResponses } from '../platform/http/openapi.ts';
import { TenantParam } from '../platform/http/params.ts';
import { createRouter } from '../platform/http/router.ts';
import type { ModuleContext } from '../platform/module.ts';
import { validateTenantCode } from '../platform/tenancy/tenant.ts';
import { costReport, latestCostMonth, setSharedCosts, usageOf } from './costs.ts';
import { dashboard } from './dashboard.ts';
import { CostReportSchema, DashboardSchema, ProcedureListSchema, ProgressDetailSchema, UsageSchema, LocalGovernmentSchema, MonthSchema, MunicipalitySchema, OnboardSchema, ProcedureSchema, ProfileSchema, ProgressRowSchema, SharedCostsSchema, IsoDate } from './model.ts';
import { loadProcedure, procedures } from './procedures.ts';
import { exportProgressCsv, importProgressCsv } from './progress-csv.ts';
import { municipalities, municipalityProgress, onboard, recordProgress, searchLocalGovernments, updateProfile, type AuditIn, type OperatorDeps } from './service.ts';
import { sharedCosts } from './store.ts';
import { inPlatform } from '../platform/db/tenant-scope.ts';

const read = { access: { permission: 'operator:read' } } as const;
const manage = { access: { permission: 'operator:manage' } } as const;
const Tenant = z.object({ tenantCode: TenantParam });
const tags = ['運用管理'];

/** 運用管理 (issue #11): the operator's console. Every route is the operator's only (operator:*). */
export function operatorRoutes(ctx: ModuleContext, provided: ReadonlySet<string>) {
  const router = createRouter();
  const deps: OperatorDeps = { db: ctx.db, events: ctx.events, providedBusinesses: provided };
  const by = (c: Context<AppEnv>) => c.get('principal').name;
  const audit = (c: Context<AppEnv>): AuditIn => (trx, fn, targets) => auditRequestIn(trx, c, { module: 'operator', function: fn, category: 'setting', targets });

  router.openapi(
    secureRoute(read, { method: 'get', path: '/local-governments', tags, summary: '全国地方公共団体コードからの受入れ候補の検索', request: { query: z.object({ q: z.string().max(40).optional() }) }, responses: { 200: { description: '候補（最大50件）', ...json(z.object({ items: z.array(LocalGovernmentSchema) })) }, ...problemResponses(401, 403, 422) } }),
    async (c) => c.json({ items: await searchLocalGovernments(deps, c.req.valid('query').q ?? '') }, 200),
  );
  router.openapi(
    secureRoute(read, { method: 'get', path: '/municipalities', tags, summary: '受け入れた団体と移行の進捗', responses: { 200: { description: '一覧', ...json(z.object({ items: z.array(MunicipalitySchema) })) }, ...problemResponses(401, 403) } }),
    async (c) => c.json({ items: await municipalities(deps) }, 200),
  );
  router.openapi(
    secureRoute(manage, {
      method: 'post', path: '/municipalities', tags, summary: '団体の受入れ（団体・業務・配置モデル・最初の管理者。初期パスワードを一度だけ返す）',
      request: { body: { required: true, ...json(OnboardSchema) } },
      responses: { 201: { description: '受け入れた', ...json(z.object({ municipality: MunicipalitySchema, administrator: z.object({ loginName: z.string(), initialPassword: z.string() }) })) }, ...problemResponses(401, 403, 409, 422) },
    }),
    async (c) => {
      const result = await onboard(deps, c.req.valid('json'), by(c), audit(c));
      const [municipality] = await municipalities(deps, result.tenant.tenantCode);
      return c.json({ municipality: municipality!, administrator: result.administrator }, 201);
    },
  );
  router.openapi(
    secureRoute(manage, { method: 'put', path: '/municipalities/{tenantCode}', tags, summary: '団体の業務・配置モデル・人口・運用経費の登録', request: { params: Tenant, body: { required: true, ...json(ProfileSchema) } }, responses: { 200: { description: '登録後', ...json(MunicipalitySchema) }, ...problemResponses(401, 403, 404, 422) } }),
    async (c) => {
      const code = validateTenantCode(c.req.valid('param').tenantCode).code;
      await updateProfile(deps, code, c.req.valid('json'), by(c), audit(c));
      return c.json((await municipalities(deps, code))[0]!, 200);
    },
  );
  router.openapi(
    secureRoute(read, { method: 'get', path: '/municipalities/{tenantCode}/progress', tags, summary: '団体の業務ごと・ステップごとの進捗', request: { params: Tenant }, responses: { 200: { description: '進捗', ...json(ProgressDetailSchema) }, ...problemResponses(401, 403, 404, 422) } }),
    async (c) => c.json(await municipalityProgress(deps, c.req.valid('param').tenantCode), 200),
  );
  router.openapi(
    secureRoute(manage, {
      method: 'put', path: '/municipalities/{tenantCode}/progress', tags, summary: '進捗の記録（状態・予定日・実績日・課題）',
      request: { params: Tenant, body: { required: true, ...json(z.object({ items: z.array(ProgressRowSchema).min(1).max(2000) }).strict()) } },
      responses: { 200: { description: '記録した件数', ...json(z.object({ recorded: z.number() })) }, ...problemResponses(401, 403, 404, 422) },
    }),
    async (c) => c.json({ recorded: await recordProgress(deps, c.req.valid('param').tenantCode, c.req.valid('json').items, by(c), audit(c)) }, 200),
  );
  router.openapi(
    secureRoute(read, { method: 'get', path: '/progress.csv', tags, summary: '全団体の進捗のCSV（報告用）', responses: { 200: { description: 'CSV (UTF-8, CRLF)', content: { 'text/csv': { schema: z.string() } } }, ...problemResponses(401, 403) } }),
    async (c) => c.body(await exportProgressCsv(deps), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="progress-${todayInJapan()}.csv"` }),
  );
  router.openapi(
    secureRoute(manage, {
      method: 'post', path: '/progress.csv', tags, summary: '進捗のCSVの取込み（出力と同じ形式。全行を検査してから一括で記録）',
      request: { body: { required: true, content: { 'text/csv': { schema: z.string() } } } },
      responses: { 200: { description: '記録した行数', ...json(z.object({ recorded: z.number() })) }, ...problemResponses(400, 401, 403, 415, 422) },
    }),
    async (c) => {
      if (!/^text\/csv\s*(;|$)/i.test(c.req.header('content-type') ?? '')) {
        throw new AppError('unsupported-media-type', 415, '本文の形式に対応していません', '進捗のCSVは Content-Type: text/csv（UTF-8）で送ってください');
      }
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(await c.req.arrayBuffer());
      } catch {
        throw new AppError('invalid-encoding', 400, 'リクエスト本文の文字コードが正しくありません', '進捗のCSVはUTF-8で送ってください（UTF-8として読めないバイト列があります）');
      }
      return c.json({ recorded: await importProgressCsv(deps, text, by(c), audit(c)) }, 200);
    },
  );
  router.openapi(
    secureRoute(read, { method: 'get', path: '/procedures', tags, summary: '手順書（作業ステップ）の版', responses: { 200: { description: '版と作業ステップ', ...json(ProcedureListSchema) }, ...problemResponses(401, 403) } }),
    async (c) => c.json({ items: await procedures(ctx.db) }, 200),
  );
  router.openapi(
    secureRoute(manage, {
      method: 'put', path: '/procedures/{version}', tags, summary: '手順書の版の読込み（ステップの追加・名称の更新）',
      request: { params: z.object({ version: z.string().regex(/^[A-Za-z0-9._-]{1,32}$/).openapi({ param: { name: 'version', in: 'path' }, example: '1.0' }) }), body: { required: true, ...json(ProcedureSchema) } },
      responses: { 204: { description: '読み込んだ' }, ...problemResponses(401, 403, 409, 422) },
    }),
    async (c) => {
      await loadProcedure(ctx.db, c.req.valid('param').version, c.req.valid('json'), audit(c));
      return c.body(null, 204);
    },
  );
  router.openapi(
    secureRoute(read, { method: 'get', path: '/usage', tags, summary: '団体・業務・日ごとの利用量（計測値）', request: { query: z.object({ from: IsoDate, to: IsoDate }).refine((q) => !isIsoDate(q.from) || !isIsoDate(q.to) || (q.from <= q.to && daysBetween(q.from, q.to) <= 366), { path: ['to'], error: '期間は開始日から366日以内の終了日までで指定してください' }) }, responses: { 200: { description: '利用量', ...json(UsageSchema) }, ...problemResponses(401, 403, 422) } }),
    async (c) => {
      const usage = await usageOf(deps, c.req.valid('query').from, c.req.valid('query').to);
      return c.json({ items: usage.map((u) => ({ ...u, days: u.days.map((d) => ({ ...d, measuredAt: d.measuredAt?.toISOString() ?? null })) })) }, 200);
    },
  );
  router.openapi(
    secureRoute(manage, { method: 'post', path: '/usage/measure', tags, summary: '保存量（行数・バイト数）と証明書発行数をいま計測する', responses: { 200: { description: '計測した団体の数', ...json(z.object({ measured: z.number() })) }, ...problemResponses(401, 403) } }),
    async (c) => {
      if (!ctx.metering) throw new Error('metering is not configured');
      await ctx.metering.requests.flush();
      return c.json({ measured: await ctx.metering.measureAll() }, 200);
    },
  );
  const Month = z.object({ month: MonthSchema.openapi({ param: { name: 'month', in: 'path' } }) });
  router.openapi(
    secureRoute(read, { method: 'get', path: '/shared-costs/{month}', tags, summary: '月の共通費用と按分の方法', request: { params: Month }, responses: { 200: { description: '費用', ...json(SharedCostsSchema) }, ...problemResponses(401, 403, 422) } }),
    async (c) => c.json({ items: await inPlatform(ctx.db, (trx) => sharedCosts(trx, c.req.valid('param').month)) }, 200),
  );
  router.openapi(
    secureRoute(manage, { method: 'put', path: '/shared-costs/{month}', tags, summary: '月の共通費用（クラウド・回線・運用）と按分の方法の登録', request: { params: Month, body: { required: true, ...json(SharedCostsSchema) } }, responses: { 200: { description: '登録後の按分と効果', ...json(CostReportSchema) }, ...problemResponses(401, 403, 422) } }),
    async (c) => {
      const { month } = c.req.valid('param');
      const items = c.req.valid('json').items.map(({ usageMetric, ...i }) => ({ ...i, ...(usageMetric ? { usageMetric } : {}) }));
      await setSharedCosts(deps, month, items, by(c), audit(c));
      return c.json(await costReport(deps, month), 200);
    },
  );
  router.openapi(
    secureRoute(read, { method: 'get', path: '/cost-effect', tags, summary: '按分・削減効果・割り勘効果（月を省略すると費用を登録した最新の月）', request: { query: z.object({ month: MonthSchema.optional() }) }, responses: { 200: { description: '費用の効果', ...json(CostReportSchema) }, ...problemResponses(401, 403, 422) } }),
    async (c) => c.json(await costReport(deps, c.req.valid('query').month ?? (await latestCostMonth(deps, todayInJapan()))), 200),
  );
  router.openapi(
    secureRoute(read, { method: 'get', path: '/dashboard', tags, summary: 'ダッシュボード（進捗・遅延・費用・利用量の推移）', responses: { 200: { description: '集計', ...json(DashboardSchema) }, ...problemResponses(401, 403) } }),
    async (c) => c.json(await dashboard(deps, todayInJapan()), 200),
  );
  return router;
}
