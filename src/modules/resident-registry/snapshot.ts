/**
 * Between the records of model.ts / inputs.ts and resident_version rows: the columns of a new
 * person's first version, and a stored version as the API shows it. Search keys are written here,
 * with src/jp toSearchKey, so every version carries its own (past names stay searchable, 2.1.2).
 */
import { normalizeFurigana, splitName, toSearchKey } from '../../jp/index.ts';
import type { NewPerson } from './inputs.ts';
import type { ChangeReason, PersonSnapshot } from './model.ts';
import type { VersionRow } from './queries.ts';
import { normalizeRelationship } from './rules/relationship.ts';
import type { Row } from './store.ts';

const key = (text: string | null | undefined): string | null => (text ? toSearchKey(text) : null);
const kana = (text: string | undefined): string | null => (text === undefined ? null : normalizeFurigana(text));

/** Search keys of a version (2.1.2, 2.1.3): whole name, 名 alone, 旧氏, 通称, 住所. */
export function searchKeys(v: { name: string | null; name_alphabet?: string | null; name_kana: string | null; former_surname_kana?: string | null; alias_kana?: string | null; address: string }): Row {
  return {
    name_key: key(v.name ?? v.name_alphabet),
    name_kana_key: key(v.name_kana),
    given_name_kana_key: v.name_kana ? key(splitName(v.name_kana).givenName) : null,
    former_surname_kana_key: key(v.former_surname_kana),
    alias_kana_key: key(v.alias_kana),
    address_key: key(v.address),
  };
}

export interface Placement {
  changeId: string;
  reason: ChangeReason;
  validFrom: string;
  householdId: string;
  householdNo: string;
  headName: string | null;
  headNameKana: string | null;
  address: { text: string; supplement?: string | undefined; code?: string | undefined; postalCode?: string | undefined };
  notifiedOn: string | null;
  myNumberLookup: string | null;
}

/** The first version of a person entering the registry (転入, 出生): 住民となった日 and 住所を定めた日 are the 異動日. */
export function newPersonColumns(p: NewPerson, at: Placement): Row {
  const common: Row = {
    change_id: at.changeId,
    reason: at.reason,
    valid_from: at.validFrom,
    resident_kind: p.residentKind,
    status: 'resident',
    household_id: at.householdId,
    household_no: at.householdNo,
    household_head_name: at.headName,
    household_head_name_kana: at.headNameKana,
    relationship: normalizeRelationship(p.relationship),
    name: p.name ?? null,
    name_kana: kana(p.nameKana),
    name_kana_confirmed: p.nameKanaConfirmed,
    birth_date: p.birthDate,
    birth_date_notation: p.birthDateNotation ?? null,
    sex: p.sex,
    address: at.address.text,
    address_supplement: at.address.supplement ?? null,
    address_code: at.address.code ?? null,
    postal_code: at.address.postalCode ?? null,
    address_set_on: at.validFrom,
    notified_on: at.notifiedOn,
    previous_address: p.previousAddress?.text ?? null,
    previous_address_abroad: p.previousAddress?.abroad ?? false,
    previous_address_code: p.previousAddress?.code ?? null,
    previous_postal_code: p.previousAddress?.postalCode ?? null,
    last_registered_address: p.lastRegisteredAddress ?? null,
    resident_code: p.residentCode ?? null,
    my_number_lookup: at.myNumberLookup,
  };
  if (p.residentKind === 'japanese') {
    const own: Row = {
      former_surname: p.formerSurname ?? null,
      former_surname_kana: kana(p.formerSurnameKana),
      registered_domicile: p.registeredDomicile,
      family_register_head: p.familyRegisterHead,
      became_resident_on: at.validFrom,
    };
    return { ...common, ...own, ...searchKeys({ name: p.name, name_kana: common.name_kana as string | null, former_surname_kana: own.former_surname_kana as string | null, address: at.address.text }) };
  }
  const f = p.foreign;
  const own: Row = {
    name_alphabet: p.nameAlphabet ?? null,
    alias: p.alias ?? null,
    alias_kana: kana(p.aliasKana),
    nationality: f.nationality,
    foreign_resident_category: f.category,
    became_foreign_resident_on: f.becameForeignResidentOn,
    became_foreign_resident_on_notation: f.becameForeignResidentOnNotation ?? null,
    former_alien_registration_on: f.formerAlienRegistrationOn ?? null,
    former_alien_registration_on_notation: f.formerAlienRegistrationOnNotation ?? null,
    residence_status: f.residenceStatus ?? null,
    period_of_stay: f.periodOfStay ?? null,
    period_of_stay_expires_on: f.periodOfStayExpiresOn ?? null,
    residence_card_no: f.residenceCardNo ?? null,
    landing_period: f.landingPeriod ?? null,
    provisional_stay_period: f.provisionalStayPeriod ?? null,
    residence_notification_made: f.residenceNotificationMade,
    moved_in_with_landing_permit: f.movedInWithLandingPermit,
  };
  return {
    ...common,
    ...own,
    ...searchKeys({ name: p.name ?? null, name_alphabet: p.nameAlphabet ?? null, name_kana: common.name_kana as string | null, alias_kana: own.alias_kana as string | null, address: at.address.text }),
  };
}

const s = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const insured = (r: Row, prefix: string) => ({ insured: Boolean(r[`${prefix}_insured`]), acquiredOn: s(r[`${prefix}_acquired_on`]), lostOn: s(r[`${prefix}_lost_on`]) });
const address = (text: unknown, supplement: unknown, code: unknown, postalCode: unknown, abroad: unknown) =>
  text === null || text === undefined
    ? null
    : { text: String(text), abroad: Boolean(abroad), ...(supplement ? { supplement: String(supplement) } : {}), ...(code ? { code: String(code) } : {}), ...(postalCode ? { postalCode: String(postalCode) } : {}) };

/** A stored version as the API shows it: never the 個人番号, only whether one is held. */
export function toPersonSnapshot(r: VersionRow): PersonSnapshot {
  const foreign = r.resident_kind === 'foreign';
  return {
    residentId: r.resident_id,
    addresseeNo: r.addressee_no,
    historyNo: r.history_no,
    changeId: String(r.change_id),
    reason: r.reason as PersonSnapshot['reason'],
    validFrom: r.valid_from,
    recordedAt: new Date(r.recorded_at as string | Date).toISOString(),
    supersedesHistoryNo: (r.supersedes_history_no as number | null) ?? null,
    residentKind: r.resident_kind as PersonSnapshot['residentKind'],
    status: r.status as PersonSnapshot['status'],
    householdId: r.household_id,
    householdNo: String(r.household_no),
    householdHeadName: s(r.household_head_name),
    householdHeadNameKana: s(r.household_head_name_kana),
    relationship: r.relationship,
    name: r.name,
    nameAlphabet: r.name_alphabet,
    nameKana: s(r.name_kana),
    nameKanaConfirmed: Boolean(r.name_kana_confirmed),
    formerSurname: s(r.former_surname),
    formerSurnameKana: s(r.former_surname_kana),
    formerSurnameKanaConfirmed: Boolean(r.former_surname_kana_confirmed),
    alias: s(r.alias),
    aliasKana: s(r.alias_kana),
    aliasKanaConfirmed: Boolean(r.alias_kana_confirmed),
    aliasEnteredOn: s(r.alias_entered_on),
    aliasEnteredMunicipality: s(r.alias_entered_municipality),
    aliasEnteredMunicipalityCode: s(r.alias_entered_municipality_code),
    aliasDeletedOn: s(r.alias_deleted_on),
    aliasDeletedMunicipality: s(r.alias_deleted_municipality),
    aliasDeletedMunicipalityCode: s(r.alias_deleted_municipality_code),
    birthDate: r.birth_date,
    birthDateNotation: s(r.birth_date_notation),
    sex: r.sex as PersonSnapshot['sex'],
    registeredDomicile: s(r.registered_domicile),
    familyRegisterHead: s(r.family_register_head),
    becameResidentOn: s(r.became_resident_on),
    becameResidentOnNotation: s(r.became_resident_on_notation),
    address: address(r.address, r.address_supplement, r.address_code, r.postal_code, false)!,
    addressSetOn: String(r.address_set_on),
    addressSetOnNotation: s(r.address_set_on_notation),
    notifiedOn: s(r.notified_on),
    previousAddress: address(r.previous_address, null, r.previous_address_code, r.previous_postal_code, r.previous_address_abroad),
    lastRegisteredAddress: s(r.last_registered_address),
    residentCode: s(r.resident_code),
    hasMyNumber: r.my_number_lookup !== null && r.my_number_lookup !== undefined,
    foreign: foreign
      ? ({
          nationality: String(r.nationality),
          category: r.foreign_resident_category,
          becameForeignResidentOn: String(r.became_foreign_resident_on),
          ...(r.became_foreign_resident_on_notation ? { becameForeignResidentOnNotation: String(r.became_foreign_resident_on_notation) } : {}),
          ...(r.residence_status ? { residenceStatus: String(r.residence_status) } : {}),
          ...(r.period_of_stay ? { periodOfStay: String(r.period_of_stay) } : {}),
          ...(r.period_of_stay_expires_on ? { periodOfStayExpiresOn: String(r.period_of_stay_expires_on) } : {}),
          ...(r.residence_card_no ? { residenceCardNo: String(r.residence_card_no) } : {}),
          residenceNotificationMade: Boolean(r.residence_notification_made),
          movedInWithLandingPermit: Boolean(r.moved_in_with_landing_permit),
        } as PersonSnapshot['foreign'])
      : null,
    links: {
      electoralRollRegistered: Boolean(r.electoral_roll_registered),
      nationalHealthInsurance: insured(r, 'nhi'),
      lateElderlyMedical: insured(r, 'late_elderly'),
      longTermCare: insured(r, 'long_term_care'),
      nationalPension: { ...insured(r, 'pension'), basicPensionNo: s(r.basic_pension_no), category: s(r.pension_category), categoryChangedOn: s(r.pension_category_changed_on) },
      childAllowance: { from: s(r.child_allowance_from), until: s(r.child_allowance_until) },
    },
    cardStatus: s(r.card_status),
    adultWard: Boolean(r.adult_ward),
    signatureCertSerial: s(r.signature_cert_serial),
    userCertSerial: s(r.user_cert_serial),
    removal: r.removal_reason
      ? {
          reason: r.removal_reason as PersonSnapshot['reason'],
          eventDate: String(r.removal_event_date),
          moveOutDestination: address(r.move_out_destination, null, r.move_out_destination_code, r.move_out_destination_postal_code, r.move_out_destination_abroad),
          moveOutConfirmedDestination: address(r.move_out_confirmed_destination, null, r.move_out_confirmed_destination_code, r.move_out_confirmed_destination_postal_code, false),
          moveInNoticeOn: s(r.move_in_notice_on),
          movedOutOn: s(r.moved_out_on),
        }
      : null,
  };
}

/**
 * A person's next version, copied from the current one with `changes`: versions are full snapshots
 * (j200), so whatever the procedure does not touch carries over as it was.
 */
export function nextVersionColumns(current: VersionRow, changes: Row): Row {
  const { addressee_no: _a, lock_version: _l, my_number_token: _m, ...stored } = current;
  const next: Row = { ...stored, ...changes };
  return { ...next, ...searchKeys(next as Parameters<typeof searchKeys>[0]) };
}
