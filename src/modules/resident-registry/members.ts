/**
 * A household as a procedure proposes to leave it, checked with rules/household.ts, with each finding
 * pointed back at the request field it came from (an existing member, or a person of the request).
 */
import { householdFindings, type ProposedMember } from './rules/household.ts';
import type { Finding } from './rules/findings.ts';
import type { VersionRow } from './queries.ts';
import { HOUSEHOLD_HEAD, parseRelationship } from './rules/relationship.ts';

export interface Member {
  residentId: string;
  relationship: string;
  birthDate: string | null;
  label: string;
  /** Request field the member comes from, e.g. `persons[1]`; findings on it are reported there. */
  field: string;
  name: string | null;
  nameKana: string | null;
}

export const memberOf = (row: VersionRow, field: string): Member => ({
  residentId: row.resident_id,
  relationship: row.relationship,
  birthDate: row.birth_date,
  label: row.name ?? row.name_alphabet ?? '',
  field,
  name: row.name ?? row.name_alphabet,
  nameKana: (row.name_kana as string | null) ?? null,
});

/** Findings on the proposed member list (in order); `members` is the field of a whole-household finding. */
export function checkMembers(members: readonly Member[], householdField: string): Finding[] {
  const proposed: ProposedMember[] = members.map((m, i) => ({ residentId: m.residentId, relationship: m.relationship, birthDate: m.birthDate, order: i + 1, label: m.label }));
  return householdFindings(proposed).map((f) => {
    const m = /^members\[(\d+)\]\.(.+)$/.exec(f.field);
    if (!m) return { ...f, field: householdField };
    const member = members[Number(m[1])]!;
    return { ...f, field: `${member.field}.${m[2]}` };
  });
}

export const isHead = (relationship: string): boolean => {
  const parsed = parseRelationship(relationship);
  return parsed.ok && parsed.value.text === HOUSEHOLD_HEAD;
};

export const headOf = (members: readonly Member[]): Member | undefined => members.find((m) => isHead(m.relationship));
