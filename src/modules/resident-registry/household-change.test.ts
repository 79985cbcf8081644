import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, operatorSession, staffSession, testSystem, type Session } from '../../../test/support/system.ts';
import { addDays, addresseeNumber } from '../../jp/index.ts';
import { listAuditEntries } from '../../platform/audit/index.ts';
import { inTenant } from '../../platform/db/tenant-scope.ts';
import type { System } from '../../system.ts';
import { A, BASE, daysAgo, residentCodes, SP, today } from '../../../test/support/resident-registry.ts';

/** 世帯変更 (4.1.4: 分離・合併・変更・世帯主変更, j720–j740) and 並び替え (5.2, j1010) through the API. */
const residentCode = residentCodes(30_000_000_000);

const person = (name: string, kana: string, birthDate: string, relationship: string, sex = '1') => ({
  residentKind: 'japanese', name, nameKana: kana, registeredDomicile: '東京都千代田区千代田1番', familyRegisterHead: name, birthDate, sex, relationship,
  previousAddress: { text: '愛知県名古屋市中区三の丸3丁目1番1号' }, residentCode: residentCode(),
});

/** Three generations: 世帯主, 妻, 子, 子の妻. */
const threeGenerations = (surname: string, kana: string) => [
  person(`${surname}${SP}正男`, `${kana}${SP}マサオ`, '1950-01-10', '世帯主'),
  person(`${surname}${SP}和子`, `${kana}${SP}カズコ`, '1952-02-20', '妻', '2'),
  person(`${surname}${SP}健一`, `${kana}${SP}ケンイチ`, '1980-03-30', '子'),
  person(`${surname}${SP}明美`, `${kana}${SP}アケミ`, '1982-04-04', '子の妻', '2'),
];

interface Household { householdId: string; householdNo: string; version: number; status: string; headResidentId: string | null; members: { residentId: string; addresseeNo: string; relationship: string; order: number }[] }

describe('resident-registry: 世帯変更 and 並び替え through the HTTP API', () => {
  let system: System;
  let staff: Session;

  const count = async (table: string) =>
    inTenant(system.db, A, async (trx) => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(trx)).rows[0]!.n));
  const counts = () => Promise.all(['resident_change', 'resident_version', 'household', 'household_version', 'event_outbox'].map(count));
  const household = async (no: string): Promise<Household> => (await call(system, 'GET', `${BASE}/households/${no}`, undefined, { as: staff })).body;
  const lock = (h: Household) => ({ householdId: h.householdId, version: h.version });
  const ids = (h: Household) => h.members.map((m) => m.residentId);
  const person_ = async (no: string) => (await call(system, 'GET', `${BASE}/persons/${no}`, undefined, { as: staff })).body.person;
  const asOf = async (no: string, date: string) => (await call(system, 'GET', `${BASE}/persons/${no}/as-of/${date}`, undefined, { as: staff })).body.person;
  const change = (body: Record<string, unknown>) => call(system, 'POST', `${BASE}/household-change`, { effectiveDate: daysAgo(5), notifiedDate: daysAgo(3), ...body }, { as: staff });
  const moveIn = async (persons: unknown[], effectiveDate = daysAgo(30)): Promise<Household> => {
    const r = await call(system, 'POST', `${BASE}/move-in`, {
      effectiveDate, notifiedDate: addDays(effectiveDate, 2), kind: 'domestic', destination: { type: 'new', address: { text: '東京都千代田区九段南1丁目2番1号', supplement: '九段ハイツ201' } }, persons,
    }, { as: staff });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return household(r.body.household.householdNo);
  };
  const outbox = async (changeId: string) =>
    inTenant(system.db, A, async (trx) => (await sql<{ type: string; payload: Record<string, unknown> }>`SELECT type, payload FROM event_outbox WHERE payload->>'changeId' = ${changeId}`.execute(trx)).rows);
  const changeRow = async (changeId: string) =>
    inTenant(system.db, A, async (trx) => (await sql<{ procedure: string; basis: string; late_notification: boolean }>`SELECT procedure, basis, late_notification FROM resident_change WHERE id = ${changeId}`.execute(trx)).rows[0]);

  beforeAll(async () => {
    system = await testSystem();
    const operator = await operatorSession(system);
    expect((await call(system, 'POST', '/api/v1/tenants', { tenantCode: A }, { as: operator })).status).toBe(201);
    staff = await staffSession(system, A);
  });
  afterAll(() => system?.close());

  it('世帯分離: 子 and 子の妻 form a new household at the same address; as-of shows each side of the 異動日', async () => {
    const h = await moveIn(threeGenerations('石井', 'イシイ'));
    const [father, mother, son, wife] = h.members;
    const r = await change({
      kind: 'separation', household: lock(h), residentIds: [son!.residentId, wife!.residentId],
      relationships: [{ residentId: son!.residentId, relationship: '世帯主' }, { residentId: wife!.residentId, relationship: '妻' }],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ kind: 'separation', lateNotification: false, alerts: [] });
    const newNo = r.body.household.householdNo;
    expect(addresseeNumber.isValid(newNo)).toBe(true);
    expect(newNo).not.toBe(h.householdNo);
    expect(r.body.households.map((x: { role: string; status: string }) => [x.role, x.status])).toEqual([['source', 'active'], ['new', 'active']]);

    const formed = await household(newNo);
    expect(formed).toMatchObject({ headResidentId: son!.residentId, members: [{ residentId: son!.residentId, relationship: '世帯主', order: 1 }, { residentId: wife!.residentId, relationship: '妻', order: 2 }] });
    const left = await household(h.householdNo);
    expect(left).toMatchObject({ version: h.version + 1, headResidentId: father!.residentId });
    expect(ids(left)).toEqual([father!.residentId, mother!.residentId]);

    const moved = await person_(son!.addresseeNo);
    expect(moved).toMatchObject({ reason: 'household_separation', validFrom: daysAgo(5), householdNo: newNo, relationship: '世帯主', householdHeadName: `石井${SP}健一`, historyNo: 2 });
    // Nobody's address changes with a 世帯変更 (j720).
    expect(moved.address).toMatchObject({ text: '東京都千代田区九段南1丁目2番1号', supplement: '九段ハイツ201' });
    expect(moved.addressSetOn).toBe(daysAgo(30));
    expect(await person_(wife!.addresseeNo)).toMatchObject({ relationship: '妻', householdHeadName: `石井${SP}健一` });
    // Those who stay are untouched: same head, same 続柄, no new version.
    expect((await person_(mother!.addresseeNo)).historyNo).toBe(1);
    expect(r.body.residents.map((x: { residentId: string }) => x.residentId)).toEqual([son!.residentId, wife!.residentId]);

    expect(await asOf(son!.addresseeNo, daysAgo(6))).toMatchObject({ householdNo: h.householdNo, relationship: '子', householdHeadName: `石井${SP}正男` });
    expect(await asOf(son!.addresseeNo, daysAgo(5))).toMatchObject({ householdNo: newNo, relationship: '世帯主' });

    expect(await changeRow(r.body.changeId)).toMatchObject({ procedure: 'household_change', basis: 'notification', late_notification: false });
    const [event] = await outbox(r.body.changeId);
    expect(event).toMatchObject({
      type: 'resident-registry.household-changed',
      payload: {
        kind: 'separation', effectiveDate: daysAgo(5), notifiedDate: daysAgo(3),
        households: [
          { householdId: h.householdId, role: 'source', dissolved: false, headless: false, headResidentId: father!.residentId, previousHeadResidentId: father!.residentId },
          { householdNo: newNo, role: 'new', headResidentId: son!.residentId, previousHeadResidentId: null },
        ],
        movedResidents: [{ residentId: son!.residentId, fromHouseholdId: h.householdId, toHouseholdId: r.body.household.householdId }, { residentId: wife!.residentId }],
      },
    });
    expect(JSON.stringify(event)).not.toContain('石井');
    const { items } = await listAuditEntries(system.db, A, { limit: 500 });
    const entry = items.find((e) => e.function === 'resident-registry.household-change');
    expect(entry).toMatchObject({ category: 'record', outcome: 'success' });
    expect(entry!.targets).toEqual(expect.arrayContaining([
      { kind: 'resident-change', id: r.body.changeId }, { kind: 'household', id: h.householdId }, { kind: 'household', id: r.body.household.householdId }, { kind: 'resident', id: son!.residentId },
    ]));
  });

  it('世帯合併: every member joins the target, appended last; the source household is dissolved', async () => {
    const parents = await moveIn([person(`森${SP}清`, `モリ${SP}キヨシ`, '1945-05-05', '世帯主'), person(`森${SP}静江`, `モリ${SP}シズエ`, '1947-06-06', '妻', '2')]);
    const son = await moveIn([person(`森${SP}誠`, `モリ${SP}マコト`, '1975-07-07', '世帯主')]);
    const [father, mother] = ids(parents);
    const r = await change({
      kind: 'merger', household: lock(parents), target: lock(son),
      relationships: [{ residentId: father!, relationship: '父' }, { residentId: mother!, relationship: '母' }],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.household.householdNo).toBe(son.householdNo);
    const merged = await household(son.householdNo);
    expect(merged.members.map((m) => [m.order, m.relationship])).toEqual([[1, '世帯主'], [2, '父'], [3, '母']]);
    const gone = await household(parents.householdNo);
    expect(gone).toMatchObject({ status: 'dissolved', headResidentId: null, members: [] });
    expect(await person_(parents.members[0]!.addresseeNo)).toMatchObject({ reason: 'household_merger', householdNo: son.householdNo, relationship: '父', householdHeadName: `森${SP}誠` });
    // The target's own members keep their version: head and 続柄 did not change.
    expect((await person_(son.members[0]!.addresseeNo)).historyNo).toBe(1);
    const [event] = await outbox(r.body.changeId);
    expect(event!.payload).toMatchObject({
      kind: 'merger', households: [{ role: 'source', status: 'dissolved', dissolved: true, headless: false }, { role: 'target', dissolved: false, headResidentId: son.headResidentId }],
    });
    expect(event!.payload.movedResidents).toHaveLength(2);

    // A dissolved household takes no further 異動 (and a household cannot merge into itself).
    const before = await counts();
    const intoGone = await change({ kind: 'merger', household: lock(await household(son.householdNo)), target: lock(gone), relationships: [] });
    expect(intoGone.status).toBe(422);
    expect(intoGone.body.errors).toContainEqual(expect.objectContaining({ field: 'body.target.householdId', rule: 'household.dissolved' }));
    const itself = await change({ kind: 'merger', household: lock(merged), target: lock(merged) });
    expect(itself.status).toBe(422);
    expect(itself.body.errors).toContainEqual(expect.objectContaining({ field: 'body.target.householdId', rule: 'household.same-household' }));
    expect(await counts()).toEqual(before);
  });

  it('世帯変更: one member moves to another household; both households remain', async () => {
    const from = await moveIn([person(`林${SP}大介`, `ハヤシ${SP}ダイスケ`, '1970-08-08', '世帯主'), person(`林${SP}翔`, `ハヤシ${SP}ショウ`, '2000-09-09', '子')]);
    const to = await moveIn([person(`林${SP}勇`, `ハヤシ${SP}イサム`, '1940-10-10', '世帯主')]);
    const grandson = from.members[1]!;
    const r = await change({ kind: 'change', household: lock(from), target: lock(to), residentIds: [grandson.residentId], relationships: [{ residentId: grandson.residentId, relationship: '子の子' }] });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(ids(await household(from.householdNo))).toEqual([from.members[0]!.residentId]);
    expect((await household(to.householdNo)).members).toMatchObject([{ relationship: '世帯主' }, { residentId: grandson.residentId, relationship: '子の子', order: 2 }]);
    expect(await person_(grandson.addresseeNo)).toMatchObject({ reason: 'household_change', householdNo: to.householdNo, householdHeadName: `林${SP}勇` });
    expect(r.body.households.map((x: { status: string }) => x.status)).toEqual(['active', 'active']);
  });

  it('世帯主変更: a new 世帯主, every other member’s 続柄 given anew (j730) and the head’s name on every version', async () => {
    const h = await moveIn(threeGenerations('松本', 'マツモト'));
    const [father, mother, son, wife] = h.members;
    const body = (relationships: { residentId: string; relationship: string }[]) => ({ kind: 'head_change', household: lock(h), newHeadResidentId: son!.residentId, relationships });
    const before = await counts();
    const partial = await change(body([{ residentId: father!.residentId, relationship: '父' }, { residentId: mother!.residentId, relationship: '母' }]));
    expect(partial.status).toBe(422);
    expect(partial.body.errors).toContainEqual(expect.objectContaining({ field: 'body.relationships', rule: 'required', message: expect.stringContaining(wife!.addresseeNo) }));
    expect(await counts()).toEqual(before);

    const r = await change(body([{ residentId: father!.residentId, relationship: '父' }, { residentId: mother!.residentId, relationship: '母' }, { residentId: wife!.residentId, relationship: '妻' }]));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const after = await household(h.householdNo);
    expect(after).toMatchObject({ headResidentId: son!.residentId, version: h.version + 1 });
    expect(after.members.map((m) => m.relationship)).toEqual(['父', '母', '世帯主', '妻']);
    for (const m of h.members) expect(await person_(m.addresseeNo)).toMatchObject({ reason: 'household_head_change', householdNo: h.householdNo, householdHeadName: `松本${SP}健一`, historyNo: 2 });
    expect(await asOf(mother!.addresseeNo, daysAgo(6))).toMatchObject({ relationship: '妻', householdHeadName: `松本${SP}正男` });
    const [event] = await outbox(r.body.changeId);
    expect(event!.payload).toMatchObject({ kind: 'head_change', movedResidents: [], households: [{ headResidentId: son!.residentId, previousHeadResidentId: father!.residentId }] });
    expect(event!.payload.updatedResidents).toHaveLength(4);
  });

  it('世帯員の並び替え: a new order only, 職権, no 届出期間 and no person version (5.2, j1010)', async () => {
    const h = await moveIn([
      person(`岡田${SP}進`, `オカダ${SP}ススム`, '1970-01-01', '世帯主'), person(`岡田${SP}二郎`, `オカダ${SP}ジロウ`, '2002-02-02', '子'), person(`岡田${SP}一郎`, `オカダ${SP}イチロウ`, '2000-01-01', '子'),
    ], daysAgo(60));
    const [head, second, first] = ids(h);
    const versions = await count('resident_version');
    // No order given: the standard one of 5.2 (子 by birth date).
    const r = await call(system, 'POST', `${BASE}/household-change`, { kind: 'reorder', effectiveDate: daysAgo(40), household: lock(h) }, { as: staff });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ lateNotification: false, residents: [] });
    expect(ids(await household(h.householdNo))).toEqual([head, first, second]);
    expect(await count('resident_version')).toBe(versions);
    expect(await changeRow(r.body.changeId)).toMatchObject({ procedure: 'household_change', basis: 'ex_officio', late_notification: false });
    // Any order may be set by hand (5.2), here on a 申出 notified long after: still no 届出期間.
    const byHand = await call(system, 'POST', `${BASE}/household-change`, { kind: 'reorder', basis: 'request', effectiveDate: daysAgo(30), notifiedDate: today, household: lock(await household(h.householdNo)), order: [head, second, first] }, { as: staff });
    expect(byHand.status, JSON.stringify(byHand.body)).toBe(201);
    expect(byHand.body).toMatchObject({ lateNotification: false, alerts: [] });
    expect(ids(await household(h.householdNo))).toEqual([head, second, first]);
    const unchanged = await call(system, 'POST', `${BASE}/household-change`, { kind: 'reorder', effectiveDate: today, household: lock(await household(h.householdNo)), order: [head, second, first] }, { as: staff });
    expect(unchanged.body.errors).toContainEqual(expect.objectContaining({ field: 'body.order', rule: 'household.order-unchanged' }));
    const incomplete = await call(system, 'POST', `${BASE}/household-change`, { kind: 'reorder', effectiveDate: today, household: lock(await household(h.householdNo)), order: [first, head, first] }, { as: staff });
    expect(incomplete.body.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ field: 'body.order.2', rule: 'household.member-duplicate' }), expect.objectContaining({ field: 'body.order', rule: 'household.order-incomplete' }),
    ]));
  });

  it('accepts a 世帯変更 notified after 14 days and flags it for the 過料 notice (住基法25条・52条2項)', async () => {
    const h = await moveIn([person(`西村${SP}隆`, `ニシムラ${SP}タカシ`, '1960-03-03', '世帯主'), person(`西村${SP}優`, `ニシムラ${SP}ユウ`, '1990-04-04', '子')], daysAgo(60));
    const child = h.members[1]!.residentId;
    const r = await change({ kind: 'separation', effectiveDate: daysAgo(40), notifiedDate: today, household: lock(h), residentIds: [child], relationships: [{ residentId: child, relationship: '世帯主' }] });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.lateNotification).toBe(true);
    expect(r.body.alerts).toContainEqual(expect.objectContaining({ field: 'body.notifiedDate', rule: 'dates.late-notification' }));
    expect((await changeRow(r.body.changeId))!.late_notification).toBe(true);
    expect((await outbox(r.body.changeId))[0]!.payload.lateNotification).toBe(true);
  });

  it('accepts a household left without its 世帯主 with the アラート of j490; the members’ 世帯主 becomes blank', async () => {
    const h = await moveIn(threeGenerations('前田', 'マエダ'));
    const [father, mother, son, wife] = h.members;
    const r = await change({ kind: 'separation', household: lock(h), residentIds: [father!.residentId], relationships: [{ residentId: father!.residentId, relationship: '世帯主' }] });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.alerts).toContainEqual(expect.objectContaining({ field: 'body.household', rule: 'household.head-missing' }));
    expect((await household(h.householdNo)).headResidentId).toBeNull();
    for (const m of [mother!, son!, wife!]) expect(await person_(m.addresseeNo)).toMatchObject({ reason: 'household_separation', householdHeadName: null, historyNo: 2 });
    expect((await outbox(r.body.changeId))[0]!.payload.households).toMatchObject([{ role: 'source', headless: true }, { role: 'new', headless: false }]);
  });

  it('世帯分離 of the 世帯主 with a named successor: those staying undergo a 世帯主変更 with new 続柄 (j730)', async () => {
    const h = await moveIn(threeGenerations('藤田', 'フジタ'));
    const [father, mother, son, wife] = h.members;
    const r = await change({
      kind: 'separation', household: lock(h), residentIds: [father!.residentId],
      relationships: [
        { residentId: father!.residentId, relationship: '世帯主' }, { residentId: mother!.residentId, relationship: '世帯主' },
        { residentId: son!.residentId, relationship: '子' }, { residentId: wife!.residentId, relationship: '子の妻' },
      ],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.alerts).toEqual([]);
    expect(await household(h.householdNo)).toMatchObject({ headResidentId: mother!.residentId, members: [{ relationship: '世帯主' }, { relationship: '子' }, { relationship: '子の妻' }] });
    expect(await person_(mother!.addresseeNo)).toMatchObject({ reason: 'household_head_change', householdHeadName: `藤田${SP}和子` });
    expect(await person_(son!.addresseeNo)).toMatchObject({ reason: 'household_head_change', relationship: '子', householdHeadName: `藤田${SP}和子`, historyNo: 2 });
    expect(await person_(father!.addresseeNo)).toMatchObject({ reason: 'household_separation', householdNo: r.body.household.householdNo });
  });

  it('refuses bad requests with every problem named, and writes nothing', async () => {
    const h = await moveIn(threeGenerations('池田', 'イケダ'));
    const other = await moveIn([person(`池田${SP}次郎`, `イケダ${SP}ジロウ`, '1955-05-05', '世帯主')]);
    const [father, mother, son, wife] = h.members;
    const before = await counts();
    const refused = async (body: Record<string, unknown>, field: string, rule: string) => {
      const r = await change(body);
      expect(r.status, JSON.stringify(r.body)).toBe(422);
      expect(r.body.errors).toContainEqual(expect.objectContaining({ field, rule }));
      return r;
    };
    const unknown = '0190e4c4-7a9b-7f3e-9c2d-4b1a2c3d4e5f';
    await refused({ kind: 'separation', household: lock(h), residentIds: [unknown], relationships: [] }, 'body.residentIds.0', 'household.not-member');
    await refused({ kind: 'head_change', household: lock(h), newHeadResidentId: unknown, relationships: [] }, 'body.newHeadResidentId', 'household.not-member');
    await refused({ kind: 'head_change', household: lock(h), newHeadResidentId: father!.residentId }, 'body.newHeadResidentId', 'household.same-head');
    await refused({ kind: 'change', household: lock(h), target: lock(other), residentIds: [son!.residentId], relationships: [{ residentId: son!.residentId, relationship: '世帯主' }] }, 'body.relationships.0.relationship', 'household.multiple-heads');
    const older = await refused({
      kind: 'separation', household: lock(h), residentIds: [wife!.residentId, son!.residentId],
      relationships: [{ residentId: wife!.residentId, relationship: '世帯主' }, { residentId: son!.residentId, relationship: '子' }],
    }, 'body.relationships.1.birthDate', 'household.child-not-younger');
    expect(older.body.detail).toMatch(/子は親より年少/);
    await refused({ kind: 'separation', household: lock(h), residentIds: [son!.residentId], relationships: [{ residentId: son!.residentId, relationship: '長男' }] }, 'body.relationships.0.relationship', 'relationship.not-allowed');
    await refused({ kind: 'separation', notifiedDate: daysAgo(6), household: lock(h), residentIds: [son!.residentId], relationships: [{ residentId: son!.residentId, relationship: '世帯主' }] }, 'body.notifiedDate', 'dates.notified-before-effective');
    await refused({ kind: 'separation', effectiveDate: daysAgo(31), household: lock(h), residentIds: [son!.residentId], relationships: [{ residentId: son!.residentId, relationship: '世帯主' }] }, 'body.effectiveDate', 'dates.before-current-state');
    await refused({ kind: 'separation', household: lock(h), residentIds: ids(h), relationships: [] }, 'body.residentIds', 'household.whole-separation');
    await refused({ kind: 'change', household: lock(h), target: lock(other), residentIds: [son!.residentId], relationships: [] }, 'body.relationships', 'required');
    await refused({
      kind: 'separation', household: lock(h), residentIds: [son!.residentId],
      relationships: [{ residentId: son!.residentId, relationship: '世帯主' }, { residentId: mother!.residentId, relationship: '母' }],
    }, 'body.relationships.1.residentId', 'household.relationship-unchanged-head');
    await refused({ kind: 'separation', effectiveDate: addDays(today, 1), household: lock(h), residentIds: [son!.residentId], relationships: [{ residentId: son!.residentId, relationship: '世帯主' }] }, 'body.effectiveDate', 'dates.effective-after-processing');
    expect(await counts()).toEqual(before);
  });

  it('異動抑止 (j410): a member under a 支援措置 that suppresses 異動 blocks a 世帯主変更 (422)', async () => {
    const h = await moveIn([person(`上田${SP}誠`, `ウエダ${SP}マコト`, '1970-02-02', '世帯主'), person(`上田${SP}幸`, `ウエダ${SP}サチ`, '1972-03-03', '妻', '2')]);
    const [head, wife] = h.members;
    const p = await call(system, 'POST', `${BASE}/protections`, {
      addresseeNo: wife!.addresseeNo, kind: 'provisional', requestedOn: today, startsOn: today, restrictions: { inquiry: 'alert', issue: 'error', change: 'error' },
    }, { as: staff });
    expect(p.status, JSON.stringify(p.body)).toBe(201);
    const before = await counts();
    const r = await change({ kind: 'head_change', household: lock(h), newHeadResidentId: wife!.residentId, relationships: [{ residentId: head!.residentId, relationship: '夫' }] });
    expect(r.status).toBe(422);
    expect(r.body.errors).toContainEqual(expect.objectContaining({ field: 'body.household', rule: 'protection.change-suppressed' }));
    expect(await counts()).toEqual(before);
  });

  it('refuses a request on a household changed since it was read (409), writing nothing', async () => {
    const h = await moveIn([person(`坂本${SP}龍`, `サカモト${SP}リュウ`, '1965-06-06', '世帯主'), person(`坂本${SP}乙女`, `サカモト${SP}オトメ`, '1967-07-07', '妻', '2')]);
    const target = await moveIn([person(`坂本${SP}権平`, `サカモト${SP}ゴンペイ`, '1945-01-01', '世帯主')]);
    const [head, wife] = ids(h);
    const first = await change({ kind: 'head_change', household: lock(h), newHeadResidentId: wife, relationships: [{ residentId: head!, relationship: '夫' }] });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const before = await counts();
    const stale = await change({ kind: 'head_change', household: lock(h), newHeadResidentId: head, relationships: [{ residentId: wife!, relationship: '妻' }] });
    expect(stale.status).toBe(409);
    expect(stale.body.type).toBe('urn:yakuba:problem:stale-version');
    const staleTarget = await change({ kind: 'merger', household: lock(await household(h.householdNo)), target: { ...lock(target), version: target.version + 5 }, relationships: [] });
    expect(staleTarget.status).toBe(409);
    expect(await counts()).toEqual(before);
  });
});
