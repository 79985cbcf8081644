/**
 * 住民異動届受理通知 (4.1.0.3, j580) and 住民票コード変更通知票 (4.3.3, j890), as PDF, for a recorded 異動
 * and any time after it (「処理日に限らず、後日でも発行できること」, 「再出力もできること」). Nothing is
 * stored but the audit entry (帳票発行, by id).
 *
 * - 受理通知: for a 転入・転居・転出・世帯変更 (and a 転出 recorded ex officio after 14 days). 届出日, 異動事由,
 *   届出人氏名 (given with the request: the register does not record the 届出人), 異動者氏名 and that it was
 *   accepted; to the 異動前住所 and the 届出人, or, where there is no former address here (転入, 国外からの
 *   転入), to the 異動後住所 and the first 異動者.
 * - 住民票コード変更通知票: for a 住民票コードの変更・記載, to the person at their address, with the new code.
 * - 転入通知未着照会書 (j710): to the 転出先 for a 除票 still without a 転入通知.
 */
import { formatJapaneseDate } from '../../../jp/index.ts';
import { inTenant, type Trx } from '../../../platform/db/tenant-scope.ts';
import { NotFoundError, ValidationError } from '../../../platform/errors.ts';
import { authenticatorOf } from '../certificates/authenticator.ts';
import { westernDate } from '../certificates/content.ts';
import { certificateSetting, tenantOf } from '../certificates/store.ts';
import { CHANGE_REASONS } from '../data-list.ts';
import { audit, todayInJapan, type Caller, type Deps } from '../procedure.ts';
import { changeBy, currentVersionsOf, touchedBy, versionHistoryOf, type VersionRow } from '../queries.ts';
import { liveBefore } from '../supersession.ts';
import { renderNotice, type Notice } from '../../../platform/pdf/notice.ts';

const NOTIFIED = new Set(['move_in', 'move_within', 'move_out', 'household_change']);
const CODE_REASONS = new Set(['resident_code_change_request', 'resident_code_ex_officio_entry']);

interface Moved {
  after: VersionRow;
  before: VersionRow | undefined;
}

/** Per person the version the 異動 wrote and the state before it. */
async function movedBy(trx: Trx, changeId: string): Promise<Moved[]> {
  const { residentIds } = await touchedBy(trx, changeId);
  const history = await versionHistoryOf(trx, residentIds);
  return residentIds.flatMap((id) => {
    const own = history.filter((v) => v.resident_id === id);
    const after = own.find((v) => String(v.change_id) === changeId);
    return after ? [{ after, before: liveBefore(own, after) }] : [];
  });
}

const nameOf = (v: VersionRow) => v.name ?? v.name_alphabet ?? '';
/** 和暦, but 西暦 for a foreign resident's dates (1.1.9, j90). */
const dateOf = (v: VersionRow, iso: string) => (v.resident_kind === 'foreign' ? westernDate(iso) : formatJapaneseDate(iso));
const addressOf = (v: VersionRow) => `${String(v.address)}${v.address_supplement ? `\u3000${String(v.address_supplement)}` : ''}`;

async function sender(trx: Trx, issuedOn: string): Promise<string> {
  const authenticator = authenticatorOf(await tenantOf(trx), await certificateSetting(trx), issuedOn);
  return `${authenticator.title}${authenticator.name ? `\u3000${authenticator.name}` : ''}`;
}

async function changeOrRefuse(trx: Trx, changeId: string, allowed: (procedure: string, moved: Moved[]) => boolean, what: string) {
  const change = await changeBy(trx, changeId);
  if (!change) throw new NotFoundError('指定の異動は記録されていません');
  const moved = await movedBy(trx, changeId);
  if (!allowed(change.procedure, moved) || moved.length === 0) {
    throw new ValidationError([{ field: 'changeId', rule: 'notice.not-applicable', message: `この異動には${what}を発行できません` }]);
  }
  return { change, moved };
}

export async function issueChangeNotice(deps: Deps, caller: Caller, input: { changeId: string; notifierName: string }): Promise<Buffer> {
  const issuedOn = todayInJapan();
  const notice = await inTenant(deps.db, caller.tenantCode, async (trx) => {
    const { change, moved } = await changeOrRefuse(trx, input.changeId, (p) => NOTIFIED.has(p), '住民異動届受理通知');
    const first = moved[0]!;
    // 異動前住所・届出人本人; without a former address here (転入), 異動後住所・異動者本人 (j580).
    const recipient = first.before ? { address: addressOf(first.before), name: input.notifierName } : { address: addressOf(first.after), name: nameOf(first.after) };
    const reasons = [...new Set(moved.map((m) => CHANGE_REASONS[m.after.reason as keyof typeof CHANGE_REASONS]?.name ?? String(m.after.reason)))];
    const n: Notice = {
      title: '住民異動届受理通知書',
      recipient,
      rows: [
        { label: '届出日', value: change.notified_date ? formatJapaneseDate(change.notified_date) : '（職権）' },
        { label: '異動日', value: formatJapaneseDate(change.effective_date) },
        { label: '異動事由', value: reasons.join('、') },
        { label: '届出人', value: input.notifierName },
        { label: '異動者', value: moved.map((m) => nameOf(m.after)).join('、') },
      ],
      statement: '上記の届出を受理しましたので通知します。',
      issuedOnLabel: formatJapaneseDate(issuedOn),
      sender: await sender(trx, issuedOn),
    };
    await audit(trx, caller, { function: 'issue-change-notice', category: 'issue', targets: [{ kind: 'resident-change', id: input.changeId }, ...moved.map((m) => ({ kind: 'resident', id: m.after.resident_id }))] });
    return n;
  });
  return renderNotice(notice);
}

export async function issueResidentCodeNotice(deps: Deps, caller: Caller, input: { changeId: string }): Promise<Buffer> {
  const issuedOn = todayInJapan();
  const notice = await inTenant(deps.db, caller.tenantCode, async (trx) => {
    const { moved } = await changeOrRefuse(trx, input.changeId, (_p, m) => m.some((x) => CODE_REASONS.has(String(x.after.reason))), '住民票コード変更通知票');
    const person = moved.find((x) => CODE_REASONS.has(String(x.after.reason)))!.after;
    const n: Notice = {
      title: person.reason === 'resident_code_ex_officio_entry' ? '住民票コード通知票' : '住民票コード変更通知票',
      recipient: { address: addressOf(person), name: nameOf(person) },
      rows: [
        { label: '氏名', value: nameOf(person) },
        { label: '生年月日', value: dateOf(person, person.birth_date) },
        { label: '住民票コード', value: String(person.resident_code) },
        { label: '記載した日', value: formatJapaneseDate(person.valid_from) },
      ],
      statement: 'あなたの住民票に上記の住民票コードを記載しましたので通知します。',
      issuedOnLabel: formatJapaneseDate(issuedOn),
      sender: await sender(trx, issuedOn),
    };
    await audit(trx, caller, { function: 'issue-resident-code-notice', category: 'issue', targets: [{ kind: 'resident-change', id: input.changeId }, { kind: 'resident', id: person.resident_id }] });
    return n;
  });
  return renderNotice(notice);
}

/** The head of the municipality an address lies in (「横浜市長」), as far as the text shows it. */
function municipalityHead(address: string): string {
  const m = /^(?:東京都|北海道|京都府|大阪府|.{2,3}県)?(.+?[市区町村])/.exec(address);
  return m ? `${m[1]}長` : '転出先市区町村長';
}

/**
 * 転入通知未着照会書 (4.1.3.1.4, j710): to the municipality a person said they would move to, asking
 * whether they moved in, for a 国内転出 (or 職権消除) without a 転入通知.
 */
export async function issueMoveInNoticeInquiry(deps: Deps, caller: Caller, input: { residentId: string }): Promise<Buffer> {
  const issuedOn = todayInJapan();
  const notice = await inTenant(deps.db, caller.tenantCode, async (trx) => {
    const [person] = await currentVersionsOf(trx, [input.residentId]);
    if (!person) throw new NotFoundError('対象の住民は記録されていません');
    const reason = String(person.removal_reason ?? '');
    if (!['domestic_move_out', 'ex_officio_removal'].includes(reason) || person.move_in_notice_on) {
      throw new ValidationError([{ field: 'residentId', rule: 'notice.not-applicable', message: '転入通知の届いていない国内転出・職権消除の者にだけ発行できます' }]);
    }
    const destination = person.move_out_destination ? String(person.move_out_destination) : '（転出先不明）';
    const n: Notice = {
      title: '転入通知未着照会書',
      recipient: { address: destination, name: municipalityHead(destination) },
      rows: [
        { label: '氏名', value: nameOf(person) },
        { label: '生年月日', value: dateOf(person, person.birth_date) },
        { label: '転出前の住所', value: addressOf(person) },
        { label: reason === 'domestic_move_out' ? '転出予定年月日' : '消除した日', value: formatJapaneseDate(person.valid_from) },
        { label: '転出先住所（予定）', value: destination },
      ],
      statement: '上記の者について転入通知が届いていません。貴市区町村への転入の届出の有無をお知らせください。',
      issuedOnLabel: formatJapaneseDate(issuedOn),
      sender: await sender(trx, issuedOn),
    };
    await audit(trx, caller, { function: 'issue-move-in-notice-inquiry', category: 'issue', targets: [{ kind: 'resident', id: person.resident_id }] });
    return n;
  });
  return renderNotice(notice);
}
