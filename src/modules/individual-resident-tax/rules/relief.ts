/**
 * 非課税・減免 decided by staff for one taxpayer and year, applied to the engine's Breakdown: pure, so the
 * annual job, a 更正 and a test give the same figures, and a stored version can be recomputed from its
 * input (`input.relief`).
 *
 * - `exemption` (非課税の決定, 地方税法24条の5・295条): the documents did not show it (生活保護 on 1 January,
 *   障害者等 with 合計所得 ≤ 135万 on their own application …): 均等割・所得割 and 森林環境税 are all 0.
 * - `reduction` (条例減免, 地方税法323条): a rate of, or a fixed yen amount off, the 市町村民税 levies in scope
 *   (所得割 only, or 所得割 and 均等割). The 道府県民税 is reduced in the same proportion (地方税法45条, stated
 *   from statute knowledge, not retrieved: [S]); a fixed amount is therefore spread over 市 and 県 by their share.
 *   森林環境税 knows no partial 減免, only 免除 of the whole 1,000円 for those its 政令 names (甚大な災害, 生活扶助,
 *   失業・廃業 で納付困難): a separate flag of the decision. [V] 松戸市
 *   https://www.city.matsudo.chiba.jp/kurashi/zeikin_top/kojiin/shiminzei-genmen.html , 総社市
 *   https://www.city.soja.okayama.jp/zeimu/kurashi/zei/kojin/sinrinkankyouzei_menjo.html ; the article of the
 *   森林環境税及び森林環境譲与税に関する法律 is not confirmed.
 *
 * Rounding [U]: RULEBOOK §1 has 100円未満切捨 for 所得割 (地方税法20条の4の2③) but says nothing of 減免. Here each
 * levy that remains after a reduction is its exact product × (1 − proportion), 100円未満切捨 (so the taxpayer
 * never pays a fraction the decision did not leave), and the Breakdown lists this as an unconfirmed figure.
 */
import { truncateTaxAmount } from '../../../jp/index.ts';
import type { AssessmentTotals, Breakdown, BreakdownStep } from '../model.ts';

export const RELIEF_REASONS = {
  livelihoodAssistance: '生活保護（生活扶助）',
  disabilityEtc: '障害者・未成年者・寡婦・ひとり親（合計所得金額135万円以下）',
  lowIncome: '合計所得金額が非課税の基準以下',
  disaster: '災害',
  unemployment: '失業・廃業',
  hardship: '生活困窮',
  other: 'その他',
} as const;
export type ReliefReason = keyof typeof RELIEF_REASONS;

/** Which reasons a kind of decision can give: 非課税 follows 295条's cases, 減免 the 条例's. */
export const REASONS_OF: Record<Relief['kind'], readonly ReliefReason[]> = {
  exemption: ['livelihoodAssistance', 'disabilityEtc', 'lowIncome', 'other'],
  reduction: ['disaster', 'unemployment', 'hardship', 'livelihoodAssistance', 'other'],
};

export const RELIEF_SCOPES = { all: '所得割と均等割', incomeLevy: '所得割のみ' } as const;

/** What applyRelief needs of a decision, and what a stored assessment keeps in `input.relief`. */
export interface Relief {
  /** The decision's id, named in each step's basis. */
  readonly id: string;
  readonly kind: 'exemption' | 'reduction';
  readonly reason: ReliefReason;
  /** reduction: the levies it reduces (exemption: always all). */
  readonly scope: keyof typeof RELIEF_SCOPES;
  /** reduction by a share, a decimal string in (0, 1] ('0.5' = half); null when by amount. */
  readonly rate: string | null;
  /** reduction by a fixed yen amount off 市 + 県 together; null when by rate. */
  readonly amount: number | null;
  /** 森林環境税の免除 (exemption: always). */
  readonly forestExempt: boolean;
  /** 決定日 (YYYY-MM-DD). */
  readonly decidedOn: string;
}

export const UNCONFIRMED_RELIEF_ROUNDING = '減免後の税額の端数処理（100円未満切捨）';

/** A proportion num/den with 0 ≤ num ≤ den, den > 0: exact, so 0.3 never becomes 0.30000000000000004. */
type Proportion = readonly [num: bigint, den: bigint];

function proportionOf(relief: Relief, base: number): Proportion {
  if (relief.kind === 'exemption') return [1n, 1n];
  if (relief.rate !== null) {
    const m = /^(\d+)(?:\.(\d+))?$/.exec(relief.rate);
    if (!m) throw new Error(`減免割合「${relief.rate}」は小数の文字列で指定してください`);
    const den = 10n ** BigInt(m[2]?.length ?? 0);
    const num = BigInt(m[1]! + (m[2] ?? ''));
    return [num > den ? den : num, den];
  }
  if (base === 0) return [0n, 1n];
  const amount = BigInt(Math.max(0, relief.amount ?? 0));
  const den = BigInt(base);
  return [amount > den ? den : amount, den];
}

/** What is left of a levy: its exact share not relieved, 100円未満切捨 [U]. */
const remaining = (levy: number, [num, den]: Proportion): number => truncateTaxAmount(Number((BigInt(levy) * (den - num)) / den));

export function applyRelief(breakdown: Breakdown, relief: Relief | null): Breakdown {
  if (!relief) return breakdown;
  const t = breakdown.totals;
  const exemption = relief.kind === 'exemption';
  const withPerCapita = exemption || relief.scope === 'all';
  const base = t.cityIncomeLevy + t.prefIncomeLevy + (withPerCapita ? t.cityPerCapitaLevy + t.prefPerCapitaLevy : 0);
  const p = proportionOf(relief, base);
  const after: AssessmentTotals = {
    ...t,
    cityIncomeLevy: remaining(t.cityIncomeLevy, p),
    prefIncomeLevy: remaining(t.prefIncomeLevy, p),
    cityPerCapitaLevy: withPerCapita ? remaining(t.cityPerCapitaLevy, p) : t.cityPerCapitaLevy,
    prefPerCapitaLevy: withPerCapita ? remaining(t.prefPerCapitaLevy, p) : t.prefPerCapitaLevy,
    forestEnvironmentTax: exemption || relief.forestExempt ? 0 : t.forestEnvironmentTax,
    total: 0,
  };
  const total = after.cityIncomeLevy + after.prefIncomeLevy + after.cityPerCapitaLevy + after.prefPerCapitaLevy + after.forestEnvironmentTax;

  const how = relief.rate !== null ? `割合 ${relief.rate}` : `${relief.amount}円（市・県の税額の割合で按分）`;
  const basis = `${exemption ? '非課税' : '減免'}の決定 ${relief.id}（${relief.decidedOn}、${RELIEF_REASONS[relief.reason]}${exemption ? '' : `、${RELIEF_SCOPES[relief.scope]}を${how}`}）`;
  const label = exemption ? '非課税の決定による減額' : '減免額';
  const added: BreakdownStep[] = [
    { step: 'reliefCity', label: `${label}（市町村民税）`, amount: t.cityIncomeLevy + t.cityPerCapitaLevy - after.cityIncomeLevy - after.cityPerCapitaLevy, side: 'city', basis },
    { step: 'reliefPref', label: `${label}（道府県民税）`, amount: t.prefIncomeLevy + t.prefPerCapitaLevy - after.prefIncomeLevy - after.prefPerCapitaLevy, side: 'pref', basis },
    ...(exemption || relief.forestExempt
      ? [{ step: 'reliefForest', label: exemption ? '森林環境税 非課税の決定による減額' : '森林環境税の免除', amount: t.forestEnvironmentTax, side: 'national' as const, basis }]
      : []),
  ];
  // The relief lines go just before 年税額, which becomes the amount after them: the bill still reads top to bottom.
  const at = breakdown.steps.findIndex((s) => s.step === 'total');
  const before = at === -1 ? breakdown.steps : breakdown.steps.slice(0, at);
  const totalStep: BreakdownStep = { step: 'total', label: '年税額', amount: total, basis: `${exemption ? '非課税' : '減免'}の決定を反映` };
  return {
    ...breakdown,
    steps: [...before, ...added, totalStep, ...(at === -1 ? [] : breakdown.steps.slice(at + 1))],
    totals: { ...after, total },
    exemption: exemption ? 'all' : breakdown.exemption,
    // Only a partial share leaves fractions to round: a whole exemption or reduction is exact.
    unconfirmedFigures: p[0] > 0n && p[0] < p[1] ? [...breakdown.unconfirmedFigures, UNCONFIRMED_RELIEF_ROUNDING] : breakdown.unconfirmedFigures,
  };
}
