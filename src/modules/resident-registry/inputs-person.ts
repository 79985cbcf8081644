/**
 * Inputs of the changes of one person's items (person-change.ts): each names the person with the
 * lock `version` GET /persons/{addresseeNo} returned (409 when stale). The basis (職権, 戸籍届出・
 * 通知, 請求, 申出) follows from the procedure and is not chosen by the request.
 */
import { z } from '@hono/zod-openapi';
import { AddressTextSchema, furiganaSchema, IsoDateSchema, MunicipalityCodeSchema, MyNumberSchema, nameSchema, PostalCodeSchema, RemarkSchema, ResidenceCardNoSchema, ResidentCodeSchema, textSchema, UuidSchema } from './fields.ts';
import { ForeignResidentCategorySchema, SexSchema, SpecialReasonSchema } from './model.ts';

export const PersonLockSchema = z
  .object({ residentId: UuidSchema, version: z.int().min(1).openapi({ description: '照会（GET /persons/{addresseeNo}）で表示した version' }) })
  .openapi('PersonLock');

const header = (notified: string) => ({
  effectiveDate: IsoDateSchema.openapi({ description: '異動日' }),
  notifiedDate: IsoDateSchema.optional().openapi({ description: notified }),
  remark: RemarkSchema.optional(),
  person: PersonLockSchema,
});

const required = (ok: boolean, path: string, message: string, ctx: z.RefinementCtx) => {
  if (!ok) ctx.addIssue({ code: 'custom', path: [path], message, params: { rule: 'required' } });
};
const forbidden = (ok: boolean, path: string, message: string, ctx: z.RefinementCtx) => {
  if (!ok) ctx.addIssue({ code: 'custom', path: [path], message, params: { rule: 'not-allowed' } });
};

/** The items 職権修正 may change forward in time (4.2.3.1 j840); anything else is refused (strict). */
export const CorrectableItemsSchema = z
  .strictObject({
    name: nameSchema('氏名').optional(),
    nameKana: furiganaSchema('氏名のフリガナ', { allowMiddleDot: true }).optional(),
    nameKanaConfirmed: z.boolean().optional(),
    nameAlphabet: textSchema('氏名（アルファベット）', 200, { name: true }).optional(),
    registeredDomicile: textSchema('本籍', 200).optional().openapi({ description: '本籍（住民票記載事項通知による、j770）' }),
    familyRegisterHead: nameSchema('筆頭者').optional(),
    addressText: AddressTextSchema.optional().openapi({ description: '住所（住居表示の実施・町名変更など、転居ではない修正）' }),
    addressSupplement: textSchema('方書', 100).nullable().optional().openapi({ description: '方書（null で削除）' }),
    addressCode: z.string().max(30).nullable().optional(),
    postalCode: PostalCodeSchema.nullable().optional(),
    sex: SexSchema.optional().openapi({ description: '性別（性別の変更 specialReason: gender_change のときだけ）' }),
  })
  .openapi('CorrectableItems');

/** 職権修正 (j840) and 軽微な修正 (j850, 規則11条3項2号: 氏名・住所の記載に限る). */
export const CorrectExOfficioInputSchema = z
  .object({
    ...header('住民票記載事項通知などの通知日（任意）'),
    minor: z.boolean().default(false).openapi({ description: '軽微な修正（j850）として行う' }),
    specialReason: SpecialReasonSchema.optional(),
    items: CorrectableItemsSchema,
  })
  .superRefine((v, ctx) => {
    if (Object.values(v.items).every((x) => x === undefined)) ctx.addIssue({ code: 'custom', path: ['items'], message: '修正する項目を入力してください', params: { rule: 'required' } });
    // 性別 changes only on a 性別の変更 (性同一性障害特例法の審判, notified by the 本籍地); a wrong one is an 誤記修正.
    forbidden(v.items.sex === undefined || v.specialReason === 'gender_change', 'items.sex', '性別は性別の変更（specialReason: gender_change）のときだけ職権修正できます。誤りは誤記修正で直してください', ctx);
    if (v.minor) {
      forbidden(v.specialReason === undefined, 'specialReason', '特別な事由による修正は軽微な修正にはなりません', ctx);
      for (const item of ['registeredDomicile', 'familyRegisterHead', 'nameKanaConfirmed'] as const) {
        forbidden(v.items[item] === undefined, `items.${item}`, '軽微な修正は氏名又は住所の記載の修正に限られます（規則11条3項2号、j850）', ctx);
      }
    }
  })
  .openapi('CorrectExOfficioInput');
export type CorrectExOfficioInput = z.infer<typeof CorrectExOfficioInputSchema>;

/** 氏名・氏の変更 on a 戸籍届出・通知 (j770, j780); 本籍・筆頭者 may change with it (婚姻など). */
export const ChangeNameInputSchema = z
  .object({
    ...header('戸籍届出・通知日'),
    name: nameSchema('氏名'),
    nameKana: furiganaSchema('氏名のフリガナ').optional(),
    nameKanaConfirmed: z.boolean().default(false),
    registeredDomicile: textSchema('本籍', 200).optional(),
    familyRegisterHead: nameSchema('筆頭者').optional(),
    specialReason: SpecialReasonSchema.optional(),
  })
  .openapi('ChangeNameInput');
export type ChangeNameInput = z.infer<typeof ChangeNameInputSchema>;

/** 旧氏の記載・変更・削除 on a 請求 (j70). */
export const ChangeFormerSurnameInputSchema = z
  .object({
    ...header('請求日'),
    action: z.enum(['entry', 'change', 'deletion']),
    formerSurname: nameSchema('旧氏').optional(),
    formerSurnameKana: furiganaSchema('旧氏のフリガナ').optional(),
    formerSurnameKanaConfirmed: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    if (v.action === 'deletion') forbidden(v.formerSurname === undefined && v.formerSurnameKana === undefined, 'formerSurname', '旧氏の削除では旧氏を入力しません', ctx);
    else required(v.formerSurname !== undefined, 'formerSurname', '旧氏を入力してください', ctx);
  })
  .openapi('ChangeFormerSurnameInput');
export type ChangeFormerSurnameInput = z.infer<typeof ChangeFormerSurnameInputSchema>;

/** 通称の記載・削除 on a 申出 (j70, j20), with the municipality that records it. */
export const ChangeAliasInputSchema = z
  .object({
    ...header('申出日'),
    action: z.enum(['entry', 'deletion']),
    alias: nameSchema('通称').optional(),
    aliasKana: furiganaSchema('通称のフリガナ', { allowMiddleDot: true }).optional(),
    aliasKanaConfirmed: z.boolean().default(false),
    municipality: textSchema('市区町村名', 60).openapi({ description: '通称を記載（削除）した市区町村', example: '千代田区' }),
    municipalityCode: MunicipalityCodeSchema.optional().openapi({ description: '市区町村コード（省略時は自団体）' }),
  })
  .superRefine((v, ctx) => {
    if (v.action === 'deletion') forbidden(v.alias === undefined && v.aliasKana === undefined, 'alias', '通称の削除では通称を入力しません', ctx);
    else required(v.alias !== undefined, 'alias', '通称を入力してください', ctx);
  })
  .openapi('ChangeAliasInput');
export type ChangeAliasInput = z.infer<typeof ChangeAliasInputSchema>;

const optionalText = (label: string, max: number) => textSchema(label, max).optional();
const foreignItems = {
  residenceStatus: optionalText('在留資格', 60),
  periodOfStay: optionalText('在留期間', 30),
  periodOfStayExpiresOn: IsoDateSchema.optional().openapi({ description: '在留期間の満了の日' }),
  residenceCardNo: ResidenceCardNoSchema.optional(),
  landingPeriod: optionalText('上陸期間', 30),
  provisionalStayPeriod: optionalText('仮滞在期間', 30),
};

/** 在留資格の変更・在留期間の更新 on the 出入国在留管理庁長官通知 (j960): the items that change. */
export const ChangeResidenceStatusInputSchema = z
  .object({
    ...header('出入国在留管理庁長官通知の通知日'),
    foreign: z.strictObject({ category: ForeignResidentCategorySchema.optional(), ...foreignItems }),
  })
  .openapi('ChangeResidenceStatusInput');
export type ChangeResidenceStatusInput = z.infer<typeof ChangeResidenceStatusInputSchema>;

/** 帰化・国籍取得 (j930, j940): the 日本人住民票 items the 戸籍通知 brings. */
export const NaturalizeInputSchema = z
  .object({
    ...header('戸籍届出・通知日'),
    kind: z.enum(['naturalization', 'nationality_acquisition']),
    name: nameSchema('氏名'),
    nameKana: furiganaSchema('氏名のフリガナ').optional(),
    nameKanaConfirmed: z.boolean().default(false),
    registeredDomicile: textSchema('本籍', 200),
    familyRegisterHead: nameSchema('筆頭者'),
  })
  .openapi('NaturalizeInput');
export type NaturalizeInput = z.infer<typeof NaturalizeInputSchema>;

/** 国籍喪失 (j950): the 外国人住民票 items; 外国人住民となった年月日 is derived, not entered. */
export const LoseNationalityInputSchema = z
  .object({
    ...header('戸籍届出・通知日'),
    lostOn: IsoDateSchema.optional().openapi({ description: '国籍を失った年月日（省略時は異動日）。住民となる前の日でもよい' }),
    name: nameSchema('氏名（漢字）').optional().openapi({ description: '省略時は現在の氏名' }),
    nameAlphabet: textSchema('氏名（アルファベット）', 200, { name: true }).optional(),
    nameKana: furiganaSchema('氏名のフリガナ', { allowMiddleDot: true }).optional(),
    foreign: z.object({ nationality: textSchema('国籍・地域', 60), category: ForeignResidentCategorySchema, ...foreignItems }),
  })
  .openapi('LoseNationalityInput');
export type LoseNationalityInput = z.infer<typeof LoseNationalityInputSchema>;

/** 住民票コードの変更請求 (請求) or 職権記載 (j870–j890). */
export const ChangeResidentCodeInputSchema = z
  .object({ ...header('請求日（変更請求のとき）'), kind: z.enum(['change_request', 'ex_officio_entry']), residentCode: ResidentCodeSchema })
  .openapi('ChangeResidentCodeInput');
export type ChangeResidentCodeInput = z.infer<typeof ChangeResidentCodeInputSchema>;

/** 個人番号の職権記載・変更請求・職権修正 (j900, j1130). */
export const RecordMyNumberInputSchema = z
  .object({ ...header('請求日（変更請求のとき）'), kind: z.enum(['ex_officio_entry', 'change_request', 'ex_officio_correction']), myNumber: MyNumberSchema })
  .openapi('RecordMyNumberInput');
export type RecordMyNumberInput = z.infer<typeof RecordMyNumberInputSchema>;
