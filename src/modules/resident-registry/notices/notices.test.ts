import { pdfText } from '../../../../test/support/pdf.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries } from '../../../platform/audit/index.ts';
import { call, systemWithTenants, type Session } from '../../../../test/support/system.ts';
import { addDays, formatJapaneseDate } from '../../../jp/index.ts';
import type { System } from '../../../system.ts';
import { todayInJapan } from '../procedure.ts';

/** 住民異動届受理通知 (j580) and 住民票コード変更通知票 (j890) through the API, read back from the PDF. */
const A = '131016';
const BASE = '/api/v1/resident-registry';
const today = todayInJapan();
const SP = '　';


describe('resident-registry: 通知書', () => {
  let system: System;
  let staff: Session;
  const post = (path: string, body: unknown) => call(system, 'POST', `${BASE}${path}`, body, { as: staff });
  const pdf = async (path: string, body: unknown) => {
    const response = await system.app.request(`${BASE}${path}`, {
      method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', cookie: staff.cookie, 'X-CSRF-Token': staff.csrfToken },
    }, { zone: 'individual-number' });
    return { status: response.status, type: response.headers.get('content-type'), bytes: new Uint8Array(await response.arrayBuffer()) };
  };
  let moved: { changeId: string; addresseeNo: string; residentId: string; householdNo: string };

  beforeAll(async () => {
    ({ system, admins: [staff] } = await systemWithTenants(A));
    const r = await post('/move-in', {
      effectiveDate: addDays(today, -3), notifiedDate: addDays(today, -1), kind: 'domestic', destination: { type: 'new', address: { text: '東京都千代田区一ツ橋1丁目1番1号' } },
      persons: [{
        residentKind: 'japanese', name: `通知${SP}一郎`, nameKana: `ツウチ${SP}イチロウ`, registeredDomicile: '東京都千代田区千代田1番', familyRegisterHead: `通知${SP}一郎`,
        birthDate: '1965-06-06', sex: '1', relationship: '世帯主', previousAddress: { text: '静岡県静岡市葵区追手町9番6号' }, residentCode: '60000000011',
      }],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    moved = { changeId: r.body.changeId, ...r.body.residents[0], householdNo: r.body.household.householdNo };
  });
  afterAll(() => system?.close());

  it('受理通知 of a 転入 goes to the new address and the person; of a 転居, to the former address and the 届出人', async () => {
    const r = await pdf('/notices/change-accepted', { changeId: moved.changeId, notifierName: `通知${SP}一郎` });
    expect(r.status).toBe(200);
    expect(r.type).toBe('application/pdf');
    const text = await pdfText(r.bytes);
    for (const part of ['住民異動届受理通知書', '東京都千代田区一ツ橋1丁目1番1号', '国内転入', formatJapaneseDate(addDays(today, -1)), '受理しました', '東京都千代田区長']) {
      expect(text).toContain(part.replace(/[\s\u3000]/g, ''));
    }
    const household = (await call(system, 'GET', `${BASE}/households/${moved.householdNo}`, undefined, { as: staff })).body;
    const within = await post('/move-within', {
      effectiveDate: today, notifiedDate: today, from: { householdId: household.householdId, version: household.version }, residentIds: [moved.residentId],
      destination: { type: 'same', address: { text: '東京都千代田区神田神保町3丁目1番' } },
    });
    expect(within.status, JSON.stringify(within.body)).toBe(201);
    const second = await pdfText((await pdf('/notices/change-accepted', { changeId: within.body.changeId, notifierName: `代理${SP}花子` })).bytes);
    expect(second).toContain('東京都千代田区一ツ橋1丁目1番1号代理花子様');
    expect(second).toContain('転居');
    const { items } = await listAuditEntries(system.db, A, { limit: 100 });
    expect(items.filter((e) => e.function === 'resident-registry.issue-change-notice')).toHaveLength(2);
  });

  it('住民票コード変更通知票 for a 変更請求, with the new code; refused for any other 異動', async () => {
    const p = (await call(system, 'GET', `${BASE}/persons/${moved.addresseeNo}`, undefined, { as: staff })).body;
    const changed = await post('/resident-code', { effectiveDate: today, notifiedDate: today, kind: 'change_request', person: { residentId: p.person.residentId, version: p.version }, residentCode: '60000000029' });
    expect(changed.status, JSON.stringify(changed.body)).toBe(201);
    const text = await pdfText((await pdf('/notices/resident-code', { changeId: changed.body.changeId })).bytes);
    expect(text).toContain('住民票コード変更通知票');
    expect(text).toContain('60000000029');
    expect(text).toContain(formatJapaneseDate('1965-06-06').replace(/[\s\u3000]/g, ''));
    const wrong = await post('/notices/resident-code', { changeId: moved.changeId });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors[0].rule).toBe('notice.not-applicable');
    expect((await post('/notices/change-accepted', { changeId: changed.body.changeId, notifierName: 'x' })).status).toBe(422);
    expect((await post('/notices/resident-code', { changeId: '0190a0a0-0000-7000-8000-000000000009' })).status).toBe(404);
  });
});
