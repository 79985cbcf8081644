import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { appUrlFor } from '../src/platform/db/config.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrations.ts';
import { createRegistry } from '../src/platform/registry.ts';
import { modules } from '../src/modules/index.ts';
import { adminQuery, withDatabase } from './support/database.ts';

/**
 * Migrates one template database for the whole run; each test file gets a copy of it. Creating and
 * migrating a PGlite costs seconds, copying its image about one.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { migrations } = createRegistry(modules);
  const serverUrl = process.env.TEST_DATABASE_URL?.trim();
  if (serverUrl) {
    const database = `yakuba_tpl_${randomBytes(6).toString('hex')}`;
    await adminQuery(serverUrl, `CREATE DATABASE ${database}`);
    const ownerUrl = withDatabase(serverUrl, database);
    const db = await openDatabase({ engine: 'postgres', ownerUrl, appUrl: appUrlFor(ownerUrl) });
    await migrate(db, migrations);
    await db.close();
    project.provide('databaseTemplate', { engine: 'postgres', serverUrl, database });
    return async () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'yakuba-template-'));
  const db = await openDatabase({ engine: 'pglite', dataDir: 'memory://' });
  await migrate(db, migrations);
  const image = await db.dump!();
  await db.close();
  const file = path.join(dir, 'template.tar');
  await writeFile(file, Buffer.from(await image.arrayBuffer()));
  project.provide('databaseTemplate', { engine: 'pglite', file });
  return async () => rm(dir, { recursive: true, force: true });
}
