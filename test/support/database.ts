import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import pg from 'pg';
import { appUrlFor, type DatabaseConfig } from '../../src/platform/db/config.ts';
import { sql } from 'kysely';
import { verifyAuditChain } from '../../src/platform/audit/index.ts';
import { openDatabase, type Database } from '../../src/platform/db/database.ts';
import { inPlatform } from '../../src/platform/db/tenant-scope.ts';
import { testKeySettings } from './my-number.ts';

/**
 * An isolated, fully migrated database for one test file. PGlite by default (a copy of the template
 * the global setup migrated once), PostgreSQL when TEST_DATABASE_URL is set (a fresh database created
 * from the migrated template database). Close it in afterAll: an open PGlite keeps the process alive.
 */
export async function testDatabase(options: { auditMayBeBroken?: boolean } = {}): Promise<Database & { url?: string }> {
  const db = await openTestDatabase();
  if (options.auditMayBeBroken) return db;
  return {
    ...db,
    // Whatever a test file did, every 団体's audit chain must still verify when it is done.
    async close() {
      try {
        await assertAuditChainsIntact(db);
      } finally {
        await db.close();
      }
    },
  };
}

async function assertAuditChainsIntact(db: Database): Promise<void> {
  const tenants = await inPlatform(db, async (trx) => (await sql<{ code: string }>`SELECT tenant_code AS code FROM tenant`.execute(trx)).rows);
  for (const { code } of tenants) {
    const result = await verifyAuditChain(db, code);
    if (!result.ok) throw new Error(`audit chain of ${code} is broken at seq ${result.firstBroken.seq}: ${result.firstBroken.reason}`);
  }
}

async function openTestDatabase(): Promise<Database & { url?: string }> {
  const template = inject('databaseTemplate');
  if (template.engine === 'pglite') {
    const image = new Blob([await readFile(template.file)]);
    return openDatabase({ engine: 'pglite', dataDir: 'memory://' }, { loadDataDir: image });
  }
  const name = `yakuba_t_${randomBytes(6).toString('hex')}`;
  await adminQuery(template.serverUrl, `CREATE DATABASE ${name} TEMPLATE ${template.database}`);
  const ownerUrl = withDatabase(template.serverUrl, name);
  const db = await openDatabase({ engine: 'postgres', ownerUrl, appUrl: appUrlFor(ownerUrl) });
  return {
    ...db,
    url: ownerUrl,
    async close() {
      await db.close();
      await dropDatabase(template.serverUrl, name);
    },
  };
}

export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * Drops a test database once its last connection is gone. pg.Pool.end() resolves before its sockets
 * have closed; forcing the drop at once would kill those sessions and surface as an uncaught
 * "terminating connection" in the test run. FORCE only as a last resort (a killed child's leftovers).
 */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      return await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name}`);
    } catch (error) {
      if ((error as { code?: string }).code !== '55006') throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

export async function adminQuery(serverUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export type DatabaseTemplate = { engine: 'pglite'; file: string } | { engine: 'postgres'; serverUrl: string; database: string };

declare module 'vitest' {
  export interface ProvidedContext {
    databaseTemplate: DatabaseTemplate;
  }
}

/**
 * A migrated database that several processes can open one after another (crash tests): a PGlite data
 * directory on disk, or a fresh PostgreSQL database. `env` is what a child process needs to open it
 * the way the CLI does. Only one process may have a PGlite directory open at a time.
 */
export async function sharedTestDatabase(): Promise<{ config: DatabaseConfig; env: Record<string, string>; dispose(): Promise<void> }> {
  const template = inject('databaseTemplate');
  if (template.engine === 'pglite') {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'yakuba-shared-'));
    const image = new Blob([await readFile(template.file)]);
    const db = await openDatabase({ engine: 'pglite', dataDir }, { loadDataDir: image });
    await db.close();
    return {
      config: { engine: 'pglite', dataDir },
      env: { YAKUBA_DATA_DIR: dataDir, DATABASE_URL: '', ...testKeySettings() },
      dispose: () => rm(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `yakuba_t_${randomBytes(6).toString('hex')}`;
  await adminQuery(template.serverUrl, `CREATE DATABASE ${name} TEMPLATE ${template.database}`);
  const ownerUrl = withDatabase(template.serverUrl, name);
  return {
    config: { engine: 'postgres', ownerUrl, appUrl: appUrlFor(ownerUrl) },
    env: { DATABASE_URL: ownerUrl, ...testKeySettings() },
    dispose: () => dropDatabase(template.serverUrl, name),
  };
}
