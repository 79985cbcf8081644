import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import { APP_ROLE } from './config.ts';
import type { Database } from './database.ts';

/** A folder of plain SQL files owned by one part of the system (a platform part or a module). */
export interface MigrationSource {
  id: string;
  dir: string;
}

export interface MigrationFile {
  source: string;
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

const FILE_NAME = /^\d{3}_[a-z0-9_]+\.sql$/;

export async function readMigrations(sources: MigrationSource[]): Promise<MigrationFile[]> {
  const files: MigrationFile[] = [];
  for (const source of sources) {
    const names = (await readdir(source.dir)).filter((n) => n.endsWith('.sql')).sort();
    for (const name of names) {
      if (!FILE_NAME.test(name)) throw new MigrationError(`マイグレーションのファイル名が規則（001_name.sql）に合いません: ${source.id}/${name}`);
      const sql = await readFile(path.join(source.dir, name), 'utf8');
      files.push({ source: source.id, name, sql, checksum: createHash('sha256').update(sql).digest('hex') });
    }
  }
  return files;
}

/**
 * Applies what has not been applied yet, in order, each file in its own transaction with its record.
 * Refuses to run at all if a file that was applied has changed since: history must not be rewritten.
 */
export async function migrate(db: Database, sources: MigrationSource[]): Promise<MigrationReport> {
  const files = await readMigrations(sources);
  return db.asOwner(async (client) => {
    // Serialises concurrent migrators (several servers starting at once) on PostgreSQL.
    await client.query('SELECT pg_advisory_lock(7312001)');
    try {
      await bootstrap(client);
      const { rows } = await client.query<{ source: string; name: string; checksum: string }>(
        'SELECT source, name, checksum FROM schema_migration',
      );
      const applied = new Map(rows.map((r) => [`${r.source}/${r.name}`, r.checksum]));
      const changed = files.filter((f) => applied.has(`${f.source}/${f.name}`) && applied.get(`${f.source}/${f.name}`) !== f.checksum);
      if (changed.length > 0) {
        throw new MigrationError(
          `適用済みのマイグレーションが変更されています（変更せず新しいファイルを追加してください）: ${changed.map((f) => `${f.source}/${f.name}`).join(', ')}`,
        );
      }
      const pending = files.filter((f) => !applied.has(`${f.source}/${f.name}`));
      for (const file of pending) await applyOne(client, file);
      return { applied: pending.map((f) => `${f.source}/${f.name}`), alreadyApplied: files.length - pending.length };
    } finally {
      await client.query('SELECT pg_advisory_unlock(7312001)');
    }
  });
}

async function applyOne(client: pg.ClientBase, file: MigrationFile): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(file.sql);
    await client.query('INSERT INTO schema_migration (source, name, checksum) VALUES ($1, $2, $3)', [file.source, file.name, file.checksum]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(`マイグレーション ${file.source}/${file.name} に失敗しました: ${reason}`, { cause: error });
  }
}

/**
 * The runner's own table and the privileges every later table inherits: the application role gets
 * DML on tables the owner creates; append-only tables revoke UPDATE and DELETE in their own migration.
 */
async function bootstrap(client: pg.ClientBase): Promise<void> {
  await client.query(`
    CREATE TABLE IF NOT EXISTS schema_migration (
      source text NOT NULL,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (source, name)
    );
    GRANT SELECT ON schema_migration TO ${APP_ROLE};
    GRANT USAGE ON SCHEMA public TO ${APP_ROLE};
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${APP_ROLE};
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${APP_ROLE};
  `);
}
