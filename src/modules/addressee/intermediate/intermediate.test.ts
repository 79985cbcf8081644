import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MY_NUMBERS } from '../../../../test/fixtures/my-numbers.ts';
import { call, staffSession, systemWithTenants, type Session } from '../../../../test/support/system.ts';
import { addDays } from '../../../jp/index.ts';
import { listAuditEntries } from '../../../platform/audit/index.ts';
import type { System } from '../../../system.ts';
import { todayInJapan } from '../../resident-registry/index.ts';
import { defaultIntermediateServer, sha256, stubIntermediateServer } from './national.ts';
import { syncIntermediateLinks } from './sync.ts';

/** 団体内統合宛名 → 中間サーバー: the link 団体内統合宛名番号 ↔ 個人番号 of residents and 住登外者, sent once, resent when changed or failed. */
const A = '131016';
const today = todayInJapan();
const SP = '　';

describe('addressee: links to the 中間サーバー', () => {
  let system: System;
  let staff: Session;
  const sync = (as: Session = staff, zone: 'individual-number' | 'lgwan' = 'individual-number') =>
    call(system, 'POST', '/api/v1/addressee/intermediate-server/links', undefined, { as, zone });

  beforeAll(async () => {
    ({ system, admins: [staff] } = await systemWithTenants(A));
  });
  afterAll(() => system?.close());

  it('sends residents’ and 住登外者’ links once, with the numbers decrypted only for the 中間サーバー', async () => {
    const moved = await call(system, 'POST', '/api/v1/resident-registry/move-in', {
      effectiveDate: addDays(today, -2), notifiedDate: today, kind: 'domestic', destination: { type: 'new', address: { text: '東京都千代田区有楽町1丁目1番' } },
      persons: [{
        residentKind: 'japanese', name: `連携${SP}住民`, nameKana: `レンケイ${SP}ジュウミン`, registeredDomicile: '東京都千代田区千代田1番', familyRegisterHead: `連携${SP}住民`,
        birthDate: '1982-02-02', sex: '2', relationship: '世帯主', previousAddress: { text: '茨城県水戸市笠原町978番6' }, residentCode: '80000000017', myNumber: MY_NUMBERS[3],
      }],
    }, { as: staff });
    expect(moved.status, JSON.stringify(moved.body)).toBe(201);
    await system.dispatcher.drain();
    const outsider = await call(system, 'POST', '/api/v1/addressee/non-residents', {
      name: `連携${SP}住登外`, birthDate: '1950-05-05', sex: '1', address: { text: '大阪府堺市北区新金岡町5丁1番' }, myNumber: MY_NUMBERS[4],
    }, { as: staff });
    expect(outsider.status, JSON.stringify(outsider.body)).toBe(201);
    await call(system, 'POST', '/api/v1/addressee/non-residents', { name: `番号${SP}なし`, birthDate: '1951-01-01', sex: '1', address: { text: '大阪府' } }, { as: staff });

    const first = await sync();
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toEqual({ registered: 2, failed: [] });
    const sent = [...defaultIntermediateServer.registered.entries()].filter(([k]) => k.startsWith(`${A}:`)).map(([, v]) => v).sort();
    expect(sent).toEqual([sha256(MY_NUMBERS[3]!), sha256(MY_NUMBERS[4]!)].sort());
    expect(JSON.stringify(first.body)).not.toContain(MY_NUMBERS[3]);
    expect((await sync()).body).toEqual({ registered: 0, failed: [] });
    const { items } = await listAuditEntries(system.db, A, { limit: 100 });
    expect(items.filter((e) => e.function === 'addressee.sync-intermediate-links').map((e) => e.myNumberAccessed)).toEqual(expect.arrayContaining([true, false]));
  });

  it('keeps a refused link to send again, and is only for addressee:my-number on the individual-number zone', async () => {
    const role = await call(system, 'PUT', `/api/v1/tenants/${A}/roles/addressee-clerk`, { title: '宛名係', permissions: ['addressee:read', 'addressee:record'] }, { as: staff });
    expect(role.status).toBe(200);
    expect((await sync(await staffSession(system, A, ['addressee-clerk']))).status).toBe(403);
    expect([403, 404]).toContain((await sync(staff, 'lgwan')).status);

    await call(system, 'POST', '/api/v1/addressee/non-residents', { name: `拒否${SP}太郎`, birthDate: '1960-06-06', sex: '1', address: { text: '京都府京都市' }, myNumber: MY_NUMBERS[5] }, { as: staff });
    const caller = { tenantCode: A, actor: { kind: 'staff' as const, id: '0190a0a0-0000-7000-8000-00000000000a', name: 'test' }, permissions: new Set<string>(), zone: 'individual-number' as const, address: null };
    const deps = { db: system.db, events: system.events, myNumberKeys: system.myNumberKeys };
    const refusing = stubIntermediateServer(() => '中間サーバーが受け付けませんでした（試験）');
    const refused = await syncIntermediateLinks(deps, caller, refusing);
    expect(refused).toEqual({ registered: 0, failed: [expect.objectContaining({ reason: '中間サーバーが受け付けませんでした（試験）' })] });
    const accepting = stubIntermediateServer();
    expect(await syncIntermediateLinks(deps, caller, accepting)).toEqual({ registered: 1, failed: [] });
    expect([...accepting.registered.values()]).toEqual([sha256(MY_NUMBERS[5]!)]);
  });
});
