/**
 * Records and inputs of 宛名管理: an addressee as the API shows it, and what registering a 住登外者 or
 * a corporation, changing one, a 送付先 and a merge carry. Field checks are the resident registry's
 * (src/jp underneath), so a name or a date is refused here for the same reasons as there.
 */
import { z } from '@hono/zod-openapi';
import { AddressSchema, furiganaSchema, IsoDateSchema, MyNumberSchema, nameSchema, textSchema, UuidSchema } from '../resident-registry/index.ts';
import { corporateNumber as corporateNumberDigits } from '../../jp/index.ts';

export const RESIDENCE = {
  resident: '住民',
  moved_out: '転出者',
  deceased: '死亡者',
  removed: '消除者',
  non_resident: '住登外者',
} as const;
export const ResidenceSchema = z.enum(Object.keys(RESIDENCE) as [keyof typeof RESIDENCE, ...(keyof typeof RESIDENCE)[]]);
export type Residence = z.infer<typeof ResidenceSchema>;

export const DELIVERY_PURPOSES = { mailing: '送付先', tax_agent: '納税管理人・税理士', guardian: '後見人・保護者', representative: '代理人' } as const;
export const DeliveryPurposeSchema = z.enum(Object.keys(DELIVERY_PURPOSES) as [keyof typeof DELIVERY_PURPOSES, ...(keyof typeof DELIVERY_PURPOSES)[]]);

export const CorporateNumberSchema = z
  .string()
  .regex(/^[0-9]{13}$/, { error: '法人番号は13桁の数字で入力してください' })
  .refine((v) => !/^[0-9]{13}$/.test(v) || corporateNumberDigits.isValid(v), { error: '法人番号の検査数字が正しくありません', params: { rule: 'check-digit' } })
  .openapi({ description: '法人番号（13桁、先頭が検査数字）', example: '7000012050002' });

const AddressView = z.object({ text: z.string(), supplement: z.string().nullable(), postalCode: z.string().nullable() });

export const AddresseeSchema = z
  .object({
    addresseeId: UuidSchema,
    addresseeNo: z.string().openapi({ description: '宛名番号（住民記録と同じ付番系列）' }),
    integratedAddresseeNo: z.string().openapi({ description: '団体内統合宛名番号' }),
    kind: z.enum(['person', 'corporation']),
    residence: ResidenceSchema.nullable().openapi({ description: '住民・住登外者の別（法人は null）' }),
    name: z.string(),
    nameKana: z.string().nullable(),
    birthDate: z.string().nullable(),
    sex: z.enum(['1', '2']).nullable(),
    address: AddressView,
    corporateNumber: z.string().nullable(),
    residentId: UuidSchema.nullable().openapi({ description: '住民記録の住民（住民・元住民のとき）' }),
    hasMyNumber: z.boolean(),
    mergedInto: z.string().nullable().openapi({ description: '統合先の宛名番号（統合された記録のとき）' }),
    historyNo: z.int(),
    validFrom: z.string(),
    version: z.int(),
  })
  .openapi('Addressee');
export type Addressee = z.infer<typeof AddresseeSchema>;

/** One version of an addressee's items: the history of names and addresses (住所の履歴). */
export const AddresseeVersionSchema = z
  .object({
    historyNo: z.int(),
    validFrom: z.string(),
    recordedAt: z.string(),
    reason: z.enum(['registered', 'resident-registry', 'changed', 'merged']),
    residence: ResidenceSchema.nullable(),
    name: z.string(),
    nameKana: z.string().nullable(),
    address: AddressView,
  })
  .openapi('AddresseeVersion');
export type AddresseeVersion = z.infer<typeof AddresseeVersionSchema>;

const confirm = z.boolean().default(false).openapi({ description: '同一人の可能性（アラート）を確認したうえで登録する' });

/** 住登外者: someone the 団体 deals with who is not on its registry (an owner of land living elsewhere …). */
export const NonResidentInputSchema = z
  .object({
    name: nameSchema('氏名'),
    nameKana: furiganaSchema('氏名のフリガナ', { allowMiddleDot: true }).optional(),
    birthDate: IsoDateSchema.openapi({ description: '生年月日' }),
    sex: z.enum(['1', '2']),
    address: AddressSchema,
    validFrom: IsoDateSchema.optional().openapi({ description: 'この住所の適用開始日（省略時は処理日）' }),
    myNumber: MyNumberSchema.optional(),
    confirmPossibleDuplicate: confirm,
  })
  .openapi('NonResidentInput');
export type NonResidentInput = z.infer<typeof NonResidentInputSchema>;

export const CorporationInputSchema = z
  .object({
    name: textSchema('法人名', 200),
    nameKana: furiganaSchema('法人名のフリガナ', { allowMiddleDot: true }).optional(),
    corporateNumber: CorporateNumberSchema.optional().openapi({ description: '法人番号（人格のない社団等は省略可）' }),
    address: AddressSchema,
    validFrom: IsoDateSchema.optional(),
    confirmPossibleDuplicate: confirm,
  })
  .openapi('CorporationInput');
export type CorporationInput = z.infer<typeof CorporationInputSchema>;

/** A change of a 住登外者's or a corporation's items from a date; a resident's come from the registry only. */
export const AddresseeChangeInputSchema = z
  .object({
    version: z.int().min(1).openapi({ description: '画面表示時のバージョン' }),
    validFrom: IsoDateSchema,
    name: textSchema('氏名・名称', 200).optional(),
    nameKana: furiganaSchema('フリガナ', { allowMiddleDot: true }).optional(),
    address: AddressSchema.optional(),
  })
  .refine((v) => v.name !== undefined || v.nameKana !== undefined || v.address !== undefined, { path: ['name'], error: '変更する項目を入力してください', params: { rule: 'required' } })
  .openapi('AddresseeChangeInput');
export type AddresseeChangeInput = z.infer<typeof AddresseeChangeInputSchema>;

export const DeliveryInputSchema = z
  .object({
    business: z.string().max(60).regex(/^(\*|[a-z][a-z0-9-]*)$/, { error: '業務はモジュールID（例: individual-resident-tax）か * で入力してください' }).openapi({ description: '業務（* は全業務）' }),
    purpose: DeliveryPurposeSchema,
    recipientName: textSchema('送付先の氏名・名称', 200),
    recipientNameKana: furiganaSchema('送付先のフリガナ', { allowMiddleDot: true }).optional(),
    address: AddressSchema,
    phone: z.string().regex(/^[0-9-]{10,13}$/, { error: '電話番号は数字とハイフンで入力してください' }).optional(),
    email: z.email({ error: 'メールアドレスの形式が正しくありません' }).optional(),
    validFrom: IsoDateSchema,
    validUntil: IsoDateSchema.optional(),
  })
  .refine((v) => v.validUntil === undefined || v.validUntil >= v.validFrom, { path: ['validUntil'], error: '終了日は開始日以後にしてください', params: { rule: 'dates.order' } })
  .openapi('DeliveryInput');
export type DeliveryInput = z.infer<typeof DeliveryInputSchema>;

export const DeliverySchema = z
  .object({
    deliveryId: UuidSchema,
    business: z.string(),
    purpose: DeliveryPurposeSchema,
    recipientName: z.string(),
    recipientNameKana: z.string().nullable(),
    address: AddressView,
    phone: z.string().nullable(),
    email: z.string().nullable(),
    validFrom: z.string(),
    validUntil: z.string().nullable(),
  })
  .openapi('Delivery');
export type Delivery = z.infer<typeof DeliverySchema>;

export const MergeInputSchema = z
  .object({
    from: z.object({ addresseeNo: z.string(), version: z.int().min(1) }).openapi({ description: '統合される記録（番号は統合先に解決される）' }),
    into: z.object({ addresseeNo: z.string(), version: z.int().min(1) }).openapi({ description: '統合先の記録' }),
    reason: textSchema('統合の理由', 500),
  })
  .openapi('MergeInput');
export type MergeInput = z.infer<typeof MergeInputSchema>;

