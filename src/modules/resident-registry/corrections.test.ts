import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries } from '../../platform/audit/index.ts';
import { asKnownAt, daysAgo, family, fixture, japanese, justBefore, movedIn, movedWithin, newAddress, residentCodeFrom, SP, today, versionsOf, type Fixture } from './corrections.fixtures.ts';

const code = residentCodeFrom(1);
const T = '131016';

describe('resident-registry: 職権記載・職権消除・誤記修正 through the HTTP API', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await fixture(T);
  });
  afterAll(() => f?.system.close());

  it('職権記載（住所設定）: no 届出日, 異動事由 職権記載, announced and audited', async () => {
    const r = await f.post('/ex-officio-entry', {
      effectiveDate: daysAgo(3), kind: 'address_setting', destination: newAddress('東京都千代田区神田1番1号'),
      persons: [japanese(code, { name: `職権${SP}一`, nameKana: `ショッケン${SP}ハジメ`, previousAddress: { text: '不明' } })],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const [change] = await f.rows<{ procedure: string; basis: string; notified_date: string | null }>(sql`SELECT procedure, basis, notified_date FROM resident_change WHERE id = ${r.body.changeId}`);
    expect(change).toEqual({ procedure: 'ex_officio_entry', basis: 'ex_officio', notified_date: null });
    const person = (await f.person(r.body.residents[0].addresseeNo)).person;
    expect(person).toMatchObject({ reason: 'ex_officio_entry', status: 'resident', validFrom: daysAgo(3), notifiedOn: null, previousAddress: { text: '不明' }, becameResidentOn: daysAgo(3) });
    const events = await f.events('resident-registry.entered-ex-officio');
    expect(events.map((e) => e.payload)).toContainEqual(expect.objectContaining({ changeId: r.body.changeId, kind: 'address_setting', notifiedDate: null, newHousehold: true }));
    const { items } = await listAuditEntries(f.system.db, T, { limit: 500 });
    expect(items.find((e) => e.function === 'resident-registry.ex-officio-entry')?.targets).toContainEqual({ kind: 'resident-change', id: r.body.changeId });
  });

  it('職権記載（未届転入）: 転入前住所 must end in （未届）; the 留意事項 says so (j620); a 申出日 defaults to the 処理日', async () => {
    const body = (previous: string) => ({
      effectiveDate: daysAgo(2), kind: 'unreported_move_in', basis: 'request', destination: newAddress('東京都千代田区神田2番2号'),
      persons: [japanese(code, { name: `未届${SP}二`, nameKana: `ミトドケ${SP}ジ`, previousAddress: { text: previous } })],
    });
    const before = await f.count('resident_change');
    const bad = await f.post('/ex-officio-entry', body('埼玉県さいたま市浦和区高砂3丁目15番1号'));
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toContainEqual(expect.objectContaining({ field: 'body.persons.0.previousAddress', rule: 'unreported-move-in.previous-address' }));
    expect(await f.count('resident_change')).toBe(before);
    const r = await f.post('/ex-officio-entry', body('埼玉県さいたま市浦和区高砂3丁目15番1号（未届）'));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const [change] = await f.rows<{ basis: string; notified_date: string; remark: string }>(sql`SELECT basis, notified_date, remark FROM resident_change WHERE id = ${r.body.changeId}`);
    expect(change).toEqual({ basis: 'request', notified_date: today, remark: '未届転入（転入前住所（未届）: 埼玉県さいたま市浦和区高砂3丁目15番1号（未届））' });
  });

  it('職権消除: a 除票 (removed) from the 異動日; the date may not precede the current state; a stale household is 409', async () => {
    const moved = await movedIn(f, family(code, '消除', 'ショウジョ'), 10);
    const h = await f.household(moved.household.householdNo);
    const child = h.members[2].residentId;
    const body = (effectiveDate: string, version = h.version) => ({ effectiveDate, household: { householdId: h.householdId, version }, residentIds: [child] });
    const early = await f.post('/ex-officio-removal', body(daysAgo(11)));
    expect(early.status).toBe(422);
    expect(early.body.errors).toContainEqual(expect.objectContaining({ field: 'body.effectiveDate', rule: 'dates.before-current-state' }));
    const r = await f.post('/ex-officio-removal', body(daysAgo(1)));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const no = moved.residents[2].addresseeNo;
    expect(await f.asOf(no, daysAgo(2))).toMatchObject({ status: 'resident' });
    expect(await f.asOf(no, daysAgo(1))).toMatchObject({ status: 'removed', reason: 'ex_officio_removal', removal: { reason: 'ex_officio_removal', eventDate: daysAgo(1) } });
    expect((await f.household(h.householdNo)).members).toHaveLength(2);
    const events = await f.events('resident-registry.removed-ex-officio');
    expect(events.at(-1)!.payload).toMatchObject({ changeId: r.body.changeId, residents: [{ residentId: child }], householdDissolved: false });
    const versions = await f.count('resident_version');
    const stale = await f.post('/ex-officio-removal', { ...body(today), residentIds: [h.members[1].residentId] });
    expect(stale.status).toBe(409);
    expect(await f.count('resident_version')).toBe(versions);
  });

  it('誤記修正: supersedes the wrong version and every later one; later values of their own stay; as known before, the wrong name', async () => {
    const moved = await movedIn(f, family(code, '誤記', 'ゴキ'), 20);
    await movedWithin(f, moved.household.householdNo, 10, '東京都千代田区大手町1番1号');
    const [head, wife] = moved.residents as { residentId: string; addresseeNo: string }[];
    const view = await f.person(head!.addresseeNo);
    const r = await f.post('/clerical-correction', {
      residentId: head!.residentId, version: view.version, historyNo: 1,
      items: { name: `誤記${SP}太朗`, address: { text: '東京都千代田区千代田2番4号', postalCode: '1000001' } },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    // 1 転入, 2 転居, 3 = corrected 1, 4 = corrected 2: the 転居 address is its own and stays.
    expect((await versionsOf(f, head!.residentId)).map((v) => [v.history_no, v.supersedes_history_no, v.reason, v.valid_from, v.name, v.address])).toEqual([
      [1, null, 'domestic_move_in', daysAgo(20), `誤記${SP}太郎`, '東京都千代田区千代田2番3号'],
      [2, null, 'move_within', daysAgo(10), `誤記${SP}太郎`, '東京都千代田区大手町1番1号'],
      [3, 1, 'clerical_correction', daysAgo(20), `誤記${SP}太朗`, '東京都千代田区千代田2番4号'],
      [4, 2, 'clerical_correction', daysAgo(10), `誤記${SP}太朗`, '東京都千代田区大手町1番1号'],
    ]);
    expect((await f.person(head!.addresseeNo)).person).toMatchObject({ historyNo: 4, name: `誤記${SP}太朗`, householdHeadName: `誤記${SP}太朗`, address: { text: '東京都千代田区大手町1番1号' } });
    expect(await f.asOf(head!.addresseeNo, daysAgo(15))).toMatchObject({ historyNo: 3, name: `誤記${SP}太朗`, address: { text: '東京都千代田区千代田2番4号' } });
    // The 世帯主の氏名 on the members' 住民票 follows (j840).
    expect((await f.person(wife!.addresseeNo)).person).toMatchObject({ householdHeadName: `誤記${SP}太朗`, supersedesHistoryNo: 2 });

    const before = await justBefore(f, r.body.changeId);
    expect(await asKnownAt(f, head!.residentId, daysAgo(15), before)).toMatchObject({ history_no: 1, name: `誤記${SP}太郎`, address: '東京都千代田区千代田2番3号' });
    expect(await asKnownAt(f, head!.residentId, today, before)).toMatchObject({ history_no: 2, name: `誤記${SP}太郎` });
    expect(await asKnownAt(f, head!.residentId, today, new Date(Date.now() + 60_000).toISOString())).toMatchObject({ history_no: 4, name: `誤記${SP}太朗` });

    const [change] = await f.rows<{ procedure: string; corrects_change_id: string; effective_date: string }>(sql`SELECT procedure, corrects_change_id, effective_date FROM resident_change WHERE id = ${r.body.changeId}`);
    expect(change).toEqual({ procedure: 'clerical_correction', corrects_change_id: moved.changeId, effective_date: daysAgo(20) });
    const events = await f.events('resident-registry.corrected');
    expect(events.at(-1)!.payload).toMatchObject({
      changeId: r.body.changeId, procedure: 'clerical_correction', correctsChangeId: moved.changeId,
      residents: expect.arrayContaining([{ residentId: head!.residentId, addresseeNo: head!.addresseeNo, supersededHistoryNos: [1, 2] }]),
    });
    expect(JSON.stringify(events.at(-1)!.payload)).not.toContain('誤記');
    const { items } = await listAuditEntries(f.system.db, T, { limit: 500 });
    const entry = items.find((e) => e.function === 'resident-registry.clerical-correction');
    expect(entry?.targets).toEqual(expect.arrayContaining([{ kind: 'resident-change', id: r.body.changeId }, { kind: 'resident', id: wife!.residentId }]));

    const { version } = await f.person(head!.addresseeNo);
    expect(version).toBe(view.version + 2);
    const again = await f.post('/clerical-correction', { residentId: head!.residentId, version, historyNo: 1, items: { sex: '2' } });
    expect(again.status).toBe(422);
    expect(again.body.errors).toContainEqual(expect.objectContaining({ field: 'body.historyNo', rule: 'correction.superseded' }));
  });

  it('誤記修正 refuses what the rules refuse, and writes nothing; a stale person is 409', async () => {
    const moved = await movedIn(f, family(code, '拒否', 'キョヒ'), 5);
    const child = moved.residents[2] as { residentId: string; addresseeNo: string };
    const { version } = await f.person(child.addresseeNo);
    const correct = (items: Record<string, unknown>, extra: Record<string, unknown> = {}) => f.post('/clerical-correction', { residentId: child.residentId, version, historyNo: 1, items, ...extra });
    const before = await Promise.all(['resident_change', 'resident_version'].map(f.count));

    const olderThanParent = await correct({ birthDate: '1970-01-01' });
    expect(olderThanParent.status).toBe(422);
    expect(olderThanParent.body.errors).toContainEqual(expect.objectContaining({ field: 'body.items.birthDate', rule: 'household.child-not-younger' }));
    const future = await correct({ birthDate: '2099-01-01' });
    expect(future.body.errors).toContainEqual(expect.objectContaining({ field: 'body.items.birthDate', rule: 'dates.after-processing' }));
    const foreignItem = await correct({ nationality: '韓国' });
    expect(foreignItem.body.errors).toContainEqual(expect.objectContaining({ field: 'body.items.nationality', rule: 'correction.not-applicable' }));
    const same = await correct({ sex: '1' });
    expect(same.body.errors).toContainEqual(expect.objectContaining({ field: 'body.items.sex', rule: 'correction.no-change' }));
    const notCorrectable = await correct({ relationship: '世帯主' });
    expect(notCorrectable.status).toBe(422);
    expect(notCorrectable.body.errors).toContainEqual(expect.objectContaining({ field: 'body.items' }));
    const nothing = await correct({});
    expect(nothing.status).toBe(422);
    const noSuchVersion = await correct({ sex: '2' }, { historyNo: 9 });
    expect(noSuchVersion.body.errors).toContainEqual(expect.objectContaining({ field: 'body.historyNo', rule: 'correction.history-not-found' }));
    expect(await Promise.all(['resident_change', 'resident_version'].map(f.count))).toEqual(before);

    const ok = await correct({ birthDate: '2011-02-02' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect((await f.person(child.addresseeNo)).person).toMatchObject({ birthDate: '2011-02-02', supersedesHistoryNo: 1 });
    const stale = await correct({ sex: '2' }, { historyNo: 2 });
    expect(stale.status).toBe(409);
    expect(stale.body.type).toBe('urn:yakuba:problem:stale-version');
  });
});
