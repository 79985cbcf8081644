import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { householdFindings } from './household.ts';
import type { ProposedMember } from './household.ts';

let n = 0;
const m = (relationship: string, birthDate: string | null, order?: number): ProposedMember => ({ residentId: `r${++n}`, relationship, birthDate, order: order ?? 0 });
/** Members in the given order, numbered 1..n. */
const household = (...members: ProposedMember[]) => members.map((x, i) => ({ ...x, order: x.order || i + 1 }));
const rules = (members: ProposedMember[]) => householdFindings(members).map((f) => `${f.severity}:${f.rule}@${f.field}`);

describe('世帯の整合性 (住記標準 1.1.10 j100, 1.1.11 j110, 4.0.4 j490, 5.2 j1010)', () => {
  it('accepts a consistent household', () => {
    const h = household(m('世帯主', '1970-05-01'), m('妻', '1972-03-03'), m('子', '2000-01-01'), m('子', '2003-06-06'), m('子の妻', '1999-09-09'), m('子の子', '2025-01-01'), m('父', '1940-01-01'), m('同居人', '1960-01-01'));
    expect(householdFindings(h)).toEqual([]);
  });

  it('accepts an empty household and skips age checks without birth dates', () => {
    expect(householdFindings([])).toEqual([]);
    expect(householdFindings(household(m('世帯主', null), m('子', '1900-01-01')))).toEqual([]);
  });

  it('j110: refuses a 続柄 outside the whitelist, at its field', () => {
    expect(rules(household(m('世帯主', null), m('孫', null)))).toEqual(['error:relationship.not-allowed@members[1].relationship']);
  });

  it('refuses two 世帯主', () => {
    expect(rules(household(m('世帯主', null), m('世帯主', null)))).toEqual(['error:household.multiple-heads@members[1].relationship']);
  });

  it('j100/j490: a household without a 世帯主 is allowed but raises an アラート', () => {
    expect(rules(household(m('妻', null), m('子', null)))).toEqual(['alert:household.head-missing@members']);
    const single = householdFindings(household(m('妻', null)));
    expect(single).toEqual([expect.objectContaining({ severity: 'alert', rule: 'household.head-missing' })]);
    expect(single[0]!.message).toContain('職権で世帯主');
  });

  it.each([
    ['a gap', [1, 3], ['error:household.order-range@members[1].order']],
    ['a repeat', [1, 1], ['error:household.order-duplicate@members[1].order']],
    ['zero', [0, 1], ['error:household.order-range@members[0].order']],
    ['a fraction', [1, 1.5], ['error:household.order-range@members[1].order']],
  ])('j1010: refuses a member order with %s', (_, orders, expected) => {
    const members = [m('世帯主', null), m('妻', null)].map((x, i) => ({ ...x, order: orders[i]! }));
    expect(rules(members)).toEqual(expected);
  });

  it('refuses the same resident twice', () => {
    const head = m('世帯主', null);
    expect(rules(household(head, { ...m('子', null), residentId: head.residentId }))).toEqual(['error:household.member-duplicate@members[1].residentId']);
  });

  it.each([
    ['a 子 older than the 世帯主', [m('世帯主', '1980-01-01'), m('子', '1979-12-31')], 'household.child-not-younger@members[1].birthDate'],
    ['a 子 born on the 世帯主’s birthday', [m('世帯主', '1980-01-01'), m('子', '1980-01-01')], 'household.child-not-younger@members[1].birthDate'],
    ['a 父 younger than the 世帯主', [m('世帯主', '1980-01-01'), m('父', '1990-01-01')], 'household.parent-not-older@members[1].birthDate'],
    ['a 妻の子 older than the 妻', [m('世帯主', '1950-01-01'), m('妻', '1980-01-01'), m('妻の子', '1975-01-01')], 'household.child-not-younger@members[2].birthDate'],
    ['a 妻の父 younger than the 妻', [m('世帯主', '1950-01-01'), m('妻', '1980-01-01'), m('妻の父', '1985-01-01')], 'household.parent-not-older@members[2].birthDate'],
    ['a 子の子 older than its only 子', [m('世帯主', '1950-01-01'), m('子', '1980-01-01'), m('子の子', '1979-01-01')], 'household.child-not-younger@members[2].birthDate'],
    ['a 兄 younger than the 世帯主', [m('世帯主', '1980-01-01'), m('兄', '1981-01-01')], 'household.sibling-order@members[1].birthDate'],
    ['a 妹 older than the 世帯主', [m('世帯主', '1980-01-01'), m('妹', '1979-01-01')], 'household.sibling-order@members[1].birthDate'],
  ])('refuses %s', (_, members, expected) => {
    expect(rules(household(...members))).toEqual([`error:${expected}`]);
  });

  it('compares a 子の子 with the 世帯主 when its parent is not identifiable (two 子)', () => {
    expect(rules(household(m('世帯主', '1950-01-01'), m('子', '1975-01-01'), m('子', '1980-01-01'), m('子の子', '1978-01-01')))).toEqual([]);
    expect(rules(household(m('世帯主', '1950-01-01'), m('子', '1975-01-01'), m('子', '1980-01-01'), m('子の子', '1949-01-01')))).toEqual([
      'error:household.child-not-younger@members[3].birthDate',
    ]);
  });

  it('lets twins be 兄 and 弟 on the same birth date', () => {
    expect(rules(household(m('世帯主', '1980-01-01'), m('兄', '1980-01-01'), m('弟', '1980-01-01')))).toEqual([]);
  });

  it('returns every violation at once', () => {
    const members = [m('世帯主', '1980-01-01', 1), m('世帯主', null, 1), m('子', '1970-01-01', 5), m('祖父', null, 3)];
    expect(rules(members)).toEqual([
      'error:relationship.not-allowed@members[3].relationship',
      'error:household.multiple-heads@members[1].relationship',
      'error:household.order-duplicate@members[1].order',
      'error:household.order-range@members[2].order',
      'error:household.child-not-younger@members[2].birthDate',
    ]);
  });

  it('property: any permutation of 1..n is a valid order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }).chain((size) => fc.shuffledSubarray([...Array(size).keys()], { minLength: size, maxLength: size })), (perm) => {
        const members = perm.map((p, i) => ({ residentId: `p${i}`, relationship: i === 0 ? '世帯主' : '同居人', order: p + 1 }));
        expect(householdFindings(members)).toEqual([]);
      }),
    );
  });
});
