import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { restoreEmbeddedBackup, tableRowCounts, verifyAllAuditChains, writeEmbeddedBackup } from '../../src/cli/backup.ts';
import { seedDemo } from '../../src/demo.ts';
import { appUrlFor } from '../../src/platform/db/config.ts';
import { openDatabase, type Database } from '../../src/platform/db/database.ts';
import { openSystem, type System } from '../../src/system.ts';
import { adminQuery, dropDatabase, testDatabase, withDatabase } from '../support/database.ts';
import { testKeyRing } from '../support/my-number.ts';
import { BASE, daysAgo, residentCodes, SP } from '../support/resident-registry.ts';
import { call, staffSession, type Session } from '../support/system.ts';

/**
 * Issue #10 §6: a backup restored into a fresh database holds the same rows in every table, every
 * 団体's audit chain still verifies, and the system serves from it. PGlite: the data directory's image
 * (writeEmbeddedBackup, what `yakuba backup` writes) loaded into an empty directory on disk
 * (restoreEmbeddedBackup, `yakuba restore`). PostgreSQL: pg_dump -Fc, pg_restore --no-owner into a new
 * database of the same server (yakuba_app exists cluster-wide, so its grants restore with the tables).
 */
const A = '131016';
const B = '131024';
const run = promisify(execFile);
const residentCode = residentCodes(52_000_000_000);

describe('backup and restore', { timeout: 300_000 }, () => {
  let system: System;
  let db: Database & { url?: string };
  let staff: { a: Session; b: Session };
  let scratch: string;
  const cleanup: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), 'yakuba-backup-'));
    db = await testDatabase();
    system = await openSystem({ db, signInPerMinute: 10_000, myNumberKeys: testKeyRing() });
    // Two 団体 with every module's demo data (residents, households, 宛名, tax records …).
    await seedDemo(system, A, { residents: 60, seed: 7 });
    await seedDemo(system, B, { residents: 30, seed: 8 });
    staff = { a: await staffSession(system, A), b: await staffSession(system, B) };
  });
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
    await system?.close();
    await rm(scratch, { recursive: true, force: true });
  });

  it('restores every row and every 団体’s audit chain into a fresh database, which then serves', async () => {
    // Procedures through the API: each writes its records, events and audit entries.
    const moved = await call(system, 'POST', `${BASE}/move-in`, {
      effectiveDate: daysAgo(6), notifiedDate: daysAgo(5), kind: 'domestic', destination: { type: 'new', address: { text: '東京都中央区築地1丁目1番1号' } },
      persons: [{
        residentKind: 'japanese', name: `復元${SP}一郎`, nameKana: `フクゲン${SP}イチロウ`, registeredDomicile: '東京都中央区築地1番', familyRegisterHead: `復元${SP}一郎`,
        birthDate: '1970-04-01', sex: '1', relationship: '世帯主', previousAddress: { text: '大阪府大阪市北区中之島1丁目3番20号' }, residentCode: residentCode(),
      }],
    }, { as: staff.b });
    expect(moved.status, JSON.stringify(moved.body)).toBe(201);
    const householdNo = (await db.asOwner((c) => c.query<{ no: string }>(`SELECT household_no AS no FROM household WHERE tenant_code = $1 ORDER BY household_no LIMIT 1`, [A]))).rows[0]!.no;
    const household = (await call(system, 'GET', `${BASE}/households/${householdNo}`, undefined, { as: staff.a })).body;
    const within = await call(system, 'POST', `${BASE}/move-within`, {
      effectiveDate: daysAgo(2), notifiedDate: daysAgo(1), from: { householdId: household.householdId, version: household.version },
      residentIds: household.members.map((m: { residentId: string }) => m.residentId), destination: { type: 'same', address: { text: '東京都千代田区神田錦町3丁目1番' } },
    }, { as: staff.a });
    expect(within.status, JSON.stringify(within.body)).toBe(201);
    const copy = await call(system, 'POST', `${BASE}/certificates`, { kind: 'resident', householdNo, requester: { kind: 'self' } }, { as: staff.a });
    expect(copy.status).toBe(201);
    const addresseeNo = household.members[0].addresseeNo as string;
    const person = await call(system, 'GET', `${BASE}/persons/${addresseeNo}`, undefined, { as: staff.a });
    expect(person.status).toBe(200);
    const newcomer = await call(system, 'GET', `${BASE}/persons/${moved.body.residents[0].addresseeNo}`, undefined, { as: staff.b });
    expect(newcomer.status).toBe(200);

    const counts = await tableRowCounts(db);
    const chains = await verifyAllAuditChains(db);
    expect(chains.map((c) => c.tenantCode)).toEqual([A, B]);
    for (const c of chains) expect(c, `${c.tenantCode}: ${c.broken}`).toMatchObject({ ok: true, entries: expect.any(Number) });
    expect(Math.min(...chains.map((c) => c.entries))).toBeGreaterThan(2);
    for (const table of ['public.resident', 'public.resident_version', 'public.household', 'public.audit_log', 'public.event_outbox', 'public.certificate_issuance']) {
      expect(counts.get(table), table).toBeGreaterThan(0);
    }

    const restored = system.db.engine === 'pglite' ? await restorePglite() : await restorePostgres(db.url!);
    const restoredSystem = await openSystem({ db: restored, signInPerMinute: 10_000, myNumberKeys: testKeyRing() });
    cleanup.push(() => restoredSystem.close());

    expect(restoredSystem.migration.applied).toEqual([]);
    expect(Object.fromEntries(await tableRowCounts(restored))).toEqual(Object.fromEntries(counts));
    expect(await verifyAllAuditChains(restored)).toEqual(chains);

    // It serves: a clerk signs in on the restored system and reads the same person as before.
    const clerk = await staffSession(restoredSystem, A);
    const again = await call(restoredSystem, 'GET', `${BASE}/persons/${addresseeNo}`, undefined, { as: clerk });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(person.body);
    const newcomerAgain = await call(restoredSystem, 'GET', `${BASE}/persons/${moved.body.residents[0].addresseeNo}`, undefined, { as: await staffSession(restoredSystem, B) });
    expect(newcomerAgain.body).toEqual(newcomer.body);
    // And goes on writing: the chain continues from the restored head.
    const later = await call(restoredSystem, 'POST', `${BASE}/certificates`, { kind: 'resident', householdNo, requester: { kind: 'self' } }, { as: clerk });
    expect(later.status).toBe(201);
    const after = await verifyAllAuditChains(restored);
    expect(after[0]!.ok).toBe(true);
    expect(after[0]!.entries).toBeGreaterThan(chains[0]!.entries);
  });

  /** `yakuba backup` / `yakuba restore`: the image written gzipped, loaded into an empty directory on disk. */
  async function restorePglite(): Promise<Database> {
    const file = path.join(scratch, 'yakuba.tar.gz');
    const bytes = await writeEmbeddedBackup(db, file);
    expect(bytes).toBeGreaterThan(0);
    // An existing file is never overwritten.
    await expect(writeEmbeddedBackup(db, file)).rejects.toMatchObject({ errors: [{ field: 'out', rule: 'exists' }] });
    const dataDir = path.join(scratch, 'restored');
    const restored = await restoreEmbeddedBackup(file, dataDir);
    // The restored directory is its owner's only, like the one it came from: it holds every resident's record.
    for (const p of [dataDir, path.join(dataDir, 'PG_VERSION'), path.join(dataDir, 'global', 'pg_control')]) expect((await stat(p)).mode & 0o077, p).toBe(0);
    // A directory that holds data is never overwritten.
    await expect(restoreEmbeddedBackup(file, dataDir)).rejects.toMatchObject({ errors: [{ field: 'YAKUBA_DATA_DIR', rule: 'empty' }] });
    return restored;
  }

  /** pg_dump -Fc of the source, pg_restore into a new database as the same owner; the application role connects to it. */
  async function restorePostgres(sourceUrl: string): Promise<Database> {
    const template = inject('databaseTemplate');
    if (template.engine !== 'postgres') throw new Error('PostgreSQL run without a PostgreSQL template');
    const file = path.join(scratch, 'yakuba.dump');
    await run('pg_dump', ['--format=custom', `--file=${file}`, `--dbname=${sourceUrl}`]);
    const name = `yakuba_restore_${randomBytes(6).toString('hex')}`;
    await adminQuery(template.serverUrl, `CREATE DATABASE ${name}`);
    cleanup.push(() => dropDatabase(template.serverUrl, name));
    const ownerUrl = withDatabase(template.serverUrl, name);
    // --exit-on-error: a grant to a missing role or a failed object fails the restore instead of a warning.
    await run('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${ownerUrl}`, file]);
    return openDatabase({ engine: 'postgres', ownerUrl, appUrl: appUrlFor(ownerUrl) });
  }
});
