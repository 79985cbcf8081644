/** The shapes of the operator API's aggregate answers (declared loosely in the OpenAPI document). */
import type { CostEffect } from '../../../../src/operator/rules/cost-effect.ts';
export { ALLOCATION_KEY_TITLES, COST_CATEGORY_TITLES, USAGE_METRIC_TITLES } from '../../../../src/operator/rules/allocation.ts';
export interface CostReport {
  month: string;
  items: { category: string; amount: number; key: string; usageMetric?: string }[];
  total: number;
  problems: { field: string; message: string }[];
  municipalities: { tenantCode: string; name: string; allocatedMonthly: number; lines: { category: string; amount: number }[]; usage: Record<string, number>; effect: CostEffect }[];
  sharing: { municipalities: number; perMunicipalityMonthly: number; fixedShare: number; usageShare: number; isCurrent: boolean }[];
}
export interface Dashboard {
  today: string;
  municipalities: number;
  progressByPhase: { phase: string; title: string; steps: number; completed: number; percent: number }[];
  progressByBusiness: { business: string; title: string; steps: number; completed: number; percent: number; municipalities: number }[];
  delayed: { tenantCode: string; name: string; businessTitle: string; stepNo: number; stepName: string; plannedEnd: string | null; status: string; blocker: string | null }[];
  target: number;
  cost: CostReport;
  usage: { day: string; apiRequests: number; storedBytes: number; jobCpuSeconds: number; certificates: number }[];
}

export const yen = (n: number | null | undefined) => (n === null || n === undefined ? '—' : `${n.toLocaleString('ja-JP')}円`);
export const percent = (n: number | null | undefined) => (n === null || n === undefined ? '—' : `${n.toFixed(1)}%`);
