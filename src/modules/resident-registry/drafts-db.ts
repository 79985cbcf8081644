/**
 * Two views of the database for running a procedure around a draft (仮登録, j530), without the
 * procedure knowing: `dryRun` rolls back every transaction it opens (the draft is checked against the
 * register as it stands, and nothing is written), `onCommit` runs a step inside the procedure's own
 * transaction just before it commits (the draft is marked approved in the same commit as its 異動).
 */
import { sql } from 'kysely';
import type { Database } from '../../platform/db/database.ts';
import type { TransactionRunner, Trx } from '../../platform/db/tenant-scope.ts';

type Around = <T>(run: TransactionRunner, fn: (trx: Trx) => Promise<T>) => Promise<T>;

/** The same database, every transaction's body wrapped (inside any wrapper `db` already has). */
function wrapTransactions(db: Database, around: Around): Database {
  const inner = db.wrapTransaction;
  return { ...db, wrapTransaction: (run, fn) => (inner ? inner((body) => around(run, body), fn) : around(run, fn)), close: async () => undefined };
}

class Rollback<T> {
  constructor(readonly value: T) {}
}

/** Every transaction runs to its end and is rolled back; its result is still returned. */
export function dryRun(db: Database): Database {
  return wrapTransactions(db, async (run, fn) => {
    try {
      await run(async (trx) => {
        const value = await fn(trx);
        // The checks deferred to COMMIT (a household's head among its members) run now: a draft that would
        // fail at 本登録 fails here.
        await sql`SET CONSTRAINTS ALL IMMEDIATE`.execute(trx);
        throw new Rollback(value);
      });
    } catch (e) {
      if (e instanceof Rollback) return e.value;
      throw e;
    }
    throw new Error('unreachable');
  });
}

/** `step` runs in the transaction whose result `matches`, after the procedure's work and before commit. */
export function onCommit(db: Database, matches: (result: unknown) => boolean, step: (trx: Trx, result: unknown) => Promise<void>): Database {
  return wrapTransactions(db, (run, fn) =>
    run(async (trx) => {
      const result = await fn(trx);
      if (matches(result)) await step(trx, result);
      return result;
    }),
  );
}
