/**
 * Inputs of the 支援措置 procedures (3.4 j440, 1.1.16 j160, 3.1 j410): 登録, 延長, 終了 and 一時解除.
 * Shapes and single fields only; the period rules run in protection-procedures.ts on the stored state.
 */
import { z } from '@hono/zod-openapi';
import { AddressTextSchema, IsoDateSchema, nameSchema, RemarkSchema, textSchema } from './fields.ts';
import { SexSchema } from './model.ts';

const AddresseeNoSchema = z.string().regex(/^[0-9]{2,20}$/, { error: '宛名番号は数字で入力してください' });
const LevelSchema = z.enum(['error', 'alert', 'none']).openapi({ description: '抑止レベル（error: エラー＝処理不可, alert: アラート＝処理可, none: 抑止なし）' });

export const ProtectionRestrictionsSchema = z
  .object({
    inquiry: LevelSchema.default('error').openapi({ description: '照会抑止' }),
    issue: LevelSchema.default('error').openapi({ description: '発行抑止（住民票の写し等の交付・閲覧）' }),
    change: LevelSchema.default('alert').openapi({ description: '異動抑止' }),
  })
  .openapi('ProtectionRestrictions');

export const OffenderSchema = z
  .object({
    name: nameSchema('加害者の氏名').optional(),
    addresseeNo: AddresseeNoSchema.optional().openapi({ description: '加害者の宛名番号（同一市区町村の場合に限る）' }),
    birthDate: IsoDateSchema.optional(),
    sex: SexSchema.optional(),
    address: AddressTextSchema.optional(),
    note: textSchema('加害者に関するその他', 1000, { allowNewline: true }).optional(),
  })
  .openapi('ProtectionOffender');

export const RegisterProtectionInputSchema = z
  .object({
    addresseeNo: AddresseeNoSchema.openapi({ description: '支援対象者の宛名番号' }),
    kind: z.enum(['support', 'provisional']).default('support').openapi({ description: 'support: 支援措置, provisional: 仮支援措置' }),
    requestedOn: IsoDateSchema.openapi({ description: '申出日' }),
    startsOn: IsoDateSchema.openapi({ description: '支援措置の開始年月日' }),
    endsOn: IsoDateSchema.optional().openapi({ description: '支援措置の終了年月日（省略時は開始年月日から1年）' }),
    applicantAddresseeNo: AddresseeNoSchema.optional().openapi({ description: '併せて支援を求める者のとき: 申出者の宛名番号' }),
    relationToApplicant: textSchema('申出者との関係', 50).optional(),
    restrictions: ProtectionRestrictionsSchema.default({ inquiry: 'error', issue: 'error', change: 'alert' }),
    offender: OffenderSchema.optional(),
    contact: textSchema('連絡先', 200, { allowNewline: true }).optional(),
    remark: RemarkSchema.optional(),
  })
  .openapi('RegisterProtectionInput');
export type RegisterProtectionInput = z.infer<typeof RegisterProtectionInputSchema>;

const VersionSchema = z.int().min(1).openapi({ description: '画面表示時の支援措置のバージョン' });

export const ExtendProtectionInputSchema = z
  .object({
    version: VersionSchema,
    endsOn: IsoDateSchema.optional().openapi({ description: '延長後の終了年月日（省略時は延長前の終了日の翌日から1年）' }),
    remark: RemarkSchema.optional(),
  })
  .openapi('ExtendProtectionInput');
export type ExtendProtectionInput = z.infer<typeof ExtendProtectionInputSchema>;

export const EndProtectionInputSchema = z
  .object({
    version: VersionSchema,
    endedOn: IsoDateSchema.optional().openapi({ description: '終了日（省略時は処理日）' }),
    reason: z.enum(['request', 'expired', 'not_needed']).openapi({ description: 'request: 支援対象者の申出, expired: 期間経過・延長なし, not_needed: 必要性がなくなった' }),
    remark: RemarkSchema.optional(),
  })
  .openapi('EndProtectionInput');
export type EndProtectionInput = z.infer<typeof EndProtectionInputSchema>;

export const MAX_RELEASE_MINUTES = 480;

export const ReleaseProtectionInputSchema = z
  .object({
    process: z.enum(['inquiry', 'issue', 'change']).openapi({ description: '一時解除する処理（照会・証明書発行・異動入力）' }),
    grantedTo: z.string().min(1).max(100).optional().openapi({ description: '一時解除を受ける職員のID（省略時は自分）' }),
    reason: textSchema('一時解除の理由', 500, { allowNewline: true }),
    minutes: z.int().min(1).max(MAX_RELEASE_MINUTES).default(30).openapi({ description: '抑止状態に戻るまでの時間（分）' }),
  })
  .openapi('ReleaseProtectionInput');
export type ReleaseProtectionInput = z.infer<typeof ReleaseProtectionInputSchema>;
