/**
 * 証明書の交付 (第5章 j1000–j1070): 住民票の写し, 除票の写し, 記載事項証明書, 転出証明書 as PDF. The
 * request is checked whole first; then, in one transaction, the persons are read, the 発行番号 taken,
 * the PDF rendered, and the 交付履歴 (j300), the event and the audit entry (帳票発行) written. The PDF
 * itself is not kept: the 交付履歴 holds its SHA-256.
 */
import { createHash } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { appendAudit, appendAuditSeparately } from '../../../platform/audit/index.ts';
import { inTenant, type Trx } from '../../../platform/db/tenant-scope.ts';
import { AppError, NotFoundError } from '../../../platform/errors.ts';
import { decryptMyNumber, discloseMyNumber, mayDiscloseMyNumber } from '../../../platform/my-number/index.ts';
import { MODULE_ID, refuseOnErrors, todayInJapan, type Alert, type Caller, type Deps } from '../procedure.ts';
import { auditRefusals, guardProtected } from '../protection.ts';
import { householdBy } from '../queries.ts';
import { error, type Finding } from '../rules/findings.ts';
import { numberFindings } from '../rules/numbering.ts';
import { toPersonSnapshot } from '../snapshot.ts';
import { authenticatorOf, certificateNo, numberLabel } from './authenticator.ts';
import { buildCertificateContent, OPTIONAL_ITEM_LABELS, type CertificatePerson } from './content.ts';
import { certificateIssued } from './events.ts';
import { certificateFont } from '../../../platform/pdf/fonts.ts';
import { renderCertificate } from './render.ts';
import { requestedItems, requestFindings, type IssueCertificateInput } from './request.ts';
import { selectStates } from './selection.ts';
import { certificateSetting, insertIssuance, liveVersionsOf, nextCertificateSerial, residentIdsByAddresseeNos, tenantOf } from './store.ts';

export interface IssuedCertificate {
  issuanceId: string;
  certificateNo: string;
  pdf: Buffer;
  pageCount: number;
  sha256: string;
  /** 文字溢れ (j1070): items wrapped onto more lines because they did not fit even at the smallest size. */
  alerts: Alert[];
}

/**
 * 個人番号 is printed only where it may be shown: the individual-number zone and resident-registry:my-number.
 * The refusal is on record (outcome denied); nothing is numbered and no 交付履歴 is written.
 */
async function refuseMyNumberWithoutPermission(deps: Deps, caller: Caller): Promise<void> {
  if (mayDiscloseMyNumber(caller, MODULE_ID)) return;
  await appendAuditSeparately(deps.db, caller.tenantCode, {
    actor: caller.actor, address: caller.address, zone: caller.zone, module: MODULE_ID, function: `${MODULE_ID}.issue-resident-certificate`,
    category: 'issue', outcome: 'denied', detail: { item: 'myNumber' },
  });
  throw new AppError('forbidden', 403, '権限がありません',
    `${OPTIONAL_ITEM_LABELS.myNumber}を記載した証明書の交付には、個人番号利用事務系からの操作と権限 ${MODULE_ID}:my-number が必要です`);
}

interface Target {
  residentIds: string[];
  householdId: string | null;
  wholeHousehold: boolean;
  field: string;
}

/** The persons asked for, in the household's order (5.2, j1010) or in the order given. */
async function resolveTarget(trx: Trx, input: IssueCertificateInput, issuedOn: string): Promise<Target> {
  if (input.householdNo !== undefined) {
    const household = await householdBy(trx, { householdNo: input.householdNo }, issuedOn);
    if (!household || household.status !== 'active') throw new NotFoundError(`世帯番号 ${input.householdNo} の世帯は交付日に存在しません`);
    const asked = input.residentIds;
    const findings: Finding[] = (asked ?? []).flatMap((id, i) =>
      household.member_ids.includes(id) ? [] : [error(`residentIds[${i}]`, 'not-member', `世帯番号 ${input.householdNo} の世帯員ではない者が指定されています（${id}）`)]);
    refuseOnErrors(findings);
    const ids = asked ? household.member_ids.filter((id) => asked.includes(id)) : household.member_ids;
    return { residentIds: ids, householdId: household.id, wholeHousehold: ids.length === household.member_ids.length, field: asked ? 'residentIds' : 'householdNo' };
  }
  const nos = input.addresseeNos!;
  const byNo = await residentIdsByAddresseeNos(trx, nos);
  const missing = nos.filter((no) => !byNo.has(no));
  if (missing.length > 0) throw new NotFoundError(`宛名番号 ${missing.join('、')} の住民は記録されていません`);
  return { residentIds: [...new Set(nos.map((no) => byNo.get(no)!))], householdId: null, wholeHousehold: false, field: 'addresseeNos' };
}

export async function issueResidentCertificate(deps: Deps, caller: Caller, input: IssueCertificateInput): Promise<IssuedCertificate> {
  const items = requestedItems(input);
  refuseOnErrors([
    ...requestFindings(input),
    ...(input.householdNo !== undefined ? numberFindings('householdNo', 'household', input.householdNo) : []),
    ...(input.addresseeNos ?? []).flatMap((no, i) => numberFindings(`addresseeNos[${i}]`, 'addressee', no)),
  ]);
  if (items.has('myNumber')) await refuseMyNumberWithoutPermission(deps, caller);
  const font = certificateFont();

  // A refusal by the 支援措置 guard rolls the transaction back; its audit entry is written after it.
  return auditRefusals(deps, caller, () => inTenant(deps.db, caller.tenantCode, async (trx) => {
    const issuedOn = todayInJapan();
    const target = await resolveTarget(trx, input, issuedOn);
    const rows = await liveVersionsOf(trx, target.residentIds);
    const versions = target.residentIds.map((id) => rows.filter((r) => r.resident_id === id).map(toPersonSnapshot));
    const { selected, findings } = selectStates(input.kind, versions, issuedOn, target.field);
    if (input.form === 'household' && new Set(selected.map((s) => s.state.householdId)).size > 1) {
      findings.push(error('form', 'different-households', '世帯連記式には同じ世帯の者だけを記載できます（別の世帯の者は個人票で請求してください）'));
    }
    refuseOnErrors(findings);

    // 支援措置 (j440, j410 発行抑止): every selected person, before anything is numbered, rendered or recorded.
    await guardProtected(trx, caller, selected.map((s) => s.state.residentId), 'issue', 'issue-resident-certificate');

    const tokens = new Map(rows.map((r) => [r.resident_id, r.my_number_token]));
    let myNumberAccessed = false;
    // 特別な事由 (j40): their history lines only when asked for.
    const special = new Set(rows.filter((r) => r.special_reason != null).map((r) => `${r.resident_id}/${r.history_no}`));
    const persons: CertificatePerson[] = selected.map(({ state, history: all }) => {
      const history = input.withSpecialHistory ? all : all.filter((h) => !special.has(`${h.residentId}/${h.historyNo}`));
      const token = tokens.get(state.residentId) ?? null;
      if (!items.has('myNumber') || token === null) return { snapshot: state, history, myNumber: null };
      const shown = discloseMyNumber(caller, MODULE_ID, () => decryptMyNumber(deps.myNumberKeys, caller.tenantCode, token));
      myNumberAccessed ||= shown.disclosed;
      return { snapshot: state, history, myNumber: shown.value };
    });

    const tenant = await tenantOf(trx);
    const setting = await certificateSetting(trx);
    const authenticator = authenticatorOf(tenant, setting, issuedOn);
    const year = Number(issuedOn.slice(0, 4));
    const serial = await nextCertificateSerial(trx, year);
    const number = certificateNo(year, serial);
    const content = buildCertificateContent({
      kind: input.kind, form: input.form, withHistory: input.withHistory, items, persons, wholeHousehold: target.wholeHousehold, issuedOn,
      authenticator, officialUse: input.officialUse, reissue: input.reissue,
      sealNote: setting?.seal_note ?? null, municipality: tenant.name,
    });
    const rendered = await renderCertificate({
      content, font, sealImage: (authenticator.deputy ? setting?.deputy_seal_image : setting?.seal_image) ?? null, numberLabel: numberLabel(issuedOn, tenant.name, serial, input.terminal, input.printer),
    });
    const sha256 = createHash('sha256').update(rendered.pdf).digest('hex');

    const issuanceId = uuidv7();
    const residentIds = selected.map((s) => s.state.residentId);
    await insertIssuance(trx, {
      id: issuanceId, certificateNo: number, kind: input.kind, form: input.form, withHistory: input.withHistory, householdId: target.householdId,
      items: [...items], requesterKind: input.requester.kind, requesterName: input.requester.name ?? null, purpose: input.purpose ?? null,
      officialUse: input.officialUse, reissue: input.reissue, issuedOn, issueLocation: input.location ?? null, terminal: input.terminal ?? null,
      operatorId: caller.actor.id, pageCount: rendered.pageCount, pdfSha256: sha256, residentIds,
    });
    await deps.events.publish(trx, certificateIssued({ issuanceId, certificateNo: number, kind: input.kind, issuedOn, householdId: target.householdId, residentIds, pageCount: rendered.pageCount }));
    await appendAudit(trx, {
      actor: caller.actor, address: caller.address, zone: caller.zone, module: MODULE_ID, function: `${MODULE_ID}.issue-resident-certificate`,
      category: 'issue', lookupByNumber: true, myNumberAccessed, terminal: input.terminal ?? null,
      targets: [{ kind: 'certificate-issuance', id: issuanceId }, ...residentIds.map((id) => ({ kind: 'resident', id }))],
      detail: { certificateNo: number, kind: input.kind, pageCount: rendered.pageCount },
    });
    const alerts = rendered.wrapped.map((label) => ({ field: label, rule: 'text-overflow', message: `${label}は最小の文字の大きさでも1行に収まらないため、折り返して印字しました（j1070）` }));
    return { issuanceId, certificateNo: number, pdf: rendered.pdf, pageCount: rendered.pageCount, sha256, alerts };
  }));
}
