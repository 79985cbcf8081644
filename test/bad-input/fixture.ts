/**
 * The 団体 the corpus is sent to: an administrator and the platform operator signed in (with their CSRF
 * tokens, so requests get past authentication and reach validation), two households of residents, an
 * employer, a corporation, a 支援措置 and a draft, so that path ids can name things that exist.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { A, BASE, daysAgo, residentCodes, SP, today } from '../support/resident-registry.ts';
import { call, operatorSession, staffSession, systemWithTenants, type Session } from '../support/system.ts';
import type { System } from '../../src/system.ts';
import type { PathValues } from './case.ts';
import { NOWHERE_UUID } from './hostile.ts';

const residentCode = residentCodes(31_000_000_000);

export const person = (overrides: Record<string, unknown> = {}) => ({
  residentKind: 'japanese', name: `入力${SP}試験`, nameKana: `ニュウリョク${SP}シケン`, registeredDomicile: '東京都千代田区千代田1番',
  familyRegisterHead: `入力${SP}試験`, birthDate: '1980-05-05', sex: '1', relationship: '世帯主',
  previousAddress: { text: '福岡県福岡市中央区天神1丁目8番1号' }, residentCode: residentCode(), ...overrides,
});

/** A 転入 of one new household; every call a new 住民票コード, so each is valid on its own. */
export const moveInBody = (persons: unknown[] = [person()]) => ({
  effectiveDate: daysAgo(3), notifiedDate: today, kind: 'domestic',
  destination: { type: 'new', address: { text: '東京都千代田区丸の内1丁目1番1号' } }, persons,
});

export const corporation = { name: '株式会社入力検査', nameKana: 'ニュウリョクケンサ', corporateNumber: '7000012050002', address: { text: '東京都千代田区霞が関3丁目1番1号' } };
export const employer = { name: '株式会社やくば商事', address: '東京都千代田区千代田1番1号', postalCode: '1000001', corporateNumber: '7000012050002', phone: '03-1234-5678' };

export interface Resident {
  residentId: string;
  addresseeNo: string;
  version: number;
}

export interface Fixture {
  system: System;
  admin: Session & { loginName: string };
  operator: Session;
  family: { householdId: string; householdNo: string; householdVersion: number; changeId: string; head: Resident; child: Resident; headResidentCode: string };
  single: Resident & { householdId: string; householdNo: string };
  protectionId: string;
  draftId: string;
  employerNo: string;
  /** A 団体 the operator onboarded (運用管理), with progress recorded on step 1 of 住民基本台帳. */
  onboarded: string;
  pathValues: PathValues;
  /** A directory of the test's own for the jobs' server paths, and a file in it. */
  workDir: string;
  workFile: string;
  close(): Promise<void>;
}

async function ok(r: Promise<Awaited<ReturnType<typeof call>>>, status: number) {
  const response = await r;
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  return response.body;
}

export async function openFixture(): Promise<Fixture> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'yakuba-bad-input-'));
  const workFile = path.join(workDir, 'a-file');
  await writeFile(workFile, 'not a directory');
  const { system } = await systemWithTenants(A);
  const admin = await staffSession(system, A);
  const operator = await operatorSession(system);
  const as = { as: admin };
  const post = (path: string, body: unknown) => ok(call(system, 'POST', `${BASE}${path}`, body, as), 201);

  const headResidentCode = residentCode();
  const family = await post('/move-in', moveInBody([
    person({ name: `家族${SP}一郎`, nameKana: `カゾク${SP}イチロウ`, familyRegisterHead: `家族${SP}一郎`, residentCode: headResidentCode }),
    person({ name: `家族${SP}花`, nameKana: `カゾク${SP}ハナ`, familyRegisterHead: `家族${SP}一郎`, birthDate: '2010-03-03', sex: '2', relationship: '子' }),
  ]));
  const single = await post('/move-in', moveInBody([person({ name: `単身${SP}者`, nameKana: `タンシン${SP}シャ`, familyRegisterHead: `単身${SP}者` })]));
  const versionOf = async (addresseeNo: string): Promise<number> => (await ok(call(system, 'GET', `${BASE}/persons/${addresseeNo}`, undefined, as), 200)).version;
  const household = await ok(call(system, 'GET', `${BASE}/households/${family.household.householdNo}`, undefined, as), 200);
  const [head, child] = family.residents as Array<{ residentId: string; addresseeNo: string }>;
  const s = single.residents[0] as { residentId: string; addresseeNo: string };
  // Before the 支援措置: from then on the person is not shown.
  const versions = [await versionOf(head!.addresseeNo), await versionOf(child!.addresseeNo), await versionOf(s.addresseeNo)];

  const protection = await post('/protections', { addresseeNo: s.addresseeNo, requestedOn: daysAgo(1), startsOn: today });
  const draft = await post('/drafts', { procedure: 'moveIn', input: moveInBody() });
  const employerNo = 'E-0001';
  await ok(call(system, 'PUT', `/api/v1/individual-resident-tax/employers/${employerNo}`, employer, as), 200);
  // The addressee register learns of the residents from the registry's events.
  await system.dispatcher.drain();
  const corp = await ok(call(system, 'POST', '/api/v1/addressee/corporations', corporation, as), 201);
  // 運用管理: a 団体 onboarded by the operator, other than A (registered without the console) and the
  // codes the controls create (011002, 131024), with a step in progress so that step cannot be removed.
  const onboarded = '271403';
  const byOperator = { as: operator };
  await ok(call(system, 'POST', '/api/v1/operator/municipalities', { tenantCode: onboarded, businesses: ['resident-registry', 'individual-resident-tax'], deploymentProfile: 'alpha', population: 820_000, administrator: { loginName: 'sakai-admin', displayName: '堺　管理者' } }, byOperator), 201);
  await ok(call(system, 'PUT', `/api/v1/operator/municipalities/${onboarded}/progress`, { items: [{ business: 'resident-registry', stepNo: 1, status: 'in_progress', plannedStart: '2026-04-01', plannedEnd: '2026-09-30', actualStart: '2026-04-01' }] }, byOperator), 200);

  return {
    system,
    workDir,
    workFile,
    async close() {
      await system.close();
      await rm(workDir, { recursive: true, force: true });
    },
    admin,
    operator,
    family: {
      householdId: family.household.householdId, householdNo: family.household.householdNo, householdVersion: household.version, changeId: family.changeId, headResidentCode,
      head: { ...head!, version: versions[0]! }, child: { ...child!, version: versions[1]! },
    },
    single: { ...s, version: versions[2]!, householdId: single.household.householdId, householdNo: single.household.householdNo },
    protectionId: protection.protectionId,
    draftId: draft.draftId,
    employerNo,
    onboarded,
    pathValues: {
      tenantCode: A, loginName: admin.loginName, name: 'clerk', subscriber: 'resident-registry.nothing', eventId: NOWHERE_UUID, jobId: NOWHERE_UUID,
      kind: 'login-failures', protectionId: protection.protectionId, addresseeNo: head!.addresseeNo, date: '2026-04-01',
      householdNo: family.household.householdNo, draftId: draft.draftId, integratedAddresseeNo: corp.addressee.integratedAddresseeNo,
      deliveryId: NOWHERE_UUID, fiscalYear: '2026', employerNo, reliefId: NOWHERE_UUID, version: '1.0', month: '2026-11',
    },
  };
}
