/** The addressee, resident tax, platform (団体 paths), tenants, interop and health routes in the request catalogue. */
import path from 'node:path';
import { corporateNumber } from '../../src/jp/index.ts';
import { pick } from './pools.ts';
import { addresseeOf, daysAgo, nameOf, SP, streetOf, today, type BuildContext, type RouteCase } from './routes.ts';

const AD = '/api/v1/addressee';
const TAX = '/api/v1/individual-resident-tax';
const FY = `${TAX}/fiscal-years/2026`;
const T = '/api/v1/tenants/{tenantCode}';

const get = (p: string, query?: Record<string, string>) => ({ method: 'GET' as const, path: p, ...(query ? { query } : {}) });
const post = (p: string, body?: unknown) => ({ method: 'POST' as const, path: p, body });

const addresseeRoutes: RouteCase[] = [
  {
    route: `POST ${AD}/non-residents`, names: 'none',
    build: (c) => post(`${AD}/non-residents`, { ...nameOf(c, '住外', 'ジュウガイ'), birthDate: `19${String(30 + (c.serial % 60)).padStart(2, '0')}-11-1${c.serial % 10}`, sex: '1', address: { text: `大阪府大阪市北区中之島${1 + (c.serial % 9)}丁目1番1号` }, confirmPossibleDuplicate: true }),
  },
  {
    route: `POST ${AD}/corporations`, names: 'none',
    build: (c) => {
      const base = String(200_000_000_000 + c.ai * 50_000_000_000 + c.serial * 7);
      return post(`${AD}/corporations`, { name: `${c.actor.marker.name}合同会社${c.serial}`, corporateNumber: `${corporateNumber.checkDigit(base)}${base}`, address: { text: streetOf(c, 7) } });
    },
  },
  { route: `GET ${AD}/addressees/{addresseeNo}`, names: 'object', build: (c) => { const no = addresseeOf(c.target, c.n); return no && get(`${AD}/addressees/${no}`, c.n % 2 ? { asOf: daysAgo(1) } : undefined); } },
  { route: `GET ${AD}/addressees/{addresseeNo}/history`, names: 'object', build: (c) => { const no = addresseeOf(c.target, c.n); return no && get(`${AD}/addressees/${no}/history`); } },
  { route: `GET ${AD}/integrated/{integratedAddresseeNo}`, names: 'object', build: (c) => { const no = pick(c.target.pools.integratedNos, c.n); return no && get(`${AD}/integrated/${no}`); } },
  // 個人番号 are shared fixtures: the same number may belong to a person of each tenant, so an answer is no cross by itself.
  { route: `POST ${AD}/lookups/by-my-number`, names: 'none', build: (c) => post(`${AD}/lookups/by-my-number`, { myNumber: ['123456789018', '987654321098'][c.n % 2] }) },
  {
    route: `POST ${AD}/addressees/{addresseeNo}/changes`, names: 'object',
    build: (c) => { const no = addresseeOf(c.target, c.n); return no && post(`${AD}/addressees/${no}/changes`, { version: 1, validFrom: today, address: { text: streetOf(c, 8) } }); },
  },
  { route: `GET ${AD}/search`, names: 'none', build: (c) => get(`${AD}/search`, [{ kanaPrefix: c.target.marker.kana }, { namePrefix: c.target.marker.name }, { addressPrefix: c.ai === 0 ? '東京都中央区' : '東京都千代田区' }][c.n % 3]) },
  { route: `GET ${AD}/addressees/{addresseeNo}/deliveries`, names: 'object', build: (c) => { const no = addresseeOf(c.target, c.n); return no && get(`${AD}/addressees/${no}/deliveries`); } },
  {
    route: `POST ${AD}/addressees/{addresseeNo}/deliveries`, names: 'object',
    build: (c) => { const no = addresseeOf(c.target, c.n); return no && post(`${AD}/addressees/${no}/deliveries`, { business: '*', purpose: 'representative', recipientName: nameOf(c, '代人').name, address: { text: streetOf(c, 9) }, validFrom: today }); },
  },
  {
    route: `POST ${AD}/addressees/{addresseeNo}/deliveries/{deliveryId}/end`, names: 'object',
    build: (c) => { const d = pick(c.target.pools.deliveries, c.n); return d && post(`${AD}/addressees/${d.addresseeNo}/deliveries/${d.deliveryId}/end`, { validUntil: today }); },
  },
  { route: `POST ${AD}/intermediate-server/links`, names: 'none', build: () => post(`${AD}/intermediate-server/links`) },
  {
    route: `POST ${AD}/merges`, names: 'object',
    build: (c) => {
      const from = addresseeOf(c.target, c.n);
      const into = addresseeOf(c.target, c.n + 1);
      return from && into && post(`${AD}/merges`, { from, into, reason: '同一人と判明' });
    },
  },
];

const taxpayer = (c: BuildContext, suffix = '') => { const no = addresseeOf(c.target, c.n); return no && `${FY}/taxpayers/${no}${suffix}`; };

/**
 * 課税資料 and 非課税・減免 are keyed by a 宛名番号 the module does not look up (README: a document or a
 * decision may come before the roll), so another tenant's number is an unknown number of the caller's
 * own: the row lands in the caller's tenant (checked by the fingerprints), and the answers are checked for content.
 */
const taxRoutes: RouteCase[] = [
  {
    route: `POST ${TAX}/fiscal-years/{fiscalYear}/income-documents`, names: 'none',
    build: (c) => { const no = addresseeOf(c.target, c.n); return no && post(`${FY}/income-documents`, { addresseeNo: no, source: 'pension_report', items: { pensionRevenue: 1_000_000 + c.serial } }); },
  },
  { route: `GET ${TAX}/fiscal-years/{fiscalYear}/taxpayers/{addresseeNo}`, names: 'object', build: (c) => { const p = taxpayer(c); return p && get(p); } },
  { route: `POST ${TAX}/fiscal-years/{fiscalYear}/taxpayers/{addresseeNo}/reassessment`, names: 'object', build: (c) => { const p = taxpayer(c, '/reassessment'); return p && post(p); } },
  { route: `POST ${TAX}/fiscal-years/{fiscalYear}/taxpayers/{addresseeNo}/cancellation`, names: 'object', build: (c) => { const p = taxpayer(c, '/cancellation'); return p && post(p, { reason: '課税誤り' }); } },
  { route: `POST ${TAX}/simulate`, names: 'none', build: () => post(`${TAX}/simulate`, { fiscalYear: 2026, input: { salaryRevenue: 4_000_000, age: 40 }, collection: 'salary' }) },
  {
    route: `GET ${TAX}/fiscal-years/{fiscalYear}/employers/{employerNo}/special-collection-notice`, names: 'object',
    build: (c) => { const no = pick(c.target.pools.employerNos, c.n); return no && get(`${FY}/employers/${no}/special-collection-notice`); },
  },
  { route: `GET ${TAX}/fiscal-years/{fiscalYear}/taxpayers/{addresseeNo}/tax-notice`, names: 'object', build: (c) => { const p = taxpayer(c, '/tax-notice'); return p && get(p); } },
  { route: `GET ${TAX}/fiscal-years/{fiscalYear}/reviews`, names: 'none', build: () => get(`${FY}/reviews`) },
  // Employer numbers are the tenant's own keys: the same number in another tenant is another employer (created by PUT).
  { route: `PUT ${TAX}/employers/{employerNo}`, names: 'none', build: (c) => ({ method: 'PUT', path: `${TAX}/employers/${pick(c.target.pools.employerNos, c.n) ?? 'E9-0001'}`, body: { name: `${c.actor.marker.name}建設株式会社`, address: streetOf(c, 11) } }) },
  { route: `GET ${TAX}/employers/{employerNo}`, names: 'none', build: (c) => get(`${TAX}/employers/${pick(c.target.pools.employerNos, c.n) ?? 'E9-0001'}`) },
  { route: `GET ${TAX}/employers`, names: 'none', build: (c) => get(`${TAX}/employers`, c.n % 2 ? { namePrefix: c.target.marker.name } : {}) },
  {
    route: `POST ${TAX}/fiscal-years/{fiscalYear}/taxpayers/{addresseeNo}/reliefs`, names: 'none',
    build: (c) => { const p = taxpayer(c, '/reliefs'); return p && post(p, { kind: 'reduction', reason: 'disaster', reasonText: '火災', rate: '0.3', decidedOn: today, decidedBy: '税務課長' }); },
  },
  { route: `GET ${TAX}/fiscal-years/{fiscalYear}/taxpayers/{addresseeNo}/reliefs`, names: 'none', build: (c) => { const p = taxpayer(c, '/reliefs'); return p && get(p); } },
  {
    route: `POST ${TAX}/fiscal-years/{fiscalYear}/taxpayers/{addresseeNo}/reliefs/{reliefId}/revocation`, names: 'object',
    build: (c) => { const r = pick(c.target.pools.reliefs, c.n); return r && post(`${FY}/taxpayers/${r.addresseeNo}/reliefs/${r.reliefId}/revocation`, { reasonText: '要件を満たさない', decidedOn: today, decidedBy: '税務課長' }); },
  },
  {
    route: `POST ${TAX}/fiscal-years/{fiscalYear}/non-resident-taxpayers`, names: 'object',
    build: (c) => { const no = addresseeOf(c.target, c.n); return no && post(`${FY}/non-resident-taxpayers`, { addresseeNo: no, liability: 'house' }); },
  },
];

/** Users and clients the harness may disable or reset: never the actors' own. */
const spare = (list: string[], own: string) => list.filter((x) => x !== own);
/** Only users the harness created (iso-…): the actors' own accounts are never disabled or reset. */
const spareUser = (c: BuildContext) => pick(c.target.pools.loginNames.filter((n) => n.startsWith('iso-')), c.n) ?? 'iso-none';
const tenantPath = (c: BuildContext, rest: string) => `/api/v1/tenants/${c.pathCode}${rest}`;

const platformRoutes: RouteCase[] = [
  { route: `GET ${T}/clients`, names: 'tenant', build: (c) => get(tenantPath(c, '/clients')) },
  { route: `POST ${T}/clients`, names: 'tenant', build: (c) => post(tenantPath(c, '/clients'), { name: `iso-c${c.serial}`, title: `${c.actor.marker.name}連携${c.serial}`, scopes: ['jobs:read'] }) },
  { route: `POST ${T}/clients/{name}/disable`, names: 'tenant', ids: true, build: (c) => post(tenantPath(c, `/clients/${pick(spare(c.target.pools.clientNames, 'iso-system'), c.n) ?? 'iso-none'}/disable`)) },
  { route: `GET ${T}/users`, names: 'tenant', build: (c) => get(tenantPath(c, '/users')) },
  { route: `POST ${T}/users`, names: 'tenant', build: (c) => post(tenantPath(c, '/users'), { loginName: `iso-u${c.ai}-${c.serial}`, displayName: nameOf(c, '職員').name, roles: [] }) },
  ...['disable', 'reset-password', 'totp'].map((action): RouteCase => ({
    route: `POST ${T}/users/{loginName}/${action}`, names: 'tenant', ids: true,
    build: (c) => post(tenantPath(c, `/users/${spareUser(c)}/${action}`)),
  })),
  { route: `PUT ${T}/users/{loginName}/roles`, names: 'tenant', ids: true, build: (c) => ({ method: 'PUT', path: tenantPath(c, `/users/${spareUser(c)}/roles`), body: { roles: [] } }) },
  { route: `GET ${T}/roles`, names: 'tenant', build: (c) => get(tenantPath(c, '/roles')) },
  { route: `PUT ${T}/roles/{name}`, names: 'tenant', build: (c) => ({ method: 'PUT', path: tenantPath(c, `/roles/iso-r${c.serial % 5}`), body: { title: `${c.actor.marker.name}係`, permissions: ['addressee:read'] } }) },
  { route: `GET ${T}/dead-letters`, names: 'tenant', build: (c) => get(tenantPath(c, '/dead-letters')) },
  {
    route: `POST ${T}/dead-letters/{subscriber}/{eventId}/replay`, names: 'tenant', ids: true,
    build: (c) => post(tenantPath(c, `/dead-letters/addressee/${pick(c.target.pools.eventIds, c.n) ?? pick(c.target.pools.changeIds, c.n) ?? '01a227ae-0000-7000-8000-000000000000'}/replay`)),
  },
  { route: `GET ${T}/jobs`, names: 'tenant', build: (c) => get(tenantPath(c, '/jobs')) },
  { route: `POST ${T}/jobs`, names: 'tenant', build: (c) => post(tenantPath(c, '/jobs'), { type: 'interop.export', params: { dir: path.join(c.actor.exportDir, `run-${c.serial}`) } }) },
  { route: `GET ${T}/jobs/{jobId}`, names: 'tenant', ids: true, build: (c) => { const id = pick(c.target.pools.jobIds, c.n); return id && get(tenantPath(c, `/jobs/${id}`)); } },
  ...['cancel', 'resume'].map((action): RouteCase => ({
    route: `POST ${T}/jobs/{jobId}/${action}`, names: 'tenant', ids: true,
    build: (c) => { const id = pick(c.target.pools.jobIds, c.n); return id && post(tenantPath(c, `/jobs/${id}/${action}`)); },
  })),
  { route: `GET ${T}/audit-log`, names: 'tenant', build: (c) => get(tenantPath(c, '/audit-log'), { limit: '50' }) },
  { route: `GET ${T}/audit-log/verify`, names: 'tenant', build: (c) => get(tenantPath(c, '/audit-log/verify')) },
  {
    route: `GET ${T}/audit-log/analyses/{kind}`, names: 'tenant',
    build: (c) => get(tenantPath(c, `/audit-log/analyses/${['night-holiday', 'login-failures', 'sign-ins-per-user', 'mass-searches', 'number-lookups'][c.n % 5]}`), { from: daysAgo(30), to: today }),
  },
  { route: 'GET /api/v1/tenants', names: 'none', build: () => get('/api/v1/tenants') },
  { route: `GET ${T}`, names: 'tenant', build: (c) => get(tenantPath(c, '')) },
  // An operator's route: staff and clients hold no tenants:manage, whatever they name.
  { route: 'POST /api/v1/tenants', names: 'none', operatorOnly: true, build: (c) => post('/api/v1/tenants', { tenantCode: ['011002', '271403'][c.n % 2] }) },
  { route: 'GET /api/v1/interop/data-list', names: 'none', build: () => get('/api/v1/interop/data-list') },
  { route: 'GET /healthz', names: 'none', build: () => get('/healthz') },
  { route: 'GET /api/v1/auth/me', names: 'none', build: () => get('/api/v1/auth/me') },
];

const O = '/api/v1/operator';
const put = (p: string, body: unknown) => ({ method: 'PUT' as const, path: p, body });
const progressRow = { business: 'resident-registry', stepNo: 1, status: 'in_progress', plannedStart: '2026-04-01', plannedEnd: '2026-06-30', actualStart: '2026-04-01' };

/**
 * 運用管理 (src/operator): the operator's console. operator:read / operator:manage are the operator's
 * alone, so every staff member and client gets 403 whether it names its own 団体, the other's or none.
 */
const operatorRoutes: RouteCase[] = ([
  { route: `GET ${O}/local-governments`, build: (c) => get(`${O}/local-governments`, { q: ['千代田', '中央区', c.target.code][c.n % 3]! }) },
  { route: `GET ${O}/municipalities`, build: () => get(`${O}/municipalities`) },
  {
    route: `POST ${O}/municipalities`,
    build: (c) => post(`${O}/municipalities`, { tenantCode: ['011002', '271403', c.target.code][c.n % 3], businesses: ['resident-registry'], deploymentProfile: 'alpha', population: 60_000, administrator: { loginName: `iso-admin-${c.serial}`, displayName: nameOf(c, '管理').name } }),
  },
  {
    route: `PUT ${O}/municipalities/{tenantCode}`,
    build: (c) => put(`${O}/municipalities/${c.pathCode}`, { businesses: ['resident-registry', 'individual-resident-tax'], deploymentProfile: 'beta', procedureVersion: '1.0', population: 60_000, baselineCostFy2018: 100_000_000, preMigrationCost: 110_000_000, otherRunningCost: 1_000_000 }),
  },
  { route: `GET ${O}/municipalities/{tenantCode}/progress`, build: (c) => get(`${O}/municipalities/${c.pathCode}/progress`) },
  { route: `PUT ${O}/municipalities/{tenantCode}/progress`, build: (c) => put(`${O}/municipalities/${c.pathCode}/progress`, { items: [progressRow] }) },
  { route: `GET ${O}/progress.csv`, build: () => get(`${O}/progress.csv`) },
  {
    route: `POST ${O}/progress.csv`,
    build: (c) => ({
      method: 'POST', path: `${O}/progress.csv`, contentType: 'text/csv',
      body: '団体コード,団体名,業務,業務名,手順書の版,ステップ,フェーズ,作業名,状態,状態名,予定開始日,予定終了日,実績開始日,実績終了日,遅延,課題区分,課題\r\n'
        + `${c.target.code},,resident-registry,住民基本台帳,1.0,1,計画立案,推進体制の立ち上げ,completed,完了済み,,,2026-04-01,2026-06-30,,,\r\n`,
    }),
  },
  { route: `GET ${O}/procedures`, build: () => get(`${O}/procedures`) },
  { route: `PUT ${O}/procedures/{version}`, build: (c) => put(`${O}/procedures/iso-${c.serial % 3}`, { title: `${c.actor.marker.name}の手順書`, source: 'isolation', steps: [{ stepNo: 1, phase: 'planning', name: '推進体制の立ち上げ' }] }) },
  { route: `GET ${O}/usage`, build: () => get(`${O}/usage`, { from: daysAgo(7), to: today }) },
  { route: `POST ${O}/usage/measure`, build: () => post(`${O}/usage/measure`) },
  { route: `GET ${O}/shared-costs/{month}`, build: () => get(`${O}/shared-costs/2026-11`) },
  { route: `PUT ${O}/shared-costs/{month}`, build: () => put(`${O}/shared-costs/2026-11`, { items: [{ category: 'cloud', amount: 1_000_000, key: 'equal' }] }) },
  { route: `GET ${O}/cost-effect`, build: (c) => get(`${O}/cost-effect`, c.n % 2 ? { month: '2026-11' } : undefined) },
  { route: `GET ${O}/dashboard`, build: () => get(`${O}/dashboard`) },
] as Omit<RouteCase, 'names' | 'operatorOnly'>[]).map((r) => ({ ...r, names: 'none', operatorOnly: true }));

export const otherRoutes: RouteCase[] = [...addresseeRoutes, ...taxRoutes, ...platformRoutes, ...operatorRoutes];

/** Routes deliberately left out of the random run, each with the reason (the suite fails on any other route missing). */
export const EXCLUDED_ROUTES: Readonly<Record<string, string>> = {
  'POST /api/v1/auth/sign-in': 'public; a forged 団体コード at sign-in is its own test (api.test.ts)',
  'POST /api/v1/auth/token': 'public; forged client ids and tokens are their own test (api.test.ts)',
  'POST /api/v1/auth/sign-out': "acts on the caller's own session only and would end the actor",
  'POST /api/v1/auth/sign-out-everywhere': "acts on the caller's own account only and would end the actor",
  'POST /api/v1/auth/password': "acts on the caller's own account only (no tenant or id in the request)",
};

export { SP };
