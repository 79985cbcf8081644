/** The operator screens' shared types (from the OpenAPI document) and how they write yen and percentages. */
import { api } from '../../api/client';
import type { Data } from '../admin/common';
export { ALLOCATION_KEY_TITLES, COST_CATEGORY_TITLES, USAGE_METRIC_TITLES } from '../../../../src/operator/rules/allocation.ts';
export const getDashboard = () => api.GET('/api/v1/operator/dashboard');
/** The dashboard's answer, typed from the server's OpenAPI document. */
export type Dashboard = Data<typeof getDashboard>;
export type CostReport = Dashboard['cost'];

export const yen = (n: number | null | undefined) => (n === null || n === undefined ? '—' : `${n.toLocaleString('ja-JP')}円`);
export const percent = (n: number | null | undefined) => (n === null || n === undefined ? '—' : `${n.toFixed(1)}%`);
