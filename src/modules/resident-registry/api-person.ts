/**
 * Routes of the changes of one person's items (person-change.ts): 職権修正, 氏名の変更, 旧氏, 通称,
 * 在留資格, 帰化・国籍取得, 国籍喪失, 住民票コード, 個人番号. All need resident-registry:record on the
 * individual-number zone; /my-number also needs resident-registry:my-number (checked in the service).
 */
import type { z } from '@hono/zod-openapi';
import { secureRoute } from '../../platform/http/access.ts';
import type { ModuleContext } from '../../platform/module.ts';
import { callerOf, json, recordAccess, recorded, tags, type Router } from './api-shared.ts';
import type { ProcedureResult } from './entry.ts';
import { changeAlias, changeFormerSurname, changeName, correctExOfficio } from './name-change.ts';
import { changeResidenceStatus, loseNationality, naturalize } from './foreign-resident-change.ts';
import { changeResidentCode, recordMyNumber } from './identifiers.ts';
import {
  ChangeAliasInputSchema, ChangeFormerSurnameInputSchema, ChangeNameInputSchema, ChangeResidenceStatusInputSchema, ChangeResidentCodeInputSchema,
  CorrectExOfficioInputSchema, LoseNationalityInputSchema, NaturalizeInputSchema, RecordMyNumberInputSchema,
} from './inputs-person.ts';
import type { Caller, Deps } from './procedure.ts';

type Procedure<S extends z.ZodType> = (deps: Deps, caller: Caller, input: z.infer<S>) => Promise<ProcedureResult>;

/** path, operationId suffix, summary, input schema, service function. */
const routes = [
  ['/ex-officio-correction', 'correctExOfficio', '職権修正・軽微な修正（異動日以降の記載事項）', CorrectExOfficioInputSchema, correctExOfficio],
  ['/name-change', 'changeName', '氏名・氏の変更（戸籍届出・通知）。世帯主なら世帯員の世帯主の氏名も修正', ChangeNameInputSchema, changeName],
  ['/former-surname', 'changeFormerSurname', '旧氏の記載・変更・削除（請求）', ChangeFormerSurnameInputSchema, changeFormerSurname],
  ['/alias', 'changeAlias', '通称の記載・削除（申出）', ChangeAliasInputSchema, changeAlias],
  ['/residence-status', 'changeResidenceStatus', '在留資格の変更・在留期間の更新（出入国在留管理庁長官通知）', ChangeResidenceStatusInputSchema, changeResidenceStatus],
  ['/naturalization', 'naturalize', '帰化・国籍取得（外国人住民票の消除と日本人住民票の記載）', NaturalizeInputSchema, naturalize],
  ['/nationality-loss', 'loseNationality', '国籍喪失（日本人住民票の消除と外国人住民票の記載）', LoseNationalityInputSchema, loseNationality],
  ['/resident-code', 'changeResidentCode', '住民票コードの変更請求・職権記載', ChangeResidentCodeInputSchema, changeResidentCode],
  ['/my-number', 'recordMyNumber', '個人番号の職権記載・変更請求・職権修正（権限 resident-registry:my-number が必要）', RecordMyNumberInputSchema, recordMyNumber],
] as const;

/** 職権修正・氏名の変更・旧氏・通称・在留資格・国籍・住民票コード・個人番号. */
export function personChangeRoutes(router: Router, ctx: ModuleContext): void {
  for (const [path, operation, summary, schema, run] of routes) {
    router.openapi(
      secureRoute(recordAccess, {
        method: 'post', path, operationId: `residentRegistry.${operation}`, tags, summary,
        request: { body: { required: true, ...json(schema as z.ZodType) } }, responses: recorded,
      }),
      async (c) => c.json(await (run as Procedure<z.ZodType>)(ctx, callerOf(c), c.req.valid('json')), 201),
    );
  }
}
