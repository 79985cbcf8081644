/**
 * What a rule reports. The standard (11.1 エラー・アラート項目, j1440) distinguishes two kinds: an
 * エラー is input that cannot be logically true and blocks 本登録 until fixed; an アラート is possible
 * but needs attention, and the operator may confirm it. Rules report both, with the field and a
 * stable rule name, so the service can refuse on errors and ask for confirmation on alerts.
 */
import type { FieldProblem } from '../../../platform/errors.ts';

export type Severity = 'error' | 'alert';

export interface Finding extends FieldProblem {
  severity: Severity;
}

export const error = (field: string, rule: string, message: string): Finding => ({ field, rule, message, severity: 'error' });

export const alert = (field: string, rule: string, message: string): Finding => ({ field, rule, message, severity: 'alert' });

export const errorsOf = (findings: readonly Finding[]): Finding[] => findings.filter((f) => f.severity === 'error');

export const alertsOf = (findings: readonly Finding[]): Finding[] => findings.filter((f) => f.severity === 'alert');
