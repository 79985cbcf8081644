import { pdfText } from '../../../../test/support/pdf.ts';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MY_NUMBERS } from '../../../../test/fixtures/my-numbers.ts';
import { call, operatorSession, staffSession, testSystem, type Session } from '../../../../test/support/system.ts';
import { addDays, formatJapaneseDate } from '../../../jp/index.ts';
import { listAuditEntries } from '../../../platform/audit/index.ts';
import { inTenant } from '../../../platform/db/tenant-scope.ts';
import type { System } from '../../../system.ts';
import { todayInJapan } from '../procedure.ts';

const A = '131016';
const BASE = '/api/v1/resident-registry';
const today = todayInJapan();
const year = today.slice(0, 4);
const SP = '　';


let codeSerial = 0;
const person = (overrides: Record<string, unknown>) => ({
  residentKind: 'japanese', registeredDomicile: '東京都千代田区千代田1番', familyRegisterHead: `葛\u{E0100}西${SP}太郎`, birthDate: '1980-05-01', sex: '1',
  previousAddress: { text: '大阪府大阪市北区梅田1丁目1番1号' }, residentCode: String(20_000_000_000 + ++codeSerial * 7919), ...overrides,
});

describe('resident-registry: 証明書の交付 and 交付履歴 through the HTTP API', () => {
  let system: System;
  let staff: Session;
  let clerk: Session;
  let household: { householdId: string; householdNo: string; version: number; members: { residentId: string; addresseeNo: string }[] };
  let residentCodes: string[];

  /** The PDF as bytes: the shared `call` reads bodies as text. */
  const issue = async (body: Record<string, unknown>, as: Session = staff) => {
    const response = await system.app.request(`${BASE}/certificates`, {
      method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', cookie: as.cookie, 'X-CSRF-Token': as.csrfToken },
    }, { zone: 'individual-number' });
    const bytes = new Uint8Array(await response.arrayBuffer());
    const json = response.headers.get('content-type')?.includes('json') ? JSON.parse(new TextDecoder().decode(bytes)) : null;
    return { status: response.status, headers: response.headers, bytes, json };
  };
  const count = async (table: string) =>
    inTenant(system.db, A, async (trx) => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(trx)).rows[0]!.n));
  const self = { requester: { kind: 'self' } };

  beforeAll(async () => {
    system = await testSystem();
    const operator = await operatorSession(system);
    expect((await call(system, 'POST', '/api/v1/tenants', { tenantCode: A }, { as: operator })).status).toBe(201);
    staff = await staffSession(system, A);
    const role = await call(system, 'PUT', `/api/v1/tenants/${A}/roles/window`, { title: '窓口', permissions: ['resident-registry:read', 'resident-registry:issue'] }, { as: staff });
    expect(role.status).toBe(200);
    clerk = await staffSession(system, A, ['window']);
    const persons = [
      person({ name: `葛\u{E0100}西${SP}太郎`, nameKana: `カサイ${SP}タロウ`, relationship: '世帯主' }),
      person({ name: `葛\u{E0100}西${SP}花子`, nameKana: `カサイ${SP}ハナコ`, birthDate: '1982-03-03', sex: '2', relationship: '妻', myNumber: MY_NUMBERS[0] }),
      person({ name: `葛\u{E0100}西${SP}一郎`, nameKana: `カサイ${SP}イチロウ`, birthDate: '2010-07-07', relationship: '子' }),
    ];
    residentCodes = persons.map((p) => p.residentCode);
    const moved = await call(system, 'POST', `${BASE}/move-in`, {
      effectiveDate: addDays(today, -5), notifiedDate: addDays(today, -1), kind: 'domestic',
      destination: { type: 'new', address: { text: '東京都千代田区千代田2番3号', supplement: 'コーポ千代田101号' } }, persons,
    }, { as: staff });
    expect(moved.status, JSON.stringify(moved.body)).toBe(201);
    household = (await call(system, 'GET', `${BASE}/households/${moved.body.household.householdNo}`, undefined, { as: staff })).body;
  });
  afterAll(() => system?.close());

  it('住民票の写し（世帯全員・世帯連記式）: the exact names, 和暦, 発行番号, 認証文 and 職名; optional items left out', async () => {
    const r = await issue({ kind: 'resident', householdNo: household.householdNo, ...self, purpose: '勤務先への提出' });
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    expect(r.headers.get('content-type')).toBe('application/pdf');
    expect(r.headers.get('X-Certificate-No')).toBe(`${year}-000001`);
    const text = await pdfText(r.bytes);
    expect(text).toContain('住民票の写し');
    for (const name of ['太郎', '花子', '一郎']) expect(text).toContain(`葛\u{E0100}西${name}`);
    expect(text).toContain('昭和55年5月1日');
    expect(text).toContain('コーポ千代田101号');
    expect(text).toContain('この写しは、世帯全員の住民票の原本と相違ないことを証明する。');
    expect(text).toContain(formatJapaneseDate(today));
    expect(text).toContain('東京都千代田区長印');
    expect(text).toContain(`発行番号${today.replaceAll('-', '')}千代田区000001`);
    for (const absent of ['本籍', '筆頭者', '住民票コード', '個人番号', residentCodes[0]!, MY_NUMBERS[0]!]) expect(text).not.toContain(absent);
  });

  it('prints the optional items asked for; 発行番号 increments; a part of the household says so', async () => {
    const r = await issue({ kind: 'resident', householdNo: household.householdNo, residentIds: [household.members[2]!.residentId], form: 'individual', items: { registeredDomicile: true, residentCode: true, householdHead: true }, ...self }, clerk);
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    expect(r.headers.get('X-Certificate-No')).toBe(`${year}-000002`);
    const text = await pdfText(r.bytes);
    expect(text).toContain('本籍東京都千代田区千代田1番');
    expect(text).toContain(`住民票コード${residentCodes[2]}`);
    expect(text).toContain('続柄子');
    expect(text).not.toContain('花子');
  });

  it('個人番号: 403 without resident-registry:my-number, and nothing numbered or recorded; printed with it and audited', async () => {
    const before = await count('certificate_issuance');
    const body = { kind: 'resident', householdNo: household.householdNo, items: { myNumber: true }, ...self };
    const refused = await issue(body, clerk);
    expect(refused.status).toBe(403);
    expect(refused.json.detail).toContain('個人番号');
    expect(await count('certificate_issuance')).toBe(before);
    const audited = await listAuditEntries(system.db, A, { limit: 200 });
    expect(audited.items.find((e) => e.function === 'resident-registry.issue-resident-certificate' && e.outcome === 'denied')).toMatchObject({ category: 'issue', detail: { item: 'myNumber' } });

    const r = await issue(body);
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    expect(r.headers.get('X-Certificate-No')).toBe(`${year}-000003`);
    expect(await pdfText(r.bytes)).toContain(`個人番号${MY_NUMBERS[0]}`);
    const { items } = await listAuditEntries(system.db, A, { limit: 200 });
    const entry = items.find((e) => e.function === 'resident-registry.issue-resident-certificate' && e.detail?.certificateNo === `${year}-000003`);
    expect(entry).toMatchObject({ category: 'issue', myNumberAccessed: true, outcome: 'success', detail: { pageCount: Number(r.headers.get('X-Certificate-Pages')) } });
    expect(entry!.targets).toContainEqual({ kind: 'certificate-issuance', id: r.headers.get('X-Certificate-Issuance-Id') });
    expect(JSON.stringify(entry)).not.toContain('葛');
  });

  it('refuses bad requests with every problem named, and writes nothing', async () => {
    const before = await count('certificate_issuance');
    const r = await issue({ kind: 'removed', householdNo: household.householdNo, items: { residentCode: true }, requester: { kind: 'third-party' } });
    expect(r.status).toBe(422);
    expect(r.json.errors.map((e: { field: string; rule: string }) => [e.field, e.rule])).toEqual(expect.arrayContaining([
      ['body.householdNo', 'by-addressee'], ['body.requester.name', 'required'], ['body.purpose', 'required'], ['body.items.residentCode', 'not-permitted-for-requester'],
    ]));
    const notRemoved = await issue({ kind: 'removed', addresseeNos: [household.members[0]!.addresseeNo], ...self });
    expect(notRemoved.status).toBe(422);
    expect(notRemoved.json.errors).toMatchObject([{ field: 'body.addresseeNos.0', rule: 'not-removed' }]);
    const stranger = await issue({ kind: 'resident', householdNo: household.householdNo, residentIds: ['0190a0a0-0000-7000-8000-000000000009'], ...self });
    expect(stranger.status).toBe(422);
    expect(await count('certificate_issuance')).toBe(before);
  });

  it('転出: 転出証明書 before the 転出予定日, the 住民票の写し without the 転出, the 除票 only once removed', async () => {
    const child = household.members[2]!;
    const planned = addDays(today, 10);
    const out = await call(system, 'POST', `${BASE}/move-out`, {
      effectiveDate: planned, notifiedDate: today, kind: 'domestic', household: { householdId: household.householdId, version: household.version },
      residentIds: [child.residentId], destination: { text: '大阪府大阪市中央区大手前2丁目1番22号' },
    }, { as: staff });
    expect(out.status, JSON.stringify(out.body)).toBe(201);

    const certificate = await issue({ kind: 'move-out', addresseeNos: [child.addresseeNo], ...self });
    expect(certificate.status, JSON.stringify(certificate.json)).toBe(201);
    const text = await pdfText(certificate.bytes);
    expect(text).toContain('転出証明書');
    expect(text).toContain('大阪府大阪市中央区大手前2丁目1番22号');
    expect(text).toContain(`転出予定年月日${formatJapaneseDate(planned)}`);
    expect(text).toContain('上記の者は、千代田区から転出する旨の届出をしたことを証明する。');

    const copy = await issue({ kind: 'resident', addresseeNos: [child.addresseeNo], form: 'individual', ...self });
    expect(copy.status).toBe(201);
    expect(await pdfText(copy.bytes)).not.toContain('大手前');
    expect((await issue({ kind: 'removed', addresseeNos: [child.addresseeNo], ...self })).status).toBe(422);
    expect((await issue({ kind: 'move-out', addresseeNos: [household.members[0]!.addresseeNo], ...self })).json.errors).toMatchObject([{ rule: 'no-move-out' }]);
  });

  it('除票の写し after a 死亡, and 履歴 on request after a 転居', async () => {
    const moved = await call(system, 'POST', `${BASE}/move-in`, {
      effectiveDate: addDays(today, -20), notifiedDate: addDays(today, -19), kind: 'domestic', destination: { type: 'new', address: { text: '東京都千代田区神田1番1号' } },
      persons: [person({ name: `高橋${SP}一`, nameKana: `タカハシ${SP}ハジメ`, familyRegisterHead: `高橋${SP}一`, relationship: '世帯主' }), person({ name: `高橋${SP}二葉`, nameKana: `タカハシ${SP}フタバ`, familyRegisterHead: `高橋${SP}一`, birthDate: '1983-02-02', sex: '2', relationship: '妻' })],
    }, { as: staff });
    expect(moved.status, JSON.stringify(moved.body)).toBe(201);
    let h = (await call(system, 'GET', `${BASE}/households/${moved.body.household.householdNo}`, undefined, { as: staff })).body;
    const within = await call(system, 'POST', `${BASE}/move-within`, {
      effectiveDate: addDays(today, -10), notifiedDate: addDays(today, -9), from: { householdId: h.householdId, version: h.version },
      residentIds: h.members.map((m: { residentId: string }) => m.residentId), destination: { type: 'same', address: { text: '東京都千代田区神田2番2号' } },
    }, { as: staff });
    expect(within.status, JSON.stringify(within.body)).toBe(201);
    h = (await call(system, 'GET', `${BASE}/households/${moved.body.household.householdNo}`, undefined, { as: staff })).body;
    const [head, wife] = h.members as { residentId: string; addresseeNo: string }[];
    const died = await call(system, 'POST', `${BASE}/death`, {
      effectiveDate: addDays(today, -3), notifiedDate: addDays(today, -2), kind: 'death', residentId: head!.residentId, household: { householdId: h.householdId, version: h.version }, remainingHeadResidentId: wife!.residentId,
    }, { as: staff });
    expect(died.status, JSON.stringify(died.body)).toBe(201);

    const removed = await issue({ kind: 'removed', addresseeNos: [head!.addresseeNo], ...self });
    expect(removed.status, JSON.stringify(removed.json)).toBe(201);
    const text = await pdfText(removed.bytes);
    expect(text).toContain('住民票の除票の写し');
    expect(text).toContain(`消除事由死亡事由の生じた年月日${formatJapaneseDate(addDays(today, -3))}`);
    expect(text).toContain('この写しは、住民票の除票の原本と相違ないことを証明する。');
    expect((await issue({ kind: 'resident', addresseeNos: [head!.addresseeNo], ...self })).json.errors).toMatchObject([{ rule: 'not-resident' }]);

    const withHistory = await issue({ kind: 'resident', addresseeNos: [wife!.addresseeNo], form: 'individual', withHistory: true, ...self });
    const history = await pdfText(withHistory.bytes);
    expect(history).toContain(`履歴${formatJapaneseDate(addDays(today, -20))}国内転入東京都千代田区神田1番1号`);
    expect(history).toContain('神田2番2号');
    expect(await pdfText((await issue({ kind: 'resident', addresseeNos: [wife!.addresseeNo], form: 'individual', ...self })).bytes)).not.toContain('神田1番1号');
    const two = { kind: 'resident', addresseeNos: [wife!.addresseeNo, household.members[0]!.addresseeNo], ...self };
    expect((await issue(two)).json.errors).toMatchObject([{ field: 'body.form', rule: 'different-households' }]);
    expect((await issue({ ...two, form: 'individual' })).status).toBe(201);
  });

  it('特別な事由 (j40): a 性別の変更 stays in the history but its line is left off a certificate unless asked for', async () => {
    const moved = await call(system, 'POST', `${BASE}/move-in`, {
      effectiveDate: addDays(today, -30), notifiedDate: addDays(today, -29), kind: 'domestic', destination: { type: 'new', address: { text: '東京都千代田区神田3番3号' } },
      persons: [person({ name: `小林${SP}薫`, nameKana: `コバヤシ${SP}カオル`, familyRegisterHead: `小林${SP}薫`, relationship: '世帯主' })],
    }, { as: staff });
    expect(moved.status, JSON.stringify(moved.body)).toBe(201);
    const [resident] = moved.body.residents as { residentId: string; addresseeNo: string }[];
    const lock = async () => ({ residentId: resident!.residentId, version: (await call(system, 'GET', `${BASE}/persons/${resident!.addresseeNo}`, undefined, { as: staff })).body.version });
    const plain = await call(system, 'POST', `${BASE}/ex-officio-correction`, { effectiveDate: addDays(today, -20), person: await lock(), items: { sex: '2' } }, { as: staff });
    expect(plain.status).toBe(422);
    expect(plain.body.errors).toContainEqual(expect.objectContaining({ field: 'body.items.sex', rule: 'not-allowed' }));
    const changed = await call(system, 'POST', `${BASE}/ex-officio-correction`, {
      effectiveDate: addDays(today, -20), notifiedDate: addDays(today, -21), specialReason: 'gender_change', person: await lock(), items: { sex: '2' },
    }, { as: staff });
    expect(changed.status, JSON.stringify(changed.body)).toBe(201);
    const [row] = await inTenant(system.db, A, async (trx) => (await sql<{ special_reason: string }>`SELECT special_reason FROM resident_change WHERE id = ${changed.body.changeId}`.execute(trx)).rows);
    expect(row).toEqual({ special_reason: 'gender_change' });
    const h = (await call(system, 'GET', `${BASE}/households/${moved.body.household.householdNo}`, undefined, { as: staff })).body;
    const within = await call(system, 'POST', `${BASE}/move-within`, {
      effectiveDate: addDays(today, -10), notifiedDate: addDays(today, -9), from: { householdId: h.householdId, version: h.version },
      residentIds: [resident!.residentId], destination: { type: 'same', address: { text: '東京都千代田区神田4番4号' } },
    }, { as: staff });
    expect(within.status, JSON.stringify(within.body)).toBe(201);

    const ask = { kind: 'resident', addresseeNos: [resident!.addresseeNo], form: 'individual', withHistory: true, ...self };
    const usual = await pdfText((await issue(ask)).bytes);
    expect(usual).toContain(`履歴${formatJapaneseDate(addDays(today, -30))}国内転入東京都千代田区神田3番3号`);
    expect(usual).not.toContain('職権修正');
    const asked = await pdfText((await issue({ ...ask, withSpecialHistory: true })).bytes);
    expect(asked).toContain(`履歴${formatJapaneseDate(addDays(today, -20))}職権修正東京都千代田区神田3番3号`);
    expect((await call(system, 'GET', `${BASE}/persons/${resident!.addresseeNo}`, undefined, { as: staff })).body.person).toMatchObject({ sex: '2' });
  });

  it('交付履歴: recorded with 発行番号, kind, items, pages and the PDF’s SHA-256; listed by person; the event is out', async () => {
    const r = await issue({ kind: 'entries', addresseeNos: [household.members[1]!.addresseeNo], items: { householdHead: true }, requester: { kind: 'agent', name: '代理人　一子' }, purpose: '年金手続' });
    expect(r.status).toBe(201);
    const no = r.headers.get('X-Certificate-No');
    const listed = await call(system, 'GET', `${BASE}/certificates?addresseeNo=${household.members[1]!.addresseeNo}`, undefined, { as: clerk });
    expect(listed.status).toBe(200);
    expect(listed.body.items[0]).toMatchObject({
      certificateNo: no, kind: 'entries', items: ['householdHead'], requesterKind: 'agent', purpose: '年金手続', issuedOn: today,
      pageCount: Number(r.headers.get('X-Certificate-Pages')), pdfSha256: createHash('sha256').update(r.bytes).digest('hex'), addresseeNos: [household.members[1]!.addresseeNo],
    });
    // Every certificate printing 花子 so far: the household copies, the one with 個人番号 and this one.
    expect(listed.body.items.map((i: { certificateNo: string }) => i.certificateNo)).toEqual([no, `${year}-000003`, `${year}-000001`]);
    const byKind = await call(system, 'GET', `${BASE}/certificates?kind=move-out&from=${today}&to=${today}`, undefined, { as: clerk });
    expect(byKind.body.items).toHaveLength(1);

    const events = await inTenant(system.db, A, async (trx) => (await sql<{ payload: { certificateNo: string; residentIds: string[] } }>`
      SELECT payload FROM event_outbox WHERE type = 'resident-registry.certificate-issued'`.execute(trx)).rows);
    expect(events.find((e) => e.payload.certificateNo === no)?.payload.residentIds).toEqual([household.members[1]!.residentId]);
    const { items } = await listAuditEntries(system.db, A, { limit: 300 });
    const lookups = items.filter((e) => e.function === 'resident-registry.list-certificate-issuances');
    expect(lookups.every((e) => e.category === 'inquiry')).toBe(true);
    expect(lookups.find((e) => e.lookupByNumber)?.targets).toContainEqual({ kind: 'resident', id: household.members[1]!.residentId });
    const denied = await issue({ kind: 'resident', householdNo: household.householdNo, ...self }, await staffSession(system, A, ['window-read']));
    expect(denied.status).toBe(403);
  });

  it('認証者・公印 (j290, j310): set by an approver, printed with the seal image; the 職務代理者 inside their period', async () => {
    /** An 8×8 black PNG. */
    const seal = 'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAAAAADhZOFXAAAADElEQVR4nGNgoA4AAABIAAEuuDx+AAAAAElFTkSuQmCC';
    const put = (body: Record<string, unknown>, as: Session = staff) => call(system, 'PUT', `${BASE}/certificate-settings`, body, { as });
    expect((await put({ mayorName: '千代田\u3000一郎' }, clerk)).status).toBe(403);
    const bad = await put({ deputyName: '代理\u3000次郎', sealImage: Buffer.from('not an image').toString('base64') });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string; rule: string }) => [e.field, e.rule])).toEqual([['body.deputyFrom', 'required'], ['body.sealImage', 'image-format']]);

    const r = await put({ mayorName: '千代田\u3000一郎', sealNote: 'この印は黒色です', sealImage: seal, deputyTitle: '東京都千代田区副区長', deputyName: '代理\u3000次郎', deputyFrom: addDays(today, 1) });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ hasSealImage: true, hasDeputySealImage: false, signsToday: { title: '東京都千代田区長', name: '千代田\u3000一郎', deputy: false } });
    const text = await pdfText((await issue({ kind: 'resident', householdNo: household.householdNo, ...self })).bytes);
    expect(text).toContain('東京都千代田区長千代田一郎この印は黒色です');

    expect((await put({ deputyTitle: '東京都千代田区副区長', deputyName: '代理\u3000次郎', deputyFrom: today })).body.signsToday).toMatchObject({ name: '代理\u3000次郎', deputy: true });
    expect(await pdfText((await issue({ kind: 'resident', householdNo: household.householdNo, ...self })).bytes)).toContain('東京都千代田区副区長代理次郎印');
    const { items } = await listAuditEntries(system.db, A, { limit: 300 });
    expect(items.find((e) => e.function === 'resident-registry.put-certificate-settings')).toMatchObject({ category: 'setting' });
  });
});
