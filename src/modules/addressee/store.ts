/**
 * Writes of this module's tables, inside the caller's inTenant transaction (row-level security scopes
 * them; a later failure rolls them back). `addressee` carries the counters and the optimistic lock;
 * versions and 送付先 are only ever inserted.
 */
import { sql } from 'kysely';
import type { Trx } from '../../platform/db/tenant-scope.ts';
import { ConflictError } from '../../platform/errors.ts';
import { issueNumber } from '../resident-registry/index.ts';

export type Row = Record<string, unknown>;

const insertRow = (trx: Trx, table: string, row: Row) =>
  sql`INSERT INTO ${sql.table(table)} (tenant_code, ${sql.join(Object.keys(row).map((c) => sql.ref(c)))})
      VALUES (current_tenant(), ${sql.join(Object.values(row))})`.execute(trx);

/** 団体内統合宛名番号: this module's own series (15 digits with the M11W2-7 check digit), under a row lock. */
export async function nextIntegratedNo(trx: Trx): Promise<string> {
  await sql`INSERT INTO addressee_numbering (tenant_code, series) VALUES (current_tenant(), 'integrated') ON CONFLICT DO NOTHING`.execute(trx);
  const { rows } = await sql<{ next_value: number; length: number }>`
    SELECT next_value, length FROM addressee_numbering WHERE tenant_code = current_tenant() AND series = 'integrated' FOR UPDATE`.execute(trx);
  const issued = issueNumber(Number(rows[0]!.next_value), rows[0]!.length);
  await sql`UPDATE addressee_numbering SET next_value = ${issued.nextSerial} WHERE tenant_code = current_tenant() AND series = 'integrated'`.execute(trx);
  return issued.value;
}

export interface NewAddressee {
  id: string;
  kind: 'person' | 'corporation';
  addresseeNo: string;
  integratedAddresseeNo: string;
  residentId?: string | null;
  corporateNumber?: string | null;
  myNumberToken?: string | null;
  myNumberLookup?: string | null;
}

export async function insertAddressee(trx: Trx, a: NewAddressee): Promise<void> {
  await insertRow(trx, 'addressee', {
    id: a.id, kind: a.kind, addressee_no: a.addresseeNo, integrated_no: a.integratedAddresseeNo, resident_id: a.residentId ?? null,
    corporate_no: a.corporateNumber ?? null, my_number_token: a.myNumberToken ?? null, my_number_lookup: a.myNumberLookup ?? null,
  });
}

/**
 * Appends a version: the next 履歴番号 from `addressee`, bumping its lock; `version` is the lock the
 * operator saw (409 when someone changed the record since), undefined for a change made by the system.
 */
export async function appendVersion(trx: Trx, addresseeId: string, columns: Row, version?: number): Promise<number> {
  const { rows } = await sql<{ last_history_no: number }>`
    UPDATE addressee SET last_history_no = last_history_no + 1, version = version + 1, updated_at = now()
    WHERE tenant_code = current_tenant() AND id = ${addresseeId} ${version === undefined ? sql`` : sql`AND version = ${version}`}
    RETURNING last_history_no`.execute(trx);
  if (!rows[0]) throw stale(addresseeId);
  await insertRow(trx, 'addressee_version', { ...columns, addressee_id: addresseeId, history_no: rows[0].last_history_no });
  return rows[0].last_history_no;
}

/** A merge points `from` at `into` (both locked at the versions the operator saw). */
export async function markMerged(trx: Trx, fromId: string, fromVersion: number, intoId: string): Promise<void> {
  const { rows } = await sql`UPDATE addressee SET merged_into = ${intoId}, version = version + 1, updated_at = now()
    WHERE tenant_code = current_tenant() AND id = ${fromId} AND version = ${fromVersion} AND merged_into IS NULL RETURNING id`.execute(trx);
  if (!rows[0]) throw stale(fromId);
}

export async function lockAddressee(trx: Trx, id: string, version: number): Promise<void> {
  const { rows } = await sql`UPDATE addressee SET version = version + 1, updated_at = now()
    WHERE tenant_code = current_tenant() AND id = ${id} AND version = ${version} RETURNING id`.execute(trx);
  if (!rows[0]) throw stale(id);
}

/**
 * A resident's 個人番号 lookup, as the registry holds it now. Left as it is when another live record
 * holds the same one (a 住登外者 registered before the person moved in): staff merge the two, after
 * which the next change of the resident brings the lookup across.
 */
export async function linkMyNumberLookup(trx: Trx, addresseeId: string, lookup: string | null): Promise<void> {
  await sql`UPDATE addressee a SET my_number_lookup = ${lookup}, updated_at = now()
    WHERE a.tenant_code = current_tenant() AND a.id = ${addresseeId} AND a.my_number_lookup IS DISTINCT FROM ${lookup}
      AND NOT EXISTS (SELECT 1 FROM addressee o WHERE o.tenant_code = a.tenant_code AND o.id <> a.id AND o.merged_into IS NULL AND o.my_number_lookup = ${lookup})`.execute(trx);
}

export async function insertDelivery(trx: Trx, row: Row): Promise<void> {
  await insertRow(trx, 'addressee_delivery', row);
}

const stale = (id: string) => new ConflictError(`宛名（${id}）は画面を表示した後に他の処理で更新されています。最新の内容を表示し直してから入力してください`, 'stale-version');
