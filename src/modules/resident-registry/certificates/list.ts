/**
 * 交付履歴照会 (2.2.2, j360): the issuances of one person (by 宛名番号) or of a period, kind or 発行番号,
 * newest first. Audited as 照会: it tells who obtained whose certificate.
 */
import { inTenant } from '../../../platform/db/tenant-scope.ts';
import { NotFoundError, ValidationError } from '../../../platform/errors.ts';
import { audit, type Caller, type Deps } from '../procedure.ts';
import { numberFindings } from '../rules/numbering.ts';
import type { CertificateKind } from './content.ts';
import { listIssuances, residentIdsByAddresseeNos, type ListedIssuance } from './store.ts';

export interface IssuanceQuery {
  addresseeNo?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  kind?: CertificateKind | undefined;
  certificateNo?: string | undefined;
}

export async function listCertificateIssuances(deps: Deps, caller: Caller, q: IssuanceQuery, page: { limit: number; offset: number }): Promise<{ items: ListedIssuance[]; limit: number; offset: number }> {
  const problems = q.addresseeNo === undefined ? [] : numberFindings('addresseeNo', 'addressee', q.addresseeNo);
  if (q.from && q.to && q.from > q.to) problems.push({ field: 'to', rule: 'date-order', message: '交付日の範囲は開始日から終了日の順に指定してください', severity: 'error' });
  if (problems.length > 0) throw new ValidationError(problems.map(({ field, rule, message }) => ({ field, rule, message })));
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    let residentId: string | undefined;
    if (q.addresseeNo !== undefined) {
      residentId = (await residentIdsByAddresseeNos(trx, [q.addresseeNo])).get(q.addresseeNo);
      if (!residentId) throw new NotFoundError(`宛名番号 ${q.addresseeNo} の住民は記録されていません`);
    }
    const items = await listIssuances(trx, { residentId, from: q.from, to: q.to, kind: q.kind, certificateNo: q.certificateNo }, page);
    await audit(trx, caller, {
      function: 'list-certificate-issuances', category: 'inquiry', lookupByNumber: q.addresseeNo !== undefined || q.certificateNo !== undefined,
      searchCount: items.length, targets: [...(residentId ? [{ kind: 'resident', id: residentId }] : []), ...items.map((i) => ({ kind: 'certificate-issuance', id: i.id }))],
    });
    return { items, ...page };
  });
}
