import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { appUrlFor } from '../src/platform/db/config.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrations.ts';
import { createRegistry } from '../src/platform/registry.ts';
import { modules } from '../src/modules/index.ts';
import { adminQuery, withDatabase } from './support/database.ts';
import { MY_NUMBERS } from './fixtures/my-numbers.ts';
import { describeLeaks, scanLogFile } from './support/log-scan.ts';

/**
 * Prepares the run: the log file every test process appends to, checked at the end for 個人番号,
 * and the template database.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const checkLogs = await prepareLogCheck(project.config.env?.YAKUBA_LOG_FILE);
  const dropTemplate = await createTemplate(project);
  return async () => {
    await dropTemplate();
    await checkLogs();
  };
}

/**
 * The run's log file (named in vitest.config.ts, passed to every worker and the processes they spawn
 * through the environment) and the check that fails the run when any fixture 個人番号 appears in it.
 */
async function prepareLogCheck(file: string | undefined): Promise<() => Promise<void>> {
  if (!file) return async () => undefined;
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  await pruneOldLogs(dir);
  await writeFile(file, '', { flag: 'a', mode: 0o600 });
  return async () => {
    const leaks = await scanLogFile(file, MY_NUMBERS);
    if (leaks.length === 0) return;
    // Vitest only prints an error thrown by a global teardown ("error during close") and still
    // exits 0; the exit code is what CI looks at.
    process.exitCode = 1;
    throw new Error(describeLeaks(leaks));
  };
}

/** Logs of earlier runs are kept for a day for debugging; runs in progress elsewhere are younger. */
async function pruneOldLogs(dir: string): Promise<void> {
  const dayAgo = Date.now() - 24 * 60 * 60 * 1000;
  for (const name of await readdir(dir)) {
    if (!/^run-.*\.log$/.test(name)) continue;
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => undefined);
    if (info && info.mtimeMs < dayAgo) await rm(file, { force: true });
  }
}

/**
 * Migrates one template database for the whole run; each test file gets a copy of it. Creating and
 * migrating a PGlite costs seconds, copying its image about one.
 */
async function createTemplate(project: TestProject): Promise<() => Promise<void>> {
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
