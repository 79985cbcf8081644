import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/database.ts';
import type { Database } from './database.ts';
import { migrate, MigrationError, type MigrationSource } from './migrations.ts';

describe('migration runner', () => {
  let db: Database;
  let dir: string;
  let source: MigrationSource;
  const tables = async () =>
    db.asOwner(async (c) => (await c.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE tablename LIKE 'mig\\_%' ORDER BY 1`)).rows.map((r) => r.t));

  beforeAll(async () => {
    db = await testDatabase();
    dir = await mkdtemp(path.join(os.tmpdir(), 'yakuba-mig-'));
    source = { id: 'test-module', dir };
  });
  afterAll(async () => {
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('applies files in name order, each once, and records them', async () => {
    await writeFile(path.join(dir, '002_b.sql'), 'ALTER TABLE mig_a ADD COLUMN b int;');
    await writeFile(path.join(dir, '001_a.sql'), 'CREATE TABLE mig_a (a int);');
    expect(await migrate(db, [source])).toMatchObject({ applied: ['test-module/001_a.sql', 'test-module/002_b.sql'] });
    expect(await migrate(db, [source])).toMatchObject({ applied: [] });
    expect(await tables()).toEqual(['mig_a']);
  });

  it('runs as the owner while the application role only gets DML', async () => {
    const owner = await db.asOwner(async (c) => (await c.query<{ o: string }>(`SELECT tableowner AS o FROM pg_tables WHERE tablename = 'mig_a'`)).rows[0]!.o);
    expect(owner).not.toBe('yakuba_app');
    await expect(db.pool.query('DROP TABLE mig_a')).rejects.toThrow(/must be owner|permission denied/);
  });

  it('refuses to run when an applied file has changed, and applies nothing new', async () => {
    await writeFile(path.join(dir, '001_a.sql'), 'CREATE TABLE mig_a (a bigint);');
    await writeFile(path.join(dir, '003_c.sql'), 'CREATE TABLE mig_c (c int);');
    await expect(migrate(db, [source])).rejects.toThrow(/適用済みのマイグレーションが変更されています.*test-module\/001_a\.sql/);
    expect(await tables()).toEqual(['mig_a']);
    await writeFile(path.join(dir, '001_a.sql'), 'CREATE TABLE mig_a (a int);');
  });

  it('rolls back a failing file completely and names it', async () => {
    await writeFile(path.join(dir, '003_c.sql'), 'CREATE TABLE mig_c (c int); SELECT no_such_function();');
    const error = await migrate(db, [source]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toMatch(/test-module\/003_c\.sql/);
    expect(await tables()).toEqual(['mig_a']);
  });

  it('rejects a file name outside the numbering convention', async () => {
    await rm(path.join(dir, '003_c.sql'));
    await writeFile(path.join(dir, '4-oops.sql'), 'SELECT 1;');
    await expect(migrate(db, [source])).rejects.toThrow(/ファイル名が規則/);
  });
});
