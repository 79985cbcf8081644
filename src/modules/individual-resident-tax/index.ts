/**
 * 個人住民税: the assessment engine (rules/, pure and dated by fiscal year), its simulation (API and CLI),
 * the records of each fiscal year, the annual assessment job (当初課税), 住登外, 更正, 減免 and notices.
 * README.md says what is there and what is left.
 */
import { fileURLToPath } from 'node:url';
import { defineModule } from '../../platform/module.ts';
import { annualAssessmentJob } from './annual-assessment.ts';
import { individualResidentTaxRoutes } from './api.ts';
import { dataList } from './data-list.ts';
import { events } from './events.ts';
import { levyDateReview } from './reviews.ts';

export { assess } from './rules/assess.ts';
export { ANNUAL_ASSESSMENT, annualAssessmentJob } from './annual-assessment.ts';
export { simulate, simulationRequestSchema, type SimulationRequest, type SimulationResult } from './simulate.ts';
export * from './model.ts';
export { AssessedV1, events, ReassessedV1 } from './events.ts';

export const individualResidentTaxModule = defineModule({
  id: 'individual-resident-tax',
  title: '個人住民税',
  kind: 'business',
  migrations: fileURLToPath(new URL('./migrations/', import.meta.url)),
  routes: individualResidentTaxRoutes,
  jobs: [annualAssessmentJob],
  events: Object.values(events),
  subscriptions: [levyDateReview],
  dataList,
  permissions: {
    read: '個人住民税の税額・計算内訳の照会とシミュレーション',
    record: '課税資料（給与支払報告書・申告等）の受付と特別徴収義務者の登録',
    assess: '当初課税（一括）・住登外の課税・更正・非課税と減免の決定',
    notice: '特別徴収税額通知・納税通知書の出力',
  },
});
