/**
 * 世帯変更 (4.1.4, j720–j740) and 世帯員の並び替え (5.2, j1010) as a plan: from the request and the
 * households as they are, the households as the 異動 would leave them (members in order, each with
 * its 続柄), the person versions it needs, and every finding. Pure: the service loads, plans,
 * refuses on errors, then writes exactly what the plan says.
 *
 * 続柄 (j730): the standard only says the members' 続柄 "can be changed" on a 世帯主変更. Which
 * 続柄 follows from the old one depends on facts the register does not hold (the old head's wife is
 * the new head's 母 or 父の妻), so nothing is derived: whoever moves, and every other member of a
 * household that gets a new named 世帯主, must be given a 続柄 in `relationships`. Anyone else's
 * 続柄 is not this procedure's to change (a wrong one is a 職権修正, j840).
 */
import type { HouseholdChangeInput } from './inputs.ts';
import { standardOrder } from './household-change-order.ts';
import { checkMembers, headOf, memberOf, type Member } from './members.ts';
import type { ChangeReason } from './model.ts';
import type { HouseholdRow, VersionRow } from './queries.ts';
import { error, type Finding } from './rules/findings.ts';
import { HOUSEHOLD_HEAD, normalizeRelationship } from './rules/relationship.ts';

export type HouseholdChangeKind = HouseholdChangeInput['kind'];
/** `source` is the household the request names, `target` the one joined, `new` the one a 分離 forms. */
export type HouseholdRole = 'source' | 'target' | 'new';

/** 異動事由 (1.2.2, j210) per kind; 並び替え has none (README open question 15). */
export const KIND_REASON: Record<Exclude<HouseholdChangeKind, 'reorder'>, ChangeReason> = {
  separation: 'household_separation',
  merger: 'household_merger',
  change: 'household_change',
  head_change: 'household_head_change',
};

export interface LoadedHouseholds {
  source: HouseholdRow;
  /** Current versions of the source's members, in member order. */
  sourceRows: VersionRow[];
  target: HouseholdRow | null;
  targetRows: VersionRow[];
}

export interface PlannedHousehold {
  role: HouseholdRole;
  /** null for the household a 世帯分離 forms. */
  existing: HouseholdRow | null;
  members: Member[];
  previousHeadId: string | null;
  headId: string | null;
}

export interface PersonUpdate {
  row: VersionRow;
  role: HouseholdRole;
  moved: boolean;
  reason: ChangeReason;
  relationship: string;
  headName: string | null;
  headNameKana: string | null;
}

export interface HouseholdChangePlan {
  findings: Finding[];
  households: PlannedHousehold[];
  updates: PersonUpdate[];
}

const HOUSEHOLD_FIELD: Record<HouseholdRole, string> = { source: 'household', target: 'target', new: 'residentIds' };

export function planHouseholdChange(input: HouseholdChangeInput, loaded: LoadedHouseholds): HouseholdChangePlan {
  const findings: Finding[] = [];
  const { source, target } = loaded;
  const rowOf = new Map([...loaded.sourceRows, ...loaded.targetRows].map((r) => [r.resident_id, r]));
  const given = new Map<string, { value: string; field: string }>();
  (input.kind === 'reorder' ? [] : input.relationships).forEach((r, i) => {
    if (given.has(r.residentId)) findings.push(error(`relationships[${i}].residentId`, 'household.member-duplicate', '同じ住民の続柄が2回入力されています'));
    else given.set(r.residentId, { value: normalizeRelationship(r.relationship), field: `relationships[${i}]` });
  });
  // A member as the plan leaves them: with the 続柄 given for them, reported at that entry.
  const member = (id: string, field: string): Member => {
    const entry = given.get(id);
    const row = rowOf.get(id)!;
    return entry ? { ...memberOf(row, entry.field), relationship: entry.value } : memberOf(row, field);
  };
  const sourceMember = (id: string) => member(id, `household.members[${source.member_ids.indexOf(id)}]`);
  const moving = movingIds(input, source, findings);
  const movers = new Set(moving.map((m) => m.id));
  const stay = source.member_ids.filter((id) => !movers.has(id)).map(sourceMember);
  const households: PlannedHousehold[] = [];
  const add = (role: HouseholdRole, existing: HouseholdRow | null, members: Member[]) =>
    households.push({ role, existing, members, previousHeadId: existing?.head_resident_id ?? null, headId: headOf(members)?.residentId ?? null });

  switch (input.kind) {
    case 'separation':
      add('source', source, stay);
      add('new', null, moving.map((m) => member(m.id, m.field)));
      break;
    case 'merger':
    case 'change': {
      add('source', source, stay);
      const joined = target!.member_ids.map((id, i) => member(id, `target.members[${i}]`));
      // Joining a household means being appended last (j1010); 並び替え may follow.
      add('target', target, [...joined, ...moving.map((m) => member(m.id, m.field))]);
      break;
    }
    case 'head_change':
      add('source', source, headChangeMembers(input, source, sourceMember, given, findings));
      break;
    case 'reorder':
      add('source', source, reorderMembers(input.order ?? standardOrderOf(loaded.sourceRows), source, sourceMember, findings));
      break;
  }

  // Who must be given a 続柄 (movers; the others of a household with a new named head) and who may (those and the new heads).
  const needed = new Set<string>();
  const allowed = new Set<string>();
  for (const h of households) {
    const headChanged = h.existing !== null && h.headId !== null && h.headId !== h.previousHeadId;
    if (headChanged) allowed.add(h.headId!);
    for (const m of h.members) if (movers.has(m.residentId) || (headChanged && m.residentId !== h.headId)) needed.add(m.residentId);
  }
  for (const id of needed) allowed.add(id);
  for (const [id, entry] of given) {
    if (!rowOf.has(id)) findings.push(error(`${entry.field}.residentId`, 'household.not-member', 'この世帯変更で異動する世帯の世帯員ではありません'));
    else if (!allowed.has(id)) findings.push(error(`${entry.field}.residentId`, 'household.relationship-unchanged-head', '世帯を移らず世帯主も変わらない世帯員の続柄は、世帯変更では変えられません（誤りは職権修正で直してください、4.2.3.1 j840）'));
  }
  const missing = new Set<string>();
  for (const id of needed) {
    if (given.has(id)) continue;
    missing.add(id);
    const why = movers.has(id) ? '異動先の世帯での続柄' : '新しい世帯主との続柄（4.1.4.2）';
    findings.push(error('relationships', 'required', `${why}を入力してください（宛名番号 ${rowOf.get(id)!.addressee_no}）`));
  }
  // A household with a missing 続柄 would only add errors that follow from the missing one.
  for (const h of households) {
    if (h.members.length > 0 && !h.members.some((m) => missing.has(m.residentId))) findings.push(...checkMembers(h.members, HOUSEHOLD_FIELD[h.role]));
  }
  return { findings, households, updates: updatesOf(input.kind, households, rowOf, movers) };
}

/** The members who change household, each with the request field naming them. */
function movingIds(input: HouseholdChangeInput, source: HouseholdRow, findings: Finding[]): { id: string; field: string }[] {
  if (input.kind === 'merger') return source.member_ids.map((id, i) => ({ id, field: `household.members[${i}]` }));
  if (input.kind !== 'separation' && input.kind !== 'change') return [];
  const moving: { id: string; field: string }[] = [];
  input.residentIds.forEach((id, i) => {
    const field = `residentIds[${i}]`;
    if (!source.member_ids.includes(id)) findings.push(error(field, 'household.not-member', `世帯 ${source.household_no} の世帯員ではありません`));
    else if (input.residentIds.indexOf(id) !== i) findings.push(error(field, 'household.member-duplicate', '同じ世帯員が2回選択されています'));
    else moving.push({ id, field });
  });
  if (moving.length > 0 && moving.length === source.member_ids.length) {
    findings.push(input.kind === 'separation'
      ? error('residentIds', 'household.whole-separation', '世帯全員を分離することはできません。分離する世帯員を選んでください')
      : error('residentIds', 'household.whole-use-merger', '世帯全員が他の世帯に入るときは、世帯合併（merger）として入力してください'));
  }
  return moving;
}

function headChangeMembers(
  input: Extract<HouseholdChangeInput, { kind: 'head_change' }>, source: HouseholdRow, sourceMember: (id: string) => Member,
  given: ReadonlyMap<string, { value: string; field: string }>, findings: Finding[],
): Member[] {
  const newHead = input.newHeadResidentId;
  if (!source.member_ids.includes(newHead)) findings.push(error('newHeadResidentId', 'household.not-member', `新しい世帯主は世帯 ${source.household_no} の世帯員から選んでください`));
  else if (newHead === source.head_resident_id) findings.push(error('newHeadResidentId', 'household.same-head', '既に世帯主である世帯員です'));
  const own = given.get(newHead);
  if (own && own.value !== HOUSEHOLD_HEAD) findings.push(error(`${own.field}.relationship`, 'household.head-relationship', '新しい世帯主の続柄は「世帯主」です'));
  return source.member_ids.map((id) => (id === newHead ? { ...sourceMember(id), relationship: HOUSEHOLD_HEAD } : sourceMember(id)));
}

/** 5.2 (j1010): any order may be set, but it must name every member exactly once. */
function reorderMembers(order: readonly string[], source: HouseholdRow, sourceMember: (id: string) => Member, findings: Finding[]): Member[] {
  const members: Member[] = [];
  order.forEach((id, i) => {
    if (!source.member_ids.includes(id)) findings.push(error(`order[${i}]`, 'household.not-member', `世帯 ${source.household_no} の世帯員ではありません`));
    else if (order.indexOf(id) !== i) findings.push(error(`order[${i}]`, 'household.member-duplicate', '同じ世帯員が2回並んでいます'));
    else members.push({ ...sourceMember(id), field: `order[${i}]` });
  });
  const left = source.member_ids.filter((id) => !order.includes(id));
  if (left.length > 0) findings.push(error('order', 'household.order-incomplete', `並び替え後の順に世帯員全員を入れてください（${left.length}人が入っていません）`));
  else if (members.length === source.member_ids.length && members.every((m, i) => m.residentId === source.member_ids[i])) {
    findings.push(error('order', 'household.order-unchanged', '並び順が変わっていません'));
  }
  return left.length === 0 ? members : source.member_ids.map(sourceMember);
}

/** 5.2's order of the members as they are recorded now. */
const standardOrderOf = (rows: readonly VersionRow[]): string[] =>
  standardOrder(rows.map((r) => ({
    residentId: r.resident_id, addresseeNo: r.addressee_no, relationship: r.relationship, birthDate: r.birth_date_notation ? null : r.birth_date,
    name: r.name, familyRegisterHead: (r.family_register_head as string | null) ?? null,
  }))).map((m) => m.residentId);

/** A new version for everyone whose household, 続柄 or 世帯主の氏名 changes (j200: full snapshots). */
function updatesOf(kind: HouseholdChangeKind, households: PlannedHousehold[], rowOf: ReadonlyMap<string, VersionRow>, movers: ReadonlySet<string>): PersonUpdate[] {
  if (kind === 'reorder') return [];
  const updates: PersonUpdate[] = [];
  for (const h of households) {
    const head = h.members.find((m) => m.residentId === h.headId);
    const headName = head?.name ?? null;
    const headNameKana = head?.nameKana ?? null;
    // Those staying in a household that gets a named new 世帯主 undergo a 世帯主変更 (as move-within.ts).
    const stayReason = h.headId !== null && h.headId !== h.previousHeadId ? 'household_head_change' : KIND_REASON[kind];
    for (const m of h.members) {
      const row = rowOf.get(m.residentId)!;
      const moved = movers.has(m.residentId);
      if (!moved && m.relationship === row.relationship && headName === (row.household_head_name ?? null) && headNameKana === (row.household_head_name_kana ?? null)) continue;
      updates.push({ row, role: h.role, moved, reason: moved ? KIND_REASON[kind] : stayReason, relationship: m.relationship, headName, headNameKana });
    }
  }
  return updates;
}
