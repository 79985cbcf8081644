import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateMonth, allocationProblems, splitYen, USAGE_METRICS, type CostItem, type TenantBasis, type UsageMetric } from './allocation.ts';

const usage = (over: Partial<Record<UsageMetric, number>> = {}): Record<UsageMetric, number> => ({
  storedBytes: 0, storedRows: 0, apiRequests: 0, jobCpuSeconds: 0, certificates: 0, ...over,
});
const tenant = (tenantCode: string, population: number | null, over: Partial<Record<UsageMetric, number>> = {}): TenantBasis => ({ tenantCode, population, usage: usage(over) });
const shares = (weights: Record<string, number>) => Object.entries(weights).map(([tenantCode, weight]) => ({ tenantCode, weight }));
const asObject = (m: Map<string, number>) => Object.fromEntries(m);

describe('splitYen (worked examples)', () => {
  it.each([
    ['populations 100/200/700', 1_000_000, { '011002': 100, '012025': 200, '132012': 700 }, { '011002': 100_000, '012025': 200_000, '132012': 700_000 }],
    ['three equal: the lowest code gets the extra yen, whatever the input order', 100, { '271004': 1, '011002': 1, '132012': 1 }, { '011002': 34, '132012': 33, '271004': 33 }],
    ['four equal, 2 yen left over: the two lowest codes', 10, { d: 1, c: 1, b: 1, a: 1 }, { a: 3, b: 3, c: 2, d: 2 }],
    ['largest remainder wins, not the largest weight (14.29/28.57/57.14)', 100, { a: 1, b: 2, c: 4 }, { a: 14, b: 29, c: 57 }],
    ['zero weight gets nothing even when others tie on .5', 5, { a: 0, b: 1, c: 1 }, { a: 0, b: 3, c: 2 }],
    ['fractional weights 0.1 : 0.2 are exactly 1 : 2', 10, { a: 0.1, b: 0.2 }, { a: 3, b: 7 }],
    ['amount 0', 0, { a: 3, b: 1 }, { a: 0, b: 0 }],
    ['largest safe amount, exact beyond float precision', Number.MAX_SAFE_INTEGER, { b: 1, a: 1 }, { a: 4_503_599_627_370_496, b: 4_503_599_627_370_495 }],
    ['byte counts × yen beyond 2^53', 999_999, { a: 3e15, b: 1e15 }, { a: 749_999, b: 250_000 }],
  ])('%s', (_name, amount, weights, expected) => {
    expect(asObject(splitYen(amount, shares(weights)))).toEqual(expected);
  });

  it.each([
    ['every weight 0', 100, { a: 0, b: 0 }],
    ['no shares', 100, {}],
    ['negative weight', 100, { a: -1, b: 2 }],
    ['NaN weight', 100, { a: Number.NaN, b: 2 }],
    ['infinite weight', 100, { a: Number.POSITIVE_INFINITY }],
    ['fractional yen', 100.5, { a: 1 }],
    ['negative amount', -1, { a: 1 }],
  ])('throws on %s', (_name, amount, weights) => {
    expect(() => splitYen(amount, shares(weights))).toThrow();
  });

  it('throws on a duplicate tenantCode', () => {
    expect(() => splitYen(10, [{ tenantCode: 'a', weight: 1 }, { tenantCode: 'a', weight: 1 }])).toThrow(/duplicate/);
  });
});

describe('allocationProblems', () => {
  const tenants = [tenant('011002', 100, { apiRequests: 30 }), tenant('012025', 200, { apiRequests: 10 })];
  const ok: CostItem = { category: 'cloud', amount: 1000, key: 'equal' };

  it('accepts valid items, and no items at all', () => {
    expect(allocationProblems([ok, { category: 'network', amount: 0, key: 'population' }, { category: 'operations', amount: 5, key: 'usage', usageMetric: 'apiRequests' }], tenants)).toEqual([]);
    expect(allocationProblems([], tenants)).toEqual([]);
  });

  it.each<[string, CostItem[], TenantBasis[], string, string]>([
    ['no tenants', [ok], [], 'tenants', 'allocation.no-tenants'],
    ['negative amount', [{ ...ok, amount: -1 }], tenants, 'items.0.amount', 'allocation.amount'],
    ['fractional amount', [{ ...ok, amount: 1.5 }], tenants, 'items.0.amount', 'allocation.amount'],
    ['unsafe amount', [{ ...ok, amount: 2 ** 53 }], tenants, 'items.0.amount', 'allocation.amount'],
    ['usage key without metric', [ok, { category: 'network', amount: 1, key: 'usage' }], tenants, 'items.1.usageMetric', 'allocation.usage-metric-required'],
    ['unknown category', [{ ...ok, category: 'power' as never }], tenants, 'items.0.category', 'allocation.unknown-category'],
    ['unknown key', [{ ...ok, key: 'area' as never }], tenants, 'items.0.key', 'allocation.unknown-key'],
    ['unknown metric', [{ ...ok, key: 'usage', usageMetric: 'pages' as never }], tenants, 'items.0.usageMetric', 'allocation.unknown-metric'],
    ['duplicate category', [ok, { ...ok, key: 'population' }], tenants, 'items.1.category', 'allocation.duplicate-category'],
    ['population key, a population missing', [{ ...ok, key: 'population' }], [...tenants, tenant('132012', null)], 'items.0.key', 'allocation.population-missing'],
    ['population key, every population 0', [{ ...ok, key: 'population' }], [tenant('a', 0), tenant('b', 0)], 'items.0.key', 'allocation.population-zero'],
    ['usage key, metric totals 0', [{ ...ok, key: 'usage', usageMetric: 'certificates' }], tenants, 'items.0.usageMetric', 'allocation.usage-zero'],
    ['duplicate tenant', [ok], [tenants[0]!, tenants[0]!], 'tenants.1.tenantCode', 'allocation.duplicate-tenant'],
    ['negative population', [ok], [tenant('a', -5)], 'tenants.0.population', 'allocation.basis-invalid'],
    ['NaN usage', [ok], [tenant('a', 1, { storedRows: Number.NaN })], 'tenants.0.usage.storedRows', 'allocation.basis-invalid'],
  ])('%s', (_name, items, ts, field, rule) => {
    const problems = allocationProblems(items, ts);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ field, rule });
    expect(problems[0]!.message).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it('names every tenant without a population', () => {
    const [p] = allocationProblems([{ ...ok, key: 'population' }], [tenant('011002', null), tenant('012025', 5), tenant('132012', null)]);
    expect(p!.message).toContain('011002、132012');
    expect(p!.message).not.toContain('012025');
  });

  it('says no usage has been measured yet for the metric', () => {
    const [p] = allocationProblems([{ ...ok, key: 'usage', usageMetric: 'jobCpuSeconds' }], tenants);
    expect(p!.message).toContain('バッチ処理CPU時間');
    expect(p!.message).toContain('まだ計測されていない');
  });

  it('reports several problems at once, one each', () => {
    const problems = allocationProblems([{ category: 'cloud', amount: -1, key: 'usage' }, { category: 'cloud', amount: 1, key: 'equal' }], tenants);
    expect(problems.map((p) => p.field)).toEqual(['items.0.amount', 'items.0.usageMetric', 'items.1.category']);
  });
});

describe('allocateMonth (worked example)', () => {
  const tenants = [tenant('132012', 700), tenant('011002', 100, { apiRequests: 30 }), tenant('012025', 200, { apiRequests: 10 })];
  const items: CostItem[] = [
    { category: 'cloud', amount: 1_000_000, key: 'population', usageMetric: 'apiRequests' },
    { category: 'network', amount: 90_000, key: 'equal' },
    { category: 'operations', amount: 40_000, key: 'usage', usageMetric: 'apiRequests' },
  ];
  const result = allocateMonth(items, tenants);

  it('splits each item by its key and sums per tenant', () => {
    expect(asObject(result.byTenant)).toEqual({ '132012': 730_000, '011002': 160_000, '012025': 240_000 });
    expect(result.total).toBe(1_130_000);
  });
  it('has one line per item × tenant, with the metric only on usage lines', () => {
    expect(result.lines).toHaveLength(9);
    expect(result.lines.filter((l) => l.tenantCode === '011002')).toEqual([
      { category: 'cloud', tenantCode: '011002', amount: 100_000, key: 'population', usageMetric: null },
      { category: 'network', tenantCode: '011002', amount: 30_000, key: 'equal', usageMetric: null },
      { category: 'operations', tenantCode: '011002', amount: 30_000, key: 'usage', usageMetric: 'apiRequests' },
    ]);
    expect(result.lines.find((l) => l.tenantCode === '132012' && l.category === 'operations')?.amount).toBe(0);
  });
  it('throws when there are problems', () => {
    expect(() => allocateMonth(items, [])).toThrow(/按分先の団体がありません/);
    expect(() => allocateMonth([{ category: 'cloud', amount: 1, key: 'usage', usageMetric: 'certificates' }], tenants)).toThrow(/証明書発行件数/);
  });
});

describe('properties (fast-check)', () => {
  const amount = fc.integer({ min: 0, max: 10_000_000_000 });
  const codes = (n: number) => Array.from({ length: n }, (_, i) => String(100_000 + i * 7919));
  const intWeights = fc.array(fc.integer({ min: 0, max: 1_000_000_000 }), { minLength: 1, maxLength: 12 }).filter((w) => w.some((x) => x > 0));

  it('splitYen parts sum to the amount and each is within 1 yen of its exact quota', () => {
    fc.assert(fc.property(amount, intWeights, (yen, weights) => {
      const split = splitYen(yen, weights.map((weight, i) => ({ tenantCode: codes(weights.length)[i]!, weight })));
      const parts = [...split.values()];
      expect(parts.reduce((a, b) => a + b, 0)).toBe(yen);
      const total = BigInt(weights.reduce((a, b) => a + b, 0));
      weights.forEach((w, i) => {
        // |part − yen·w/W| < 1  ⇔  |part·W − yen·w| < W, checked in exact integers
        const diff = BigInt(parts[i]!) * total - BigInt(yen) * BigInt(w);
        expect(diff < total && -diff < total).toBe(true);
        if (w === 0) expect(parts[i]).toBe(0);
      });
    }), { numRuns: 500 });
  });

  it('splitYen with fractional weights still sums exactly and gives no negative part', () => {
    const w = fc.double({ min: 0, max: 1e9, noNaN: true, noDefaultInfinity: true });
    fc.assert(fc.property(amount, fc.array(w, { minLength: 1, maxLength: 8 }).filter((ws) => ws.some((x) => x > 0)), (yen, weights) => {
      const parts = [...splitYen(yen, weights.map((weight, i) => ({ tenantCode: codes(weights.length)[i]!, weight }))).values()];
      expect(parts.reduce((a, b) => a + b, 0)).toBe(yen);
      expect(parts.every((p) => Number.isSafeInteger(p) && p >= 0)).toBe(true);
    }), { numRuns: 300 });
  });

  it('splitYen does not depend on the order of the shares', () => {
    fc.assert(fc.property(amount, intWeights, fc.integer(), (yen, weights, seed) => {
      const list = weights.map((weight, i) => ({ tenantCode: codes(weights.length)[i]!, weight }));
      const shuffled = [...list].sort((a, b) => ((a.weight * 31 + seed) % 17) - ((b.weight * 31 + seed) % 17) || (a.tenantCode < b.tenantCode ? 1 : -1));
      expect(asObject(splitYen(yen, shuffled))).toEqual(asObject(splitYen(yen, list)));
    }));
  });

  const basis = fc.array(
    fc.record({ population: fc.integer({ min: 1, max: 4_000_000 }), usage: fc.record(Object.fromEntries(USAGE_METRICS.map((m) => [m, fc.integer({ min: 1, max: 1e12 })])) as Record<UsageMetric, fc.Arbitrary<number>>) }),
    { minLength: 1, maxLength: 10 },
  ).map((list) => list.map((t, i) => ({ tenantCode: codes(list.length)[i]!, ...t })));
  const costItems = fc.tuple(
    ...(['cloud', 'network', 'operations'] as const).map((category) =>
      fc.record({ category: fc.constant(category), amount, key: fc.constantFrom('equal' as const, 'population' as const, 'usage' as const), usageMetric: fc.constantFrom(...USAGE_METRICS) })),
  ).chain((all) => fc.subarray(all));

  it('allocation total equals the sum of the items, and of the tenants’ shares', () => {
    fc.assert(fc.property(costItems, basis, (items, tenants) => {
      const result = allocateMonth(items, tenants);
      expect(result.total).toBe(items.reduce((a, i) => a + i.amount, 0));
      expect([...result.byTenant.values()].reduce((a, b) => a + b, 0)).toBe(result.total);
      expect(result.lines.reduce((a, l) => a + l.amount, 0)).toBe(result.total);
    }), { numRuns: 300 });
  });

  it('more population never lowers a tenant’s share under the population key', () => {
    fc.assert(fc.property(amount, basis, fc.nat(), fc.integer({ min: 1, max: 1_000_000 }), (yen, tenants, pick, more) => {
      const i = pick % tenants.length;
      const items: CostItem[] = [{ category: 'cloud', amount: yen, key: 'population' }];
      const code = tenants[i]!.tenantCode;
      const before = allocateMonth(items, tenants).byTenant.get(code)!;
      const grown = tenants.map((t, j) => (j === i ? { ...t, population: t.population + more } : t));
      expect(allocateMonth(items, grown).byTenant.get(code)!).toBeGreaterThanOrEqual(before);
    }), { numRuns: 500 });
  });

  it('the equal key gives shares that differ by at most 1 yen', () => {
    fc.assert(fc.property(amount, basis, (yen, tenants) => {
      const values = [...allocateMonth([{ category: 'network', amount: yen, key: 'equal' }], tenants).byTenant.values()];
      expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
    }));
  });
});
