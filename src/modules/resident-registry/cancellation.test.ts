import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../jp/index.ts';
import { listAuditEntries } from '../../platform/audit/index.ts';
import { asKnownAt, daysAgo, family, fixture, japanese, justBefore, movedIn, movedWithin, residentCodeFrom, SP, today, versionsOf, type Fixture } from './corrections.fixtures.ts';

const code = residentCodeFrom(2);
const T = '131016';
type Moved = { residentId: string; addresseeNo: string };

describe('resident-registry: 異動の取消し through the HTTP API', () => {
  let f: Fixture;
  const cancel = (changeId: string, extra: Record<string, unknown> = {}) => f.post('/cancellation', { changeId, ...extra });
  const ids = (h: { members: { residentId: string }[] }) => h.members.map((m) => m.residentId);

  beforeAll(async () => {
    f = await fixture(T);
  });
  afterAll(() => f?.system.close());

  it('取消し（減）: a cancelled 転入 leaves removed persons and a dissolved household; as known before, they lived here', async () => {
    const moved = await movedIn(f, family(code, '取消', 'トリケシ'), 6);
    const r = await cancel(moved.changeId);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const [head] = moved.residents as Moved[];
    expect((await versionsOf(f, head!.residentId)).map((v) => [v.history_no, v.supersedes_history_no, v.reason, v.status, v.valid_from])).toEqual([
      [1, null, 'domestic_move_in', 'resident', daysAgo(6)],
      [2, 1, 'cancellation_decrease', 'removed', daysAgo(6)],
    ]);
    expect((await f.person(head!.addresseeNo)).person).toMatchObject({ status: 'removed', removal: { reason: 'cancellation_decrease', eventDate: daysAgo(6) } });
    expect(await f.asOf(head!.addresseeNo, daysAgo(7))).toBeNull();
    const household = await f.household(moved.household.householdNo);
    expect(household).toMatchObject({ status: 'dissolved', headResidentId: null, members: [] });

    const before = await justBefore(f, r.body.changeId);
    expect(await asKnownAt(f, head!.residentId, daysAgo(3), before)).toMatchObject({ history_no: 1, status: 'resident' });
    expect(await asKnownAt(f, head!.residentId, daysAgo(3), new Date(Date.now() + 60_000).toISOString())).toMatchObject({ history_no: 2, status: 'removed' });
    const living = await f.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM resident_version_as_of(${daysAgo(3)}::date) WHERE resident_id = ${head!.residentId} AND status = 'resident'`);
    expect(living[0]!.n).toBe(0);
    const hv = await f.rows<{ status: string }>(sql`SELECT status FROM household_version_as_of(${daysAgo(3)}::date, ${before}::timestamptz) WHERE household_id = ${moved.household.householdId}`);
    expect(hv).toEqual([{ status: 'active' }]);

    const [change] = await f.rows<{ procedure: string; cancels_change_id: string; effective_date: string; basis: string }>(sql`SELECT procedure, cancels_change_id, effective_date, basis FROM resident_change WHERE id = ${r.body.changeId}`);
    expect(change).toEqual({ procedure: 'cancellation', cancels_change_id: moved.changeId, effective_date: daysAgo(6), basis: 'ex_officio' });
    const events = await f.events('resident-registry.change-cancelled');
    expect(events.at(-1)!.payload).toMatchObject({
      changeId: r.body.changeId, cancelledChangeId: moved.changeId, cancelledProcedure: 'move_in', householdIds: [moved.household.householdId],
      residents: expect.arrayContaining([{ residentId: head!.residentId, addresseeNo: head!.addresseeNo, reason: 'cancellation_decrease' }]),
    });
    const { items } = await listAuditEntries(f.system.db, T, { limit: 500 });
    expect(items.find((e) => e.function === 'resident-registry.cancellation')?.targets).toEqual(expect.arrayContaining([
      { kind: 'resident-change', id: r.body.changeId }, { kind: 'resident-change', id: moved.changeId }, { kind: 'household', id: moved.household.householdId },
    ]));

    const twice = await cancel(moved.changeId);
    expect(twice.status).toBe(422);
    expect(twice.body.errors).toContainEqual(expect.objectContaining({ field: 'body.changeId', rule: 'cancellation.already-cancelled' }));
    const ofCancellation = await cancel(r.body.changeId);
    expect(ofCancellation.body.errors).toContainEqual(expect.objectContaining({ field: 'body.changeId', rule: 'cancellation.of-cancellation' }));
  });

  it('取消し（増）: a cancelled 転出 of the head brings him back; the successor is 妻 again; the household as before', async () => {
    const moved = await movedIn(f, family(code, '復帰', 'フッキ'), 8);
    const h = await f.household(moved.household.householdNo);
    const [head, wife, child] = ids(h);
    const out = await f.post('/move-out', {
      effectiveDate: addDays(today, 5), notifiedDate: today, kind: 'domestic', household: { householdId: h.householdId, version: h.version },
      residentIds: [head], destination: { text: '大阪府大阪市中央区大手前2丁目1番22号' }, remainingHeadResidentId: wife,
    });
    expect(out.status, JSON.stringify(out.body)).toBe(201);
    const after = await f.household(h.householdNo);
    const r = await cancel(out.body.changeId, { basis: 'request', notifiedDate: today, households: [{ householdId: h.householdId, version: after.version }] });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const [headNo, wifeNo] = (moved.residents as Moved[]).map((p) => p.addresseeNo);
    expect((await f.person(headNo!)).person).toMatchObject({ status: 'resident', reason: 'cancellation_increase', relationship: '世帯主', validFrom: addDays(today, 5), removal: null });
    expect((await f.person(wifeNo!)).person).toMatchObject({ relationship: '妻', householdHeadName: `復帰${SP}太郎`, reason: 'cancellation_correction' });
    expect(await f.asOf(headNo!, addDays(today, 6))).toMatchObject({ status: 'resident' });
    expect(await f.household(h.householdNo)).toMatchObject({ status: 'active', headResidentId: head, members: [{ residentId: head }, { residentId: wife }, { residentId: child }] });
    const events = await f.events('resident-registry.change-cancelled');
    expect(events.at(-1)!.payload.residents).toEqual(expect.arrayContaining([
      expect.objectContaining({ residentId: head, reason: 'cancellation_increase' }), expect.objectContaining({ residentId: wife, reason: 'cancellation_correction' }),
    ]));
    const [change] = await f.rows<{ basis: string; notified_date: string }>(sql`SELECT basis, notified_date FROM resident_change WHERE id = ${r.body.changeId}`);
    expect(change).toEqual({ basis: 'request', notified_date: today });
  });

  it('取消し（修正）: a cancelled 転居 of one member returns her to the former household; the new one is dissolved', async () => {
    const moved = await movedIn(f, family(code, '転居', 'テンキョ'), 9);
    const h = await f.household(moved.household.householdNo);
    const child = h.members[2].residentId;
    const within = await f.post('/move-within', {
      effectiveDate: daysAgo(2), notifiedDate: daysAgo(2), from: { householdId: h.householdId, version: h.version },
      residentIds: [child], destination: { type: 'new', address: { text: '東京都千代田区丸の内3番3号' } }, relationships: [{ residentId: child, relationship: '世帯主' }],
    });
    expect(within.status, JSON.stringify(within.body)).toBe(201);
    const r = await cancel(within.body.changeId);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(ids(await f.household(h.householdNo))).toEqual(ids(h));
    expect(await f.household(within.body.household.householdNo)).toMatchObject({ status: 'dissolved', members: [] });
    expect((await f.person(moved.residents[2].addresseeNo)).person).toMatchObject({
      reason: 'cancellation_correction', relationship: '子', householdNo: h.householdNo, address: { text: '東京都千代田区千代田2番3号' }, validFrom: daysAgo(2),
    });
    expect(await f.asOf(moved.residents[2].addresseeNo, daysAgo(3))).toMatchObject({ historyNo: 1 });
  });

  it('refuses a 異動 later ones build on (open question 8), a correction, an unknown one; a stale household is 409; nothing written', async () => {
    const moved = await movedIn(f, family(code, '後続', 'コウゾク'), 12);
    const within = await movedWithin(f, moved.household.householdNo, 4, '東京都千代田区大手町2番2号');
    const before = await Promise.all(['resident_change', 'resident_version', 'household_version'].map(f.count));
    const later = await cancel(moved.changeId);
    expect(later.status).toBe(422);
    expect(later.body.errors).toContainEqual(expect.objectContaining({ field: 'body.changeId', rule: 'cancellation.later-changes', message: expect.stringContaining(daysAgo(4)) }));
    const unknown = await cancel('0190c0de-0000-7000-8000-000000000000');
    expect(unknown.status).toBe(404);
    const h = await f.household(moved.household.householdNo);
    const stale = await cancel(within.changeId, { households: [{ householdId: h.householdId, version: h.version - 1 }] });
    expect(stale.status).toBe(409);
    expect(stale.body.type).toBe('urn:yakuba:problem:stale-version');
    const foreign = await cancel(within.changeId, { households: [{ householdId: '0190c0de-0000-7000-8000-000000000001', version: 1 }] });
    expect(foreign.body.errors).toContainEqual(expect.objectContaining({ field: 'body.households.0.householdId', rule: 'cancellation.household-not-touched' }));
    expect(await Promise.all(['resident_change', 'resident_version', 'household_version'].map(f.count))).toEqual(before);

    const head = moved.residents[0] as Moved;
    const { version } = await f.person(head.addresseeNo);
    const corrected = await f.post('/clerical-correction', { residentId: head.residentId, version, historyNo: 1, items: { name: `後続${SP}太朗` } });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(201);
    const ofCorrection = await cancel(corrected.body.changeId);
    expect(ofCorrection.status).toBe(422);
    expect(ofCorrection.body.errors).toContainEqual(expect.objectContaining({ rule: 'cancellation.of-correction' }));

    // The 転居 can be cancelled after the correction: the state restored is the corrected one before it.
    const r = await cancel(within.changeId);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect((await f.person(head.addresseeNo)).person).toMatchObject({ name: `後続${SP}太朗`, address: { text: '東京都千代田区千代田2番3号' }, validFrom: daysAgo(4) });
    // Then the 転入 itself: nothing builds on it any more.
    const first = await cancel(moved.changeId);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect((await f.person(head.addresseeNo)).person).toMatchObject({ status: 'removed', reason: 'cancellation_decrease', name: `後続${SP}太朗` });
    // The restoration the first cancellation wrote on the 転居's day is re-issued as removed too.
    expect(await f.asOf(head.addresseeNo, daysAgo(8))).toMatchObject({ status: 'removed', validFrom: daysAgo(12) });
    expect(await f.asOf(head.addresseeNo, daysAgo(4))).toMatchObject({ status: 'removed', validFrom: daysAgo(4) });
    expect(await f.household(moved.household.householdNo)).toMatchObject({ status: 'dissolved', members: [] });
    const hv = await f.rows<{ status: string }>(sql`SELECT status FROM household_version_as_of(${daysAgo(8)}::date) WHERE household_id = ${moved.household.householdId}`);
    expect(hv).toEqual([{ status: 'dissolved' }]);
  });

  it('a cancelled 死亡 brings the person back at the same place in the household; a cancelled 職権記載 removes again (減)', async () => {
    const moved = await movedIn(f, family(code, '死亡', 'シボウ'), 9);
    const h = await f.household(moved.household.householdNo);
    const wife = ids(h)[1];
    const died = await f.post('/death', { effectiveDate: daysAgo(3), notifiedDate: daysAgo(2), kind: 'death', residentId: wife, household: { householdId: h.householdId, version: h.version } });
    expect(died.status, JSON.stringify(died.body)).toBe(201);
    expect(ids(await f.household(h.householdNo))).toEqual([ids(h)[0], ids(h)[2]]);
    const r = await cancel(died.body.changeId);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(ids(await f.household(h.householdNo))).toEqual(ids(h));
    expect((await f.person(moved.residents[1].addresseeNo)).person).toMatchObject({ status: 'resident', reason: 'cancellation_increase', removal: null, validFrom: daysAgo(3) });

    const entered = await f.post('/ex-officio-entry', {
      effectiveDate: daysAgo(1), kind: 'address_setting', destination: { type: 'existing', household: { householdId: h.householdId, version: (await f.household(h.householdNo)).version } },
      persons: [japanese(code, { name: `死亡${SP}同居`, nameKana: `シボウ${SP}ドウキョ`, relationship: '同居人', birthDate: '1990-01-01' })],
    });
    expect(entered.status, JSON.stringify(entered.body)).toBe(201);
    expect(await f.household(h.householdNo)).toMatchObject({ members: [{}, {}, {}, { relationship: '同居人' }] });
    const undone = await cancel(entered.body.changeId);
    expect(undone.status, JSON.stringify(undone.body)).toBe(201);
    expect(ids(await f.household(h.householdNo))).toEqual(ids(h));
    expect((await f.person(entered.body.residents[0].addresseeNo)).person).toMatchObject({ status: 'removed', reason: 'cancellation_decrease' });
  });

  it('a cancelled 職権消除 brings the person back (増)', async () => {
    const moved = await movedIn(f, [japanese(code, { name: `消除${SP}戻`, nameKana: `ショウジョ${SP}モドル` })], 7);
    const h = await f.household(moved.household.householdNo);
    const removal = await f.post('/ex-officio-removal', { effectiveDate: daysAgo(1), household: { householdId: h.householdId, version: h.version }, residentIds: [ids(h)[0]] });
    expect(removal.status, JSON.stringify(removal.body)).toBe(201);
    expect((await f.household(h.householdNo)).status).toBe('dissolved');
    const r = await cancel(removal.body.changeId);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect((await f.person(moved.residents[0].addresseeNo)).person).toMatchObject({ status: 'resident', reason: 'cancellation_increase' });
    expect(await f.household(h.householdNo)).toMatchObject({ status: 'active', headResidentId: ids(h)[0] });
  });

  it('一部 (j980): cancels one person of a 転入, then the rest; the household keeps the others until then', async () => {
    const moved = await movedIn(f, family(code, '一部', 'イチブ'), 10);
    const [head, wife, child] = moved.residents as Moved[];
    const before = await Promise.all(['resident_change', 'resident_version', 'household_version'].map(f.count));
    const stranger = await cancel(moved.changeId, { residentIds: ['0190c0de-0000-7000-8000-000000000002'] });
    expect(stranger.status).toBe(422);
    expect(stranger.body.errors).toContainEqual(expect.objectContaining({ field: 'body.residentIds.0', rule: 'cancellation.person-not-touched' }));
    expect(await Promise.all(['resident_change', 'resident_version', 'household_version'].map(f.count))).toEqual(before);

    const part = await cancel(moved.changeId, { residentIds: [child!.residentId] });
    expect(part.status, JSON.stringify(part.body)).toBe(201);
    expect((await f.person(child!.addresseeNo)).person).toMatchObject({ status: 'removed', reason: 'cancellation_decrease' });
    expect((await f.person(wife!.addresseeNo)).person).toMatchObject({ status: 'resident', reason: 'domestic_move_in' });
    expect(await f.household(moved.household.householdNo)).toMatchObject({
      status: 'active', headResidentId: head!.residentId, members: [{ residentId: head!.residentId }, { residentId: wife!.residentId }],
    });
    expect((await f.events('resident-registry.change-cancelled')).at(-1)!.payload).toMatchObject({
      changeId: part.body.changeId, residents: [{ residentId: child!.residentId, reason: 'cancellation_decrease' }], householdIds: [moved.household.householdId],
    });
    const again = await cancel(moved.changeId, { residentIds: [child!.residentId] });
    expect(again.body.errors).toContainEqual(expect.objectContaining({ field: 'body.residentIds.0', rule: 'cancellation.already-cancelled' }));

    // 全部 now cancels the rest; a third time there is nothing left.
    const rest = await cancel(moved.changeId);
    expect(rest.status, JSON.stringify(rest.body)).toBe(201);
    expect((await f.events('resident-registry.change-cancelled')).at(-1)!.payload.residents.map((r: Moved) => r.residentId).sort()).toEqual([head!.residentId, wife!.residentId].sort());
    expect((await f.person(head!.addresseeNo)).person).toMatchObject({ status: 'removed', reason: 'cancellation_decrease' });
    expect(await f.household(moved.household.householdNo)).toMatchObject({ status: 'dissolved', members: [] });
    const third = await cancel(moved.changeId);
    expect(third.body.errors).toContainEqual(expect.objectContaining({ field: 'body.changeId', rule: 'cancellation.already-cancelled' }));
    // As known before the parts, all three lived here.
    expect(await asKnownAt(f, child!.residentId, daysAgo(5), await justBefore(f, part.body.changeId))).toMatchObject({ status: 'resident' });
  });

  it('一部 of a 転出: the chosen person comes back at their former place; a part that would change the 世帯主 is refused', async () => {
    const moved = await movedIn(f, family(code, '半分', 'ハンブン'), 11);
    const h = await f.household(moved.household.householdNo);
    const [head, wife, child] = ids(h);
    const out = await f.post('/move-out', {
      effectiveDate: daysAgo(2), notifiedDate: daysAgo(2), kind: 'domestic', household: { householdId: h.householdId, version: h.version },
      residentIds: [wife, child], destination: { text: '大阪府大阪市中央区大手前2丁目1番22号' },
    });
    expect(out.status, JSON.stringify(out.body)).toBe(201);
    const r = await cancel(out.body.changeId, { residentIds: [wife] });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(ids(await f.household(h.householdNo))).toEqual([head, wife]);
    expect((await f.person(moved.residents[1].addresseeNo)).person).toMatchObject({ status: 'resident', reason: 'cancellation_increase', relationship: '妻' });
    expect((await f.person(moved.residents[2].addresseeNo)).person).toMatchObject({ status: 'moved_out' });

    // Head and wife leave, the child becomes 世帯主; bringing back only the head would give two heads.
    const other = await movedIn(f, family(code, '世帯主', 'セタイヌシ'), 11);
    const o = await f.household(other.household.householdNo);
    const [oHead, oWife, oChild] = ids(o);
    const left = await f.post('/move-out', {
      effectiveDate: daysAgo(2), notifiedDate: daysAgo(2), kind: 'domestic', household: { householdId: o.householdId, version: o.version },
      residentIds: [oHead, oWife], destination: { text: '大阪府大阪市中央区大手前2丁目1番22号' }, remainingHeadResidentId: oChild,
    });
    expect(left.status, JSON.stringify(left.body)).toBe(201);
    const counts = await Promise.all(['resident_change', 'resident_version', 'household_version'].map(f.count));
    const refused = await cancel(left.body.changeId, { residentIds: [oHead] });
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: { rule: string }) => e.rule)).toEqual(expect.arrayContaining([expect.stringMatching(/^(cancellation\.partial-head|household\.)/)]));
    expect(await Promise.all(['resident_change', 'resident_version', 'household_version'].map(f.count))).toEqual(counts);
    const whole = await cancel(left.body.changeId);
    expect(whole.status, JSON.stringify(whole.body)).toBe(201);
    expect(await f.household(o.householdNo)).toMatchObject({ headResidentId: oHead, members: [{ residentId: oHead }, { residentId: oWife }, { residentId: oChild }] });
  });
});
