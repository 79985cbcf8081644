import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import pg from 'pg';
import { appUrlFor } from '../../src/platform/db/config.ts';
import { openDatabase, type Database } from '../../src/platform/db/database.ts';

/**
 * An isolated, fully migrated database for one test file. PGlite by default (a copy of the template
 * the global setup migrated once), PostgreSQL when TEST_DATABASE_URL is set (a fresh database created
 * from the migrated template database). Close it in afterAll: an open PGlite keeps the process alive.
 */
export async function testDatabase(): Promise<Database & { url?: string }> {
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
      await adminQuery(template.serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
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
