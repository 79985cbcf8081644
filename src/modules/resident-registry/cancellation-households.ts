/**
 * What a household becomes when a 異動 is cancelled (j980), pure. 全部: exactly its former members,
 * head and status; dissolved when the 異動 created it. 一部: the household as the 異動 left it, without
 * the chosen persons it gained and with the chosen persons it lost, each back at their former place.
 */
import type { HouseholdVersionRow } from './queries.ts';

type HouseholdState = Pick<HouseholdVersionRow, 'status' | 'head_resident_id' | 'member_ids'>;

export interface HouseholdPlan {
  status: 'active' | 'dissolved';
  headResidentId: string | null;
  /** 世帯員 in their order (5.2). */
  memberIds: string[];
}

export function wholeHousehold(before: HouseholdState | undefined): HouseholdPlan {
  return { status: before?.status ?? 'dissolved', headResidentId: before?.head_resident_id ?? null, memberIds: before?.member_ids ?? [] };
}

/**
 * `after`: the version the 異動 wrote; `before`: the one before it (none when the 異動 created the
 * household); `chosen`: the persons whose part is cancelled; `isHead`: whether a member is 世帯主 in
 * the state the cancellation leaves them (a chosen person's former 続柄, anyone else's current one).
 * The procedure checks the result like any household (members.ts) and refuses a part that changes
 * the head of a household that remains.
 */
export function partialHousehold(after: HouseholdState, before: HouseholdState | undefined, chosen: readonly string[], isHead: (residentId: string) => boolean): HouseholdPlan {
  const formerly = before?.status === 'active' ? before.member_ids : [];
  const leaving = new Set(chosen.filter((id) => after.member_ids.includes(id) && !formerly.includes(id)));
  const members = after.member_ids.filter((id) => !leaving.has(id));
  for (const id of formerly) {
    if (!chosen.includes(id) || members.includes(id)) continue;
    // Back after the nearest former predecessor still here, or first.
    const predecessor = formerly.slice(0, formerly.indexOf(id)).reverse().find((p) => members.includes(p));
    members.splice(predecessor === undefined ? 0 : members.indexOf(predecessor) + 1, 0, id);
  }
  if (members.length === 0) return { status: 'dissolved', headResidentId: null, memberIds: [] };
  return { status: 'active', headResidentId: members.find(isHead) ?? null, memberIds: members };
}

/** Whether the plan differs from the version the 異動 left (a household the part does not touch gets no version). */
export function changesHousehold(after: HouseholdState, plan: HouseholdPlan): boolean {
  return after.status !== plan.status || after.head_resident_id !== plan.headResidentId || after.member_ids.join() !== plan.memberIds.join();
}

/**
 * Whether a part would leave a remaining household with another 世帯主 than the 異動 left it — the
 * persons who stay keep the 続柄 they have to that head, so the whole 異動 must be cancelled instead —
 * or bring back a dissolved household without its head. Reviving a household with its former head
 * among the persons coming back is allowed.
 */
export function changesHeadOfRemaining(after: HouseholdState, plan: HouseholdPlan, chosen: readonly string[]): boolean {
  if (plan.status !== 'active') return false;
  if (after.status !== 'active') return plan.headResidentId === null || !chosen.includes(plan.headResidentId);
  return plan.headResidentId !== after.head_resident_id;
}
