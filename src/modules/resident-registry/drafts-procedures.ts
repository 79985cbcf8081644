/**
 * The procedures a 異動 may be entered for as a draft (仮登録, j530): the operation name (as in
 * `residentRegistry.<name>`), its input schema and its service function. 個人番号の記載 is not among
 * them: it is entered on the individual-number zone by those allowed to see the number, at once.
 */
import type { z } from '@hono/zod-openapi';
import type { Alert } from './procedure.ts';
import type { Caller, Deps } from './procedure.ts';
import {
  BirthInputSchema, DeathInputSchema, ForeignResidentNotificationInputSchema, HouseholdChangeInputSchema, MoveInInputSchema, MoveInNoticeInputSchema,
  MoveOutInputSchema, MoveWithinInputSchema,
} from './inputs.ts';
import { ClericalCorrectionInputSchema, CancellationInputSchema, ExOfficioEntryInputSchema, ExOfficioRemovalInputSchema } from './inputs-corrections.ts';
import {
  ChangeAliasInputSchema, ChangeFormerSurnameInputSchema, ChangeNameInputSchema, ChangeResidenceStatusInputSchema, ChangeResidentCodeInputSchema,
  CorrectExOfficioInputSchema, LoseNationalityInputSchema, NaturalizeInputSchema,
} from './inputs-person.ts';
import {
  birth, cancelChange, changeAlias, changeFormerSurname, changeHousehold, changeName, changeResidenceStatus, changeResidentCode, correctClericalError,
  correctExOfficio, death, exOfficioEntry, exOfficioRemoval, loseNationality, moveIn, moveOut, moveWithin, naturalize, receiveMoveInNotice,
  registerForeignResident,
} from './service.ts';

export interface Draftable {
  schema: z.ZodType;
  run: (deps: Deps, caller: Caller, input: never) => Promise<{ changeId: string; alerts: Alert[] }>;
}

const entry = <S extends z.ZodType>(schema: S, run: (deps: Deps, caller: Caller, input: z.infer<S>) => Promise<{ changeId: string; alerts: Alert[] }>): Draftable =>
  ({ schema, run: run as Draftable['run'] });

export const DRAFTABLE: Record<string, Draftable> = {
  moveIn: entry(MoveInInputSchema, moveIn),
  registerForeignResident: entry(ForeignResidentNotificationInputSchema, registerForeignResident),
  moveWithin: entry(MoveWithinInputSchema, moveWithin),
  moveOut: entry(MoveOutInputSchema, moveOut),
  receiveMoveInNotice: entry(MoveInNoticeInputSchema, receiveMoveInNotice),
  birth: entry(BirthInputSchema, birth),
  death: entry(DeathInputSchema, death),
  changeHousehold: entry(HouseholdChangeInputSchema, changeHousehold),
  exOfficioEntry: entry(ExOfficioEntryInputSchema, exOfficioEntry),
  exOfficioRemoval: entry(ExOfficioRemovalInputSchema, exOfficioRemoval),
  correctExOfficio: entry(CorrectExOfficioInputSchema, correctExOfficio),
  changeName: entry(ChangeNameInputSchema, changeName),
  changeFormerSurname: entry(ChangeFormerSurnameInputSchema, changeFormerSurname),
  changeAlias: entry(ChangeAliasInputSchema, changeAlias),
  changeResidenceStatus: entry(ChangeResidenceStatusInputSchema, changeResidenceStatus),
  naturalize: entry(NaturalizeInputSchema, naturalize),
  loseNationality: entry(LoseNationalityInputSchema, loseNationality),
  changeResidentCode: entry(ChangeResidentCodeInputSchema, changeResidentCode),
  correctClericalError: entry(ClericalCorrectionInputSchema, correctClericalError),
  cancelChange: entry(CancellationInputSchema, cancelChange),
};
