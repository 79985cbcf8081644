/**
 * The procedures on 個人住民税 records: 課税資料の受付, 照会 of a taxpayer's assessments, and 更正 (a new
 * version from the documents as they are now, with its difference; the earlier versions stay). Each
 * validates before it writes, in one tenant transaction, and is audited by internal ids only.
 */
import { inTenant, type Trx } from '../../platform/db/tenant-scope.ts';
import { ConflictError, NotFoundError } from '../../platform/errors.ts';
import { auditCaller, type Caller } from '../../platform/http/caller.ts';
import type { ModuleContext } from '../../platform/module.ts';
import { assessTaxpayer, cancellationOf, parseRates } from './assessment.ts';
import { reviewsOf } from './reviews.ts';
import { aggregateOf, events } from './events.ts';
import type { IncomeItems, IncomeSource } from './income-data.ts';
import { assessmentInput, incomeDocumentsOf, insertAssessments, insertIncomeDocument, lockYear, taxpayerOf } from './store.ts';
import { registerEmployerFromReport } from './employers.ts';
import { reliefsOf } from './relief.ts';

const MODULE_ID = 'individual-resident-tax';
type Deps = Pick<ModuleContext, 'db' | 'events'>;
const audit = (trx: Trx, caller: Caller, fn: string, category: 'record' | 'inquiry', addresseeNo: string) =>
  auditCaller(trx, caller, MODULE_ID, { function: fn, category, targets: [{ kind: 'addressee', id: addresseeNo }] });

export interface IncomeDocumentInput {
  addresseeNo: string;
  source: IncomeSource;
  employerNo?: string | undefined;
  employerName?: string | undefined;
  items: IncomeItems;
}

export async function receiveIncomeDocument(deps: Deps, caller: Caller, fiscalYear: number, input: IncomeDocumentInput): Promise<{ id: string }> {
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    await lockYear(trx, fiscalYear, 'shared');
    const id = await insertIncomeDocument(trx, {
      fiscalYear, addresseeNo: input.addresseeNo, source: input.source, employerNo: input.employerNo ?? null, employerName: input.employerName ?? null,
      items: input.items, receivedBy: caller.actor.id,
    });
    // The register stays complete: a 指定番号 it does not know is entered from the report.
    if (input.employerNo) await registerEmployerFromReport(trx, caller, input.employerNo, input.employerName ?? null);
    await audit(trx, caller, 'receive-income-document', 'record', input.addresseeNo);
    return { id };
  });
}

export async function getTaxpayer(deps: Deps, caller: Caller, fiscalYear: number, addresseeNo: string) {
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const taxpayer = await taxpayerOf(trx, fiscalYear, addresseeNo);
    if (!taxpayer) throw new NotFoundError(`${fiscalYear}年度の課税台帳に宛名番号 ${addresseeNo} の納税義務者はいません`);
    await audit(trx, caller, 'get-taxpayer', 'inquiry', addresseeNo);
    return taxpayer;
  });
}

/** 更正: the taxpayer recomputed from their documents now, as the next version, with the rates of the last one. */
export async function reassess(deps: Deps, caller: Caller, fiscalYear: number, addresseeNo: string) {
  return inTenant(deps.db, caller.tenantCode, (trx) => reassessInTransaction(trx, deps, caller, fiscalYear, addresseeNo));
}

/** The 更正 in the caller's transaction, with the taxpayer's current 非課税・減免 decision: relief.ts records one and 更正s at once. */
export async function reassessInTransaction(trx: Trx, deps: Deps, caller: Caller, fiscalYear: number, addresseeNo: string) {
  const taxpayer = await taxpayerOf(trx, fiscalYear, addresseeNo);
  const last = taxpayer?.assessments.at(-1);
  if (!taxpayer || !last) throw new NotFoundError(`${fiscalYear}年度の当初課税がない納税義務者は更正できません（宛名番号 ${addresseeNo}）`);
  const documents = (await incomeDocumentsOf(trx, fiscalYear, [addresseeNo])).get(addresseeNo) ?? [];
  const lastRates = (await assessmentInput(trx, fiscalYear, addresseeNo, last.version))?.tenantRates ?? {};
  const relief = (await reliefsOf(trx, fiscalYear, [addresseeNo])).get(addresseeNo) ?? null;
  const row = assessTaxpayer(fiscalYear, parseRates(lastRates), taxpayer, documents, { version: last.version, total: last.total }, relief);
  await insertAssessments(trx, fiscalYear, [row], caller.actor.id);
  await deps.events.publish(trx, {
    type: events.reassessed.type, version: events.reassessed.version, aggregateId: aggregateOf(fiscalYear),
    payload: {
      fiscalYear, residentId: taxpayer.residentId, addresseeNo, version: row.version, total: row.breakdown.totals.total, collection: row.collection,
      employerNo: row.employerNo, difference: row.difference,
    },
  });
  await audit(trx, caller, 'reassess', 'record', addresseeNo);
  return { version: row.version, total: row.breakdown.totals.total, difference: row.difference, breakdown: row.breakdown };
}

/**
 * 賦課取消: the taxpayer was not liable (e.g. a 死亡 before 1 January recorded after the roll): a last
 * version with tax 0 and the reason, announced as a 更正 with its difference. A taxpayer whose last
 * version is already a 取消 is refused (409); a later 更正 assesses them again.
 */
export async function cancelAssessment(deps: Deps, caller: Caller, fiscalYear: number, addresseeNo: string, reason: string) {
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const taxpayer = await taxpayerOf(trx, fiscalYear, addresseeNo);
    const last = taxpayer?.assessments.at(-1);
    if (!taxpayer || !last) throw new NotFoundError(`${fiscalYear}年度の課税がない納税義務者の賦課は取り消せません（宛名番号 ${addresseeNo}）`);
    if (last.kind === 'cancellation') throw new ConflictError(`宛名番号 ${addresseeNo} の${fiscalYear}年度の賦課は既に取り消されています（第${last.version}版）`);
    // The rates go with the 取消 too: a later 更正 recomputes with what the taxpayer was assessed at.
    const rates = (await assessmentInput(trx, fiscalYear, addresseeNo, last.version))?.tenantRates;
    const row = cancellationOf(fiscalYear, taxpayer, last, reason, rates);
    await insertAssessments(trx, fiscalYear, [row], caller.actor.id);
    await deps.events.publish(trx, {
      type: events.reassessed.type, version: events.reassessed.version, aggregateId: aggregateOf(fiscalYear),
      payload: { fiscalYear, residentId: taxpayer.residentId, addresseeNo, version: row.version, total: 0, collection: row.collection, employerNo: row.employerNo, difference: row.difference },
    });
    await audit(trx, caller, 'cancel-assessment', 'record', addresseeNo);
    return { version: row.version, total: 0, difference: row.difference, breakdown: row.breakdown };
  });
}

/** 課税の要確認一覧 of a fiscal year (reviews.ts), audited with the persons it lists. */
export async function listReviews(deps: Deps, caller: Caller, fiscalYear: number) {
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const items = await reviewsOf(trx, fiscalYear);
    await auditCaller(trx, caller, MODULE_ID, { function: 'list-reviews', category: 'inquiry', targets: items.map((r) => ({ kind: 'addressee', id: r.addresseeNo })), searchCount: items.length });
    return { items };
  });
}
