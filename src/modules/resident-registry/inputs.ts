/**
 * Input schemas of the procedures 転入, 転居, 転出, 出生, 死亡 and 世帯変更: what a request carries.
 * They check shape and single fields; the rules in rules/ (dates, household invariants, duplicates)
 * run in the service on the whole proposed state. A household a procedure changes is named with the
 * version the operator saw: a stale version is answered with 409 (optimistic lock).
 */
import { z } from '@hono/zod-openapi';
import { AddressSchema, AddressTextSchema, DateNotationSchema, furiganaSchema, IsoDateSchema, MyNumberSchema, nameSchema, RelationshipSchema, RemarkSchema, ResidentCodeSchema, textSchema, UuidSchema } from './fields.ts';
import { ChangeBasisSchema, ForeignResidentItemsSchema, MoveInKindSchema, SexSchema } from './model.ts';

const changeHeader = (basis: z.infer<typeof ChangeBasisSchema>) => ({
  effectiveDate: IsoDateSchema.openapi({ description: '異動日' }),
  /** Only 出生・死亡・失踪 may carry a 不詳日 (1.1.8). */
  effectiveDateNotation: DateNotationSchema.optional(),
  notifiedDate: IsoDateSchema.optional().openapi({ description: '届出日（戸籍届出・通知日、申出日）。職権のときは不要' }),
  basis: ChangeBasisSchema.default(basis),
  remark: RemarkSchema.optional(),
});

export const HouseholdLockSchema = z
  .object({ householdId: UuidSchema, version: z.int().min(1).openapi({ description: '画面表示時の世帯のバージョン' }) })
  .openapi('HouseholdLock');

export const MemberRelationshipSchema = z.object({ residentId: UuidSchema, relationship: RelationshipSchema });

const newPersonCommon = {
  nameKanaConfirmed: z.boolean().default(false).openapi({ description: 'フリガナ確認フラグ' }),
  birthDate: IsoDateSchema.openapi({ description: '生年月日' }),
  birthDateNotation: DateNotationSchema.optional(),
  sex: SexSchema,
  relationship: RelationshipSchema,
  previousAddress: AddressSchema.optional().openapi({ description: '転入前住所（出生・30条の46は空欄）。不明は「不明」、未届は末尾に（未届）' }),
  lastRegisteredAddress: AddressTextSchema.optional().openapi({ description: '最終登録住所地' }),
  residentCode: ResidentCodeSchema.optional().openapi({ description: '転入前の住民票コード（住基法22条1項6号）' }),
  myNumber: MyNumberSchema.optional(),
  reentryAddresseeNo: z.string().regex(/^[0-9]{2,20}$/, { error: '宛名番号は数字で入力してください' }).optional()
    .openapi({ description: '再転入者（4.1.1.2）: この団体の除票の宛名番号。宛名番号を引き継ぎ、除票の者として記載する' }),
};

export const NewJapanesePersonSchema = z
  .object({
    residentKind: z.literal('japanese'),
    name: nameSchema('氏名'),
    nameKana: furiganaSchema('氏名のフリガナ').optional(),
    formerSurname: nameSchema('旧氏').optional(),
    formerSurnameKana: furiganaSchema('旧氏のフリガナ').optional(),
    registeredDomicile: textSchema('本籍', 200).openapi({ description: '本籍（「なし」「不明」も可、1.1.12）' }),
    familyRegisterHead: nameSchema('筆頭者').openapi({ description: '筆頭者（「なし」「不明」も可）' }),
    ...newPersonCommon,
  })
  .openapi('NewJapanesePerson');

export const NewForeignPersonSchema = z
  .object({
    residentKind: z.literal('foreign'),
    name: nameSchema('氏名（漢字）').optional(),
    nameAlphabet: textSchema('氏名（アルファベット）', 200, { name: true }).optional(),
    nameKana: furiganaSchema('氏名のフリガナ', { allowMiddleDot: true }).optional(),
    alias: nameSchema('通称').optional(),
    aliasKana: furiganaSchema('通称のフリガナ', { allowMiddleDot: true }).optional(),
    foreign: ForeignResidentItemsSchema,
    ...newPersonCommon,
  })
  .refine((p) => p.name !== undefined || p.nameAlphabet !== undefined, {
    path: ['name'],
    error: '氏名（漢字）か氏名（アルファベット）のいずれかを入力してください',
    params: { rule: 'required' },
  })
  .openapi('NewForeignPerson');

export const NewPersonSchema = z.discriminatedUnion('residentKind', [NewJapanesePersonSchema, NewForeignPersonSchema]);
export type NewPerson = z.infer<typeof NewPersonSchema>;

/** 異動先世帯 (4.0.2, j470): 全部 = the persons form a new household at `address`; 一部 = they join one. */
export const DestinationSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('new'), address: AddressSchema }),
  z.object({ type: z.literal('existing'), household: HouseholdLockSchema }),
]);

/** 転入 (4.1.1: j590–j620, j910): 国内転入, 特例転入, 国外からの転入, 法30条の46. */
export const MoveInInputSchema = z
  .object({
    ...changeHeader('notification'),
    kind: MoveInKindSchema,
    plannedMoveOutDate: IsoDateSchema.optional().openapi({ description: '特例転入: 転出証明書情報の転出予定日' }),
    destination: DestinationSchema,
    persons: z.array(NewPersonSchema).min(1).max(50),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'special' && v.plannedMoveOutDate === undefined) {
      ctx.addIssue({ code: 'custom', path: ['plannedMoveOutDate'], message: '特例転入には転出予定日が必要です（住基法24条の2）', params: { rule: 'required' } });
    }
    v.persons.forEach((p, i) => {
      if (v.kind === 'article_30_46' && p.residentKind !== 'foreign') {
        ctx.addIssue({ code: 'custom', path: ['persons', i, 'residentKind'], message: '法第30条の46の転入は外国人住民に限られます', params: { rule: 'foreign-only' } });
      }
    });
  })
  .openapi('MoveInInput');
export type MoveInInput = z.infer<typeof MoveInInputSchema>;

/**
 * 法第30条の47の届出 (4.5.2, j920): someone already living here becomes a 中長期在留者, 特別永住者,
 * 一時庇護許可者 or 仮滞在許可者 and is entered as for a 国外転入; the 転入前住所 may stay blank.
 */
export const ForeignResidentNotificationInputSchema = z
  .object({
    ...changeHeader('notification'),
    destination: DestinationSchema,
    persons: z.array(NewForeignPersonSchema).min(1).max(50),
  })
  .openapi('ForeignResidentNotificationInput');
export type ForeignResidentNotificationInput = z.infer<typeof ForeignResidentNotificationInputSchema>;

/** 転居 (4.1.2, j630): within the municipality, also to another building at the same 地番. */
export const MoveWithinInputSchema = z
  .object({
    ...changeHeader('notification'),
    from: HouseholdLockSchema,
    residentIds: z.array(UuidSchema).min(1),
    destination: z.discriminatedUnion('type', [
      // The whole household moves and keeps its 世帯番号.
      z.object({ type: z.literal('same'), address: AddressSchema }),
      z.object({ type: z.literal('new'), address: AddressSchema }),
      z.object({ type: z.literal('existing'), household: HouseholdLockSchema }),
    ]),
    relationships: z.array(MemberRelationshipSchema).default([]).openapi({ description: '異動先世帯での続柄' }),
    remainingHeadResidentId: UuidSchema.optional().openapi({ description: '残る世帯の新しい世帯主（4.0.4）' }),
  })
  .openapi('MoveWithinInput');
export type MoveWithinInput = z.infer<typeof MoveWithinInputSchema>;

/** 転出 (4.1.3: j640–j670): 異動日 is the 転出予定日 and may be after the 届出日. */
export const MoveOutInputSchema = z
  .object({
    ...changeHeader('notification'),
    kind: z.enum(['domestic', 'abroad']),
    special: z.boolean().default(false).openapi({ description: '特例転入を利用した転出（4.1.3.0.4）' }),
    household: HouseholdLockSchema,
    residentIds: z.array(UuidSchema).min(1),
    destination: AddressSchema.openapi({ description: '転出先住所（予定）。市区町村までの入力も可（4.1.3.0.2）' }),
    remainingHeadResidentId: UuidSchema.optional(),
  })
  .refine((v) => !(v.special && v.kind === 'abroad'), { path: ['special'], error: '国外転出には特例転入を利用した転出は使えません', params: { rule: 'special-domestic-only' } })
  .openapi('MoveOutInput');
export type MoveOutInput = z.infer<typeof MoveOutInputSchema>;

/** 転入通知の受理 (4.1.3.1.1, j680): the notice of the 転入 elsewhere, for a 除票 of a 転出 or 職権消除. */
export const MoveInNoticeInputSchema = z
  .object({
    person: z.object({ residentId: UuidSchema, version: z.int().min(1).openapi({ description: '画面表示時の住民のバージョン' }) }),
    noticeOn: IsoDateSchema.openapi({ description: '転入通知年月日' }),
    movedInOn: IsoDateSchema.openapi({ description: '転入日（転出年月日（確定））' }),
    confirmedDestination: AddressSchema.openapi({ description: '転出先住所（確定）' }),
    remark: RemarkSchema.optional(),
  })
  .openapi('MoveInNoticeInput');
export type MoveInNoticeInput = z.infer<typeof MoveInNoticeInputSchema>;

/** 改製 (1.1.4, j40): the household (at the version read) and, if not all of it, whose 原票 is remade. */
export const ReissueInputSchema = z
  .object({
    effectiveDate: IsoDateSchema.openapi({ description: '改製年月日' }),
    household: HouseholdLockSchema,
    residentIds: z.array(UuidSchema).min(1).max(100).optional().openapi({ description: '改製する世帯員（省略時は世帯全員）' }),
    remark: RemarkSchema.optional(),
  })
  .openapi('ReissueInput');
export type ReissueInput = z.infer<typeof ReissueInputSchema>;

/** 出生 (4.2.1.2, j810): 職権記載 on the 戸籍届出 or its 通知; 異動日 = 生年月日. */
export const BirthInputSchema = z
  .object({ ...changeHeader('family_register_notice'), person: NewPersonSchema, destination: DestinationSchema })
  .openapi('BirthInput');
export type BirthInput = z.infer<typeof BirthInputSchema>;

/** 死亡 (4.2.2.1, j820) and 失踪宣告 (4.2.2.2, j830): 職権消除. */
export const DeathInputSchema = z
  .object({
    ...changeHeader('family_register_notice'),
    kind: z.enum(['death', 'disappearance']),
    residentId: UuidSchema,
    household: HouseholdLockSchema,
    remainingHeadResidentId: UuidSchema.optional(),
  })
  .openapi('DeathInput');
export type DeathInput = z.infer<typeof DeathInputSchema>;

/**
 * 世帯変更 (4.1.4: j720–j740) and 世帯員の並び替え (5.2, j1010), one request shape per kind. Nobody's
 * address changes (j720 【実装しない機能】). `relationships` holds each new 続柄: one for every person
 * who moves, and, where a household gets a new 世帯主, one for each of its other members (j730).
 */
const relationshipsField = z.array(MemberRelationshipSchema).max(100).default([])
  .openapi({ description: '新しい続柄（異動する世帯員全員と、世帯主が変わる世帯の世帯員全員。4.1.4.2）' });
const movingIds = z.array(UuidSchema).min(1).max(100);
export const HouseholdChangeInputSchema = z
  .discriminatedUnion('kind', [
    // 世帯分離: the persons form a new household at the same address.
    z.object({ kind: z.literal('separation'), ...changeHeader('notification'), household: HouseholdLockSchema, residentIds: movingIds.openapi({ description: '新しい世帯を構成する世帯員（この順に並ぶ）' }), relationships: relationshipsField }),
    // 世帯合併: every member of `household` joins `target`, appended last (j1010); `household` is dissolved.
    z.object({ kind: z.literal('merger'), ...changeHeader('notification'), household: HouseholdLockSchema, target: HouseholdLockSchema, relationships: relationshipsField }),
    // 世帯変更: some members of `household` join `target`; both households remain.
    z.object({ kind: z.literal('change'), ...changeHeader('notification'), household: HouseholdLockSchema, target: HouseholdLockSchema, residentIds: movingIds, relationships: relationshipsField }),
    // 世帯主変更: a new 世帯主; the other members' 続柄 are set anew relative to them (j730).
    z.object({ kind: z.literal('head_change'), ...changeHeader('notification'), household: HouseholdLockSchema, newHeadResidentId: UuidSchema, relationships: relationshipsField }),
    // 世帯員の並び替え: the order only; no 届出, so 職権 by default (5.2: 市区町村長が…並び替える).
    z.object({ kind: z.literal('reorder'), ...changeHeader('ex_officio'), household: HouseholdLockSchema, order: z.array(UuidSchema).min(1).max(100).optional().openapi({ description: '並び替え後の世帯員（全員、この順）。省略すると5.2の標準の並び順' }) }),
  ])
  .openapi('HouseholdChangeInput');
export type HouseholdChangeInput = z.infer<typeof HouseholdChangeInputSchema>;
