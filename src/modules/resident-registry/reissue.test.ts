import { pdfText } from '../../../test/support/pdf.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, systemWithTenants, type Session } from '../../../test/support/system.ts';
import { addDays } from '../../jp/index.ts';
import type { System } from '../../system.ts';
import { todayInJapan } from './procedure.ts';

/** 改製 (1.1.4, j40) through the API: the new 原票 starts there, and certificates print history from it. */
const A = '131016';
const BASE = '/api/v1/resident-registry';
const today = todayInJapan();
const SP = '　';


describe('resident-registry: 改製', () => {
  let system: System;
  let staff: Session;
  const post = (path: string, body: unknown) => call(system, 'POST', `${BASE}${path}`, body, { as: staff });
  const get = async (path: string) => (await call(system, 'GET', `${BASE}${path}`, undefined, { as: staff })).body;

  beforeAll(async () => {
    ({ system, admins: [staff] } = await systemWithTenants(A));
  });
  afterAll(() => system?.close());

  it('remakes a household’s 原票 on a day: history before it is the 改製原住民票’s, not on the new one’s copies', async () => {
    const moved = await post('/move-in', {
      effectiveDate: addDays(today, -10), notifiedDate: addDays(today, -9), kind: 'domestic', destination: { type: 'new', address: { text: '東京都千代田区麹町1丁目1番' } },
      persons: [{
        residentKind: 'japanese', name: `改製${SP}一`, nameKana: `カイセイ${SP}ハジメ`, registeredDomicile: '東京都千代田区千代田1番', familyRegisterHead: `改製${SP}一`,
        birthDate: '1977-07-07', sex: '1', relationship: '世帯主', previousAddress: { text: '山梨県甲府市丸の内1丁目6番1号' }, residentCode: '70000000019',
      }],
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(201);
    const { addresseeNo } = moved.body.residents[0];
    let household = await get(`/households/${moved.body.household.householdNo}`);
    const within = await post('/move-within', {
      effectiveDate: addDays(today, -5), notifiedDate: addDays(today, -5), from: { householdId: household.householdId, version: household.version },
      residentIds: [household.members[0].residentId], destination: { type: 'same', address: { text: '東京都千代田区麹町2丁目2番' } },
    });
    expect(within.status, JSON.stringify(within.body)).toBe(201);
    household = await get(`/households/${moved.body.household.householdNo}`);

    const future = await post('/reissue', { effectiveDate: addDays(today, 1), household: { householdId: household.householdId, version: household.version } });
    expect(future.status).toBe(422);
    expect(future.body.errors).toContainEqual(expect.objectContaining({ field: 'body.effectiveDate' }));
    const r = await post('/reissue', { effectiveDate: today, household: { householdId: household.householdId, version: household.version } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect((await post('/reissue', { effectiveDate: today, household: { householdId: household.householdId, version: household.version } })).status).toBe(409);

    const history = await get(`/persons/${addresseeNo}/history`);
    expect(history.entries.map((e: { person: { reason: string } }) => e.person.reason)).toEqual(['domestic_move_in', 'move_within', 'reissue_entry']);
    expect(history.entries[2].change).toMatchObject({ procedure: 'reissue', basis: 'ex_officio', effectiveDate: today });

    const copy = await system.app.request(`${BASE}/certificates`, {
      method: 'POST', body: JSON.stringify({ kind: 'resident', addresseeNos: [addresseeNo], form: 'individual', withHistory: true, requester: { kind: 'self' } }),
      headers: { 'content-type': 'application/json', cookie: staff.cookie, 'X-CSRF-Token': staff.csrfToken },
    }, { zone: 'individual-number' });
    expect(copy.status).toBe(201);
    const text = await pdfText(new Uint8Array(await copy.arrayBuffer()));
    expect(text).toContain('麹町2丁目2番');
    expect(text).not.toContain('麹町1丁目1番');
  });
});
