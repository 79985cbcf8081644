import { describe, expect, it } from 'vitest';
import { planHouseholdChange, type LoadedHouseholds } from './household-change-plan.ts';
import { HouseholdChangeInputSchema } from './inputs.ts';
import type { HouseholdRow, VersionRow } from './queries.ts';

/** The pure plan of 世帯変更 (4.1.4, j730) and 並び替え (5.2): who moves, which 続柄 are needed, which versions follow. */
const id = (n: number) => `0190e4c4-7a9b-7f3e-9c2d-${String(n).padStart(12, '0')}`;
const H1 = id(901);
const H2 = id(902);

const row = (n: number, relationship: string, birthDate: string, household: string, headName: string | null): VersionRow => ({
  resident_id: id(n), history_no: 1, valid_from: '2026-01-01', status: 'resident', household_id: household, relationship, birth_date: birthDate,
  name: `住民${n}`, name_alphabet: null, name_kana: null, addressee_no: String(1000 + n), lock_version: 1, my_number_token: null,
  household_head_name: headName, household_head_name_kana: null,
});
const household = (hid: string, no: string, members: VersionRow[]): HouseholdRow => ({
  id: hid, household_no: no, version: 1, history_no: 1, valid_from: '2026-01-01', recorded_at: new Date(), status: 'active',
  head_resident_id: members.find((m) => m.relationship === '世帯主')?.resident_id ?? null, member_ids: members.map((m) => m.resident_id),
});

// 世帯主 (1), 妻 (2), 子 (3); another household with its 世帯主 (4).
const family = [row(1, '世帯主', '1950-01-01', H1, '住民1'), row(2, '妻', '1952-01-01', H1, '住民1'), row(3, '子', '1980-01-01', H1, '住民1')];
const other = [row(4, '世帯主', '1930-01-01', H2, '住民4')];
const loaded = (withTarget = false): LoadedHouseholds => ({
  source: household(H1, '0000000019', family), sourceRows: family,
  target: withTarget ? household(H2, '0000000027', other) : null, targetRows: withTarget ? other : [],
});
const input = (body: Record<string, unknown>) => HouseholdChangeInputSchema.parse({ effectiveDate: '2026-04-01', notifiedDate: '2026-04-02', household: { householdId: H1, version: 1 }, ...body });
const rules = (plan: ReturnType<typeof planHouseholdChange>) => plan.findings.map((f) => `${f.severity}:${f.field} ${f.rule}`);

describe('planHouseholdChange (household-change-plan.ts)', () => {
  it('世帯主変更 needs every other member’s 続柄 anew and gives everyone a version naming the new head (j730)', () => {
    const missing = planHouseholdChange(input({ kind: 'head_change', newHeadResidentId: id(3), relationships: [{ residentId: id(1), relationship: '父' }] }), loaded());
    expect(rules(missing)).toEqual(['error:relationships required']);
    const plan = planHouseholdChange(input({ kind: 'head_change', newHeadResidentId: id(3), relationships: [{ residentId: id(1), relationship: '父' }, { residentId: id(2), relationship: '母' }] }), loaded());
    expect(rules(plan)).toEqual([]);
    expect(plan.households[0]).toMatchObject({ headId: id(3), previousHeadId: id(1) });
    expect(plan.updates.map((u) => [u.row.resident_id, u.relationship, u.headName, u.reason])).toEqual([
      [id(1), '父', '住民3', 'household_head_change'], [id(2), '母', '住民3', 'household_head_change'], [id(3), '世帯主', '住民3', 'household_head_change'],
    ]);
  });

  it('世帯変更 appends the mover to the target (j1010) and leaves the others without a version', () => {
    const plan = planHouseholdChange(input({ kind: 'change', target: { householdId: H2, version: 1 }, residentIds: [id(3)], relationships: [{ residentId: id(3), relationship: '子の子' }] }), loaded(true));
    expect(rules(plan)).toEqual([]);
    expect(plan.households.map((h) => [h.role, h.members.map((m) => m.residentId)])).toEqual([['source', [id(1), id(2)]], ['target', [id(4), id(3)]]]);
    expect(plan.updates.map((u) => [u.row.resident_id, u.role, u.moved, u.reason])).toEqual([[id(3), 'target', true, 'household_change']]);
  });

  it.each([
    ['a 続柄 for someone whose head stays', { kind: 'separation', residentIds: [id(3)], relationships: [{ residentId: id(3), relationship: '世帯主' }, { residentId: id(2), relationship: '母' }] }, 'error:relationships[1].residentId household.relationship-unchanged-head'],
    ['a 続柄 given twice', { kind: 'separation', residentIds: [id(3)], relationships: [{ residentId: id(3), relationship: '世帯主' }, { residentId: id(3), relationship: '子' }] }, 'error:relationships[1].residentId household.member-duplicate'],
    ['a mover chosen twice', { kind: 'separation', residentIds: [id(3), id(3)], relationships: [{ residentId: id(3), relationship: '世帯主' }] }, 'error:residentIds[1] household.member-duplicate'],
    ['a 世帯主 made 世帯主 again', { kind: 'head_change', newHeadResidentId: id(1) }, 'error:newHeadResidentId household.same-head'],
    ['a new head recorded as something else', { kind: 'head_change', newHeadResidentId: id(3), relationships: [{ residentId: id(3), relationship: '子' }, { residentId: id(1), relationship: '父' }, { residentId: id(2), relationship: '母' }] }, 'error:relationships[0].relationship household.head-relationship'],
    ['a head leaving without a successor (j490)', { kind: 'separation', residentIds: [id(1)], relationships: [{ residentId: id(1), relationship: '世帯主' }] }, 'alert:household household.head-missing'],
  ])('reports %s', (_, body, expected) => {
    expect(rules(planHouseholdChange(input(body), loaded()))).toContain(expected);
  });
});
