/**
 * Input schemas of 職権記載 (4.2.1.1, j800), 職権消除 (4.2.2, j750), 誤記修正 (4.2.3.3, j860) and
 * 異動の取消し (4.6, j980, j990). Shape and single fields only; the service checks the whole state.
 * 職権 needs no 届出日 (4.2.0.2 j760); when the municipality acts on a 申出 (basis `request`), the
 * 申出日 is kept in `notifiedDate` and defaults to the 処理日 (4.2.0.5 j790).
 */
import { z } from '@hono/zod-openapi';
import { AddressSchema, AddressTextSchema, DateNotationSchema, furiganaSchema, IsoDateSchema, nameSchema, RemarkSchema, ResidenceCardNoSchema, textSchema, UuidSchema } from './fields.ts';
import { DestinationSchema, HouseholdLockSchema, NewPersonSchema } from './inputs.ts';
import { SexSchema } from './model.ts';

const exOfficioHeader = {
  basis: z.enum(['ex_officio', 'request']).default('ex_officio').openapi({ description: '職権、又は申出を受けた職権（4.2.0.5）' }),
  notifiedDate: IsoDateSchema.optional().openapi({ description: '申出日（申出によるとき。省略時は処理日、4.2.0.5）' }),
  remark: RemarkSchema.optional(),
};

/** 職権記載 (4.2.1.1 j800, 4.1.1.4 j620): 住所設定, or 未届転入 with the last unreported address. */
export const ExOfficioEntryInputSchema = z
  .object({
    ...exOfficioHeader,
    effectiveDate: IsoDateSchema.openapi({ description: '異動日（住所を定めた日）' }),
    kind: z.enum(['address_setting', 'unreported_move_in']).openapi({ description: '住所設定・未届転入' }),
    destination: DestinationSchema,
    persons: z.array(NewPersonSchema).min(1).max(50),
  })
  .superRefine((v, ctx) => {
    if (v.kind !== 'unreported_move_in') return;
    // j620: 転入前住所 is the latest unreported address, ending in （未届）.
    v.persons.forEach((p, i) => {
      if (!p.previousAddress?.text.endsWith('（未届）')) {
        ctx.addIssue({
          code: 'custom', path: ['persons', i, 'previousAddress'], params: { rule: 'unreported-move-in.previous-address' },
          message: '未届転入の転入前住所は、未届の住所のうち直近のものの末尾に（未届）を付けて入力してください（4.1.1.4 未届転入）',
        });
      }
    });
  })
  .openapi('ExOfficioEntryInput');
export type ExOfficioEntryInput = z.infer<typeof ExOfficioEntryInputSchema>;

/** 職権消除 (4.2.2, j750): e.g. after a 実態調査 finds nobody living at the address. */
export const ExOfficioRemovalInputSchema = z
  .object({
    ...exOfficioHeader,
    effectiveDate: IsoDateSchema.openapi({ description: '異動日（消除の事由が生じた日）' }),
    household: HouseholdLockSchema,
    residentIds: z.array(UuidSchema).min(1),
    remainingHeadResidentId: UuidSchema.optional().openapi({ description: '残る世帯の新しい世帯主（4.0.4）' }),
  })
  .openapi('ExOfficioRemovalInput');
export type ExOfficioRemovalInput = z.infer<typeof ExOfficioRemovalInputSchema>;

/**
 * The items a 誤記修正 may correct (a whitelist: anything else is refused). 続柄 and the household
 * belong to 世帯変更, identifiers to their own procedures, 旧氏・通称 to theirs (記載・削除).
 */
export const CorrectableItemsSchema = z
  .strictObject({
    name: nameSchema('氏名').optional(),
    nameKana: furiganaSchema('氏名のフリガナ', { allowMiddleDot: true }).optional(),
    nameAlphabet: textSchema('氏名（アルファベット）', 200, { name: true }).optional(),
    formerSurname: nameSchema('旧氏').optional(),
    formerSurnameKana: furiganaSchema('旧氏のフリガナ').optional(),
    alias: nameSchema('通称').optional(),
    aliasKana: furiganaSchema('通称のフリガナ', { allowMiddleDot: true }).optional(),
    birthDate: IsoDateSchema.optional(),
    birthDateNotation: DateNotationSchema.nullable().optional(),
    sex: SexSchema.optional(),
    registeredDomicile: textSchema('本籍', 200).optional(),
    familyRegisterHead: nameSchema('筆頭者').optional(),
    address: AddressSchema.optional().openapi({ description: '住所・方書・住所コード・郵便番号（全体を置き換える）' }),
    addressSetOn: IsoDateSchema.optional().openapi({ description: '住所を定めた年月日' }),
    becameResidentOn: IsoDateSchema.optional().openapi({ description: '住民となった年月日' }),
    previousAddress: AddressSchema.optional().openapi({ description: '転入前住所' }),
    lastRegisteredAddress: AddressTextSchema.optional(),
    nationality: textSchema('国籍・地域', 60).optional(),
    becameForeignResidentOn: IsoDateSchema.optional(),
    residenceStatus: textSchema('在留資格', 60).optional(),
    periodOfStay: textSchema('在留期間', 30).optional(),
    periodOfStayExpiresOn: IsoDateSchema.optional(),
    residenceCardNo: ResidenceCardNoSchema.optional(),
  })
  .refine((items) => Object.keys(items).length > 0, { error: '修正する項目を1つ以上入力してください', params: { rule: 'required' } })
  .openapi('CorrectableItems');
export type CorrectableItems = z.infer<typeof CorrectableItemsSchema>;

/** 誤記修正 (4.2.3.3, j860): the wrong version by its 履歴番号, and the right values of its items. */
export const ClericalCorrectionInputSchema = z
  .object({
    ...exOfficioHeader,
    residentId: UuidSchema,
    version: z.int().min(1).openapi({ description: '画面表示時の住民のバージョン' }),
    historyNo: z.int().min(1).openapi({ description: '誤記があった履歴の履歴番号' }),
    items: CorrectableItemsSchema,
  })
  .openapi('ClericalCorrectionInput');
export type ClericalCorrectionInput = z.infer<typeof ClericalCorrectionInputSchema>;

/** 異動の取消し (4.6.0.1 j980; 申出による 4.6.1.1 j990): the whole 異動 (全部), or some of its persons (一部). */
export const CancellationInputSchema = z
  .object({
    ...exOfficioHeader,
    changeId: UuidSchema.openapi({ description: '取り消す異動' }),
    residentIds: z.array(UuidSchema).min(1).optional()
      .openapi({ description: '一部の取消し: 取り消す者（異動の対象者のうち）。省略すると全部（まだ取り消されていない全員）' }),
    households: z.array(HouseholdLockSchema).default([]).openapi({ description: '画面表示時の世帯のバージョン（指定した世帯が更新されていれば 409）' }),
  })
  .openapi('CancellationInput');
export type CancellationInput = z.infer<typeof CancellationInputSchema>;
