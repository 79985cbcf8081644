import { pdfText } from '../../../test/support/pdf.ts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, systemWithTenants, type Session } from '../../../test/support/system.ts';
import { addDays } from '../../jp/index.ts';
import { inTenant } from '../../platform/db/tenant-scope.ts';
import type { System } from '../../system.ts';
import { todayInJapan } from './procedure.ts';

/** 転入通知の受理 (4.1.3.1.1 j680; 消除日 j50) through the API. */
const A = '131016';
const BASE = '/api/v1/resident-registry';
const today = todayInJapan();
const SP = '　';
let serial = 0;

const person = (name: string, relationship: string, birthDate: string, sex = '1') => ({
  residentKind: 'japanese', name, nameKana: `ツウチ${SP}テスト`, registeredDomicile: '東京都千代田区千代田1番', familyRegisterHead: name,
  birthDate, sex, relationship, previousAddress: { text: '埼玉県川口市青木2丁目1番1号' }, residentCode: String(40_000_000_000 + ++serial * 7919),
});


describe('resident-registry: 転入通知の受理', () => {
  let system: System;
  let staff: Session;
  const post = (path: string, body: unknown) => call(system, 'POST', `${BASE}${path}`, body, { as: staff });
  const get = async (path: string) => (await call(system, 'GET', `${BASE}${path}`, undefined, { as: staff })).body;

  beforeAll(async () => {
    ({ system, admins: [staff] } = await systemWithTenants(A));
  });
  afterAll(() => system?.close());

  /** A household of two moved in 60 days ago; `who` of them leave on `planned`. */
  let households = 0;
  async function moveOut(surname: string, who: 'head' | 'both', planned: string) {
    households++;
    const moved = await post('/move-in', {
      effectiveDate: addDays(today, -60), notifiedDate: addDays(today, -58), kind: 'domestic', destination: { type: 'new', address: { text: '東京都千代田区内幸町1丁目1番1号' } },
      persons: [person(`${surname}${SP}一`, '世帯主', `1970-01-0${households}`), person(`${surname}${SP}花`, '妻', `1972-02-0${households}`, '2')],
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(201);
    const household = await get(`/households/${moved.body.household.householdNo}`);
    const [head, wife] = household.members.map((m: { residentId: string }) => m.residentId);
    const out = await post('/move-out', {
      effectiveDate: planned, notifiedDate: addDays(today, -20), kind: 'domestic', household: { householdId: household.householdId, version: household.version },
      residentIds: who === 'head' ? [head] : [head, wife], destination: { text: '神奈川県横浜市' }, ...(who === 'head' ? { remainingHeadResidentId: wife } : {}),
    });
    expect(out.status, JSON.stringify(out.body)).toBe(201);
    return { headNo: moved.body.residents[0].addresseeNo, wifeNo: moved.body.residents[1].addresseeNo, head, wife, householdNo: household.householdNo };
  }

  const notice = async (addresseeNo: string, body: Record<string, unknown>) => {
    const p = await get(`/persons/${addresseeNo}`);
    return post('/move-in-notice', { person: { residentId: p.person.residentId, version: p.version }, confirmedDestination: { text: '神奈川県横浜市中区日本大通1番地', postalCode: '2318588' }, ...body });
  };

  it('records the confirmed 転出 on the 除票 and keeps the 転出予定 items beside it', async () => {
    const planned = addDays(today, -15);
    const { headNo } = await moveOut('確定', 'head', planned);
    const r = await notice(headNo, { noticeOn: addDays(today, -2), movedInOn: addDays(today, -14) });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const p = (await get(`/persons/${headNo}`)).person;
    expect(p).toMatchObject({
      status: 'moved_out', validFrom: planned, supersedesHistoryNo: 2,
      removal: {
        reason: 'domestic_move_out', eventDate: planned, moveOutDestination: { text: '神奈川県横浜市' },
        moveOutConfirmedDestination: { text: '神奈川県横浜市中区日本大通1番地', postalCode: '2318588' }, moveInNoticeOn: addDays(today, -2), movedOutOn: addDays(today, -14),
      },
    });
    // 異動履歴照会 (j350): every version with its 異動, the replaced 転出 version kept and pointing at its successor.
    const history = await get(`/persons/${headNo}/history`);
    expect(history.entries.map((e: { person: { historyNo: number; status: string }; change: { procedure: string }; supersededByHistoryNo: number | null }) =>
      [e.person.historyNo, e.person.status, e.change.procedure, e.supersededByHistoryNo])).toEqual([
      [1, 'resident', 'move_in', null], [2, 'moved_out', 'move_out', 3], [3, 'moved_out', 'move_in_notice', null],
    ]);
    expect(history.entries[2].change).toMatchObject({ notifiedDate: addDays(today, -2), basis: 'notification', processedOn: today });
    const events = await inTenant(system.db, A, async (trx) => (await sql<{ payload: { redated: boolean } }>`SELECT payload FROM event_outbox WHERE type = 'resident-registry.move-out-confirmed'`.execute(trx)).rows);
    expect(events.at(-1)?.payload).toMatchObject({ redated: false, removedFrom: planned });
  });

  it('removes on the 転入日 when it came before the 転出予定日 (j50), with the household when he left alone', async () => {
    const planned = addDays(today, -5);
    const { headNo, wifeNo, householdNo } = await moveOut('先着', 'head', planned);
    const movedIn = addDays(today, -10);
    const r = await notice(headNo, { noticeOn: addDays(today, -1), movedInOn: movedIn });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.alerts).toEqual([]);
    expect((await get(`/persons/${headNo}`)).person).toMatchObject({ status: 'moved_out', validFrom: movedIn, removal: { eventDate: planned, movedOutOn: movedIn } });
    expect((await get(`/persons/${headNo}/as-of/${addDays(movedIn, -1)}`)).person.status).toBe('resident');
    expect((await get(`/persons/${headNo}/as-of/${movedIn}`)).person.status).toBe('moved_out');
    expect((await get(`/persons/${wifeNo}/as-of/${movedIn}`)).person).toMatchObject({ relationship: '世帯主' });
    expect((await get(`/households/${householdNo}`)).validFrom).toBe(movedIn);
  });

  it('moves only the 除票 with an アラート when others left in the same 転出', async () => {
    const planned = addDays(today, -5);
    const { headNo, householdNo } = await moveOut('同時', 'both', planned);
    const r = await notice(headNo, { noticeOn: today, movedInOn: addDays(today, -8) });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.alerts).toContainEqual(expect.objectContaining({ rule: 'move-in-notice.household-not-redated' }));
    expect((await get(`/persons/${headNo}`)).person.validFrom).toBe(addDays(today, -8));
    expect((await get(`/households/${householdNo}`)).validFrom).toBe(planned);
  });

  it('refuses residents, impossible dates and a 転入日 before the state the 転出 ended; a stale person is 409', async () => {
    const { headNo, wifeNo } = await moveOut('拒否', 'head', addDays(today, -5));
    const resident = await notice(wifeNo, { noticeOn: today, movedInOn: today });
    expect(resident.status).toBe(422);
    expect(resident.body.errors).toContainEqual(expect.objectContaining({ field: 'body.person.residentId', rule: 'move-in-notice.not-moved-out' }));
    const order = await notice(headNo, { noticeOn: addDays(today, -3), movedInOn: addDays(today, -1) });
    expect(order.body.errors).toContainEqual(expect.objectContaining({ field: 'body.movedInOn', rule: 'dates.order' }));
    const future = await notice(headNo, { noticeOn: addDays(today, 2), movedInOn: today });
    expect(future.body.errors).toContainEqual(expect.objectContaining({ field: 'body.noticeOn', rule: 'dates.future' }));
    const early = await notice(headNo, { noticeOn: today, movedInOn: addDays(today, -90) });
    expect(early.body.errors).toContainEqual(expect.objectContaining({ field: 'body.movedInOn', rule: 'move-in-notice.before-previous-state' }));
    const p = await get(`/persons/${headNo}`);
    const stale = await post('/move-in-notice', { person: { residentId: p.person.residentId, version: p.version - 1 }, noticeOn: today, movedInOn: today, confirmedDestination: { text: '横浜市' } });
    expect(stale.status).toBe(409);
    expect((await get(`/persons/${headNo}`)).person.removal.moveInNoticeOn).toBeNull();
  });

  it('lists 転出 still without a 転入通知 (j710), oldest first, and drops them once the notice arrives', async () => {
    const { headNo } = await moveOut('未着', 'head', addDays(today, -7));
    const list = async () => (await call(system, 'GET', `${BASE}/move-in-notices/awaiting?removedBy=${addDays(today, -1)}`, undefined, { as: staff })).body.items as { addresseeNo: string; removedOn: string }[];
    const before = await list();
    expect(before.map((i) => i.addresseeNo)).toContain(headNo);
    expect(before.map((i) => i.removedOn)).toEqual([...before.map((i) => i.removedOn)].sort());
    expect((await call(system, 'GET', `${BASE}/move-in-notices/awaiting?removedBy=${addDays(today, -8)}`, undefined, { as: staff })).body.items.map((i: { addresseeNo: string }) => i.addresseeNo)).not.toContain(headNo);
    // 転入通知未着照会書 (j710), to the 転出先 (神奈川県横浜市 → 横浜市長).
    const residentId = (await get(`/persons/${headNo}`)).person.residentId;
    const inquiry = await system.app.request(`${BASE}/notices/move-in-notice-inquiry`, {
      method: 'POST', body: JSON.stringify({ residentId }), headers: { 'content-type': 'application/json', cookie: staff.cookie, 'X-CSRF-Token': staff.csrfToken },
    }, { zone: 'individual-number' });
    expect(inquiry.status).toBe(200);
    const text = await pdfText(new Uint8Array(await inquiry.arrayBuffer()));
    expect(text).toContain('転入通知未着照会書');
    expect(text).toContain('横浜市長様');
    expect(text).toContain(`未着${SP}一`.replace(/[\s\u3000]/g, ''));
    expect((await notice(headNo, { noticeOn: today, movedInOn: addDays(today, -6) })).status).toBe(201);
    expect((await list()).map((i) => i.addresseeNo)).not.toContain(headNo);
    const after = await post('/notices/move-in-notice-inquiry', { residentId });
    expect(after.status).toBe(422);
  });
});
