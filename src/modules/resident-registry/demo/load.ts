/**
 * Loads the generated municipality straight into the module's tables, batch by batch: one
 * transaction of about `batchSize` residents each. Going through HTTP or the per-person procedures
 * would take hours for a million people; the rows are nonetheless the ones 転入 and 転居 write (rows.ts).
 * - PostgreSQL: COPY FROM STDIN (copy.ts), and the next batch is numbered and built while the previous
 *   one is written, so Node and the server each keep a core busy (docs/PERFORMANCE.md: 1,000,000 in minutes).
 * - PGlite: every table with one INSERT … SELECT FROM unnest(arrays) (a multi-row VALUES would pass
 *   PostgreSQL's 65,535 parameters at once); numbers reserved in the batch's own transaction.
 * The search indexes stay in place during the load: dropping them is an owner's DDL on tables other
 * 団体 share, and measured at 100,000 residents it saved nothing (50 s with them, 54 s without plus
 * 4.5 s to rebuild them, on a shared machine): the index entries are not where the load's time goes.
 * Each batch leaves one audit entry ('batch-update', actor 'system'), so the chain records the load.
 * No events are published: nothing subscribes yet, and a million moved-in events would only fill the outbox.
 */
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { appendAudit } from '../../../platform/audit/index.ts';
import type { Database } from '../../../platform/db/database.ts';
import { inTenant, type Trx } from '../../../platform/db/tenant-scope.ts';
import { MODULE_ID, todayInJapan } from '../procedure.ts';
import { issueNumber, type NumberingSeries } from '../rules/numbering.ts';
import type { Row } from '../store.ts';
import { generateHouseholds, type DemoHousehold } from './generate.ts';
import { kyselyOn } from '../../../platform/db/copy.ts';
import { copyChunk, copyInto, type CopyChunk } from './copy.ts';
import { emptyRows, householdRows, type TableRows } from './rows.ts';

/** Recorded as operator_id of every demo 異動: no account, a fixed id that says "demo load". */
export const DEMO_OPERATOR_ID = '00000000-0000-7000-8000-00000000de70';
const FUNCTION = `${MODULE_ID}.demo-load`;

export interface DemoLoadOptions {
  residents: number;
  seed: number;
  /** The day the register is as of; default today in Japan. */
  asOf?: string;
  /** Residents per transaction. */
  batchSize?: number;
  progress?: (message: string) => void;
}

export interface DemoLoadResult {
  residents: number;
  households: number;
  batches: number;
  seconds: number;
}

// Column types for the unnest arrays; every other column is text.
const UUID = new Set(['id', 'change_id', 'household_id', 'resident_id', 'head_resident_id', 'operator_id']);
const DATE = new Set([
  'effective_date', 'notified_date', 'processed_on', 'valid_from', 'birth_date', 'address_set_on', 'notified_on', 'became_resident_on',
  'became_foreign_resident_on', 'former_alien_registration_on', 'period_of_stay_expires_on',
]);
const BOOLEAN = new Set(['late_notification', 'name_kana_confirmed', 'previous_address_abroad', 'residence_notification_made', 'moved_in_with_landing_permit', 'former_surname_kana_confirmed']);
const INTEGER = new Set(['history_no', 'last_history_no', 'version', 'member_order']);
const TIMESTAMP = new Set(['processed_at', 'recorded_at']);
const missing = (c: string) => (BOOLEAN.has(c) ? false : null);
const typeOf = (column: string) =>
  UUID.has(column) ? 'uuid' : DATE.has(column) ? 'date' : BOOLEAN.has(column) ? 'boolean' : INTEGER.has(column) ? 'int' : TIMESTAMP.has(column) ? 'timestamptz' : 'text';

/**
 * All rows of one table in one statement; the tenant is the transaction's own, as in store.ts. Rows of
 * Japanese and foreign residents carry different columns: a flag a row lacks is false (its column default).
 */
async function bulkInsert(trx: Trx, table: string, rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const arrays = columns.map((c) => sql`${rows.map((r) => r[c] ?? missing(c))}::${sql.raw(typeOf(c))}[]`);
  await sql`INSERT INTO ${sql.table(table)} (tenant_code, ${sql.join(columns.map((c) => sql.ref(c)))})
    SELECT current_tenant(), * FROM unnest(${sql.join(arrays)})`.execute(trx);
}

/**
 * Reserves `count` numbers of a series at once under the same row lock as store.ts nextNumber, adding
 * the check digits here (rules/numbering.ts) instead of one SQL round trip per number.
 */
async function reserveNumbers(trx: Trx, series: NumberingSeries, count: number): Promise<string[]> {
  await sql`INSERT INTO resident_numbering (tenant_code, series) VALUES (current_tenant(), ${series}) ON CONFLICT DO NOTHING`.execute(trx);
  const { rows } = await sql<{ next_value: number; length: number }>`
    SELECT next_value, length FROM resident_numbering WHERE tenant_code = current_tenant() AND series = ${series} FOR UPDATE`.execute(trx);
  const { length } = rows[0]!;
  let next = Number(rows[0]!.next_value);
  const numbers: string[] = [];
  for (let i = 0; i < count; i++) {
    const issued = issueNumber(next, length);
    numbers.push(issued.value);
    next = issued.nextSerial;
  }
  await sql`UPDATE resident_numbering SET next_value = ${next} WHERE tenant_code = current_tenant() AND series = ${series}`.execute(trx);
  return numbers;
}

const TABLE_ORDER: (keyof TableRows)[] = ['resident', 'household', 'resident_change', 'resident_version', 'household_version', 'household_version_member'];

interface Numbers {
  addressee: string[];
  household: string[];
}

const residentsOf = (households: readonly DemoHousehold[]) => households.reduce((n, h) => n + h.members.length, 0);

async function reserveBatch(trx: Trx, households: readonly DemoHousehold[]): Promise<Numbers> {
  return { addressee: await reserveNumbers(trx, 'addressee', residentsOf(households)), household: await reserveNumbers(trx, 'household', households.length) };
}

/**
 * The rows of a batch. Yields to the event loop every few hundred households so that, on PostgreSQL,
 * the previous batch's COPY keeps streaming while this one is built (one core each for Node and the server).
 */
async function buildRows(households: readonly DemoHousehold[], numbers: Numbers): Promise<TableRows> {
  const rows = emptyRows();
  const ids = { id: uuidv7, operatorId: DEMO_OPERATOR_ID };
  let used = 0;
  for (let i = 0; i < households.length; i++) {
    const h = households[i]!;
    householdRows(rows, ids, h, numbers.addressee.slice(used, used + h.members.length), numbers.household[i]!);
    used += h.members.length;
    if (i % 250 === 249) await new Promise((resolve) => setImmediate(resolve));
  }
  return rows;
}

const batchAudit = (seed: number, batchNo: number, residents: number, households: number) => ({
  actor: { kind: 'system' as const, id: FUNCTION, name: 'デモデータ作成' }, module: MODULE_ID, function: FUNCTION, category: 'batch-update' as const,
  targets: [{ kind: 'batch', id: uuidv7() }], detail: { batch: batchNo, seed, residents, households },
});

/** PGlite (one session, no COPY from a client stream): numbers, rows and audit in one tenant transaction. */
async function loadBatch(db: Database, tenantCode: string, households: readonly DemoHousehold[], seed: number, batchNo: number): Promise<number> {
  const residents = residentsOf(households);
  return inTenant(db, tenantCode, async (trx) => {
    const rows = await buildRows(households, await reserveBatch(trx, households));
    for (const table of TABLE_ORDER) await bulkInsert(trx, table, rows[table]);
    await appendAudit(trx, batchAudit(seed, batchNo, residents, households.length));
    return residents;
  });
}

/**
 * PostgreSQL: the batch's rows COPYed in one owner transaction that also appends the batch's audit entry
 * (see copy.ts for why the owner). The numbers were reserved before, in their own short tenant
 * transaction, so that the next batch can be numbered and built while this one is written; a load
 * stopped half-way leaves those numbers unused, which numbering allows (a number is never reused).
 */
async function writeBatchByCopy(db: Database, tenantCode: string, chunks: readonly CopyChunk[], audit: ReturnType<typeof batchAudit>): Promise<void> {
  await db.asOwner((client) =>
    kyselyOn(client).transaction().execute(async (trx) => {
      await sql`SELECT set_config('app.tenant', ${tenantCode}, true)`.execute(trx);
      for (const chunk of chunks) await copyInto(client, chunk);
      await appendAudit(trx, audit);
    }),
  );
}

async function municipalityOf(db: Database, tenantCode: string): Promise<string> {
  return inTenant(db, tenantCode, async (trx) => {
    const { rows } = await sql<{ prefecture: string; name: string }>`SELECT prefecture, name FROM tenant WHERE tenant_code = current_tenant()`.execute(trx);
    const t = rows[0];
    return t ? (t.prefecture === t.name ? t.name : `${t.prefecture}${t.name}`) : 'デモ県デモ市';
  });
}

/** Generates `residents` people from `seed` and loads them into `tenantCode`'s registry. */
export async function loadDemoResidents(db: Database, tenantCode: string, options: DemoLoadOptions): Promise<DemoLoadResult> {
  const started = performance.now();
  const batchSize = options.batchSize ?? 5_000;
  const municipality = await municipalityOf(db, tenantCode);
  const stream = generateHouseholds({ residents: options.residents, seed: options.seed, municipality, asOf: options.asOf ?? todayInJapan() });
  let batch: DemoHousehold[] = [];
  let inBatch = 0;
  const result = { residents: 0, households: 0, batches: 0 };
  const report = (residents: number, households: number) => {
    result.residents += residents;
    result.households += households;
    const seconds = (performance.now() - started) / 1000;
    options.progress?.(`住民 ${result.residents.toLocaleString('ja-JP')} / ${options.residents.toLocaleString('ja-JP')} 人、世帯 ${result.households.toLocaleString('ja-JP')}（${Math.round(result.residents / seconds).toLocaleString('ja-JP')} 人/秒）`);
  };
  // PostgreSQL: at most one batch being written while the next is built.
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    if (batch.length === 0) return;
    const households = batch;
    const batchNo = ++result.batches;
    batch = [];
    inBatch = 0;
    if (db.engine !== 'postgres') return report(await loadBatch(db, tenantCode, households, options.seed, batchNo), households.length);
    const residents = residentsOf(households);
    const rows = await buildRows(households, await inTenant(db, tenantCode, (trx) => reserveBatch(trx, households)));
    const chunks = TABLE_ORDER.map((table) => copyChunk(table, tenantCode, rows[table], missing));
    await writing;
    writing = writeBatchByCopy(db, tenantCode, chunks, batchAudit(options.seed, batchNo, residents, households.length)).then(() => report(residents, households.length));
    writing.catch(() => undefined); // awaited (and thrown) at the next flush or at the end
  };
  for (const household of stream) {
    batch.push(household);
    inBatch += household.members.length;
    if (inBatch >= batchSize) await flush();
  }
  await flush();
  await writing;
  return { ...result, seconds: (performance.now() - started) / 1000 };
}
