import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, staffSession, systemWithTenants, type Session } from '../../../test/support/system.ts';
import { inTenant } from '../../platform/db/tenant-scope.ts';
import type { System } from '../../system.ts';

/** 特別徴収義務者の登録・照会・一覧, and the register filled from 給与支払報告書. */
const A = '131016';
const B = '011002';
const BASE = '/api/v1/individual-resident-tax';
const employer = {
  name: '株式会社やくば商事', address: '東京都千代田区千代田1番1号', postalCode: '1000001', corporateNumber: '7000012050002', phone: '03-1234-5678',
  department: '総務部人事課', eltax: true,
};

describe('individual-resident-tax: 特別徴収義務者 (employers)', () => {
  let system: System;
  let admin: Session;
  let otherAdmin: Session;
  const put = (no: string, body: unknown, as: Session = admin) => call(system, 'PUT', `${BASE}/employers/${no}`, body, { as });
  const get = (path: string, as: Session = admin) => call(system, 'GET', `${BASE}${path}`, undefined, { as });
  const versions = async () => inTenant(system.db, A, async (trx) => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM resident_tax_employer`.execute(trx)).rows[0]!.n));

  beforeAll(async () => {
    ({ system, admins: [admin, otherAdmin] } = await systemWithTenants(A, B));
  });
  afterAll(() => system?.close());

  it('refuses bad input with a Japanese message at each field and writes nothing', async () => {
    const r = await put('E-0001', { ...employer, name: ' ', corporateNumber: '1000012050002', phone: '12-34', postalCode: '100-0001', delivery: { name: '経理代行' } });
    expect(r.status).toBe(422);
    expect(r.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining([
      'body.name', 'body.corporateNumber', 'body.phone', 'body.postalCode', 'body.delivery.address',
    ]));
    expect(r.body.errors.find((e: { field: string }) => e.field === 'body.corporateNumber').message).toContain('検査数字');
    for (const e of r.body.errors) expect(e.message).toMatch(/[ぁ-んァ-ヶ一-龠]/);
    expect((await put('E 0001', employer)).status).toBe(422);
    expect((await put('E-0001', { ...employer, address: undefined })).body.errors).toContainEqual(expect.objectContaining({ field: 'body.address', rule: 'required' }));
    expect(await versions()).toBe(0);
  });

  it('registers, looks up and changes an employer; a change is a new version, the same input writes nothing, a stale screen is told', async () => {
    const created = await put('E-0001', employer);
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body).toMatchObject({ ...employer, employerNo: 'E-0001', version: 1, source: 'staff', delivery: null });
    expect(created.body.createdAt).toBe(created.body.updatedAt);

    const delivery = { name: 'やくば経理センター', address: '東京都港区芝公園4丁目2番8号', postalCode: '1050011' };
    const changed = await put('E-0001', { ...employer, delivery, expectedVersion: 1 });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ version: 2, delivery, createdAt: created.body.createdAt });
    expect((await put('E-0001', { ...employer, delivery })).body.version).toBe(2);
    expect(await versions()).toBe(2);

    const stale = await put('E-0001', { ...employer, phone: '03-9999-9999', expectedVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.detail).toContain('他の処理で更新されています');
    expect((await get('/employers/E-0001')).body).toEqual(changed.body);
    expect((await get('/employers/E-9999')).status).toBe(404);
  });

  it('lists by name prefix in name order, a page at a time; % and _ are searched as written', async () => {
    for (const [no, name] of [['E-0002', '株式会社やくば製作所'], ['E-0003', 'やくば100%出資会社'], ['E-0004', '有限会社みなと']] as const) {
      expect((await put(no, { ...employer, name, corporateNumber: undefined })).status).toBe(200);
    }
    const names = async (q: string) => (await get(`/employers?${q}`)).body.items.map((i: { employerNo: string }) => i.employerNo);
    expect(await names(`namePrefix=${encodeURIComponent('株式会社やくば')}`)).toEqual(['E-0001', 'E-0002']);
    expect(await names(`namePrefix=${encodeURIComponent('株式会社やくば')}&limit=1&offset=1`)).toEqual(['E-0002']);
    expect(await names(`namePrefix=${encodeURIComponent('やくば100%')}`)).toEqual(['E-0003']);
    expect(await names(`namePrefix=${encodeURIComponent('やくば1_0')}`)).toEqual([]);
    expect(await names('limit=100')).toHaveLength(4);
    expect((await get('/employers?limit=0')).status).toBe(422);
  });

  it('enters an unknown 指定番号 from a 給与支払報告書 (name only), never overwrites a known one, and staff complete it', async () => {
    const report = (employerNo: string, employerName?: string) => call(system, 'POST', `${BASE}/fiscal-years/2026/income-documents`, {
      addresseeNo: '1000000001', source: 'salary_report', employerNo, ...(employerName ? { employerName } : {}), items: { salaryRevenue: 3_000_000 },
    }, { as: admin });
    expect((await report('E-0100', '合同会社ゆうびん')).status).toBe(201);
    expect((await report('E-0100', '（同）ゆうびん')).status).toBe(201);
    expect((await report('E-0001', '別の名前')).status).toBe(201);
    expect((await report('E-0101')).status).toBe(201);
    expect((await get('/employers/E-0100')).body).toMatchObject({ name: '合同会社ゆうびん', address: null, source: 'incomeDocument', version: 1 });
    expect((await get('/employers/E-0101')).body).toMatchObject({ name: null, source: 'incomeDocument' });
    expect((await get('/employers/E-0001')).body).toMatchObject({ name: employer.name, version: 2 });

    const completed = await put('E-0100', { name: '合同会社ゆうびん', address: '北海道札幌市中央区北1条西2丁目', expectedVersion: 1 });
    expect(completed.body).toMatchObject({ source: 'staff', version: 2, address: '北海道札幌市中央区北1条西2丁目' });
  });

  it('needs individual-resident-tax:record to register, :read to look up, and shows another 団体 nothing', async () => {
    expect((await put('E-0001', employer, await staffSession(system, A, []))).status).toBe(403);
    expect((await get('/employers/E-0001', await staffSession(system, A, []))).status).toBe(403);
    expect((await get('/employers/E-0001', otherAdmin)).status).toBe(404);
    expect((await get('/employers', otherAdmin)).body.items).toEqual([]);
    const audited = await inTenant(system.db, A, async (trx) =>
      (await sql<{ function: string }>`SELECT DISTINCT function FROM audit_log WHERE function LIKE '%employer%'`.execute(trx)).rows.map((r) => r.function).sort());
    expect(audited).toEqual([
      'individual-resident-tax.get-employer', 'individual-resident-tax.list-employers', 'individual-resident-tax.register-employer',
      'individual-resident-tax.register-employer-from-report',
    ]);
  });
});
