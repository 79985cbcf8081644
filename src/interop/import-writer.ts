/**
 * Where an import's rows go: one transaction as the schema owner (a failed or refused import rolls it
 * back, so the tenant stays exactly as it was). Owner, because PostgreSQL refuses COPY FROM into a table
 * under row-level security for the role the policies bind, and because the fix-ups after the rows
 * (DataList.afterImport) update append-only history the application role may not touch. app.tenant is
 * set as in the application, so current_tenant(), the audit chain and the policies' checks behave alike.
 *
 * - PostgreSQL: COPY FROM STDIN (text format) per record on an owner connection.
 * - PGlite (one session, no COPY from a client stream): multi-row INSERT from unnest arrays, in the
 *   transaction it is given, after SET LOCAL ROLE NONE (the embedded session's own user owns the schema;
 *   the role returns to the application's at commit or rollback).
 */
import { once } from 'node:events';
import { sql } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyTextField, kyselyOn } from '../platform/db/copy.ts';
import type { Database } from '../platform/db/database.ts';
import { inTenant, type Trx } from '../platform/db/tenant-scope.ts';
import { beginBulk, endBulk } from './bulk-load.ts';

export interface Column {
  name: string;
  /** PostgreSQL type the text is cast to (PGlite path). */
  type: string;
}

export interface RowWriter {
  /** Starts a record's table; rows follow, then end(). */
  begin(table: string, columns: readonly Column[]): Promise<void>;
  row(values: readonly (string | null)[]): Promise<void>;
  end(): Promise<void>;
  /** A statement in the same transaction (afterImport, the audit entry). */
  trx: Trx;
  /** After the last row of every table: the bulk load's own checks (bulk-load.ts). */
  finish(tables: readonly string[]): Promise<void>;
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

class CopyWriter implements RowWriter {
  private stream: ReturnType<typeof copyFrom> | undefined;
  /** The server refused a row (a constraint the checks before did not see): thrown at the next write. */
  private failure: Error | undefined;
  private pending: string[] = [];
  private pendingLength = 0;

  constructor(
    private readonly client: pg.ClientBase,
    private readonly tenantCode: string,
    readonly trx: Trx,
    private readonly checkForeignKeys: boolean,
  ) {}

  finish(tables: readonly string[]): Promise<void> {
    return endBulk(this.trx, tables, this.checkForeignKeys);
  }

  async begin(table: string, columns: readonly Column[]): Promise<void> {
    this.stream = this.client.query(copyFrom(`COPY ${ident(table)} (tenant_code, ${columns.map((c) => ident(c.name)).join(', ')}) FROM STDIN`));
    this.stream.on('error', (error: Error) => (this.failure ??= error));
  }

  async row(values: readonly (string | null)[]): Promise<void> {
    let line = this.tenantCode;
    for (const v of values) line += `\t${copyTextField(v)}`;
    this.pending.push(`${line}\n`);
    this.pendingLength += line.length;
    if (this.pendingLength > 256 * 1024) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.pending.length === 0) return;
    const text = this.pending.join('');
    this.pending = [];
    this.pendingLength = 0;
    if (!this.stream!.write(text)) await once(this.stream!, 'drain');
  }

  async end(): Promise<void> {
    await this.flush();
    const stream = this.stream!;
    this.stream = undefined;
    await new Promise<void>((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      stream.on('error', reject);
      stream.on('finish', resolve);
      stream.end();
    });
  }
}

/** Rows per INSERT on PGlite: large enough to amortise the statement, small enough for its memory. */
const INSERT_BATCH = 500;

class InsertWriter implements RowWriter {
  private table = '';
  private columns: readonly Column[] = [];
  private rows: (string | null)[][] = [];

  constructor(readonly trx: Trx) {}

  /** Foreign keys were checked row by row (PGlite: the embedded engine's loads are small). */
  async finish(): Promise<void> {}

  async begin(table: string, columns: readonly Column[]): Promise<void> {
    this.table = table;
    this.columns = columns;
  }

  async row(values: readonly (string | null)[]): Promise<void> {
    this.rows.push([...values]);
    if (this.rows.length >= INSERT_BATCH) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.rows.length === 0) return;
    const rows = this.rows;
    this.rows = [];
    const arrays = this.columns.map((_, i) => rows.map((r) => r[i]!));
    const names = this.columns.map((c) => ident(c.name)).join(', ');
    const casts = this.columns.map((c, i) => `u.c${i}::${c.type}`).join(', ');
    const aliases = this.columns.map((_, i) => `c${i}`).join(', ');
    await sql`INSERT INTO ${sql.table(this.table)} (tenant_code, ${sql.raw(names)})
      SELECT current_tenant(), ${sql.raw(casts)} FROM unnest(${sql.join(arrays.map((a) => sql`${a}::text[]`))}) AS u(${sql.raw(aliases)})`.execute(this.trx);
  }

  async end(): Promise<void> {
    await this.flush();
  }
}

/** A transaction of an owner connection on PostgreSQL, bound to a Kysely for the statements around the rows. */
async function ownerTransaction<T>(db: Database, tenantCode: string, fn: (writer: RowWriter) => Promise<T>): Promise<T> {
  return db.asOwner(async (client) => {
    const kysely = kyselyOn(client);
    await client.query('BEGIN');
    try {
      await client.query(`SELECT set_config('app.tenant', $1, true)`, [tenantCode]);
      // The statements below go through the same client; Kysely's own transaction API would open another BEGIN.
      const checkForeignKeys = await beginBulk(client);
      const result = await fn(new CopyWriter(client, tenantCode, kysely as unknown as Trx, checkForeignKeys));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
}

/**
 * Runs `fn` with a writer whose rows commit together when `fn` returns and roll back when it throws.
 * On PGlite `trx` (a job chunk's transaction, already the tenant's) is used when given: the embedded
 * engine's single connection is that transaction's.
 */
export async function withWriter<T>(db: Database, tenantCode: string, trx: Trx | undefined, fn: (writer: RowWriter) => Promise<T>): Promise<T> {
  if (db.engine === 'postgres') return ownerTransaction(db, tenantCode, fn);
  const run = async (t: Trx) => {
    await sql`SET LOCAL ROLE NONE`.execute(t);
    return fn(new InsertWriter(t));
  };
  return trx ? run(trx) : inTenant(db, tenantCode, run);
}
