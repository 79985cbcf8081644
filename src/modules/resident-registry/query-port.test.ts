import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, operatorSession, staffSession, testSystem, type Session } from '../../../test/support/system.ts';
import { addDays } from '../../jp/index.ts';
import type { System } from '../../system.ts';
import { residentRegistryQueries, type PersonSnapshot } from './index.ts';
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
});
