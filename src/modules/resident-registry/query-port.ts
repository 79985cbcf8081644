/**
 * The query port other modules use (DESIGN §1.1): current state by number, everyone's state on a
 * date, streamed in batches so a whole municipality never sits in memory (DESIGN §1.5), and the
 * changes since a feed position. No 個人番号 leaves through it. The calling module audits its own use of what it reads.
 */
import { sql } from 'kysely';
import type { Database } from '../../platform/db/database.ts';
import { inTenant, type Trx } from '../../platform/db/tenant-scope.ts';
import { ValidationError } from '../../platform/errors.ts';
import { parseFeedPosition, readFeed, type FeedEvent } from '../../platform/events/feed.ts';
import { MODULE_ID } from './procedure.ts';
import type { Household, PersonSnapshot } from './model.ts';
import { asOfBatch, currentByAddresseeNo, currentVersionsOf, rollBatch } from './queries.ts';
import { nextNumber } from './store.ts';
import { readHousehold } from './reads.ts';
import { toPersonSnapshot } from './snapshot.ts';

/** A resident as a roll (課税台帳, 選挙人名簿) keeps them: name as recorded (or in alphabet), address with its 方書. */
export interface RollPerson {
  residentId: string;
  addresseeNo: string;
  name: string | null;
  birthDate: string;
  address: string | null;
}

export interface ResidentRegistryQueries {
  personByAddresseeNo(tenantCode: string, addresseeNo: string): Promise<PersonSnapshot | null>;
  householdByNo(tenantCode: string, householdNo: string): Promise<Household | null>;
  /** Everyone recorded on `date` (除票 included: filter on `status`), in batches of `batchSize`. */
  residentsAsOf(tenantCode: string, date: string, batchSize?: number): AsyncIterable<PersonSnapshot[]>;
  /**
   * This module's events after `position` (null: from the start), at most `limit`, in a final order,
   * with the position to continue from: for a system that polls instead of subscribing (連携要件's PULL型).
   */
  changesSince(tenantCode: string, position: string | null, limit?: number): Promise<{ events: FeedEvent[]; position: string | null }>;
}

export function residentRegistryQueries(deps: { db: Database }): ResidentRegistryQueries {
  return {
    async personByAddresseeNo(tenantCode, addresseeNo) {
      const row = await inTenant(deps.db, tenantCode, (trx) => currentByAddresseeNo(trx, addresseeNo));
      return row ? toPersonSnapshot(row) : null;
    },
    async householdByNo(tenantCode, householdNo) {
      return (await inTenant(deps.db, tenantCode, (trx) => readHousehold(trx, householdNo))) ?? null;
    },
    async *residentsAsOf(tenantCode, date, batchSize = 1000) {
      let after: string | null = null;
      for (;;) {
        // One short transaction per batch: keyset paging needs no open cursor between batches.
        const rows = await inTenant(deps.db, tenantCode, (trx) => asOfBatch(trx, date, after, batchSize));
        if (rows.length === 0) return;
        yield rows.map(toPersonSnapshot);
        if (rows.length < batchSize) return;
        after = rows.at(-1)!.resident_id;
      }
    },
    async changesSince(tenantCode, position, limit = 500) {
      const after = parseFeedPosition(position);
      if (after === undefined) throw new ValidationError([{ field: 'position', rule: 'feed.position', message: '位置の形式が正しくありません（前回の応答の position を指定してください）' }]);
      return inTenant(deps.db, tenantCode, (trx) => readFeed(trx, { typePrefix: `${MODULE_ID}.`, after, limit: Math.min(Math.max(limit, 1), 5000) }));
    },
  };
}

/**
 * The port inside a caller's own tenant transaction: for a subscriber's handler (which runs in the
 * transaction that records the event in its inbox) and for a module whose procedure needs a number in
 * the same commit. With one connection (PGlite) a second transaction would wait for the first forever.
 */
export const residentRegistryInTransaction = {
  /**
   * Everyone recorded on `date` (除票 included: filter on `status`), the batch after `afterResidentId` in
   * resident_id order: for a job that checkpoints its own cursor in the same transaction.
   */
  async residentsAsOf(trx: Trx, date: string, afterResidentId: string | null, limit: number): Promise<PersonSnapshot[]> {
    return (await asOfBatch(trx, date, afterResidentId, limit)).map(toPersonSnapshot);
  },
  /**
   * The next `limit` persons of the registry (in 宛名番号 order, after `afterAddresseeNo`) with what a
   * roll needs of the residents among them on `date`: the few columns a 課税台帳 or 選挙人名簿 keeps,
   * not the whole snapshot (a city's annual job reads a million). `next` is the cursor to continue
   * from (null: no more persons), `examined` how many persons this page covered, `last` the page's
   * last 宛名番号 (the caller's own records of the page lie in (afterAddresseeNo, last]).
   */
  async rollAsOf(trx: Trx, date: string, afterAddresseeNo: string | null, limit: number): Promise<{ residents: RollPerson[]; examined: number; last: string | null; next: string | null }> {
    const rows = await rollBatch(trx, date, afterAddresseeNo, limit);
    const residents = rows.filter((r) => r.status === 'resident').map((r): RollPerson => ({
      residentId: r.resident_id, addresseeNo: r.addressee_no, name: r.name ?? r.name_alphabet, birthDate: r.birth_date!,
      address: r.address === null ? null : `${r.address}${r.address_supplement ? `\u3000${r.address_supplement}` : ''}`,
    }));
    const last = rows.at(-1)?.addressee_no ?? null;
    return { residents, examined: rows.length, last, next: rows.length < limit ? null : last };
  },
  /** How many persons the registry holds (residents or not, on any date): the total of a job that pages with rollAsOf. */
  async countPersons(trx: Trx): Promise<number> {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM resident WHERE tenant_code = current_tenant()`.execute(trx);
    return rows[0]?.n ?? 0;
  },
  /** How many persons are residents on `date`: a job's total. */
  async countResidentsAsOf(trx: Trx, date: string): Promise<number> {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM resident_version_as_of(${date}::date) WHERE status = 'resident'`.execute(trx);
    return rows[0]?.n ?? 0;
  },
  /** A person's current state by the registry's internal id (as events carry it). */
  async person(trx: Trx, residentId: string): Promise<PersonSnapshot | null> {
    const [row] = await currentVersionsOf(trx, [residentId]);
    return row ? toPersonSnapshot(row) : null;
  },
  /**
   * The next 宛名番号 of the registry's series (1.1.13), for an addressee who is not a resident
   * (住登外者, 法人): one series, so a 宛名番号 names one addressee whoever issued it.
   */
  issueAddresseeNo: (trx: Trx): Promise<string> => nextNumber(trx, 'addressee'),
  /**
   * The keyed lookup hash of the person's 個人番号 (never the number): lets the 団体内統合宛名 find a
   * resident by 個人番号 and refuse a 住登外者 registered under a resident's number.
   */
  async myNumberLookupOf(trx: Trx, residentId: string): Promise<string | null> {
    const { rows } = await sql<{ my_number_lookup: string | null }>`
      SELECT my_number_lookup FROM resident WHERE tenant_code = current_tenant() AND id = ${residentId}`.execute(trx);
    return rows[0]?.my_number_lookup ?? null;
  },
  /**
   * The person's 個人番号 as the platform's ciphertext (never the number): for the 団体内統合宛名's link to
   * the 中間サーバー, which decrypts it with the same key ring only where the number may be used.
   */
  async myNumberTokenOf(trx: Trx, residentId: string): Promise<string | null> {
    const { rows } = await sql<{ my_number_token: string | null }>`
      SELECT my_number_token FROM resident WHERE tenant_code = current_tenant() AND id = ${residentId}`.execute(trx);
    return rows[0]?.my_number_token ?? null;
  },
};
