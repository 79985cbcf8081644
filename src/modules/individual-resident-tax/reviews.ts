/**
 * 課税の要確認: the resident registry's 異動 that change who lived here on a 賦課期日 after that year's
 * roll was made (a 死亡届 or 転出 recorded late, a 転入 or 出生 dated back) put the person on the year's
 * review list (migrations/002_reviews.sql). Staff then 更正 or cancel; nothing is changed by itself,
 * because a late 異動 can be a mistake that is cancelled in turn.
 */
import { sql } from 'kysely';
import type { Trx } from '../../platform/db/tenant-scope.ts';
import type { Subscription } from '../../platform/events/types.ts';
import { EVENT_NAMES } from '../resident-registry/index.ts';

/** The 異動 that add or remove a resident, with the persons they name. */
const WATCHED = [
  EVENT_NAMES.movedIn, EVENT_NAMES.movedOut, EVENT_NAMES.born, EVENT_NAMES.died, EVENT_NAMES.enteredExOfficio, EVENT_NAMES.removedExOfficio,
  EVENT_NAMES.foreignResidentRegistered,
];

interface Person {
  residentId: string;
  addresseeNo: string;
}
type Payload = { effectiveDate: string; residents?: Person[]; residentId?: string; addresseeNo?: string };

const personsOf = (p: Payload): Person[] => p.residents ?? (p.residentId && p.addresseeNo ? [{ residentId: p.residentId, addresseeNo: p.addresseeNo }] : []);

export const levyDateReview: Subscription = {
  name: 'individual-resident-tax.levy-date-review',
  events: WATCHED,
  async handle(trx: Trx, event) {
    const payload = event.payload as Payload;
    const persons = personsOf(payload);
    if (persons.length === 0) return;
    // Every year whose roll exists and whose 賦課期日 the 異動 reaches back to (異動日 ≤ 1 January).
    await sql`INSERT INTO resident_tax_review (tenant_code, fiscal_year, event_id, resident_id, addressee_no, event_type, effective_date)
      SELECT current_tenant(), y.fiscal_year, ${event.id}, p.resident_id, p.addressee_no, ${event.type}, ${payload.effectiveDate}::date
      FROM (SELECT DISTINCT fiscal_year FROM resident_tax_taxpayer WHERE tenant_code = current_tenant()) y,
        jsonb_to_recordset(${JSON.stringify(persons.map((p) => ({ resident_id: p.residentId, addressee_no: p.addresseeNo })))}::jsonb) AS p(resident_id uuid, addressee_no text)
      WHERE ${payload.effectiveDate}::date <= make_date(y.fiscal_year, 1, 1)
      ON CONFLICT DO NOTHING`.execute(trx);
  },
};

export interface Review {
  addresseeNo: string;
  eventType: string;
  effectiveDate: string;
  recordedAt: string;
  /** Whether the taxpayer is on the roll, and whether a 更正 or 賦課取消 was made after the 異動 was recorded. */
  onRoll: boolean;
  reassessedSince: boolean;
}

export async function reviewsOf(trx: Trx, fiscalYear: number): Promise<Review[]> {
  const { rows } = await sql<{ addressee_no: string; event_type: string; effective_date: string; recorded_at: Date; on_roll: boolean; reassessed_since: boolean; resident_id: string }>`
    SELECT r.resident_id, r.addressee_no, r.event_type, r.effective_date::text AS effective_date, r.recorded_at,
      EXISTS (SELECT 1 FROM resident_tax_taxpayer t WHERE t.tenant_code = r.tenant_code AND t.fiscal_year = r.fiscal_year AND t.addressee_no = r.addressee_no) AS on_roll,
      EXISTS (SELECT 1 FROM resident_tax_assessment a WHERE a.tenant_code = r.tenant_code AND a.fiscal_year = r.fiscal_year AND a.addressee_no = r.addressee_no
        AND a.kind IN ('reassessment', 'cancellation') AND a.assessed_at > r.recorded_at) AS reassessed_since
    FROM resident_tax_review r WHERE r.tenant_code = current_tenant() AND r.fiscal_year = ${fiscalYear} ORDER BY r.recorded_at, r.addressee_no`.execute(trx);
  return rows.map((r) => ({
    addresseeNo: r.addressee_no, eventType: r.event_type, effectiveDate: r.effective_date, recordedAt: new Date(r.recorded_at).toISOString(),
    onRoll: r.on_roll, reassessedSince: r.reassessed_since,
  }));
}
