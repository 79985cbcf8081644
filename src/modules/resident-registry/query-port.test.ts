import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, operatorSession, staffSession, testSystem, type Session } from '../../../test/support/system.ts';
import { addDays } from '../../jp/index.ts';
import type { System } from '../../system.ts';
import { residentRegistryQueries, type PersonSnapshot } from './index.ts';
import { inTenant } from '../../platform/db/tenant-scope.ts';
import { todayInJapan } from './procedure.ts';

const A = '131016';
const today = todayInJapan();

const person = (name: string, residentCode: string, relationship = '世帯主', birthDate = '1970-01-01') => ({
  residentKind: 'japanese', name, nameKana: 'ミナト　タロウ', registeredDomicile: '東京都港区芝公園1番', familyRegisterHead: name,
  birthDate, sex: '1', relationship, previousAddress: { text: '神奈川県横浜市中区1番' }, residentCode,
});

describe('resident-registry query port', () => {
  let system: System;
  let staff: Session;
  let householdNo: string;

  beforeAll(async () => {
    system = await testSystem();
    const operator = await operatorSession(system);
    await call(system, 'POST', '/api/v1/tenants', { tenantCode: A }, { as: operator });
    staff = await staffSession(system, A);
    const r = await call(system, 'POST', '/api/v1/resident-registry/move-in', {
      effectiveDate: addDays(today, -3), notifiedDate: today, kind: 'domestic', destination: { type: 'new', address: { text: '東京都港区芝公園4丁目2番8号' } },
      persons: [person('港　太郎', '20000000001'), person('港　次郎', '20000000002', '子', '2000-02-02'), person('港　三郎', '20000000003', '子', '2002-03-03')],
    }, { as: staff });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    householdNo = r.body.household.householdNo;
  });
  afterAll(() => system?.close());

  it('answers by number and streams everyone recorded on a date in batches', async () => {
    const port = residentRegistryQueries({ db: system.db });
    const household = await port.householdByNo(A, householdNo);
    expect(household?.members).toHaveLength(3);
    const head = await port.personByAddresseeNo(A, household!.members[0]!.addresseeNo);
    expect(head).toMatchObject({ name: '港　太郎', relationship: '世帯主' });
    expect(await port.personByAddresseeNo('011002', household!.members[0]!.addresseeNo)).toBeNull();

    const batches: PersonSnapshot[][] = [];
    for await (const batch of port.residentsAsOf(A, today, 2)) batches.push(batch);
    expect(batches.map((b) => b.length)).toEqual([2, 1]);
    const before: PersonSnapshot[][] = [];
    for await (const batch of port.residentsAsOf(A, addDays(today, -4), 2)) before.push(batch);
    expect(before).toEqual([]);
  });

  /**
   * The feed holds an event back while any older transaction of the server is open (another test file's,
   * on a shared PostgreSQL): asks again until `count` events are there, for up to 20 s.
   */
  async function settled<T extends { events: unknown[] }>(read: () => Promise<T>, count = 1): Promise<T> {
    for (let i = 0; ; i++) {
      const r = await read();
      if (r.events.length >= count || i >= 200) return r;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('feeds its events since a position, in a final order', async () => {
    const port = residentRegistryQueries({ db: system.db });
    const first = await settled(() => port.changesSince(A, null));
    expect(first.events.map((e) => e.type)).toEqual(['resident-registry.moved-in']);
    expect(first.events[0]!.payload).toMatchObject({ householdNo });
    expect(await port.changesSince(A, first.position)).toEqual({ events: [], position: first.position });
    expect((await port.changesSince('011002', null)).events).toEqual([]);
    await expect(port.changesSince(A, 'not-a-position')).rejects.toMatchObject({ status: 422 });

    const head = (await port.householdByNo(A, householdNo))!.members[0]!;
    const household = (await call(system, 'GET', `/api/v1/resident-registry/households/${householdNo}`, undefined, { as: staff })).body;
    const out = await call(system, 'POST', '/api/v1/resident-registry/move-out', {
      effectiveDate: today, notifiedDate: today, kind: 'domestic', household: { householdId: household.householdId, version: household.version },
      residentIds: [head.residentId], destination: { text: '大阪府大阪市北区梅田1丁目1番1号' }, remainingHeadResidentId: household.members[1].residentId,
    }, { as: staff });
    expect(out.status, JSON.stringify(out.body)).toBe(201);
    const next = await settled(() => port.changesSince(A, first.position));
    expect(next.events.map((e) => e.type)).toEqual(['resident-registry.moved-out']);
    expect(next.position).not.toBe(first.position);
  });

  // Two transactions open at once need a server: PGlite has one connection, so there nothing commits late.
  it.runIf(Boolean(process.env.TEST_DATABASE_URL))('never passes an event whose transaction commits late (PostgreSQL)', async () => {
    const port = residentRegistryQueries({ db: system.db });
    const start = (await port.changesSince(A, null)).position;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let opened!: () => void;
    const isOpen = new Promise<void>((resolve) => (opened = resolve));
    const slow = inTenant(system.db, A, async (trx) => {
      await system.events.publish(trx, { type: 'resident-registry.feed-probe', aggregateId: 'slow', payload: { n: 1 } });
      opened();
      await gate;
    });
    // A failure of the slow transaction before it opens surfaces here instead of as a timeout.
    await Promise.race([isOpen, slow]);
    await inTenant(system.db, A, (trx) => system.events.publish(trx, { type: 'resident-registry.feed-probe', aggregateId: 'fast', payload: { n: 2 } }));
    const whileOpen = await port.changesSince(A, start);
    expect(whileOpen.events).toEqual([]);
    release();
    await slow;
    const after = await settled(() => port.changesSince(A, whileOpen.position), 2);
    expect(after.events.map((e) => e.aggregateId)).toEqual(['slow', 'fast']);
  });
});
