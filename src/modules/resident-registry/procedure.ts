/**
 * What every procedure of this module shares: who calls (the signed-in principal, its 団体 and
 * terminal), the 処理日, how findings become one ValidationError, and the audit entry.
 */
import type { Trx } from '../../platform/db/tenant-scope.ts';
import { ValidationError } from '../../platform/errors.ts';
import { auditCaller, type Caller, type CallerAuditEntry } from '../../platform/http/caller.ts';
import type { ModuleContext } from '../../platform/module.ts';
import { alertsOf, errorsOf, type Finding } from './rules/findings.ts';

export const MODULE_ID = 'resident-registry';

export type Deps = Pick<ModuleContext, 'db' | 'events' | 'myNumberKeys'>;

/** The caller of a procedure, as the HTTP layer knows it. */
export type { Caller } from '../../platform/http/caller.ts';

/** 処理日 (4.0.3): the calendar day in Japan, whatever the server's time zone. */
export { todayInJapan } from '../../jp/index.ts';

/** An アラート the operator should see with the result: accepted, but worth a look (j1440). */
export interface Alert {
  field: string;
  rule: string;
  message: string;
}

/** A rule's field (`persons[1].birthDate`) as the HTTP layer names request fields (`body.persons.1.birthDate`). */
const bodyField = (field: string) => `body.${field.replace(/\[(\d+)\]/g, '.$1')}`;

/** Refuses with every エラー at once; returns the アラート to hand back with the result. */
export function refuseOnErrors(findings: readonly Finding[]): Alert[] {
  const errors = errorsOf(findings);
  if (errors.length > 0) throw new ValidationError(errors.map(({ field, rule, message }) => ({ field: bodyField(field), rule, message })));
  return alertsOf(findings).map(({ field, rule, message }) => ({ field: bodyField(field), rule, message }));
}


/** 操作ログ (10.2): by internal id only, never a name, address or number. */
export const audit = (trx: Trx, caller: Caller, entry: CallerAuditEntry): Promise<void> => auditCaller(trx, caller, MODULE_ID, entry);
