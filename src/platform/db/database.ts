import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { APP_ROLE, type DatabaseConfig } from './config.ts';
import type { TransactionRunner, Trx } from './tenant-scope.ts';
import { typeParsers } from './types.ts';

/**
 * One access path for both engines: Kysely over a pg.Pool. On PGlite the pool has one connection, so
 * each transaction holds the single session for its whole duration and two requests never share one.
 */
export interface Database {
  readonly engine: DatabaseConfig['engine'];
  /** The application's handle: runs as the non-superuser application role, bound by RLS. */
  readonly kysely: Kysely<unknown>;
  readonly pool: pg.Pool;
  /** Runs `fn` as the schema-owning role (migrations, provisioning). Never for request handling. */
  asOwner<T>(fn: (client: pg.ClientBase) => Promise<T>): Promise<T>;
  /**
   * Wraps the body of every transaction opened through inTenant/inPlatform (drafts: a dry run that
   * rolls back, a step just before commit). `run` opens the transaction and runs what it is given.
   */
  wrapTransaction?: <T>(run: TransactionRunner, fn: (trx: Trx) => Promise<T>) => Promise<T>;
  /** For PGlite only: a tarball of the data directory (test templates). */
  dump?(): Promise<Blob>;
  close(): Promise<void>;
}

export class DatabaseUnavailableError extends Error {
  constructor(target: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`データベースに接続できません（${target}）: ${reason}`, { cause });
    this.name = 'DatabaseUnavailableError';
  }
}

export interface OpenOptions {
  /** PGlite only: start from this data directory image instead of the files in dataDir. */
  loadDataDir?: Blob;
}

export async function openDatabase(config: DatabaseConfig, options: OpenOptions = {}): Promise<Database> {
  return config.engine === 'pglite' ? openPglite(config.dataDir, options) : openPostgres(config.ownerUrl, config.appUrl);
}

function kyselyOver(pool: pg.Pool): Kysely<unknown> {
  return new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
}

async function openPglite(dataDir: string, options: OpenOptions): Promise<Database> {
  let pglite: PGlite;
  try {
    // pg_trgm (部分一致検索, resident-registry 004_search.sql) is compiled into PGlite's contrib and must
    // be handed to every instance, a copy from a template image included.
    pglite = new PGlite(dataDir, { extensions: { pg_trgm }, ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}) });
    await pglite.waitReady;
  } catch (error) {
    throw new DatabaseUnavailableError(`PGlite ${dataDir}`, error);
  }
  await ensureAppRole((text) => pglite.exec(text), false);
  // The embedded engine has a single session: the application runs in it as the application role,
  // and owner work switches back for its duration only (asOwner).
  await pglite.exec(`SET ROLE ${APP_ROLE}`);
  const pool = new pg.Pool({ ...createPgConfig(pglite), types: typeParsers, max: 1 });
  const kysely = kyselyOver(pool);
  return {
    engine: 'pglite',
    kysely,
    pool,
    async asOwner(fn) {
      const client = await pool.connect();
      try {
        await client.query('RESET ROLE');
        return await fn(client);
      } finally {
        await client.query(`SET ROLE ${APP_ROLE}`).catch(() => undefined);
        client.release();
      }
    },
    dump: () => pglite.dumpDataDir('none'),
    async close() {
      await kysely.destroy();
      await pglite.close();
    },
  };
}

async function openPostgres(ownerUrl: string, appUrl: string): Promise<Database> {
  const owner = new pg.Pool({ connectionString: ownerUrl, types: typeParsers, max: 2 });
  try {
    const client = await owner.connect();
    try {
      await ensureAppRole(async (text) => client.query(text), true);
    } finally {
      client.release();
    }
  } catch (error) {
    await owner.end();
    throw new DatabaseUnavailableError(redact(ownerUrl), error);
  }
  // JIT off for the application's sessions: its statements are short, and compiling a plan that merely
  // looks costly (a search with thousands of matches) took 100 ms of a 700 ms query (docs/PERFORMANCE.md).
  const pool = new pg.Pool({ connectionString: appUrl, types: typeParsers, max: Number(process.env.YAKUBA_DB_POOL ?? 10), options: '-c jit=off' });
  const kysely = kyselyOver(pool);
  return {
    engine: 'postgres',
    kysely,
    pool,
    async asOwner(fn) {
      const client = await owner.connect();
      try {
        return await fn(client);
      } finally {
        client.release();
      }
    },
    async close() {
      await kysely.destroy();
      await owner.end();
    },
  };
}

/** Roles are cluster-wide, so this is idempotent provisioning, not a migration. */
async function ensureAppRole(exec: (sql: string) => Promise<unknown>, login: boolean): Promise<void> {
  await exec(`DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
      CREATE ROLE ${APP_ROLE} ${login ? 'LOGIN' : 'NOLOGIN'} NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
    ${login ? `-- A role made by hand without LOGIN would refuse every connection of the pool with a message that hides why.
    ELSIF EXISTS (SELECT FROM pg_roles WHERE rolname = '${APP_ROLE}' AND NOT rolcanlogin) THEN
      ALTER ROLE ${APP_ROLE} LOGIN;` : ''}
    END IF;
  END $$;`);
  const password = process.env.YAKUBA_APP_PASSWORD;
  if (login && password) await exec(`ALTER ROLE ${APP_ROLE} PASSWORD '${password.replaceAll("'", "''")}'`);
}

/** A connection string without its password, for messages. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'DATABASE_URL（形式が不正）';
  }
}
