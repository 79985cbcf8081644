/**
 * Helpers for the published worked examples (計算例) in examples-*.test.ts. Every example there
 * asserts the figures a municipality published, to the yen, against the named steps of `assess`.
 *
 * Conventions of those files:
 * - each `it(...)` names its source: municipality, page title, URL and the fiscal year the page
 *   computes; when that year is not the one tested, the test says why the rule is unchanged;
 * - only figures printed on the page are asserted (a page cut short is asserted as far as it goes);
 * - inputs the page does not publish (e.g. a premium paid, when only the deduction is shown) are
 *   marked "not published" where they are chosen.
 */
import type { Breakdown } from '../model.ts';

/** Amount of a named step; throws when the engine did not emit it, so a typo cannot pass as 0. */
export function step(b: Breakdown, name: string): number {
  const found = b.steps.find((s) => s.step === name);
  if (!found) throw new Error(`step ${name} not in breakdown: ${b.steps.map((s) => s.step).join(', ')}`);
  return found.amount;
}

/** Amount of a step, or 0 when the engine left it out (deductions and credits of 0 are omitted). */
export const stepOr0 = (b: Breakdown, name: string): number => b.steps.find((s) => s.step === name)?.amount ?? 0;

/** 所得割 after 調整控除 before the 100円 truncation, [市, 県] — what many pages print as "調整控除後の所得割額". */
export const afterAdjustment = (b: Breakdown): readonly [number, number] => [
  step(b, 'levyBeforeCreditsCity') - stepOr0(b, 'adjustmentCreditCity'),
  step(b, 'levyBeforeCreditsPref') - stepOr0(b, 'adjustmentCreditPref'),
];

/** [市, 県] of a paired step (e.g. 'levyBeforeCredits'). */
export const pair = (b: Breakdown, name: string): readonly [number, number] => [stepOr0(b, `${name}City`), stepOr0(b, `${name}Pref`)];

/** 市民税額 + 県民税額 as most pages total them: 所得割 + 均等割, without the national 森林環境税. */
export const localTaxTotal = (b: Breakdown): number => b.totals.total - b.totals.forestEnvironmentTax;
