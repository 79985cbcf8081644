import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MY_NUMBERS } from '../../test/fixtures/my-numbers.ts';
import { call, staffSession, testSystem, type Session } from '../../test/support/system.ts';
import { DEMO_TENANT, seedDemo } from '../demo.ts';
import { addDays } from '../jp/index.ts';
import { addTenant } from '../modules/tenants/index.ts';
import { inTenant } from '../platform/db/tenant-scope.ts';
import { runJob, submitJob, type Job } from '../platform/jobs/index.ts';
import type { System } from '../system.ts';
import { CsvReader, csvLine } from './csv.ts';
import { EXPORT_JOB, IMPORT_JOB, importResults } from './index.ts';

/**
 * The demo municipality, with a little of everything on top (a 転入 with 個人番号, a certificate, a 支援措置
 * with a release, certificate settings, a 仮登録, 課税資料 and the annual assessment), exported, imported
 * into a fresh database and exported again: the two exports are the same but for the manifest's asOf.
 */
const A = DEMO_TENANT;
const SP = '\u3000';
const today = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);

async function enrich(system: System, admin: Session): Promise<void> {
  const R = '/api/v1/resident-registry';
  let serial = 0;
  const person = (name: string, kana: string, o: Record<string, unknown> = {}) => ({
    residentKind: 'japanese', name, nameKana: kana, registeredDomicile: '東京都千代田区千代田1番', familyRegisterHead: name,
    birthDate: '1988-08-08', sex: '1', relationship: '世帯主', previousAddress: { text: '千葉県船橋市湊町2丁目10番25号' },
    residentCode: String(60_000_000_000 + ++serial * 7919), ...o,
  });
  const moved = await call(system, 'POST', `${R}/move-in`, {
    effectiveDate: addDays(today, -5), notifiedDate: addDays(today, -1), kind: 'domestic',
    destination: { type: 'new', address: { text: '東京都千代田区千代田2番3号', supplement: 'コーポ千代田101号' } },
    persons: [person(`移行${SP}太郎`, `イコウ${SP}タロウ`, { myNumber: MY_NUMBERS[3] }), person(`移行${SP}花子`, `イコウ${SP}ハナコ`, { relationship: '妻', sex: '2', myNumber: MY_NUMBERS[4] })],
  }, { as: admin });
  expect(moved.status, JSON.stringify(moved.body)).toBe(201);
  const cert = await system.app.request(`${R}/certificates`, {
    method: 'POST', body: JSON.stringify({ kind: 'resident', householdNo: moved.body.household.householdNo, requester: { kind: 'self' }, items: { residentCode: true } }),
    headers: { 'content-type': 'application/json', cookie: admin.cookie, 'X-CSRF-Token': admin.csrfToken },
  }, { zone: 'individual-number' });
  expect(cert.status).toBe(201);
  const protection = await call(system, 'POST', `${R}/protections`, { addresseeNo: moved.body.residents[1].addresseeNo, requestedOn: addDays(today, -1), startsOn: today, offender: { name: `加害${SP}者`, note: '一行目\n二行目' }, remark: '備考' }, { as: admin });
  expect(protection.status, JSON.stringify(protection.body)).toBe(201);
  expect((await call(system, 'POST', `${R}/protections/${protection.body.protectionId}/releases`, { process: 'inquiry', reason: '本人確認のため\n二行目', minutes: 10 }, { as: admin })).status).toBe(201);
  expect((await call(system, 'PUT', `${R}/certificate-settings`, { mayorTitle: '千代田区長', mayorName: `区長${SP}太郎`, sealNote: 'この印は黒色です, "朱"' }, { as: admin })).status).toBe(200);
  const draft = await call(system, 'POST', `${R}/drafts`, { procedure: 'moveIn', input: {
    effectiveDate: addDays(today, -2), notifiedDate: today, kind: 'domestic', destination: { type: 'new', address: { text: '東京都千代田区丸の内2丁目7番2号' } },
    persons: [person(`仮登${SP}録男`, `カリトウ${SP}ロクオ`)] } }, { as: admin });
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  const T = '/api/v1/individual-resident-tax/fiscal-years/2026';
  const { rows } = await inTenant(system.db, A, (trx) => sql<{ addressee_no: string }>`
    SELECT r.addressee_no FROM resident_version_as_of('2026-01-01') v JOIN resident r ON r.tenant_code = v.tenant_code AND r.id = v.resident_id
    WHERE v.status = 'resident' AND v.birth_date < '1990-01-01' ORDER BY r.addressee_no LIMIT 2`.execute(trx));
  expect((await call(system, 'POST', `${T}/income-documents`, { addresseeNo: rows[0]!.addressee_no, source: 'salary_report', employerNo: 'E-0001', employerName: '株式会社やくば', items: { salaryRevenue: 5_000_000, socialInsurance: 700_000 } }, { as: admin })).status).toBe(201);
  expect((await call(system, 'POST', `${T}/income-documents`, { addresseeNo: rows[1]!.addressee_no, source: 'pension_report', items: { pensionRevenue: 3_000_000 } }, { as: admin })).status).toBe(201);
  const job = await submitJob(system.db, system.registry, A, 'individual-resident-tax.annual-assessment', { fiscalYear: 2026 });
  expect((await runJob(system.db, system.registry, A, job.id)).status).toBe('succeeded');
}

async function runInterop(system: System, type: string, params: Record<string, unknown>): Promise<Job> {
  const job = await submitJob(system.db, system.registry, A, type, params);
  return runJob(system.db, system.registry, A, job.id);
}

const csvFiles = async (dir: string) => (await readdir(dir)).filter((f) => f.endsWith('.csv')).sort();

describe('standard data: export, import into a fresh database, export again', () => {
  let source: System;
  let target: System;
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'yakuba-interop-'));
    source = await testSystem();
    await seedDemo(source, A, { residents: 150, seed: 5 });
    await enrich(source, await staffSession(source, A));
    target = await testSystem();
    await addTenant(target, { tenantCode: A });
  });
  afterAll(async () => {
    await source?.close();
    await target?.close();
    await rm(work, { recursive: true, force: true });
  });

  it('exports every record with a manifest of row counts and checksums', async () => {
    const ended = await runInterop(source, EXPORT_JOB, { dir: path.join(work, 'first'), });
    expect(ended, ended.error ?? '').toMatchObject({ status: 'succeeded' });
    const manifest = JSON.parse(await readFile(path.join(work, 'first', 'manifest.json'), 'utf8'));
    expect(manifest.files.map((f: { file: string }) => f.file).sort()).toEqual(await csvFiles(path.join(work, 'first')));
    const rows = Object.fromEntries(manifest.files.map((f: { record: string; rows: number }) => [f.record, f.rows]));
    expect(rows).toMatchObject({ 'resident-numbering': 2, 'certificate-setting': 1, 'resident-protection': 1, 'resident-change-draft': 1 });
    for (const record of ['resident', 'resident-version', 'household-member', 'addressee', 'resident-tax-taxpayer', 'resident-tax-assessment', 'resident-tax-income']) expect(rows[record], record).toBeGreaterThan(0);
    expect(ended.done).toBe(Object.values(rows).reduce((a: number, b) => a + (b as number), 0));
    const resident = await readFile(path.join(work, 'first', 'resident.csv'), 'utf8');
    expect(resident.split('\r\n')[0]).toContain('myNumber');
    // 個人番号 leave in clear (the receiving system encrypts them with its own keys).
    expect(resident).toContain(MY_NUMBERS[3]);
    // Every file in the one canonical form csv.ts writes, whichever path wrote it (COPY on PostgreSQL).
    for (const f of await csvFiles(path.join(work, 'first'))) {
      const text = await readFile(path.join(work, 'first', f), 'utf8');
      const reader = new CsvReader();
      expect([...reader.push(text), ...reader.end()].map((r) => csvLine(r.fields)).join(''), f).toBe(text);
    }
  });

  it('imports into an empty tenant of another database without publishing an event', async () => {
    const events = async () => inTenant(target.db, A, async (trx) => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM event_outbox`.execute(trx)).rows[0]!.n));
    const before = await events();
    const ended = await runInterop(target, IMPORT_JOB, { dir: path.join(work, 'first'), reportFile: path.join(work, 'report.csv') });
    expect(ended.status, `${ended.error} ${JSON.stringify(importResults.get(ended.id)?.firstProblems)}`).toBe('succeeded');
    expect(await events()).toBe(before);
  });

  it('exports again exactly what was exported first, apart from the time', async () => {
    expect((await runInterop(target, EXPORT_JOB, { dir: path.join(work, 'second') })).status).toBe('succeeded');
    const files = await csvFiles(path.join(work, 'first'));
    expect(await csvFiles(path.join(work, 'second'))).toEqual(files);
    for (const f of files) expect(await readFile(path.join(work, 'second', f), 'utf8'), f).toBe(await readFile(path.join(work, 'first', f), 'utf8'));
    const [m1, m2] = await Promise.all(['first', 'second'].map(async (d) => JSON.parse(await readFile(path.join(work, d, 'manifest.json'), 'utf8'))));
    expect({ ...m2, asOf: null }).toEqual({ ...m1, asOf: null });
    expect(m2.asOf).not.toBe(m1.asOf);
  });

  it('continues the numbering and finds people by 個人番号 after the import', async () => {
    const admin = await staffSession(target, A);
    const R = '/api/v1/resident-registry';
    const moved = await call(target, 'POST', `${R}/move-in`, {
      effectiveDate: addDays(today, -1), notifiedDate: today, kind: 'domestic', destination: { type: 'new', address: { text: '東京都千代田区神田1番' } },
      persons: [{ residentKind: 'japanese', name: `新規${SP}一郎`, nameKana: `シンキ${SP}イチロウ`, registeredDomicile: '東京都千代田区千代田1番', familyRegisterHead: `新規${SP}一郎`,
        birthDate: '1990-01-01', sex: '1', relationship: '世帯主', previousAddress: { text: '千葉県船橋市湊町2丁目10番25号' }, residentCode: '61234567890' }],
    }, { as: admin });
    expect(moved.status, JSON.stringify(moved.body)).toBe(201);
    const numbers = await inTenant(target.db, A, async (trx) => (await sql<{ addressee_no: string }>`SELECT addressee_no FROM resident ORDER BY addressee_no`.execute(trx)).rows.map((r) => r.addressee_no));
    expect(new Set(numbers).size).toBe(numbers.length);
    const found = await call(target, 'GET', `${R}/search?myNumber=${MY_NUMBERS[3]}`, undefined, { as: admin });
    expect(found.status, JSON.stringify(found.body)).toBe(200);
    expect(JSON.stringify(found.body)).toContain('移行');
  });

  it('describes the layout it writes through the API (基本データリスト), from the same declarations', async () => {
    const admin = await staffSession(source, A);
    const list = await call(source, 'GET', '/api/v1/interop/data-list', undefined, { as: admin });
    expect(list.status).toBe(200);
    const version = list.body.records.find((r: { id: string }) => r.id === 'resident-version');
    expect(version.items.find((i: { id: string }) => i.id === 'birthDate')).toMatchObject({ name: '生年月日', type: 'date', required: true });
    const header = (await readFile(path.join(work, 'first', 'resident-version.csv'), 'utf8')).split('\r\n')[0];
    expect(header).toBe(version.items.map((i: { id: string }) => i.id).join(','));
    expect((await call(source, 'GET', '/api/v1/interop/data-list')).status).toBe(401);
  });

  it('refuses a second import into the now full tenant, and writes nothing', async () => {
    const ended = await runInterop(target, IMPORT_JOB, { dir: path.join(work, 'first'), reportFile: path.join(work, 'again.csv') });
    expect(ended.status).toBe('failed');
    expect(ended.error).toMatch(/取込を中止しました|何も書き込んでいません/);
    expect(await readFile(path.join(work, 'again.csv'), 'utf8')).toContain('取込先の団体にデータがあります');
  });
});
