/**
 * Payloads of the changes of one person's items (person-change.ts): ids, codes and dates only. No
 * name, no 住民票コード and never the 個人番号: a subscriber that needs them reads the query port.
 */
import { z } from '@hono/zod-openapi';
import { IsoDateSchema, UuidSchema } from './fields.ts';
import { changeFields, PersonRef } from './events-common.ts';

const Person = PersonRef;
const PersonChange = {
  ...changeFields,
  residentId: UuidSchema,
  addresseeNo: z.string(),
  householdId: UuidSchema,
};
/** Members whose 世帯主の氏名 changed with the head's name (j840). */
const MembersUpdated = { householdMembersUpdated: z.array(Person) };

/** 職権修正・軽微な修正 (j840, j850): which items changed, by column group. */
export const CorrectedExOfficioV1 = z.object({ ...PersonChange, ...MembersUpdated, minor: z.boolean(), items: z.array(z.string()).min(1) });
export type CorrectedExOfficioV1 = z.infer<typeof CorrectedExOfficioV1>;

/** 氏名・氏の変更 (戸籍届出・通知, j770). */
export const NameChangedV1 = z.object({ ...PersonChange, ...MembersUpdated });
export type NameChangedV1 = z.infer<typeof NameChangedV1>;

/** 旧氏の記載・変更・削除 (請求, j70). */
export const FormerSurnameChangedV1 = z.object({ ...PersonChange, action: z.enum(['entry', 'change', 'deletion']) });
export type FormerSurnameChangedV1 = z.infer<typeof FormerSurnameChangedV1>;

/** 通称の記載・削除 (申出, j70). */
export const AliasChangedV1 = z.object({ ...PersonChange, action: z.enum(['entry', 'deletion']) });
export type AliasChangedV1 = z.infer<typeof AliasChangedV1>;

/** 在留資格の変更・在留期間の更新 (入管通知, j960): the new 区分 and 満了日 (for 国保・年金 eligibility). */
export const ResidenceStatusChangedV1 = z.object({ ...PersonChange, category: z.string(), periodOfStayExpiresOn: IsoDateSchema.nullable() });
export type ResidenceStatusChangedV1 = z.infer<typeof ResidenceStatusChangedV1>;

/** 帰化・国籍取得 (j930, j940) and 国籍喪失 (j950): same person, 住民種別 changed. */
export const NationalityChangedV1 = z.object({
  ...PersonChange,
  ...MembersUpdated,
  kind: z.enum(['naturalization', 'nationality_acquisition', 'nationality_loss']),
  residentKind: z.enum(['japanese', 'foreign']),
});
export type NationalityChangedV1 = z.infer<typeof NationalityChangedV1>;

/** 住民票コードの変更請求・職権記載 (j870–j890); the code itself is read through the query port. */
export const ResidentCodeChangedV1 = z.object({ ...PersonChange, kind: z.enum(['change_request', 'ex_officio_entry']) });
export type ResidentCodeChangedV1 = z.infer<typeof ResidentCodeChangedV1>;

/** 個人番号の職権記載・変更請求・職権修正 (j900, j1130), without the number. */
export const MyNumberRecordedV1 = z.object({ ...PersonChange, kind: z.enum(['ex_officio_entry', 'change_request', 'ex_officio_correction']) });
export type MyNumberRecordedV1 = z.infer<typeof MyNumberRecordedV1>;

/** 職権修正, 氏名の変更, 旧氏, 通称, 在留資格, 国籍, 住民票コード, 個人番号. */
export const personEvents = {
  correctedExOfficio: { type: 'resident-registry.corrected-ex-officio', version: 1, schema: CorrectedExOfficioV1 },
  nameChanged: { type: 'resident-registry.name-changed', version: 1, schema: NameChangedV1 },
  formerSurnameChanged: { type: 'resident-registry.former-surname-changed', version: 1, schema: FormerSurnameChangedV1 },
  aliasChanged: { type: 'resident-registry.alias-changed', version: 1, schema: AliasChangedV1 },
  residenceStatusChanged: { type: 'resident-registry.residence-status-changed', version: 1, schema: ResidenceStatusChangedV1 },
  nationalityChanged: { type: 'resident-registry.nationality-changed', version: 1, schema: NationalityChangedV1 },
  residentCodeChanged: { type: 'resident-registry.resident-code-changed', version: 1, schema: ResidentCodeChangedV1 },
  myNumberRecorded: { type: 'resident-registry.my-number-recorded', version: 1, schema: MyNumberRecordedV1 },
} as const;
