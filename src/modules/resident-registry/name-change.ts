/**
 * Changes of a person's names and other items from a 異動日 on: 職権修正・軽微な修正 (4.2.3.1 j840,
 * 4.2.3.2 j850), 氏名・氏の変更 on a 戸籍届出・通知 (4.2.0.3 j770, j780), 旧氏 on a 請求 and 通称 on a
 * 申出 (1.1.7 j70). Each appends one version through person-change.ts; a 世帯主's new name reaches
 * the other members' 世帯主の氏名 there.
 */
import { normalizeFurigana } from '../../jp/index.ts';
import type { ProcedureResult } from './entry.ts';
import { personEvents } from './events-person.ts';
import type { ChangeAliasInput, ChangeFormerSurnameInput, ChangeNameInput, CorrectExOfficioInput } from './inputs-person.ts';
import { kindFindings, recordPersonChange, unchangedFinding } from './person-change.ts';
import type { Caller, Deps } from './procedure.ts';
import { alert, error } from './rules/findings.ts';
import type { Row } from './store.ts';

const kana = (v: string | undefined) => (v === undefined ? null : normalizeFurigana(v));
const defined = (row: Row): Row => Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined));

/** 職権修正 (j840) or 軽微な修正 (j850): a whitelist of items, new from the 異動日. */
export async function correctExOfficio(deps: Deps, caller: Caller, input: CorrectExOfficioInput, now?: Date): Promise<ProcedureResult> {
  const i = input.items;
  const changes = defined({
    name: i.name, name_kana: i.nameKana === undefined ? undefined : kana(i.nameKana), name_kana_confirmed: i.nameKanaConfirmed, name_alphabet: i.nameAlphabet,
    registered_domicile: i.registeredDomicile, family_register_head: i.familyRegisterHead,
    address: i.addressText, address_supplement: i.addressSupplement, address_code: i.addressCode, postal_code: i.postalCode, sex: i.sex,
  });
  const items = Object.keys(defined({ ...i }));
  return recordPersonChange(deps, caller, {
    procedure: 'ex_officio_correction', function: 'correct-ex-officio',
    header: { effectiveDate: input.effectiveDate, notifiedDate: input.notifiedDate, basis: 'ex_officio', remark: input.remark, specialReason: input.specialReason },
    person: input.person,
    plan: (current) => ({
      findings: [
        ...(i.registeredDomicile !== undefined || i.familyRegisterHead !== undefined ? kindFindings(current, 'japanese', 'items.registeredDomicile', '本籍・筆頭者') : []),
        ...(i.nameAlphabet !== undefined ? kindFindings(current, 'foreign', 'items.nameAlphabet', '氏名（アルファベット）') : []),
        ...unchangedFinding('items', changes, current),
      ],
      versions: [{ reason: input.minor ? 'minor_correction' : 'ex_officio_correction', changes }],
    }),
    event: personEvents.correctedExOfficio,
    payload: ({ membersUpdated }) => ({ householdMembersUpdated: membersUpdated, minor: input.minor, items }),
  }, now);
}

/** 氏名・氏の変更 (戸籍届出・通知, j770): 職権修正 of the name, with 本籍・筆頭者 when they change too. */
export async function changeName(deps: Deps, caller: Caller, input: ChangeNameInput, now?: Date): Promise<ProcedureResult> {
  const changes = defined({
    name: input.name, name_kana: kana(input.nameKana), name_kana_confirmed: input.nameKanaConfirmed,
    registered_domicile: input.registeredDomicile, family_register_head: input.familyRegisterHead,
  });
  return recordPersonChange(deps, caller, {
    procedure: 'name_change', function: 'change-name',
    header: { effectiveDate: input.effectiveDate, notifiedDate: input.notifiedDate, basis: 'family_register_notice', remark: input.remark, specialReason: input.specialReason },
    person: input.person,
    plan: (current) => ({
      findings: [
        ...kindFindings(current, 'japanese', 'person.residentId', '戸籍届出・通知による氏名の変更'),
        ...unchangedFinding('name', changes, current),
        ...(input.nameKana === undefined ? [alert('nameKana', 'name.kana-missing', '新しい氏名のフリガナが未入力です。フリガナは空欄になります（1.1.18）')] : []),
      ],
      versions: [{ reason: 'ex_officio_correction', changes }],
    }),
    event: personEvents.nameChanged,
    payload: ({ membersUpdated }) => ({ householdMembersUpdated: membersUpdated }),
  }, now);
}

const FORMER_SURNAME_REASON = { entry: 'former_surname_entry', change: 'former_surname_change', deletion: 'former_surname_deletion' } as const;

/** 旧氏の記載・変更・削除 (請求, j70): 記載 needs none recorded, 変更・削除 need one. */
export async function changeFormerSurname(deps: Deps, caller: Caller, input: ChangeFormerSurnameInput, now?: Date): Promise<ProcedureResult> {
  const deletion = input.action === 'deletion';
  const changes: Row = deletion
    ? { former_surname: null, former_surname_kana: null, former_surname_kana_confirmed: false }
    : { former_surname: input.formerSurname, former_surname_kana: kana(input.formerSurnameKana), former_surname_kana_confirmed: input.formerSurnameKanaConfirmed };
  return recordPersonChange(deps, caller, {
    procedure: 'former_surname', function: 'change-former-surname',
    header: { effectiveDate: input.effectiveDate, notifiedDate: input.notifiedDate, basis: 'claim', remark: input.remark },
    person: input.person,
    plan: (current) => {
      const findings = kindFindings(current, 'japanese', 'person.residentId', '旧氏');
      const recorded = current.former_surname !== null && current.former_surname !== undefined;
      if (input.action === 'entry' && recorded) findings.push(error('action', 'former-surname.already-recorded', '旧氏は既に記載されています。変更として請求してください'));
      if (input.action !== 'entry' && !recorded) findings.push(error('action', 'former-surname.not-recorded', '旧氏は記載されていません。記載として請求してください'));
      if (input.action === 'change') findings.push(...unchangedFinding('formerSurname', changes, current));
      return { findings, versions: [{ reason: FORMER_SURNAME_REASON[input.action], changes }] };
    },
    event: personEvents.formerSurnameChanged,
    payload: () => ({ action: input.action }),
  }, now);
}

/** 通称の記載・削除 (申出, j70): the day and municipality of each are kept on the 住民票 (j20). */
export async function changeAlias(deps: Deps, caller: Caller, input: ChangeAliasInput, now?: Date): Promise<ProcedureResult> {
  const where = { on: input.effectiveDate, municipality: input.municipality, code: input.municipalityCode ?? caller.tenantCode };
  const changes: Row = input.action === 'entry'
    ? {
        alias: input.alias, alias_kana: kana(input.aliasKana), alias_kana_confirmed: input.aliasKanaConfirmed,
        alias_entered_on: where.on, alias_entered_municipality: where.municipality, alias_entered_municipality_code: where.code,
        alias_deleted_on: null, alias_deleted_municipality: null, alias_deleted_municipality_code: null,
      }
    : {
        alias: null, alias_kana: null, alias_kana_confirmed: false,
        alias_deleted_on: where.on, alias_deleted_municipality: where.municipality, alias_deleted_municipality_code: where.code,
      };
  return recordPersonChange(deps, caller, {
    procedure: 'alias', function: 'change-alias',
    header: { effectiveDate: input.effectiveDate, notifiedDate: input.notifiedDate, basis: 'request', remark: input.remark },
    person: input.person,
    plan: (current) => {
      const findings = kindFindings(current, 'foreign', 'person.residentId', '通称');
      const recorded = current.alias !== null && current.alias !== undefined;
      if (input.action === 'entry' && recorded) findings.push(error('action', 'alias.already-recorded', '通称は既に記載されています。変更するときは削除してから記載してください'));
      if (input.action === 'deletion' && !recorded) findings.push(error('action', 'alias.not-recorded', '通称は記載されていません'));
      return { findings, versions: [{ reason: input.action === 'entry' ? 'alias_entry' : 'alias_deletion', changes }] };
    },
    event: personEvents.aliasChanged,
    payload: () => ({ action: input.action }),
  }, now);
}
