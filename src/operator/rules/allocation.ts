/**
 * 共通費用の按分: the platform's monthly shared costs (クラウド利用料・回線・運用保守) split across the 団体
 * that use it. Each cost item names its own key (均等割・人口割・利用量割) so an operator can follow the
 * agreement between the 団体; the split is exact in integer yen, so the invoices always add up to the
 * bill the platform received.
 */

export const USAGE_METRICS = ['storedBytes', 'storedRows', 'apiRequests', 'jobCpuSeconds', 'certificates'] as const;
export type UsageMetric = (typeof USAGE_METRICS)[number];
export const USAGE_METRIC_TITLES: Record<UsageMetric, string> = {
  storedBytes: '保存データ量',
  storedRows: '保存件数',
  apiRequests: 'API呼出し回数',
  jobCpuSeconds: 'バッチ処理CPU時間',
  certificates: '証明書発行件数',
};

export const ALLOCATION_KEYS = ['equal', 'population', 'usage'] as const;
export type AllocationKey = (typeof ALLOCATION_KEYS)[number];
export const ALLOCATION_KEY_TITLES: Record<AllocationKey, string> = { equal: '均等割', population: '人口割', usage: '利用量割' };

export const COST_CATEGORIES = ['cloud', 'network', 'operations'] as const; // クラウド利用料・回線・運用保守
export type CostCategory = (typeof COST_CATEGORIES)[number];
export const COST_CATEGORY_TITLES: Record<CostCategory, string> = { cloud: 'クラウド利用料', network: '回線', operations: '運用保守' };

export interface CostItem {
  category: CostCategory;
  amount: number;
  key: AllocationKey;
  /** required when key = 'usage' */
  usageMetric?: UsageMetric;
}
export interface TenantBasis {
  tenantCode: string;
  population: number | null;
  usage: Record<UsageMetric, number>;
}
export interface AllocationLine {
  category: CostCategory;
  tenantCode: string;
  amount: number;
  key: AllocationKey;
  usageMetric: UsageMetric | null;
}
export interface Allocation {
  lines: AllocationLine[];
  byTenant: Map<string, number>;
  total: number;
}
export interface RuleProblem {
  field: string;
  rule: string;
  message: string;
}

const isOneOf = <T extends string>(list: readonly T[], value: unknown): value is T => (list as readonly unknown[]).includes(value);
const isYen = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
const isWeight = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0;

/**
 * Problems that make allocation impossible, one per problem, so the console can show each next to its
 * field. Beyond the brief's list it also refuses unusable tenant figures (negative or non-finite
 * population/usage, duplicate 団体コード) and a population key whose populations total 0, because
 * `splitYen` would otherwise throw on data that came from outside.
 */
export function allocationProblems(items: CostItem[], tenants: TenantBasis[]): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const add = (field: string, rule: string, message: string): void => void problems.push({ field, rule, message });

  if (tenants.length === 0) add('tenants', 'allocation.no-tenants', '按分先の団体がありません');
  const seenCodes = new Set<string>();
  tenants.forEach((t, i) => {
    if (seenCodes.has(t.tenantCode)) add(`tenants.${i}.tenantCode`, 'allocation.duplicate-tenant', `団体コード ${t.tenantCode} が重複しています`);
    seenCodes.add(t.tenantCode);
    if (t.population !== null && !isWeight(t.population)) {
      add(`tenants.${i}.population`, 'allocation.basis-invalid', `団体 ${t.tenantCode} の人口が0以上の数値ではありません`);
    }
    for (const metric of USAGE_METRICS) {
      if (!isWeight(t.usage?.[metric])) {
        add(`tenants.${i}.usage.${metric}`, 'allocation.basis-invalid', `団体 ${t.tenantCode} の${USAGE_METRIC_TITLES[metric]}が0以上の数値ではありません`);
      }
    }
  });

  const seenCategories = new Set<string>();
  items.forEach((item, i) => {
    const at = (name: string): string => `items.${i}.${name}`;
    if (!isOneOf(COST_CATEGORIES, item.category)) {
      add(at('category'), 'allocation.unknown-category', `費目「${String(item.category)}」は定義されていません`);
    } else if (seenCategories.has(item.category)) {
      add(at('category'), 'allocation.duplicate-category', `費目「${COST_CATEGORY_TITLES[item.category]}」が重複しています`);
    } else seenCategories.add(item.category);
    if (!isYen(item.amount)) add(at('amount'), 'allocation.amount', '金額は0以上の整数（円）で入力してください');
    if (item.usageMetric !== undefined && !isOneOf(USAGE_METRICS, item.usageMetric)) {
      add(at('usageMetric'), 'allocation.unknown-metric', `利用量の指標「${String(item.usageMetric)}」は定義されていません`);
    }
    if (!isOneOf(ALLOCATION_KEYS, item.key)) {
      add(at('key'), 'allocation.unknown-key', `按分方法「${String(item.key)}」は定義されていません`);
    } else if (item.key === 'population') {
      const missing = tenants.filter((t) => t.population === null).map((t) => t.tenantCode);
      if (missing.length > 0) {
        add(at('key'), 'allocation.population-missing', `人口割で按分するには全団体の人口が必要です。人口が未登録の団体: ${missing.join('、')}`);
      } else if (tenants.length > 0 && tenants.every((t) => t.population === 0)) {
        add(at('key'), 'allocation.population-zero', '全団体の人口が0のため、人口割で按分できません');
      }
    } else if (item.key === 'usage') {
      if (item.usageMetric === undefined) {
        add(at('usageMetric'), 'allocation.usage-metric-required', '利用量割では利用量の指標を選択してください');
      } else if (isOneOf(USAGE_METRICS, item.usageMetric) && tenants.length > 0) {
        const metric = item.usageMetric;
        if (tenants.every((t) => !isWeight(t.usage?.[metric]) || t.usage[metric] === 0)) {
          add(at('usageMetric'), 'allocation.usage-zero', `${USAGE_METRIC_TITLES[metric]}の利用実績がまだ計測されていないため、利用量割で按分できません`);
        }
      }
    }
  });
  return problems;
}

/**
 * Turns finite non-negative doubles into BigInts with one common scale, exactly: every double is
 * m × 2^e, so multiplying by a power of two makes it an integer without rounding. This lets usage
 * figures such as CPU seconds (fractions) and byte counts (beyond 2^53 once multiplied by yen) be
 * split without floating-point error.
 */
function exactWeights(weights: number[]): bigint[] {
  const scaled = weights.map((w) => {
    let bits = 0;
    let x = w;
    while (!Number.isInteger(x)) {
      x *= 2;
      bits += 1;
    }
    return { int: BigInt(x), bits };
  });
  const maxBits = Math.max(0, ...scaled.map((s) => s.bits));
  return scaled.map((s) => s.int << BigInt(maxBits - s.bits));
}

/**
 * Exact integer split by the largest-remainder (Hamilton) method: each part is its quota rounded down,
 * and the yen left over go one each to the largest remainders, so the parts always sum to `amount` and
 * none is more than 1 yen from its exact quota. Ties go to the lower tenantCode, so the result does
 * not depend on input order. Throws when every weight is 0 (nothing to split by).
 */
export function splitYen(amount: number, shares: { tenantCode: string; weight: number }[]): Map<string, number> {
  if (!isYen(amount)) throw new RangeError(`splitYen: amount must be a non-negative safe integer (${amount})`);
  const codes = new Set<string>();
  for (const s of shares) {
    if (!isWeight(s.weight)) throw new RangeError(`splitYen: weight of ${s.tenantCode} must be finite and >= 0 (${s.weight})`);
    if (codes.has(s.tenantCode)) throw new RangeError(`splitYen: duplicate tenantCode ${s.tenantCode}`);
    codes.add(s.tenantCode);
  }
  const weights = exactWeights(shares.map((s) => s.weight));
  const totalWeight = weights.reduce((a, w) => a + w, 0n);
  if (totalWeight === 0n) throw new RangeError('splitYen: every weight is 0');

  const yen = BigInt(amount);
  const parts = shares.map((s, i) => {
    const product = yen * (weights[i] ?? 0n);
    return { tenantCode: s.tenantCode, floor: product / totalWeight, remainder: product % totalWeight };
  });
  let leftover = yen - parts.reduce((a, p) => a + p.floor, 0n);
  const byRemainder = [...parts].sort((a, b) =>
    a.remainder !== b.remainder ? (a.remainder > b.remainder ? -1 : 1) : a.tenantCode < b.tenantCode ? -1 : a.tenantCode > b.tenantCode ? 1 : 0,
  );
  // leftover < number of positive remainders, so a zero-weight tenant never receives a yen.
  for (const p of byRemainder) {
    if (leftover === 0n) break;
    p.floor += 1n;
    leftover -= 1n;
  }
  return new Map(parts.map((p) => [p.tenantCode, Number(p.floor)]));
}

/** The weight a tenant carries under an item's key. */
function weightOf(item: CostItem, tenant: TenantBasis): number {
  if (item.key === 'equal') return 1;
  if (item.key === 'population') return tenant.population ?? 0;
  return tenant.usage[item.usageMetric as UsageMetric];
}

/**
 * One month's allocation: a line per item × 団体 (zero lines included, so a statement lists every
 * item for every 団体), the sum per 団体, and the total, which equals the sum of the items.
 */
export function allocateMonth(items: CostItem[], tenants: TenantBasis[]): Allocation {
  const problems = allocationProblems(items, tenants);
  if (problems.length > 0) throw new Error(`allocateMonth: ${problems.map((p) => `${p.field}: ${p.message}`).join(' / ')}`);
  const lines: AllocationLine[] = [];
  const byTenant = new Map(tenants.map((t) => [t.tenantCode, 0]));
  for (const item of items) {
    const split = splitYen(item.amount, tenants.map((t) => ({ tenantCode: t.tenantCode, weight: weightOf(item, t) })));
    for (const t of tenants) {
      const amount = split.get(t.tenantCode) ?? 0;
      lines.push({ category: item.category, tenantCode: t.tenantCode, amount, key: item.key, usageMetric: item.key === 'usage' ? (item.usageMetric ?? null) : null });
      byTenant.set(t.tenantCode, (byTenant.get(t.tenantCode) ?? 0) + amount);
    }
  }
  return { lines, byTenant, total: items.reduce((a, i) => a + i.amount, 0) };
}
