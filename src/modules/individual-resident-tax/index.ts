/**
 * 個人住民税: the assessment engine (rules/, pure and dated by fiscal year) and, so far, its simulation
 * (API and CLI). README.md says what is there and what comes next (records, the annual assessment job).
 */
import { defineModule } from '../../platform/module.ts';
import { individualResidentTaxRoutes } from './api.ts';

export { assess } from './rules/assess.ts';
export { simulate, simulationRequestSchema, type SimulationRequest, type SimulationResult } from './simulate.ts';
export * from './model.ts';

export const individualResidentTaxModule = defineModule({
  id: 'individual-resident-tax',
  title: '個人住民税',
  kind: 'business',
  routes: individualResidentTaxRoutes,
  permissions: {
    read: '個人住民税の税額・計算内訳の照会とシミュレーション',
  },
});
