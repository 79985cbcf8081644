/**
 * 住登外課税: a taxpayer the resident registry does not have on 1 January — lived here unregistered
 * (`residence`), or lived elsewhere with a 事務所・事業所・家屋敷 here (`house`: 均等割 only,
 * rules/house-levy.ts) — entered on the roll by staff from the addressee register (宛名管理), and
 * assessed at once from their 課税資料 as version 1, so they receive the same notices and 更正 as
 * everyone. Validated fully before anything is written, in one transaction, audited by 宛名番号.
 */
import { z } from '@hono/zod-openapi';
import { inTenant } from '../../platform/db/tenant-scope.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { auditCaller, type Caller } from '../../platform/http/caller.ts';
import type { ModuleContext } from '../../platform/module.ts';
import { addresseeQueries } from '../addressee/index.ts';
import { levyDateOf } from './annual-assessment.ts';
import { assessTaxpayer, parseRates } from './assessment.ts';
import { aggregateOf, events } from './events.ts';
import { reliefsOf } from './relief.ts';
import { tenantRatesSchema } from './model.ts';
import { incomeDocumentsOf, insertAssessments, insertRoll, taxpayerOf } from './store.ts';

const MODULE_ID = 'individual-resident-tax';
type Deps = Pick<ModuleContext, 'db' | 'events' | 'myNumberKeys'>;

export const LIABILITIES = {
  residence: '住所あり（住民登録なし）: 均等割・所得割',
  house: '事務所・事業所・家屋敷あり（住所は他市町村）: 均等割のみ',
} as const;

export const nonResidentInputSchema = z
  .object({
    addresseeNo: z.string().regex(/^[0-9]{2,20}$/, { error: '宛名番号は数字で入力してください' }).openapi({ description: '宛名管理の宛名番号（住登外者）' }),
    liability: z.enum(Object.keys(LIABILITIES) as [keyof typeof LIABILITIES]).openapi({ description: Object.entries(LIABILITIES).map(([k, v]) => `${k}: ${v}`).join(', ') }),
    tenantRates: tenantRatesSchema.optional().describe('団体の税率等（当初課税と同じもの。省略時は標準税率・3級地）'),
  })
  .openapi('ResidentTaxNonResidentInput');
export type NonResidentTaxpayerInput = z.input<typeof nonResidentInputSchema>;

const refuse = (field: string, rule: string, message: string) => new ValidationError([{ field, rule, message }]);

export async function enterNonResidentTaxpayer(deps: Deps, caller: Caller, fiscalYear: number, input: z.output<typeof nonResidentInputSchema>) {
  // The addressee port opens its own transaction: read before ours (PGlite has a single connection).
  const onLevyDate = await addresseeQueries(deps).byAddresseeNo(caller.tenantCode, input.addresseeNo, levyDateOf(fiscalYear));
  const addressee = onLevyDate ?? await addresseeQueries(deps).byAddresseeNo(caller.tenantCode, input.addresseeNo);
  if (!addressee) throw new NotFoundError(`宛名番号 ${input.addresseeNo} の宛名はありません（先に宛名管理で住登外者を登録してください）`);
  if (addressee.kind !== 'person') throw refuse('body.addresseeNo', 'taxpayer.corporation', '法人は個人住民税の納税義務者になりません（法人住民税で扱います）');
  if (addressee.mergedInto) throw refuse('body.addresseeNo', 'taxpayer.merged', `この宛名は宛名番号 ${addressee.mergedInto} に統合されています。統合先で登録してください`);
  if (!addressee.birthDate) throw refuse('body.addresseeNo', 'taxpayer.birth-date', '宛名に生年月日が記録されていません（年齢による控除・非課税の判定に必要です）。宛名管理で生年月日を記録してください');
  // A resident of 1 January is on the roll through the annual assessment: entered here they would be taxed twice, or wrongly.
  if (onLevyDate?.residence === 'resident') {
    throw refuse('body.addresseeNo', 'taxpayer.resident', `この方は${fiscalYear}年1月1日に住民基本台帳の住民です。住登外ではなく当初課税（一括）で課税されます`);
  }
  const rates = parseRates(input.tenantRates ?? {});
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    if (await taxpayerOf(trx, fiscalYear, input.addresseeNo)) {
      throw new ConflictError(`宛名番号 ${input.addresseeNo} の方は既に${fiscalYear}年度の課税台帳に載っています（課税の変更は更正で行います）`);
    }
    const entry = {
      addresseeNo: input.addresseeNo, residentId: null, name: addressee.name, birthDate: addressee.birthDate!, liability: input.liability,
      address: addressee.address.text ? `${addressee.address.text}${addressee.address.supplement ? `\u3000${addressee.address.supplement}` : ''}` : null,
    };
    await insertRoll(trx, fiscalYear, [entry], caller.actor.id);
    const documents = (await incomeDocumentsOf(trx, fiscalYear, [input.addresseeNo])).get(input.addresseeNo) ?? [];
    const relief = (await reliefsOf(trx, fiscalYear, [input.addresseeNo])).get(input.addresseeNo) ?? null;
    const row = assessTaxpayer(fiscalYear, rates, entry, documents, null, relief);
    // Two clerks entering the same person at once: the second's INSERT finds the key taken (409).
    await insertAssessments(trx, fiscalYear, [row], caller.actor.id);
    await deps.events.publish(trx, {
      type: events.assessed.type, version: events.assessed.version, aggregateId: aggregateOf(fiscalYear),
      payload: { fiscalYear, assessments: [{ residentId: null, addresseeNo: input.addresseeNo, version: 1, total: row.breakdown.totals.total, collection: row.collection, employerNo: row.employerNo }] },
    });
    await auditCaller(trx, caller, MODULE_ID, { function: 'enter-non-resident-taxpayer', category: 'record', targets: [{ kind: 'addressee', id: input.addresseeNo }] });
    return { addresseeNo: input.addresseeNo, liability: input.liability, version: 1, total: row.breakdown.totals.total, breakdown: row.breakdown };
  });
}
