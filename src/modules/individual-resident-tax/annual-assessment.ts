/**
 * 当初課税: the annual assessment of every person who lived in the 団体 on 1 January (賦課期日) of the
 * fiscal year, as a resumable job. Each chunk reads the next residents in resident_id order from the
 * resident registry's port, enters them on the roll, reads their 課税資料, assesses them and writes
 * the results with one INSERT each, in the same transaction as the job's checkpoint: a crash loses at
 * most the chunk in flight, and a re-run writes nothing twice. A taxpayer already assessed for the
 * year is left alone (a 更正 is a separate procedure).
 */
import { z } from 'zod';
import { sql } from 'kysely';
import type { JobDefinition } from '../../platform/jobs/types.ts';
import { residentRegistryInTransaction } from '../resident-registry/index.ts';
import { assessTaxpayer } from './assessment.ts';
import { events } from './events.ts';
import { tenantRatesSchema } from './model.ts';
import { SUPPORTED_FISCAL_YEARS } from './rules/figures/index.ts';
import { incomeDocumentsOf, insertAssessments, insertRoll, type RollEntry } from './store.ts';

export const ANNUAL_ASSESSMENT = 'individual-resident-tax.annual-assessment';

export const annualAssessmentParams = z.object({
  fiscalYear: z.number().int().refine((y) => SUPPORTED_FISCAL_YEARS.includes(y), { error: `年度は ${SUPPORTED_FISCAL_YEARS.join('・')} のいずれかを指定してください` }),
  tenantRates: tenantRatesSchema.prefault({}),
});
type Params = z.output<typeof annualAssessmentParams>;

/** 賦課期日: 1 January of the fiscal year (地方税法39条・318条). */
export const levyDateOf = (fiscalYear: number) => `${fiscalYear}-01-01`;

export const annualAssessmentJob: JobDefinition<Params, string> = {
  type: ANNUAL_ASSESSMENT,
  title: '個人住民税 当初課税',
  paramsSchema: annualAssessmentParams,
  chunkSize: 2000,
  async plan(trx, params) {
    return { total: await residentRegistryInTransaction.countResidentsAsOf(trx, levyDateOf(params.fiscalYear)) };
  },
  async runChunk(trx, params, cursor, chunkSize, { events: publisher }) {
    const batch = await residentRegistryInTransaction.residentsAsOf(trx, levyDateOf(params.fiscalYear), cursor, chunkSize);
    if (batch.length === 0) return { processed: 0, cursor: null };
    const roll: RollEntry[] = batch.filter((p) => p.status === 'resident').map((p) => ({
      residentId: p.residentId, addresseeNo: p.addresseeNo, name: p.name ?? p.nameAlphabet ?? null, birthDate: p.birthDate,
      address: `${p.address.text}${p.address.supplement ? `\u3000${p.address.supplement}` : ''}`,
    }));
    await insertRoll(trx, params.fiscalYear, roll);
    const { rows: done } = await sql<{ resident_id: string }>`SELECT resident_id FROM resident_tax_assessment
      WHERE tenant_code = current_tenant() AND fiscal_year = ${params.fiscalYear} AND resident_id = ANY(${roll.map((r) => r.residentId)}::uuid[])`.execute(trx);
    const assessed = new Set(done.map((r) => r.resident_id));
    const pending = roll.filter((r) => !assessed.has(r.residentId));
    const documents = await incomeDocumentsOf(trx, params.fiscalYear, pending.map((r) => r.addresseeNo));
    const rows = pending.map((r) => assessTaxpayer(params.fiscalYear, params.tenantRates, r, documents.get(r.addresseeNo) ?? []));
    await insertAssessments(trx, params.fiscalYear, rows, null);
    if (rows.length > 0) {
      const addresseeNoOf = new Map(pending.map((r) => [r.residentId, r.addresseeNo]));
      await publisher.publish(trx, {
        type: events.assessed.type, version: events.assessed.version, aggregateId: rows[0]!.residentId,
        payload: { fiscalYear: params.fiscalYear, assessments: rows.map((r) => ({
          residentId: r.residentId, addresseeNo: addresseeNoOf.get(r.residentId)!, version: r.version, total: r.breakdown.totals.total, collection: r.collection, employerNo: r.employerNo,
        })) },
      });
    }
    return { processed: roll.length, cursor: batch.length < chunkSize ? null : batch.at(-1)!.residentId };
  },
};
