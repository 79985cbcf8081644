/**
 * Two 団体 seeded through the API with data that gives itself away: every name carries the tenant's
 * marker (東雲 / 西園寺), every number comes from its own series (B's numbering starts far above A's),
 * so a byte of one tenant in the other's answer is found by a plain string search.
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { corporateNumber } from '../../src/jp/index.ts';
import { inTenant } from '../../src/platform/db/tenant-scope.ts';
import { runJob } from '../../src/platform/jobs/runner.ts';
import { submitJob } from '../../src/platform/jobs/submit.ts';
import { ANNUAL_ASSESSMENT } from '../../src/modules/individual-resident-tax/annual-assessment.ts';
import { todayInJapan } from '../../src/modules/resident-registry/index.ts';
import type { System } from '../../src/system.ts';
import { call, staffSession, systemWithTenants, type Session } from '../support/system.ts';
import { harvest, newPools, type Pools } from './pools.ts';

export const RR = '/api/v1/resident-registry';
export const AD = '/api/v1/addressee';
export const TAX = '/api/v1/individual-resident-tax';
export const FY = 2026;
const SP = '\u3000';

export interface Marker {
  name: string;
  kana: string;
  alphabet: string;
}

export interface TenantWorld {
  code: string;
  marker: Marker;
  staff: Session;
  /** A second administrator, for the reads the harness itself makes (never an actor under test). */
  helper: Session;
  client: { id: string; secret: string };
  pools: Pools;
  exportDir: string;
}

export interface World {
  system: System;
  tenants: [TenantWorld, TenantWorld];
}

const MARKERS: [Marker, Marker] = [
  { name: '東雲', kana: 'シノノメ', alphabet: 'SHINONOME' },
  { name: '西園寺', kana: 'サイオンジ', alphabet: 'SAIONJI' },
];
const GIVEN = [['太郎', 'タロウ', '1'], ['花子', 'ハナコ', '2'], ['一郎', 'イチロウ', '1'], ['次郎', 'ジロウ', '1'], ['桜', 'サクラ', '2'], ['三郎', 'サブロウ', '1']] as const;

/** A call as `as` that also harvests the answer's ids into `pools` when it succeeds. */
export async function seedCall(world: Pick<World, 'system'>, tw: TenantWorld, method: string, url: string, body?: unknown, as: Session = tw.helper) {
  const r = await call(world.system, method, url, body, { as });
  if (r.status >= 300) throw new Error(`seed ${method} ${url} (${tw.code}): ${r.status} ${JSON.stringify(r.body)}`);
  harvest(tw.pools, r.body);
  return r;
}

/** Both 団体 with their people, addressees, taxes, drafts, certificates, clients, roles and jobs. */
export async function buildWorld(codes: [string, string]): Promise<World> {
  const { system, admins } = await systemWithTenants(...codes);
  const tenants = [] as unknown as [TenantWorld, TenantWorld];
  for (const [i, code] of codes.entries()) {
    const exportDir = await mkdtemp(path.join(os.tmpdir(), `yakuba-iso-${code}-`));
    tenants[i] = { code, marker: MARKERS[i]!, staff: admins[i]!, helper: await staffSession(system, code), client: { id: '', secret: '' }, pools: newPools(), exportDir };
  }
  // B numbers from 700000000 on (A from 1): a 宛名番号, 世帯番号, 統合宛名番号 or 発行番号 names one tenant only.
  await inTenant(system.db, codes[1], async (trx) => {
    await sql`INSERT INTO resident_numbering (tenant_code, series, next_value) VALUES (current_tenant(), 'addressee', 700000000), (current_tenant(), 'household', 700000000)`.execute(trx);
    await sql`INSERT INTO addressee_numbering (tenant_code, series, next_value) VALUES (current_tenant(), 'integrated', 70000000000000)`.execute(trx);
    // 発行番号 (year-serial) too, for this year and the next (a run that crosses New Year in Japan).
    const year = Number(todayInJapan().slice(0, 4));
    await sql`INSERT INTO certificate_numbering (tenant_code, year, next_value) VALUES (current_tenant(), ${year}, 500000), (current_tenant(), ${year + 1}, 500000)`.execute(trx);
  });
  const world = { system, tenants };
  for (const [i, tw] of tenants.entries()) await seedTenant(world, tw, i);
  await system.dispatcher.drain();
  for (const [i, tw] of tenants.entries()) await seedAfterEvents(world, tw, i);
  return world;
}

const person = (m: Marker, g: number, relationship: string, residentCode: string, address: string) => ({
  residentKind: 'japanese',
  name: `${m.name}${SP}${GIVEN[g]![0]}`,
  nameKana: `${m.kana}${SP}${GIVEN[g]![1]}`,
  registeredDomicile: address,
  familyRegisterHead: `${m.name}${SP}${GIVEN[0]![0]}`,
  birthDate: `19${70 + g}-0${1 + g}-1${g}`,
  sex: GIVEN[g]![2],
  relationship,
  previousAddress: { text: '福岡県福岡市中央区天神1丁目8番1号' },
  residentCode,
});

export const addressOf = (i: number, n: number) => (i === 0 ? `東京都千代田区丸の内1丁目${n}番1号` : `東京都中央区銀座1丁目${n}番1号`);

/** A 転入 body for a new household of `tenant` (the random run enters more people the same way). */
export function moveInBody(tw: TenantWorld, i: number, serial: number, given = 0) {
  const code = String((i + 3) * 10_000_000_000 + serial * 7919).slice(0, 11);
  return {
    effectiveDate: '2025-10-01', notifiedDate: '2025-10-03', kind: 'domestic',
    destination: { type: 'new', address: { text: addressOf(i, 10 + (serial % 80)) } },
    persons: [{ ...person(tw.marker, given % GIVEN.length, '世帯主', code, addressOf(i, 1)), birthDate: `19${50 + (serial % 40)}-05-0${1 + (serial % 9)}` }],
  };
}

async function seedTenant(world: World, tw: TenantWorld, i: number): Promise<void> {
  const m = tw.marker;
  const code = (n: number) => String((i + 1) * 10_000_000_000 + n * 7919);
  const family = {
    effectiveDate: '2025-10-01', notifiedDate: '2025-10-03', kind: 'domestic',
    destination: { type: 'new', address: { text: addressOf(i, 1) } },
    persons: [person(m, 0, '世帯主', code(1), addressOf(i, 1)), person(m, 1, '妻', code(2), addressOf(i, 1)), { ...person(m, 2, '子', code(3), addressOf(i, 1)), birthDate: '2001-03-03' }],
  };
  await seedCall(world, tw, 'POST', `${RR}/move-in`, family, tw.staff);
  const single = { ...family, destination: { type: 'new', address: { text: addressOf(i, 2) } }, persons: [person(m, 3, '世帯主', code(4), addressOf(i, 2))] };
  await seedCall(world, tw, 'POST', `${RR}/move-in`, single, tw.staff);
  const foreigner = {
    residentKind: 'foreign', nameAlphabet: `${m.alphabet} LIN`, nameKana: `${m.kana}・リン`, birthDate: '1992-09-09', sex: '2', relationship: '世帯主', residentCode: code(5),
    foreign: { nationality: '中国', category: 'mid_long_term', becameForeignResidentOn: '2025-09-01', residenceStatus: '留学', periodOfStay: '2年', periodOfStayExpiresOn: '2027-09-01', residenceCardNo: i === 0 ? 'AB12345678CD' : 'EF87654321GH' },
  };
  await seedCall(world, tw, 'POST', `${RR}/move-in`, { ...family, kind: 'from_abroad', destination: { type: 'new', address: { text: addressOf(i, 3) } }, persons: [foreigner] }, tw.staff);
  await seedCall(world, tw, 'POST', `${RR}/drafts`, { procedure: 'moveIn', input: moveInBody(tw, i, 1, 4) }, tw.staff);
  await seedCall(world, tw, 'PUT', `${RR}/certificate-settings`, { mayorTitle: '区長', mayorName: `${m.name}${SP}区長` }, tw.staff);
  const client = await seedCall(world, tw, 'POST', `/api/v1/tenants/${tw.code}/clients`, { name: 'iso-system', title: `${m.name}連携`, scopes: await allPermissions(world, tw) }, tw.staff);
  tw.client = { id: client.body.client.clientId, secret: client.body.clientSecret };
  tw.pools.clientNames.push('iso-system');
  await seedCall(world, tw, 'PUT', `/api/v1/tenants/${tw.code}/roles/iso-clerk-${i}`, { title: `${m.name}係`, permissions: ['resident-registry:read'] }, tw.staff);
  await seedCall(world, tw, 'POST', `/api/v1/tenants/${tw.code}/users`, { loginName: `iso-user-${i}`, displayName: `${m.name}${SP}職員`, roles: [`iso-clerk-${i}`] }, tw.staff);
  await seedCall(world, tw, 'PUT', `${TAX}/employers/E${i}-0001`, { name: `${m.name}工業株式会社`, address: addressOf(i, 4) }, tw.staff);
}

async function allPermissions(world: World, tw: TenantWorld): Promise<string[]> {
  const roles = await call(world.system, 'GET', `/api/v1/tenants/${tw.code}/roles`, undefined, { as: tw.helper });
  return roles.body.items.find((r: { name: string }) => r.name === 'administrator').permissions;
}

/** What needs the addressee register, which follows the registry's events. */
async function seedAfterEvents(world: World, tw: TenantWorld, i: number): Promise<void> {
  const m = tw.marker;
  const [head, spouse] = tw.pools.addresseeNos;
  await seedCall(world, tw, 'POST', `${AD}/non-residents`, { name: `${m.name}${SP}四郎`, nameKana: `${m.kana}${SP}シロウ`, birthDate: '1960-02-02', sex: '1', address: { text: i === 0 ? '大阪府大阪市北区中之島1丁目3番20号' : '大阪府堺市堺区南瓦町3番1号' } }, tw.staff);
  const corporate = String(100000000000 + i * 4243);
  await seedCall(world, tw, 'POST', `${AD}/corporations`, { name: `株式会社${m.name}商事`, nameKana: `${m.kana}ショウジ`, corporateNumber: `${corporateNumber.checkDigit(corporate)}${corporate}`, address: { text: addressOf(i, 5) } }, tw.staff);
  await seedCall(world, tw, 'POST', `${AD}/addressees/${head}/deliveries`, { business: '*', purpose: 'mailing', recipientName: `${m.name}${SP}代理`, address: { text: addressOf(i, 6) }, validFrom: '2026-01-01' }, tw.staff);
  const salary = { salaryRevenue: 5_000_000, socialInsurance: 700_000 };
  for (const no of [head, spouse]) {
    await seedCall(world, tw, 'POST', `${TAX}/fiscal-years/${FY}/income-documents`, { addresseeNo: no, source: 'salary_report', employerNo: `E${i}-0001`, items: salary }, tw.staff);
  }
  const job = await submitJob(world.system.db, world.system.registry, tw.code, ANNUAL_ASSESSMENT, { fiscalYear: FY });
  const done = await runJob(world.system.db, world.system.registry, tw.code, job.id);
  if (done.status !== 'succeeded') throw new Error(`annual assessment of ${tw.code}: ${done.error}`);
  tw.pools.jobIds.push(job.id);
  await seedCall(world, tw, 'POST', `${TAX}/fiscal-years/${FY}/taxpayers/${spouse}/reliefs`, { kind: 'reduction', reason: 'unemployment', reasonText: '離職', rate: '0.5', decidedOn: '2026-07-10', decidedBy: '税務課長' }, tw.staff);
  await seedCall(world, tw, 'POST', `${RR}/protections`, { addresseeNo: spouse, requestedOn: '2026-11-01', startsOn: '2026-11-01', restrictions: { inquiry: 'none', issue: 'alert', change: 'alert' } }, tw.staff);
  const cert = await call(world.system, 'POST', `${RR}/certificates`, { kind: 'resident', addresseeNos: [head], form: 'individual', requester: { kind: 'self' } }, { as: tw.staff });
  if (cert.status !== 200 && cert.status !== 201) throw new Error(`certificate of ${tw.code}: ${cert.status} ${JSON.stringify(cert.body)}`);
  await seedCall(world, tw, 'GET', `${RR}/certificates`);
  const exported = await seedCall(world, tw, 'POST', `/api/v1/tenants/${tw.code}/jobs`, { type: 'interop.export', params: { dir: path.join(tw.exportDir, 'seed') } }, tw.staff);
  tw.pools.jobIds.push(exported.body.id);
  await refreshPools(world, tw);
}

/** Reads back what the tenant holds, as its own helper, so the pools have every id and lock version. */
export async function refreshPools(world: Pick<World, 'system'>, tw: TenantWorld): Promise<void> {
  for (const no of [...tw.pools.householdNos]) await seedCall(world, tw, 'GET', `${RR}/households/${no}`);
  // The pool mixes residents with 住登外者 and 法人: each is read where it exists.
  for (const no of [...tw.pools.addresseeNos]) {
    for (const url of [`${RR}/persons/${no}`, `${AD}/addressees/${no}`]) {
      const r = await call(world.system, 'GET', url, undefined, { as: tw.helper });
      if (r.status === 200) harvest(tw.pools, r.body);
    }
  }
  for (const no of tw.pools.addresseeNos.slice(0, 3)) {
    const deliveries = await call(world.system, 'GET', `${AD}/addressees/${no}/deliveries`, undefined, { as: tw.helper });
    for (const d of deliveries.status === 200 ? deliveries.body : []) if (!tw.pools.deliveries.some((x) => x.deliveryId === d.deliveryId)) tw.pools.deliveries.push({ addresseeNo: no, deliveryId: d.deliveryId });
    const reliefs = await call(world.system, 'GET', `${TAX}/fiscal-years/${FY}/taxpayers/${no}/reliefs`, undefined, { as: tw.helper });
    for (const r of reliefs.status === 200 ? reliefs.body.items : []) if (!tw.pools.reliefs.some((x) => x.reliefId === r.id)) tw.pools.reliefs.push({ addresseeNo: no, reliefId: r.id });
    harvest(tw.pools, [deliveries, reliefs].filter((r) => r.status === 200).map((r) => r.body));
  }
  await seedCall(world, tw, 'GET', `${RR}/drafts`);
  await seedCall(world, tw, 'GET', `${RR}/protections`);
  await seedCall(world, tw, 'GET', `/api/v1/tenants/${tw.code}/jobs`);
}
