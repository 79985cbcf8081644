/**
 * 住民票コード (4.3, j870–j890) and 個人番号 (4.4 j900, 7.1.2.1 j1130) of a resident. Both live in
 * the `resident` row too (its current-row lookup columns, unique per 団体) and in the new version.
 * The 個人番号 is taken only on the individual-number zone from someone holding
 * resident-registry:my-number, stored as platform ciphertext + lookup key, and never returned,
 * logged or put in an event (DESIGN §5).
 */
import { sql } from 'kysely';
import { appendAuditSeparately } from '../../platform/audit/index.ts';
import type { Trx } from '../../platform/db/tenant-scope.ts';
import { AppError } from '../../platform/errors.ts';
import { encryptMyNumber, mayDiscloseMyNumber, myNumberLookupKey } from '../../platform/my-number/index.ts';
import type { ProcedureResult } from './entry.ts';
import { personEvents } from './events-person.ts';
import type { ChangeResidentCodeInput, RecordMyNumberInput } from './inputs-person.ts';
import { recordPersonChange } from './person-change.ts';
import { MODULE_ID, type Caller, type Deps } from './procedure.ts';
import { holdersOfIdentifiers } from './queries.ts';
import { error, type Finding } from './rules/findings.ts';

const duplicate = (field: string, what: string): Finding => error(field, 'duplicate.identifier', `${what}が、既に記録されている他の住民と同じです`);

async function updateResident(trx: Trx, residentId: string, columns: { resident_code: string } | { my_number_token: string; my_number_lookup: string }): Promise<void> {
  await sql`UPDATE resident SET ${sql.join(Object.entries(columns).map(([c, v]) => sql`${sql.ref(c)} = ${v}`))}, updated_at = now()
    WHERE tenant_code = current_tenant() AND id = ${residentId}`.execute(trx);
}

/** 住民票コードの変更請求 (請求) or 職権記載 (j880): a new 11-digit code no other resident holds. */
export async function changeResidentCode(deps: Deps, caller: Caller, input: ChangeResidentCodeInput, now?: Date): Promise<ProcedureResult> {
  const request = input.kind === 'change_request';
  return recordPersonChange(deps, caller, {
    procedure: 'resident_code_change', function: 'change-resident-code',
    header: { effectiveDate: input.effectiveDate, notifiedDate: input.notifiedDate, basis: request ? 'claim' : 'ex_officio', remark: input.remark },
    person: input.person,
    plan: async (current, trx) => {
      const findings: Finding[] = [];
      if (current.resident_code === input.residentCode) findings.push(error('residentCode', 'change.nothing-changed', '現在の住民票コードと同じです'));
      else if ((await holdersOfIdentifiers(trx, [], [input.residentCode])).length > 0) findings.push(duplicate('residentCode', '住民票コード'));
      return { findings, versions: [{ reason: request ? 'resident_code_change_request' : 'resident_code_ex_officio_entry', changes: { resident_code: input.residentCode } }] };
    },
    afterWrite: (trx, current) => updateResident(trx, current.resident_id, { resident_code: input.residentCode }),
    event: personEvents.residentCodeChanged,
    payload: () => ({ kind: input.kind }),
  }, now);
}

const MY_NUMBER_REASON = { ex_officio_entry: 'my_number_ex_officio_entry', change_request: 'my_number_change_request', ex_officio_correction: 'my_number_ex_officio_correction' } as const;

/**
 * 個人番号の職権記載 (指定), 変更請求 and 職権修正 (j900): 記載 for a person without one, the others
 * replace the one recorded. The old number stays matchable through the earlier versions' lookup keys.
 */
export async function recordMyNumber(deps: Deps, caller: Caller, input: RecordMyNumberInput, now?: Date): Promise<ProcedureResult> {
  // The route's record permission is not enough: handling the number itself is the my-number right (三層の対策).
  if (!mayDiscloseMyNumber(caller, MODULE_ID)) {
    // Recorded like the route guard's refusals, in its own transaction: the attempt is worth a look (10.2).
    await appendAuditSeparately(deps.db, caller.tenantCode, {
      actor: caller.actor, address: caller.address, zone: caller.zone, module: MODULE_ID, function: `${MODULE_ID}.record-my-number`,
      category: 'record', outcome: 'denied', targets: [{ kind: 'resident', id: input.person.residentId }], detail: { problem: 'forbidden' },
    });
    throw new AppError('forbidden', 403, '権限がありません', '個人番号の記載・変更は、個人番号利用事務系で権限 resident-registry:my-number を持つ職員だけが行えます');
  }
  const lookup = myNumberLookupKey(deps.myNumberKeys, caller.tenantCode, input.myNumber);
  return recordPersonChange(deps, caller, {
    procedure: 'my_number_entry', function: 'record-my-number', myNumberAccessed: true,
    header: { effectiveDate: input.effectiveDate, notifiedDate: input.notifiedDate, basis: input.kind === 'change_request' ? 'claim' : 'ex_officio', remark: input.remark },
    person: input.person,
    plan: async (current, trx) => {
      const findings: Finding[] = [];
      const recorded = current.my_number_token !== null;
      if (input.kind === 'ex_officio_entry' && recorded) findings.push(error('kind', 'my-number.already-recorded', '個人番号は既に記載されています。変更請求又は職権修正として入力してください'));
      if (input.kind !== 'ex_officio_entry' && !recorded) findings.push(error('kind', 'my-number.not-recorded', '個人番号は記載されていません。職権記載として入力してください'));
      if (current.my_number_lookup === lookup) findings.push(error('myNumber', 'change.nothing-changed', '現在の個人番号と同じです'));
      else if ((await holdersOfIdentifiers(trx, [lookup], [])).length > 0) findings.push(duplicate('myNumber', '個人番号'));
      return { findings, versions: [{ reason: MY_NUMBER_REASON[input.kind], changes: { my_number_lookup: lookup } }] };
    },
    afterWrite: (trx, current) => updateResident(trx, current.resident_id, { my_number_token: encryptMyNumber(deps.myNumberKeys, caller.tenantCode, input.myNumber), my_number_lookup: lookup }),
    event: personEvents.myNumberRecorded,
    payload: () => ({ kind: input.kind }),
  }, now);
}
