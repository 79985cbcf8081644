/**
 * What every procedure of this module shares: who calls (the signed-in principal, its 団体 and
 * terminal), the 処理日, how findings become one ValidationError, and the audit entry.
 */
import { appendAudit, type AuditCategory, type AuditTarget } from '../../platform/audit/index.ts';
import type { Trx } from '../../platform/db/tenant-scope.ts';
import { ValidationError } from '../../platform/errors.ts';
import type { Zone } from '../../platform/identity/principal.ts';
import type { ModuleContext } from '../../platform/module.ts';
import { alertsOf, errorsOf, type Finding } from './rules/findings.ts';

export const MODULE_ID = 'resident-registry';

export type Deps = Pick<ModuleContext, 'db' | 'events' | 'myNumberKeys'>;

/** The caller of a procedure, as the HTTP layer knows it. */
export interface Caller {
  tenantCode: string;
  actor: { kind: 'staff' | 'operator' | 'client'; id: string; name: string };
  permissions: ReadonlySet<string>;
  zone: Zone | null;
  address: string | null;
}

const JAPAN_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' });

/** 処理日 (4.0.3): the calendar day in Japan, whatever the server's time zone. */
export const todayInJapan = (now: Date = new Date()): string => JAPAN_DAY.format(now);

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
export async function audit(
  trx: Trx,
  caller: Caller,
  entry: { function: string; category: AuditCategory; targets: AuditTarget[]; lookupByNumber?: boolean; searchCount?: number; myNumberAccessed?: boolean },
): Promise<void> {
  await appendAudit(trx, {
    actor: caller.actor,
    address: caller.address,
    zone: caller.zone,
    module: MODULE_ID,
    function: `${MODULE_ID}.${entry.function}`,
    category: entry.category,
    targets: entry.targets,
    lookupByNumber: entry.lookupByNumber ?? false,
    searchCount: entry.searchCount ?? null,
    myNumberAccessed: entry.myNumberAccessed ?? false,
  });
}
