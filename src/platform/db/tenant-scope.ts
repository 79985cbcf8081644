import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './database.ts';

export type Trx = Transaction<unknown>;

/**
 * Runs `fn` in one transaction whose row-level-security context is `tenantCode`. The setting is
 * transaction-local (set_config(..., true)), so it ends with the transaction and cannot leak into the
 * next user of the connection.
 */
export async function inTenant<T>(db: Database | Kysely<unknown>, tenantCode: string, fn: (trx: Trx) => Promise<T>): Promise<T> {
  const kysely = 'kysely' in db ? db.kysely : db;
  return kysely.transaction().execute(async (trx) => {
    await sql`SELECT set_config('app.tenant', ${tenantCode}, true)`.execute(trx);
    return fn(trx);
  });
}

/** A transaction with no tenant: it sees platform tables (tenant list) and no tenant-owned rows. */
export async function inPlatform<T>(db: Database | Kysely<unknown>, fn: (trx: Trx) => Promise<T>): Promise<T> {
  const kysely = 'kysely' in db ? db.kysely : db;
  return kysely.transaction().execute(fn);
}
