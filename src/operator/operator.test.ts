import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, operatorSession, staffSession, testSystem, type Session } from '../../test/support/system.ts';
import { inTenant } from '../platform/db/tenant-scope.ts';
import { todayInJapan, addDays } from '../jp/index.ts';
import type { System } from '../system.ts';

const O = '/api/v1/operator';
const SAPPORO = '011002';
const SAKAI = '271403';

describe('operator console (運用管理)', () => {
  let system: System;
  let as: Session;
  const onboard = (tenantCode: string, extra: Record<string, unknown> = {}) =>
    call(system, 'POST', `${O}/municipalities`, { tenantCode, businesses: ['resident-registry', 'individual-resident-tax'], deploymentProfile: 'alpha', population: 100_000, administrator: { loginName: `admin-${tenantCode}`, displayName: '受入 管理者' }, ...extra }, { as });
  const rowCount = async (table: string) => (await system.db.asOwner((c) => c.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))).rows[0]!.n;

  beforeAll(async () => {
    system = await testSystem();
    as = await operatorSession(system);
  });
  afterAll(() => system?.close());

  it('finds candidates in the official list, with a designated city’s wards', async () => {
    const r = await call(system, 'GET', `${O}/local-governments?q=堺市`, undefined, { as });
    expect(r.status).toBe(200);
    const sakai = r.body.items.find((g: { tenantCode: string }) => g.tenantCode === SAKAI);
    expect(sakai).toMatchObject({ name: '堺市', prefecture: '大阪府', kind: 'designated_city', onboarded: false });
    expect(sakai.wards.map((w: { name: string }) => w.name)).toContain('堺市堺区');
    expect(sakai.wards).toHaveLength(7);
  });

  it('onboards a 団体 with its businesses, model and first administrator, who can sign in', async () => {
    const r = await onboard(SAKAI, { deploymentProfile: 'beta-prime' });
    expect(r.status).toBe(201);
    expect(r.body.municipality).toMatchObject({ tenantCode: SAKAI, name: '堺市', deploymentProfile: 'beta-prime', procedureVersion: '1.0', population: 100_000, progress: { steps: 34, completed: 0, percent: 0 } });
    expect(r.body.municipality.businesses).toEqual([
      { id: 'resident-registry', title: '住民基本台帳', provided: true },
      { id: 'individual-resident-tax', title: '個人住民税', provided: true },
    ]);
    const { rows } = await inTenant(system.db, SAKAI, (trx) => sql<{ function: string; actor_kind: string }>`SELECT function, actor_kind FROM audit_log WHERE module = 'operator'`.execute(trx));
    expect(rows).toEqual([{ function: 'operator.onboard', actor_kind: 'operator' }]);
    // The administrator's session from the initial password: must change it first, then may manage users.
    const me = await call(system, 'POST', '/api/v1/auth/sign-in', { tenantCode: SAKAI, loginName: `admin-${SAKAI}`, password: r.body.administrator.initialPassword }, { zone: 'lgwan' });
    expect(me.status).toBe(200);
    expect(me.body.mustChangePassword).toBe(true);
  });

  it('refuses a ward, a duplicate and bad input with Japanese errors and writes nothing', async () => {
    const before = await Promise.all(['tenant', 'operator_municipality', 'staff_user'].map(rowCount));
    const ward = await onboard('271411');
    expect(ward.status).toBe(422);
    expect(ward.body.errors[0]).toMatchObject({ field: 'body.tenantCode', rule: 'ward' });
    expect(ward.body.errors[0].message).toContain('堺市');
    expect((await onboard(SAKAI)).status).toBe(409);
    const badLogin = await onboard(SAPPORO, { administrator: { loginName: 'a b', displayName: 'x' } });
    expect(badLogin.status).toBe(422);
    expect(badLogin.body.errors[0].field).toBe('body.administrator.loginName');
    expect((await onboard(SAPPORO, { businesses: ['no-such-business'] })).status).toBe(422);
    expect((await onboard(SAPPORO, { procedureVersion: '9.9' })).body.errors[0]).toMatchObject({ field: 'body.procedureVersion' });
    expect(await Promise.all(['tenant', 'operator_municipality', 'staff_user'].map(rowCount))).toEqual(before);
  });

  it('records progress, computes completed ÷ steps and flags delays', async () => {
    const today = todayInJapan();
    const items = [
      { business: 'resident-registry', stepNo: 1, status: 'completed', plannedStart: '2025-04-01', plannedEnd: '2025-06-30', actualStart: '2025-04-01', actualEnd: '2025-06-20' },
      { business: 'resident-registry', stepNo: 2, status: 'completed', plannedEnd: '2025-09-30', actualEnd: '2025-09-01' },
      { business: 'resident-registry', stepNo: 3, status: 'in_progress', plannedEnd: addDays(today, -10), actualStart: '2025-10-01', blockerCause: 'vendor-resources', blocker: 'ベンダーの要員不足' },
      { business: 'individual-resident-tax', stepNo: 1, status: 'completed', actualEnd: '2025-06-20' },
    ];
    const r = await call(system, 'PUT', `${O}/municipalities/${SAKAI}/progress`, { items }, { as });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const list = await call(system, 'GET', `${O}/municipalities`, undefined, { as });
    // 3 completed of 2 businesses × 17 steps = 34: 8.8 %.
    expect(list.body.items[0].progress).toEqual({ steps: 34, completed: 3, percent: 8.8, delayed: 1 });
    const detail = await call(system, 'GET', `${O}/municipalities/${SAKAI}/progress`, undefined, { as });
    const rr = detail.body.businesses.find((b: { business: string }) => b.business === 'resident-registry');
    expect(rr.summary.overall).toEqual({ steps: 17, completed: 2, percent: 11.8 });
    expect(rr.rows[2]).toMatchObject({ stepNo: 3, status: 'in_progress', delayed: true, blockerCause: 'vendor-resources' });
  });

  it('refuses progress rows that break the rules, naming each field, and records none of them', async () => {
    const r = await call(system, 'PUT', `${O}/municipalities/${SAKAI}/progress`, { items: [
      { business: 'resident-registry', stepNo: 4, status: 'completed' },
      { business: 'national-pension', stepNo: 1, status: 'in_progress' },
      { business: 'resident-registry', stepNo: 99, status: 'not_started' },
      { business: 'resident-registry', stepNo: 5, status: 'in_progress', plannedStart: '2026-05-01', plannedEnd: '2026-04-01' },
    ] }, { as });
    expect(r.status).toBe(422);
    const fields = r.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body.items.0.actualEnd', 'body.items.1.business', 'body.items.2.stepNo', 'body.items.3.plannedEnd']));
    const detail = await call(system, 'GET', `${O}/municipalities/${SAKAI}/progress`, undefined, { as });
    expect(detail.body.businesses[0].rows[3].status).toBe('not_started');
  });

  it('exports progress as CSV and imports it back unchanged; a bad line refuses the whole file', async () => {
    const csv = await call(system, 'GET', `${O}/progress.csv`, undefined, { as });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (csv.body as string).trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + 34);
    expect(lines[1]).toMatch(/^271403,堺市,resident-registry,住民基本台帳,1\.0,1,計画立案,推進体制の立ち上げ,completed,完了済み,2025-04-01,2025-06-30,2025-04-01,2025-06-20,,,$/);
    const edited = (csv.body as string).replace('resident-registry,住民基本台帳,1.0,4,計画立案,作業項目④,not_started,未着手,,,,,,,', 'resident-registry,住民基本台帳,1.0,4,計画立案,作業項目④,in_progress,作業中,,,2025-11-01,,,,');
    expect(edited).not.toBe(csv.body);
    const bad = edited.replace('individual-resident-tax,個人住民税,1.0,2,', 'individual-resident-tax,個人住民税,1.0,200,');
    const refused = await call(system, 'POST', `${O}/progress.csv`, bad, { as, headers: { 'content-type': 'text/csv' } });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].message).toContain('作業ステップ 200');
    expect((await call(system, 'GET', `${O}/progress.csv`, undefined, { as })).body).toBe(csv.body);
    const imported = await call(system, 'POST', `${O}/progress.csv`, edited, { as, headers: { 'content-type': 'text/csv' } });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body.recorded).toBe(34);
    expect((await call(system, 'GET', `${O}/progress.csv`, undefined, { as })).body).toBe(edited);
  });

  it('meters API requests, stored rows and bytes, and job CPU per 団体 and business from the running system', async () => {
    await onboard(SAPPORO, { population: 300_000 });
    const staff = await staffSession(system, SAKAI);
    for (let i = 0; i < 3; i++) expect((await call(system, 'GET', '/api/v1/resident-registry/drafts', undefined, { as: staff })).status).toBe(200);
    const measured = await call(system, 'POST', `${O}/usage/measure`, undefined, { as });
    expect(measured.body.measured).toBeGreaterThanOrEqual(2);
    const today = todayInJapan();
    const usage = await call(system, 'GET', `${O}/usage?from=${today}&to=${today}`, undefined, { as });
    const sakai = usage.body.items.find((u: { tenantCode: string }) => u.tenantCode === SAKAI).days;
    const rr = sakai.find((d: { business: string }) => d.business === 'resident-registry');
    expect(rr.apiRequests).toBe(3);
    expect((await call(system, 'GET', `${O}/usage?from=${today}&to=2020-01-01`, undefined, { as })).body.errors[0].field).toBe('query.to');
    const platform = sakai.find((d: { business: string }) => d.business === 'platform');
    // The platform's tables hold the administrator accounts, the audit entries, the tenants.added event.
    expect(platform.storedRows).toBeGreaterThan(3);
    expect(platform.storedBytes).toBeGreaterThan(platform.storedRows * 24);
    const { rows } = await inTenant(system.db, SAKAI, (trx) => sql<{ n: string }>`SELECT count(*) AS n FROM staff_user`.execute(trx));
    expect(Number(rows[0]!.n)).toBeGreaterThanOrEqual(2);
  });

  it('splits shared costs by the chosen keys and shows each 団体’s effect against its FY2018 baseline', async () => {
    for (const [code, baseline] of [[SAKAI, 120_000_000], [SAPPORO, 300_000_000]] as const) {
      const r = await call(system, 'PUT', `${O}/municipalities/${code}`, { businesses: ['resident-registry', 'individual-resident-tax'], deploymentProfile: 'alpha', procedureVersion: '1.0', population: code === SAKAI ? 100_000 : 300_000, baselineCostFy2018: baseline, preMigrationCost: baseline + 10_000_000, otherRunningCost: 12_000_000 }, { as });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    const month = todayInJapan().slice(0, 7);
    const r = await call(system, 'PUT', `${O}/shared-costs/${month}`, { items: [
      { category: 'cloud', amount: 4_000_000, key: 'population' },
      { category: 'network', amount: 1_000_001, key: 'equal' },
      { category: 'operations', amount: 2_000_000, key: 'usage', usageMetric: 'storedBytes' },
    ] }, { as });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.problems).toEqual([]);
    const sakai = r.body.municipalities.find((m: { tenantCode: string }) => m.tenantCode === SAKAI);
    const sapporo = r.body.municipalities.find((m: { tenantCode: string }) => m.tenantCode === SAPPORO);
    expect(sakai.lines.find((l: { category: string }) => l.category === 'cloud').amount).toBe(1_000_000);
    expect(sapporo.lines.find((l: { category: string }) => l.category === 'cloud').amount).toBe(3_000_000);
    // 1,000,001 yen in two: the extra yen to the lower code (札幌市 011002).
    expect(sapporo.lines.find((l: { category: string }) => l.category === 'network').amount).toBe(500_001);
    expect(sakai.allocatedMonthly + sapporo.allocatedMonthly).toBe(7_000_001);
    // B = monthly × 12 + other; 削減率 = (B − A) ÷ A × 100.
    expect(sakai.effect.after).toBe(sakai.allocatedMonthly * 12 + 12_000_000);
    expect(sakai.effect.reduction).toBe(sakai.effect.after - 120_000_000);
    expect(sakai.effect.rate).toBeCloseTo(((sakai.effect.after - 120_000_000) / 120_000_000) * 100, 1);
    expect(r.body.sharing[0]).toMatchObject({ municipalities: 1 });
    expect(r.body.sharing[1].isCurrent).toBe(true);
    expect(r.body.sharing[9].perMunicipalityMonthly).toBeLessThan(r.body.sharing[0].perMunicipalityMonthly);
    // The change is in every onboarded 団体's audit chain: their allocation changed with it.
    for (const code of [SAKAI, SAPPORO]) {
      const { rows } = await inTenant(system.db, code, (trx) => sql<{ function: string }>`SELECT function FROM audit_log WHERE function = 'operator.set-shared-costs'`.execute(trx));
      expect(rows).toHaveLength(1);
    }
    const refused = await call(system, 'PUT', `${O}/shared-costs/${month}`, { items: [{ category: 'cloud', amount: 1, key: 'usage' }] }, { as });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].field).toBe('body.items.0.usageMetric');
  });

  it('gathers the dashboard: progress by phase and business, delays, cost against target, usage trend', async () => {
    const r = await call(system, 'GET', `${O}/dashboard`, undefined, { as });
    expect(r.status).toBe(200);
    expect(r.body.progressByPhase.map((p: { title: string }) => p.title)).toEqual(['計画立案', 'システム選定', '移行']);
    expect(r.body.progressByPhase[0]).toMatchObject({ steps: 16, completed: 3 });
    expect(r.body.delayed).toEqual([expect.objectContaining({ tenantCode: SAKAI, stepNo: 3, blocker: 'ベンダーの要員不足' })]);
    expect(r.body.target).toBe(-30);
    expect(r.body.cost.municipalities).toHaveLength(2);
    expect(r.body.usage).toHaveLength(30);
    expect(r.body.usage.at(-1).apiRequests).toBeGreaterThanOrEqual(3);
  });

  it('is the operator’s only: staff, even administrators, get 403', async () => {
    const staff = await staffSession(system, SAKAI);
    for (const [method, path] of [['GET', `${O}/dashboard`], ['GET', `${O}/municipalities`], ['POST', `${O}/usage/measure`]] as const) {
      expect((await call(system, method, path, undefined, { as: staff })).status).toBe(403);
    }
  });

  it('loads a finer procedure version the same way and keeps steps that carry progress', async () => {
    const steps = Array.from({ length: 40 }, (_, i) => ({ stepNo: i + 1, phase: i < 10 ? 'planning' : i < 28 ? 'selection' : 'migration', name: `ステップ${i + 1}`, workItem: Math.min(17, Math.floor(i / 2.4) + 1) }));
    const r = await call(system, 'PUT', `${O}/procedures/test-40`, { title: '試験用の40ステップ版', source: 'test', steps }, { as });
    expect(r.status, JSON.stringify(r.body)).toBe(204);
    const list = await call(system, 'GET', `${O}/procedures`, undefined, { as });
    expect(list.body.items.find((p: { version: string }) => p.version === 'test-40').steps).toHaveLength(40);
    const shrink = await call(system, 'PUT', `${O}/procedures/1.0`, { title: 'x', source: 'y', steps: [{ stepNo: 5, phase: 'selection', name: 'x' }] }, { as });
    expect(shrink.status).toBe(409);
  });
});

describe('operator console: hostile progress files', () => {
  let system: System;
  let as: Session;
  beforeAll(async () => {
    system = await testSystem();
    as = await operatorSession(system);
    await call(system, 'POST', `${O}/municipalities`, { tenantCode: SAKAI, businesses: ['resident-registry'], deploymentProfile: 'alpha', administrator: { loginName: 'sakai-admin', displayName: '管理者' } }, { as });
  });
  afterAll(() => system?.close());
  const header = '団体コード,団体名,業務,業務名,手順書の版,ステップ,フェーズ,作業名,状態,状態名,予定開始日,予定終了日,実績開始日,実績終了日,遅延,課題区分,課題\r\n';
  const line = (blocker: string, code = SAKAI) => `${code},堺市,resident-registry,住民基本台帳,1.0,3,計画立案,作業項目,in_progress,作業中,,,2026-04-01,,,other,${blocker}\r\n`;
  const post = (body: string | Buffer, type = 'text/csv') => system.app.request(`${O}/progress.csv`, { method: 'POST', body: typeof body === 'string' ? body : new Blob([new Uint8Array(body)]), headers: { cookie: as.cookie, 'X-CSRF-Token': as.csrfToken, 'content-type': type } }, { zone: 'individual-number' });

  it('answers 415 for another content type, 400 for bytes that are not UTF-8, 422 for control characters, and writes nothing', async () => {
    expect((await post(header + line('課題'), 'text/plain')).status).toBe(415);
    const bytes = Buffer.concat([Buffer.from(header + line('')), Buffer.from([0xff, 0xfe, 0x0d, 0x0a])]);
    expect((await post(bytes)).status).toBe(400);
    const nul = await post(header + line('課題\u0000あり'));
    expect(nul.status).toBe(422);
    expect(JSON.stringify(await nul.json())).toContain('制御文字');
    expect((await post(header + line('課題', '27140\u0000'))).status).toBe(422);
    const detail = await call(system, 'GET', `${O}/municipalities/${SAKAI}/progress`, undefined, { as });
    expect(detail.body.businesses[0].rows[2].status).toBe('not_started');
    expect((await post(header + line('課題'))).status).toBe(200);
  });

  it('onboards a 団体 registered before the console existed, without adding it twice', async () => {
    expect((await call(system, 'POST', '/api/v1/tenants', { tenantCode: '011002' }, { as })).status).toBe(201);
    const r = await call(system, 'POST', `${O}/municipalities`, { tenantCode: '011002', businesses: ['resident-registry'], deploymentProfile: 'beta', administrator: { loginName: 'sapporo-admin', displayName: '管理者' } }, { as });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const { rows } = await inTenant(system.db, '011002', (trx) => sql<{ type: string }>`SELECT type FROM event_outbox WHERE type = 'tenants.added'`.execute(trx));
    expect(rows).toHaveLength(1);
    expect((await call(system, 'POST', `${O}/municipalities`, { tenantCode: '011002', businesses: ['resident-registry'], deploymentProfile: 'beta', administrator: { loginName: 'other-admin', displayName: '管理者' } }, { as })).status).toBe(409);
  });

  it('answers 404 for progress of a 団体 not onboarded', async () => {
    expect((await call(system, 'PUT', `${O}/municipalities/131024/progress`, { items: [{ business: 'resident-registry', stepNo: 1, status: 'in_progress' }] }, { as })).status).toBe(404);
  });
});
