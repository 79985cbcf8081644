import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactInput, compactItems, expandInput, expandItems } from './compact.ts';
import { incomeItemsSchema } from './income-data.ts';
import { assessmentInputSchema } from './model.ts';

const yen = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 20_000_000 }));
const draft = fc.record({
  age: fc.integer({ min: 0, max: 100 }),
  salaryRevenue: yen, pensionRevenue: yen, otherIncome: yen, socialInsurance: yen,
  lifeInsurance: fc.record({ newGeneral: yen, oldAnnuity: yen }, { requiredKeys: [] }),
  medicalExpenses: fc.record({ paid: yen }, { requiredKeys: [] }),
  disability: fc.constantFrom('none', 'disabled', 'speciallyDisabled'),
  workingStudent: fc.boolean(),
  spouse: fc.option(fc.record({ age: fc.integer({ min: 20, max: 90 }), totalIncome: yen }), { nil: null }),
  dependants: fc.array(fc.record({ age: fc.integer({ min: 0, max: 95 }), totalIncome: yen }), { maxLength: 3 }),
  minor: fc.option(fc.boolean(), { nil: undefined }),
  donations: fc.record({ hometown: yen, oneStop: fc.boolean() }, { requiredKeys: [] }),
}, { requiredKeys: ['age'] });

describe('stored inputs without their defaults', () => {
  it('gives back exactly the validated input (fast-check)', () => {
    fc.assert(fc.property(draft, (d) => {
      const input = assessmentInputSchema.parse(d);
      expect(expandInput(compactInput(input))).toEqual(input);
      const { age: _age, ...rest } = d;
      const items = incomeItemsSchema.parse(rest);
      expect(expandItems(compactItems(items))).toEqual(items);
    }), { numRuns: 500 });
  });

  it('keeps only what differs from the defaults', () => {
    const input = assessmentInputSchema.parse({ age: 45, salaryRevenue: 5_000_000, lifeInsurance: { newGeneral: 80_000 }, spouse: { age: 43, totalIncome: 0 } });
    expect(compactInput(input)).toEqual({ age: 45, salaryRevenue: 5_000_000, lifeInsurance: { newGeneral: 80_000 }, spouse: { age: 43, totalIncome: 0, disability: 'none' } });
    expect(compactItems(incomeItemsSchema.parse({}))).toEqual({});
  });

  it('shares no default object that could be changed through an expanded input', () => {
    const expanded = expandItems({}) as unknown as { lifeInsurance: Record<string, number> };
    expect(() => { expanded.lifeInsurance.newGeneral = 1; }).toThrow(TypeError);
    expect(expandItems({}).lifeInsurance.newGeneral).toBe(0);
  });
});
