/**
 * Records of 住民基本台帳 as the API shows them: a person's snapshot at one point of its history
 * (resident_version), a household with its ordered members, and a 異動 (change). Input schemas
 * of the procedures are in inputs.ts. Field names follow GLOSSARY.md; the data list is data-list.ts.
 */
import { z } from '@hono/zod-openapi';
import { CHANGE_BASIS, CHANGE_REASONS, FOREIGN_RESIDENT_CATEGORY, RESIDENT_KIND, RESIDENT_STATUS, SEX, SPECIAL_REASONS } from './data-list.ts';
import { AddressSchema, DateNotationSchema, IsoDateSchema, ResidenceCardNoSchema, textSchema, UuidSchema } from './fields.ts';

const codesOf = <T extends Record<string, unknown>>(table: T) => Object.keys(table) as [keyof T & string, ...(keyof T & string)[]];

export const SexSchema = z.enum(codesOf(SEX)).openapi({ description: '性別（1: 男, 2: 女）' });
export const ResidentKindSchema = z.enum(codesOf(RESIDENT_KIND)).openapi({ description: '住民種別' });
export const ResidentStatusSchema = z.enum(codesOf(RESIDENT_STATUS)).openapi({ description: '住民状態' });
export const ForeignResidentCategorySchema = z.enum(codesOf(FOREIGN_RESIDENT_CATEGORY)).openapi({ description: '法第30条の45の表の区分' });
export const ChangeReasonSchema = z.enum(codesOf(CHANGE_REASONS)).openapi({ description: '異動事由（1.2.2）' });
export const SpecialReasonSchema = z.enum(codesOf(SPECIAL_REASONS)).openapi({ description: '特別な事由（j40）: special_adoption 特別養子縁組, special_adoption_dissolution その解消, gender_change 性別の変更' });
export type SpecialReason = z.infer<typeof SpecialReasonSchema>;
export const ChangeBasisSchema = z.enum(codesOf(CHANGE_BASIS)).openapi({ description: '届出・職権・申出・戸籍届出・通知・請求' });

/** One function of service.ts each (to come); the 異動事由 they write are listed in README.md. */
export const PROCEDURES = {
  move_in: '転入',
  move_within: '転居',
  move_out: '転出',
  move_in_notice: '転入通知の受理',
  household_change: '世帯変更',
  birth: '出生',
  death: '死亡・失踪宣告',
  ex_officio_entry: '職権記載',
  ex_officio_correction: '職権修正（軽微な修正を含む）',
  clerical_correction: '誤記修正',
  ex_officio_removal: '職権消除',
  name_change: '氏名・氏の変更',
  former_surname: '旧氏の記載・変更・削除',
  alias: '通称の記載・削除',
  foreign_resident_notification: '法第30条の47の届出',
  residence_status_change: '在留資格・在留期間等の変更',
  naturalization: '帰化・国籍取得',
  nationality_loss: '国籍喪失',
  resident_code_change: '住民票コードの記載・変更',
  my_number_entry: '個人番号の記載・変更',
  cancellation: '異動の取消し',
  reissue: '改製',
} as const;
export const ProcedureSchema = z.enum(codesOf(PROCEDURES));
export type Procedure = z.infer<typeof ProcedureSchema>;

/** 国内転入, 特例転入 (住基法24条の2), 国外からの転入, 法30条の46 (外国人住民が住所を定めた). */
export const MoveInKindSchema = z.enum(['domestic', 'special', 'from_abroad', 'article_30_46']);
export type MoveInKind = z.infer<typeof MoveInKindSchema>;
export type ChangeBasis = z.infer<typeof ChangeBasisSchema>;
export type ChangeReason = z.infer<typeof ChangeReasonSchema>;
export type ResidentStatus = z.infer<typeof ResidentStatusSchema>;

const optionalText = (label: string, max: number) => textSchema(label, max).optional();

/**
 * 外国人住民 items of 1.1.2 (j20). What each 区分 must carry follows 1.1.6 空欄 (j60); 在留資格 and
 * 在留期間 are text because the standard gives no code table for them (入管法別表 names them).
 */
export const ForeignResidentItemsSchema = z
  .object({
    nationality: textSchema('国籍・地域', 60),
    category: ForeignResidentCategorySchema,
    becameForeignResidentOn: IsoDateSchema.openapi({ description: '外国人住民となった年月日' }),
    becameForeignResidentOnNotation: DateNotationSchema.optional(),
    formerAlienRegistrationOn: IsoDateSchema.optional().openapi({ description: '旧外登法による登録年月日' }),
    formerAlienRegistrationOnNotation: DateNotationSchema.optional(),
    residenceStatus: optionalText('在留資格', 60),
    periodOfStay: optionalText('在留期間', 30),
    periodOfStayExpiresOn: IsoDateSchema.optional().openapi({ description: '在留期間の満了の日（西暦で表示）' }),
    residenceCardNo: ResidenceCardNoSchema.optional().openapi({ description: '在留カード又は特別永住者証明書の番号' }),
    landingPeriod: optionalText('上陸期間', 30),
    provisionalStayPeriod: optionalText('仮滞在期間', 30),
    residenceNotificationMade: z.boolean().default(false).openapi({ description: '住居地の届出の有無' }),
    movedInWithLandingPermit: z.boolean().default(false).openapi({ description: '上陸許可証による転入の旨' }),
  })
  .superRefine((v, ctx) => {
    const need = (field: keyof typeof v, what: string) => {
      if (v[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: `${FOREIGN_RESIDENT_CATEGORY[v.category]}は${what}が必要です（1.1.6 空欄）`, params: { rule: 'required' } });
    };
    if (v.category === 'mid_long_term') {
      need('residenceStatus', '在留資格');
      need('periodOfStay', '在留期間');
      need('periodOfStayExpiresOn', '在留期間の満了の日');
      need('residenceCardNo', '在留カードの番号');
    }
    if (v.category === 'special_permanent') need('residenceCardNo', '特別永住者証明書の番号');
    if (v.category === 'temporary_refuge') need('landingPeriod', '上陸期間');
    if (v.category === 'provisional_stay') need('provisionalStayPeriod', '仮滞在期間');
  })
  .openapi('ForeignResidentItems');

const Insurance = z.object({ insured: z.boolean(), acquiredOn: IsoDateSchema.nullable(), lostOn: IsoDateSchema.nullable() });
const YearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

/** Items of other businesses that 法第7条 puts on the 住民票; they arrive as those modules' events. */
export const StatutoryLinksSchema = z
  .object({
    electoralRollRegistered: z.boolean(),
    nationalHealthInsurance: Insurance,
    lateElderlyMedical: Insurance,
    longTermCare: Insurance,
    nationalPension: Insurance.extend({
      basicPensionNo: z.string().nullable(),
      category: z.string().nullable(),
      categoryChangedOn: IsoDateSchema.nullable(),
    }),
    childAllowance: z.object({ from: YearMonth.nullable(), until: YearMonth.nullable() }),
  })
  .openapi('StatutoryLinks');

/** 除票固有の事項 (1.1.5, j50). */
export const RemovalItemsSchema = z
  .object({
    reason: ChangeReasonSchema.openapi({ description: '消除事由' }),
    eventDate: IsoDateSchema.openapi({ description: '事由の生じた年月日（転出は転出予定年月日）' }),
    moveOutDestination: AddressSchema.nullable().openapi({ description: '転出先住所（予定）' }),
    moveOutConfirmedDestination: AddressSchema.nullable().openapi({ description: '転出先住所（確定）' }),
    moveInNoticeOn: IsoDateSchema.nullable().openapi({ description: '転入通知年月日' }),
    movedOutOn: IsoDateSchema.nullable().openapi({ description: '転出年月日（確定）' }),
  })
  .openapi('RemovalItems');

const nullableText = z.string().nullable();

/**
 * A person as recorded at one point of history: one row of resident_version (1.2.1, j200: every
 * item in one row, keyed by 宛名番号 and 履歴番号). Never the 個人番号 itself: only whether one is held.
 */
export const PersonSnapshotSchema = z
  .object({
    residentId: UuidSchema,
    addresseeNo: z.string().openapi({ description: '宛名番号' }),
    historyNo: z.int().min(1).openapi({ description: '履歴番号' }),
    changeId: UuidSchema,
    reason: ChangeReasonSchema,
    validFrom: IsoDateSchema.openapi({ description: 'この状態が始まる日（異動日）' }),
    recordedAt: z.string().openapi({ description: '記録した日時（処理日時）' }),
    supersedesHistoryNo: z.int().nullable().openapi({ description: '修正・取消しで置き換えた履歴番号' }),
    residentKind: ResidentKindSchema,
    status: ResidentStatusSchema,
    householdId: UuidSchema,
    householdNo: z.string().openapi({ description: '世帯番号' }),
    householdHeadName: nullableText.openapi({ description: '世帯主の氏名（世帯主未設定は null）' }),
    householdHeadNameKana: nullableText,
    relationship: z.string().openapi({ description: '世帯主との続柄' }),
    name: nullableText.openapi({ description: '氏名（外国人住民は氏名（漢字））' }),
    nameAlphabet: nullableText,
    nameKana: nullableText,
    nameKanaConfirmed: z.boolean(),
    formerSurname: nullableText,
    formerSurnameKana: nullableText,
    formerSurnameKanaConfirmed: z.boolean(),
    alias: nullableText,
    aliasKana: nullableText,
    aliasKanaConfirmed: z.boolean(),
    aliasEnteredOn: IsoDateSchema.nullable(),
    aliasEnteredMunicipality: nullableText,
    aliasEnteredMunicipalityCode: nullableText,
    aliasDeletedOn: IsoDateSchema.nullable(),
    aliasDeletedMunicipality: nullableText,
    aliasDeletedMunicipalityCode: nullableText,
    birthDate: IsoDateSchema,
    birthDateNotation: nullableText,
    sex: SexSchema,
    registeredDomicile: nullableText.openapi({ description: '本籍（「なし」「不明」を含む）' }),
    familyRegisterHead: nullableText.openapi({ description: '筆頭者' }),
    becameResidentOn: IsoDateSchema.nullable().openapi({ description: '住民となった年月日' }),
    becameResidentOnNotation: nullableText,
    address: AddressSchema,
    addressSetOn: IsoDateSchema.openapi({ description: '住所を定めた年月日' }),
    addressSetOnNotation: nullableText,
    notifiedOn: IsoDateSchema.nullable().openapi({ description: '届出の年月日' }),
    previousAddress: AddressSchema.nullable().openapi({ description: '転入前住所' }),
    lastRegisteredAddress: nullableText.openapi({ description: '最終登録住所地' }),
    residentCode: nullableText.openapi({ description: '住民票コード' }),
    hasMyNumber: z.boolean().openapi({ description: '個人番号の記載の有無（番号は別の経路で、権限のある者にのみ）' }),
    foreign: ForeignResidentItemsSchema.nullable(),
    links: StatutoryLinksSchema,
    cardStatus: nullableText.openapi({ description: '個人番号カード及び住基カードの発行状況' }),
    adultWard: z.boolean().openapi({ description: '成年被後見人の該当有無' }),
    signatureCertSerial: nullableText,
    userCertSerial: nullableText,
    removal: RemovalItemsSchema.nullable(),
  })
  .openapi('PersonSnapshot');
export type PersonSnapshot = z.infer<typeof PersonSnapshotSchema>;

export const HouseholdStatusSchema = z.enum(['active', 'dissolved']);

export const HouseholdMemberSchema = z.object({
  residentId: UuidSchema,
  addresseeNo: z.string().openapi({ description: '宛名番号' }),
  name: z.string().nullable().openapi({ description: '氏名（外国人住民で漢字氏名がなければアルファベット氏名）' }),
  order: z.int().min(1).openapi({ description: '世帯員の並び順' }),
  relationship: z.string(),
});

/** A household at one point of its history, with `version` for optimistic locking (409 when stale). */
export const HouseholdSchema = z
  .object({
    householdId: UuidSchema,
    householdNo: z.string().openapi({ description: '世帯番号' }),
    historyNo: z.int().min(1),
    validFrom: IsoDateSchema,
    recordedAt: z.string(),
    status: HouseholdStatusSchema,
    headResidentId: UuidSchema.nullable().openapi({ description: '世帯主（未設定は null、1.1.10）' }),
    members: z.array(HouseholdMemberSchema),
    /** 消除された世帯構成員 (3.3, j430): who left this household by 転出, 死亡 or 消除, as their 除票 shows them. */
    removedMembers: z
      .array(z.object({
        residentId: UuidSchema, addresseeNo: z.string(), name: z.string().nullable(), relationship: z.string(), status: ResidentStatusSchema,
        removalReason: ChangeReasonSchema.nullable(), removedOn: IsoDateSchema,
      }))
      .optional(),
    version: z.int().min(1),
  })
  .openapi('Household');
export type Household = z.infer<typeof HouseholdSchema>;

/** A 異動 as recorded: one procedure, its dates, its operator and flags (1.2.1, j200). */
export const ChangeSchema = z
  .object({
    changeId: UuidSchema,
    procedure: ProcedureSchema,
    basis: ChangeBasisSchema,
    effectiveDate: IsoDateSchema.openapi({ description: '異動日' }),
    notifiedDate: IsoDateSchema.nullable().openapi({ description: '届出日（戸籍届出・通知日、申出日、請求日）' }),
    processedAt: z.string().openapi({ description: '処理日時' }),
    processedOn: IsoDateSchema.openapi({ description: '処理日' }),
    operatorId: UuidSchema,
    inputLocation: nullableText,
    inputTerminal: nullableText,
    lateNotification: z.boolean().openapi({ description: '届出期間経過（過料通知の対象）' }),
    cancelsChangeId: UuidSchema.nullable(),
    correctsChangeId: UuidSchema.nullable(),
    remark: nullableText.openapi({ description: '留意事項' }),
  })
  .openapi('Change');
export type Change = z.infer<typeof ChangeSchema>;
