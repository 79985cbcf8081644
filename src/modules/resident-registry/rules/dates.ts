/**
 * Date rules of a 異動 (change): the order of 異動日, 届出日 and 処理日, and the 届出期間.
 *
 * - 異動日 ≤ 処理日, except for 転出, whose 異動日 is the planned date (4.0.3 j480, 4.1.3.0.1 j640).
 * - 届出日 (also 戸籍届出・通知日, 申出日: one item, j570/j780/j790) ≤ 処理日 (4.1.0.2 j570).
 * - A notification of something that has happened comes after it: 転入 (住基法22条), 転居 (23条),
 *   世帯変更 (25条), 外国人住民の届出 (30条の46, 30条の47), and the 戸籍届出 of 出生 and 死亡.
 * - 届出期間 14日 from the 異動日 (the same articles). The first day is not counted (民法140条), so
 *   the last day is 異動日 + 14; when it falls on a day the office is closed, the next open day
 *   (地方自治法4条の2④). A later notification is accepted and flagged `lateNotification`, for the
 *   過料 notice to the 簡易裁判所 (住基法52条2項).
 * - 転出 is notified in advance (24条) or after the move; more than 14 days after it, the entry is
 *   made ex officio instead (4.1.3.0.1 j640) and is also flagged late.
 * - 特例転入 (住基法24条の2) is possible only within 14 days of moving in and 30 days of the planned
 *   move-out date; after that the person needs a 転出証明書 (as municipalities publish it, e.g.
 *   掛川市「特例転入とは」: 住み始めてから14日以内・転出予定日から30日以内).
 * - Nothing happens to a person before birth; a 出生's 異動日 is the birth date (1.1.8 j80).
 * - A new 異動 cannot start before the person's current state (its valid_from): the past is changed
 *   only by 修正・誤記修正・異動の取消し, which supersede records instead.
 *
 * 職権 (ex officio) entries have no 届出日 and no 届出期間 (4.2.0.2 j760).
 */
import { addDays, businessDayOnOrAfter, HOLIDAY_DATA_RANGE, isIsoDate } from '../../../jp/index.ts';
import type { ChangeBasis, MoveInKind, Procedure } from '../model.ts';
import { alert, error, errorsOf } from './findings.ts';
import type { Finding } from './findings.ts';

export const NOTIFICATION_PERIOD_DAYS = 14;
export const SPECIAL_MOVE_IN_DAYS_AFTER_PLANNED_MOVE_OUT = 30;

export interface ChangeDateInput {
  procedure: Procedure;
  /** For 転入: 国内, 特例, 国外から, 法30条の46. */
  moveInKind?: MoveInKind;
  basis: ChangeBasis;
  /** 異動日 */
  effectiveDate: string;
  /** 届出日 (or 戸籍届出・通知日, 申出日); none for 職権. */
  notifiedDate?: string | null;
  /** 処理日: today in Japan. */
  processedOn: string;
  birthDate?: string | null;
  /** valid_from of the person's current version, when the person is already recorded. */
  currentValidFrom?: string | null;
  /** 特例転入: the 転出予定日 in the 転出証明書情報 received through the CS. */
  plannedMoveOutDate?: string | null;
  /** The municipality's own closed days (条例), beyond weekends, 祝日 and 12/29–1/3. */
  isExtraClosedDay?: (iso: string) => boolean;
}

export interface ChangeDateOutcome {
  findings: Finding[];
  /** Notified after the 届出期間: accepted, listed for the 過料 notice. */
  lateNotification: boolean;
  /** A 転出 notified more than 14 days after the move: recorded ex officio (j640). */
  exOfficio: boolean;
  /** Last day of the 届出期間, when one applies. */
  deadline: string | null;
}

/** Procedures whose 異動日 may lie before the current state: they rewrite the past by superseding. */
const REWRITES_PAST = new Set<Procedure>(['clerical_correction', 'ex_officio_correction', 'cancellation', 'move_in_notice']);

/**
 * Entries made on a 戸籍届出・通知 (4.2.0.4 j780) or an 入管通知 (j960) of something that has happened:
 * 出生, 死亡, 氏名の変更, 帰化・国籍取得, 国籍喪失, 在留資格の変更. The notice follows the event.
 */
const REPORTED_BY_NOTICE = new Set<Procedure>(['birth', 'death', 'name_change', 'naturalization', 'nationality_loss', 'residence_status_change']);

/** Notifications of something that has already happened, with the article that sets their period. */
function notificationArticle(input: ChangeDateInput): string | null {
  switch (input.procedure) {
    case 'move_in':
      return input.moveInKind === 'special' ? '住基法24条の2' : input.moveInKind === 'article_30_46' ? '住基法30条の46' : '住基法22条';
    case 'move_within':
      return '住基法23条';
    case 'household_change':
      return '住基法25条';
    case 'foreign_resident_notification':
      return '住基法30条の47';
    default:
      return null;
  }
}

/** 異動日 + 14, moved to the next open day (地方自治法4条の2④) where holiday data exists. */
export function notificationDeadline(effectiveDate: string, isExtraClosedDay?: (iso: string) => boolean): string {
  const last = addDays(effectiveDate, NOTIFICATION_PERIOD_DAYS);
  // Holiday data covers 1970–2050; a date outside it is decades late anyway, so the plain day serves.
  if (last < HOLIDAY_DATA_RANGE.from || last > HOLIDAY_DATA_RANGE.to) return last;
  return businessDayOnOrAfter(last, { isExtraClosedDay });
}

export function checkChangeDates(input: ChangeDateInput): ChangeDateOutcome {
  const outcome: ChangeDateOutcome = { findings: [], lateNotification: false, exOfficio: false, deadline: null };
  const f = outcome.findings;
  const dates: [string, string | null | undefined][] = [
    ['effectiveDate', input.effectiveDate],
    ['notifiedDate', input.notifiedDate],
    ['processedOn', input.processedOn],
    ['birthDate', input.birthDate],
    ['currentValidFrom', input.currentValidFrom],
    ['plannedMoveOutDate', input.plannedMoveOutDate],
  ];
  for (const [name, value] of dates) {
    if (value != null && !isIsoDate(value)) f.push(error(name, 'dates.invalid', `${value} は実在する日付（YYYY-MM-DD）ではありません`));
  }
  if (errorsOf(f).length > 0) return outcome;

  const { procedure, effectiveDate, processedOn, birthDate } = input;
  const notified = input.basis === 'ex_officio' ? null : (input.notifiedDate ?? null);
  if (input.basis !== 'ex_officio' && notified === null) {
    f.push(error('notifiedDate', 'dates.notified-required', '届出日（戸籍届出・通知日、申出日）を入力してください（4.1.0.2 届出日）'));
  }
  if (procedure !== 'move_out' && effectiveDate > processedOn) {
    f.push(error('effectiveDate', 'dates.effective-after-processing', `異動日 ${effectiveDate} は処理日 ${processedOn} 以前の日にしてください（4.0.3 異動日・処理日）`));
  }
  if (notified !== null && notified > processedOn) {
    f.push(error('notifiedDate', 'dates.notified-after-processing', `届出日 ${notified} は処理日 ${processedOn} 以前の日にしてください（4.1.0.2 届出日）`));
  }
  if (birthDate && effectiveDate < birthDate) {
    f.push(error('effectiveDate', 'dates.before-birth', `異動日 ${effectiveDate} が生年月日 ${birthDate} より前です`));
  }
  if (procedure === 'birth' && birthDate && effectiveDate !== birthDate) {
    f.push(error('effectiveDate', 'dates.birth-effective-date', `出生の異動日は生年月日（${birthDate}）です（1.1.8 年月日の管理）`));
  }
  if (input.currentValidFrom && !REWRITES_PAST.has(procedure) && effectiveDate < input.currentValidFrom) {
    f.push(
      error(
        'effectiveDate',
        'dates.before-current-state',
        `異動日 ${effectiveDate} は現在の記録の異動日 ${input.currentValidFrom} より前です。過去の記録は修正・誤記修正・異動の取消しで直してください`,
      ),
    );
  }
  if (notified !== null) {
    if (procedure === 'move_out') checkMoveOut(input, notified, outcome);
    else checkNotificationPeriod(input, notified, outcome);
  }
  return outcome;
}

function checkNotificationPeriod(input: ChangeDateInput, notified: string, outcome: ChangeDateOutcome): void {
  const { effectiveDate, procedure } = input;
  const article = notificationArticle(input);
  const afterTheFact = article !== null || REPORTED_BY_NOTICE.has(procedure);
  if (afterTheFact && notified < effectiveDate) {
    const what = procedure === 'residence_status_change' ? '入管通知日' : REPORTED_BY_NOTICE.has(procedure) ? '戸籍届出・通知日' : '届出日';
    outcome.findings.push(
      error('notifiedDate', 'dates.notified-before-effective', `${what} ${notified} が異動日 ${effectiveDate} より前です。届出は異動のあとに行われます${article ? `（${article}）` : ''}`),
    );
    return;
  }
  // The 14 days of 出生・死亡 belong to 戸籍法 and are the family register's to police.
  if (article === null) return;
  const deadline = notificationDeadline(effectiveDate, input.isExtraClosedDay);
  outcome.deadline = deadline;
  if (input.moveInKind === 'special') {
    checkSpecialMoveIn(input, notified, deadline, outcome);
  } else if (notified > deadline) {
    outcome.lateNotification = true;
    outcome.findings.push(
      alert(
        'notifiedDate',
        'dates.late-notification',
        `届出期間（異動日から14日、期限 ${deadline}）を過ぎた届出です。受理し、過料の通知対象として記録します（${article}・住基法52条2項）`,
      ),
    );
  }
}

function checkSpecialMoveIn(input: ChangeDateInput, notified: string, deadline: string, outcome: ChangeDateOutcome): void {
  const planned = input.plannedMoveOutDate;
  if (!planned) {
    outcome.findings.push(error('plannedMoveOutDate', 'dates.planned-move-out-required', '特例転入には転出証明書情報の転出予定日が必要です（住基法24条の2）'));
    return;
  }
  const limit = addDays(planned, SPECIAL_MOVE_IN_DAYS_AFTER_PLANNED_MOVE_OUT);
  if (notified > deadline || notified > limit) {
    outcome.findings.push(
      error(
        'notifiedDate',
        'dates.special-move-in-expired',
        `特例転入は転入した日から14日以内（${deadline}まで）かつ転出予定日から30日以内（${limit}まで）に限られます。転出証明書の交付を受けて通常の転入として届け出てください（住基法24条の2）`,
      ),
    );
  }
}

function checkMoveOut(input: ChangeDateInput, notified: string, outcome: ChangeDateOutcome): void {
  const last = addDays(input.effectiveDate, NOTIFICATION_PERIOD_DAYS);
  outcome.deadline = last;
  if (notified <= last) return;
  outcome.exOfficio = true;
  outcome.lateNotification = true;
  outcome.findings.push(
    alert(
      'notifiedDate',
      'dates.move-out-ex-officio',
      `転出した日（${input.effectiveDate}）から14日を経過した転出届です。届出ではなく職権で記載し、転出証明書に準ずる証明書を交付します（4.1.3.0.1 届出日以降の異動・4.1.3.0.3 転出証明書等）`,
    ),
  );
}
