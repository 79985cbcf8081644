/** Routes of 個人住民税. The simulation reads and stores nothing: it needs only the right to see tax figures. */
import { z } from '@hono/zod-openapi';
import { secureRoute } from '../../platform/http/access.ts';
import { auditCaller, callerOf } from '../../platform/http/caller.ts';
import { problemResponses } from '../../platform/http/openapi.ts';
import { createRouter } from '../../platform/http/router.ts';
import { inTenant } from '../../platform/db/tenant-scope.ts';
import type { ModuleContext } from '../../platform/module.ts';
import { simulate, simulationRequestSchema } from './simulate.ts';

const json = <S extends z.ZodType>(schema: S) => ({ content: { 'application/json': { schema } } });
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

export function individualResidentTaxRoutes(ctx: ModuleContext) {
  const router = createRouter();
  router.openapi(
    secureRoute({ access: { permission: 'individual-resident-tax:read' } }, {
      method: 'post', path: '/simulate', operationId: 'individualResidentTax.simulate', tags,
      summary: '税額シミュレーション（1人分の入力から計算の内訳を返す。何も保存しない）',
      request: { body: { required: true, ...json(simulationRequestSchema.openapi('ResidentTaxSimulationRequest')) } },
      responses: { 200: { description: '計算の内訳（各段階に名称と根拠）', ...json(SimulationResultSchema) }, ...problemResponses(401, 403, 422) },
    }),
    async (c) => {
      const caller = callerOf(c, '個人住民税');
      const { breakdown, installments } = simulate(c.req.valid('json'));
      // Nothing of a person is read or kept: the entry says who simulated, with no target.
      await inTenant(ctx.db, caller.tenantCode, (trx) => auditCaller(trx, caller, 'individual-resident-tax', { function: 'simulate', category: 'inquiry', targets: [] }));
      return c.json({ breakdown: { ...breakdown, steps: [...breakdown.steps], unconfirmedFigures: [...breakdown.unconfirmedFigures] }, installments }, 200);
    },
  );
  return router;
}
