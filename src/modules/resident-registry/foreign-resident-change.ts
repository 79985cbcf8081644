/**
 * 外国人住民 changes from a 異動日 on (4.5, j930–j960): 在留資格の変更・在留期間の更新 on the
 * 出入国在留管理庁長官通知 (職権修正), 帰化・国籍取得 and 国籍喪失. A change of nationality keeps the
 * person (same 宛名番号, resident row, household and 続柄): one 異動 appends the 消除 of the old
 * 住民票 and the 記載 of the new one, the carried-over items copied (j930, j940, j950).
 * 法30条の47届出 (j920) is an entry and not here.
 */
import { normalizeFurigana } from '../../jp/index.ts';
import type { ProcedureResult } from './entry.ts';
import { personEvents } from './events-person.ts';
import type { ChangeResidenceStatusInput, LoseNationalityInput, NaturalizeInput } from './inputs-person.ts';
import { FOREIGN_RESIDENT_CATEGORY } from './data-list.ts';
import { kindFindings, recordPersonChange, unchangedFinding } from './person-change.ts';
import type { Caller, Deps } from './procedure.ts';
import type { VersionRow } from './queries.ts';
import { error, type Finding } from './rules/findings.ts';
import type { Row } from './store.ts';

const FOREIGN_ITEMS = {
  residenceStatus: 'residence_status', periodOfStay: 'period_of_stay', periodOfStayExpiresOn: 'period_of_stay_expires_on',
  residenceCardNo: 'residence_card_no', landingPeriod: 'landing_period', provisionalStayPeriod: 'provisional_stay_period',
} as const;
type ForeignItems = Partial<Record<keyof typeof FOREIGN_ITEMS, string>>;

/** What each 区分 of 法30条の45 must carry (1.1.6 空欄, j60), on the state the change leaves. */
export function categoryFindings(field: string, category: string, columns: Row, effectiveDate: string): Finding[] {
  const findings: Finding[] = [];
  const need = (item: keyof typeof FOREIGN_ITEMS, what: string) => {
    if (columns[FOREIGN_ITEMS[item]] == null) findings.push(error(`${field}.${item}`, 'required', `${FOREIGN_RESIDENT_CATEGORY[category as keyof typeof FOREIGN_RESIDENT_CATEGORY] ?? category}は${what}が必要です（1.1.6 空欄）`));
  };
  if (category === 'mid_long_term') {
    need('residenceStatus', '在留資格');
    need('periodOfStay', '在留期間');
    need('periodOfStayExpiresOn', '在留期間の満了の日');
    need('residenceCardNo', '在留カードの番号');
  }
  if (category === 'special_permanent') need('residenceCardNo', '特別永住者証明書の番号');
  if (category === 'temporary_refuge') need('landingPeriod', '上陸期間');
  if (category === 'provisional_stay') need('provisionalStayPeriod', '仮滞在期間');
  const expires = columns.period_of_stay_expires_on as string | null | undefined;
  if (expires && expires < effectiveDate) {
    findings.push(error(`${field}.periodOfStayExpiresOn`, 'dates.expiry-before-effective', `在留期間の満了の日 ${expires} が異動日 ${effectiveDate} より前です`));
  }
  return findings;
}

const foreignColumns = (items: ForeignItems): Row =>
  Object.fromEntries(Object.entries(FOREIGN_ITEMS).filter(([item]) => items[item as keyof ForeignItems] !== undefined).map(([item, column]) => [column, items[item as keyof ForeignItems]]));
const noForeignItems: Row = Object.fromEntries(Object.values(FOREIGN_ITEMS).map((c) => [c, null]));

/** 在留資格の変更・在留期間の更新 (j960): 職権修正 on the 入管通知; a new 区分 starts from empty items. */
export async function changeResidenceStatus(deps: Deps, caller: Caller, input: ChangeResidenceStatusInput, now?: Date): Promise<ProcedureResult> {
  const { category, ...items } = input.foreign;
  return recordPersonChange(deps, caller, {
    procedure: 'residence_status_change', function: 'change-residence-status',
    // Recorded as 職権 (入管法 notice, no 届出); dated like a notice: the 通知日 follows the change.
    header: { effectiveDate: input.effectiveDate, notifiedDate: input.notifiedDate, basis: 'ex_officio', remark: input.remark },
    dateBasis: 'family_register_notice',
    person: input.person,
    plan: (current) => {
      const newCategory = category ?? String(current.foreign_resident_category);
      const changes: Row = { ...(newCategory !== current.foreign_resident_category ? { ...noForeignItems, foreign_resident_category: newCategory } : {}), ...foreignColumns(items) };
      const after = { ...current, ...changes };
      const findings = kindFindings(current, 'foreign', 'person.residentId', '在留資格・在留期間');
      if (findings.length === 0) findings.push(...categoryFindings('foreign', newCategory, after, input.effectiveDate), ...unchangedFinding('foreign', changes, current));
      return { findings, versions: [{ reason: 'ex_officio_correction', changes }] };
    },
    event: personEvents.residenceStatusChanged,
    payload: ({ after }) => ({ category: after.foreign_resident_category, periodOfStayExpiresOn: after.period_of_stay_expires_on ?? null }),
  }, now);
}

/** The 外国人住民 items a 日本人住民票 does not have (j20): emptied on 帰化・国籍取得. */
const foreignOnly: Row = {
  ...noForeignItems, name_alphabet: null, alias: null, alias_kana: null, alias_kana_confirmed: false,
  nationality: null, foreign_resident_category: null, became_foreign_resident_on: null, became_foreign_resident_on_notation: null,
  former_alien_registration_on: null, former_alien_registration_on_notation: null, residence_notification_made: false, moved_in_with_landing_permit: false,
};
const removal = (reason: 'ex_officio_removal_naturalization' | 'ex_officio_removal_nationality_loss', effectiveDate: string) =>
  ({ reason, changes: { status: 'removed', removal_reason: reason, removal_event_date: effectiveDate } }) as const;
const reentered: Row = { status: 'resident', removal_reason: null, removal_event_date: null };

/** 帰化・国籍取得 (j930, j940): 外国人住民となった年月日 becomes 住民となった年月日. */
export async function naturalize(deps: Deps, caller: Caller, input: NaturalizeInput, now?: Date): Promise<ProcedureResult> {
  return recordPersonChange(deps, caller, {
    procedure: 'naturalization', function: 'naturalize',
    header: { effectiveDate: input.effectiveDate, notifiedDate: input.notifiedDate, basis: 'family_register_notice', remark: input.remark },
    person: input.person,
    plan: (current: VersionRow) => ({
      findings: kindFindings(current, 'foreign', 'person.residentId', input.kind === 'naturalization' ? '帰化' : '国籍取得'),
      versions: [
        removal('ex_officio_removal_naturalization', input.effectiveDate),
        {
          reason: 'ex_officio_entry_naturalization',
          changes: {
            ...reentered, ...foreignOnly, resident_kind: 'japanese',
            name: input.name, name_kana: input.nameKana === undefined ? null : normalizeFurigana(input.nameKana), name_kana_confirmed: input.nameKanaConfirmed,
            registered_domicile: input.registeredDomicile, family_register_head: input.familyRegisterHead,
            became_resident_on: current.became_foreign_resident_on, became_resident_on_notation: current.became_foreign_resident_on_notation ?? null,
          },
        },
      ],
    }),
    event: personEvents.nationalityChanged,
    payload: ({ membersUpdated }) => ({ householdMembersUpdated: membersUpdated, kind: input.kind, residentKind: 'japanese' }),
  }, now);
}

/**
 * 国籍喪失 (j950): 外国人住民となった年月日 = the later of 喪失日 and 住民となった年月日. The 喪失日 may
 * precede the 住民票 (a loss found out later); the 異動 still starts no earlier than the current state.
 */
export async function loseNationality(deps: Deps, caller: Caller, input: LoseNationalityInput, now?: Date): Promise<ProcedureResult> {
  const { nationality, category, ...items } = input.foreign;
  return recordPersonChange(deps, caller, {
    procedure: 'nationality_loss', function: 'lose-nationality',
    header: { effectiveDate: input.effectiveDate, notifiedDate: input.notifiedDate, basis: 'family_register_notice', remark: input.remark },
    person: input.person,
    plan: (current: VersionRow) => {
      const lostOn = input.lostOn ?? input.effectiveDate;
      const residentSince = (current.became_resident_on as string | null) ?? lostOn;
      const foreign: Row = {
        ...noForeignItems, ...foreignColumns(items), nationality, foreign_resident_category: category,
        became_foreign_resident_on: lostOn > residentSince ? lostOn : residentSince,
      };
      const findings = kindFindings(current, 'japanese', 'person.residentId', '国籍喪失');
      if (lostOn > input.effectiveDate) findings.push(error('lostOn', 'dates.lost-after-effective', `国籍を失った年月日 ${lostOn} が異動日 ${input.effectiveDate} より後です`));
      if (lostOn < current.birth_date) findings.push(error('lostOn', 'dates.before-birth', `国籍を失った年月日 ${lostOn} が生年月日 ${current.birth_date} より前です`));
      findings.push(...categoryFindings('foreign', category, foreign, input.effectiveDate));
      return {
        findings,
        versions: [
          removal('ex_officio_removal_nationality_loss', lostOn),
          {
            reason: 'ex_officio_entry_nationality_loss',
            changes: {
              ...reentered, ...foreign, resident_kind: 'foreign', registered_domicile: null, family_register_head: null,
              former_surname: null, former_surname_kana: null, former_surname_kana_confirmed: false, became_resident_on: null, became_resident_on_notation: null,
              name: input.name ?? current.name, name_alphabet: input.nameAlphabet ?? null,
              ...(input.nameKana === undefined ? {} : { name_kana: normalizeFurigana(input.nameKana) }),
            },
          },
        ],
      };
    },
    event: personEvents.nationalityChanged,
    payload: ({ membersUpdated }) => ({ householdMembersUpdated: membersUpdated, kind: 'nationality_loss', residentKind: 'foreign' }),
  }, now);
}
