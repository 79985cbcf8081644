/**
 * Invariants of a household (世帯) as a procedure proposes to leave it. All violations are returned,
 * not just the first, so the screen can mark every field at once.
 *
 * - 続柄 as 1.1.11 (j110) allows, each relative to the 世帯主.
 * - At most one 世帯主. A household without one is allowed (1.1.10 世帯主未設定を許容, j100) but
 *   raises an アラート: 4.0.4 (j490) asks the operator to change the head, or, when one member is
 *   left, lets that member be made head ex officio.
 * - 世帯員の並び順 (5.2, j1010) is 1..n without gaps or repeats; each resident appears once.
 * - Birth dates agree with the 続柄: a child is younger than its parent, a parent older than its
 *   child, 兄・姉 not younger and 弟・妹 not older than the person they are named from (twins share a
 *   birth date). The person a chain is named from is the 世帯主 for a one-term chain, otherwise the
 *   member recorded under the chain's prefix when exactly one has it; chains made only of 子 (or
 *   only of 父・母) are also checked against the 世帯主.
 */
import { alert, error } from './findings.ts';
import type { Finding } from './findings.ts';
import { parseRelationship } from './relationship.ts';
import type { RelationshipTerm } from './relationship.ts';

export interface ProposedMember {
  residentId: string;
  /** 続柄 as entered or stored. */
  relationship: string;
  /** YYYY-MM-DD; omit to skip the age checks (e.g. a 不詳 birth date). */
  birthDate?: string | null;
  /** 世帯員の並び順, 1 = first. */
  order: number;
  /** Shown in messages, e.g. the name; never a 個人番号. */
  label?: string;
}

const ORDER = '住民記録システム標準仕様書 5.2 世帯員の並び順';
const HEAD = '住民記録システム標準仕様書 1.1.10 世帯主・4.0.4 世帯主不在となる場合の処理';

interface Parsed {
  index: number;
  member: ProposedMember;
  chain: RelationshipTerm[] | null;
  isHead: boolean;
  text: string;
}

const who = (p: Parsed): string => `${p.index + 1}番目の世帯員${p.member.label ? `（${p.member.label}）` : ''}`;
const field = (p: Parsed, name: string): string => `members[${p.index}].${name}`;

export function householdFindings(members: readonly ProposedMember[]): Finding[] {
  const findings: Finding[] = [];
  const parsed: Parsed[] = members.map((member, index) => {
    const r = parseRelationship(member.relationship);
    if (!r.ok) findings.push(error(`members[${index}].relationship`, r.code, r.message));
    const value = r.ok ? r.value : null;
    return { index, member, chain: value?.kind === 'relative' ? value.chain : null, isHead: value?.kind === 'head', text: value?.text ?? '' };
  });
  findings.push(...headFindings(parsed), ...orderFindings(parsed), ...duplicateFindings(parsed), ...ageFindings(parsed));
  return findings;
}

function headFindings(parsed: Parsed[]): Finding[] {
  const heads = parsed.filter((p) => p.isHead);
  if (heads.length > 1) {
    return heads.slice(1).map((p) =>
      error(field(p, 'relationship'), 'household.multiple-heads', `世帯主は1世帯に1人です。${who(p)}と${who(heads[0]!)}がともに世帯主になっています`),
    );
  }
  if (heads.length === 0 && parsed.length > 0) {
    const message =
      parsed.length === 1
        ? `世帯主がいません。残る世帯員1人を職権で世帯主とすることができます（${HEAD}）`
        : `世帯主がいません。世帯主変更を行うか、世帯主変更依頼通知書を出力してください（${HEAD}）`;
    return [alert('members', 'household.head-missing', message)];
  }
  return [];
}

function orderFindings(parsed: Parsed[]): Finding[] {
  const n = parsed.length;
  const findings: Finding[] = [];
  const seen = new Map<number, Parsed>();
  for (const p of parsed) {
    const { order } = p.member;
    if (!Number.isInteger(order) || order < 1 || order > n) {
      findings.push(error(field(p, 'order'), 'household.order-range', `${who(p)}の並び順（${order}）は1から${n}までの整数にしてください（${ORDER}）`));
    } else if (seen.has(order)) {
      findings.push(error(field(p, 'order'), 'household.order-duplicate', `並び順${order}が${who(seen.get(order)!)}と${who(p)}で重複しています（${ORDER}）`));
    } else {
      seen.set(order, p);
    }
  }
  return findings;
}

function duplicateFindings(parsed: Parsed[]): Finding[] {
  const first = new Map<string, Parsed>();
  const findings: Finding[] = [];
  for (const p of parsed) {
    const earlier = first.get(p.member.residentId);
    if (earlier) findings.push(error(field(p, 'residentId'), 'household.member-duplicate', `${who(p)}は${who(earlier)}と同じ住民です`));
    else first.set(p.member.residentId, p);
  }
  return findings;
}

type Direction = 'younger' | 'older' | 'not-younger' | 'not-older';

const DIRECTION: Partial<Record<RelationshipTerm, Direction>> = {
  子: 'younger',
  父: 'older',
  母: 'older',
  兄: 'not-older',
  姉: 'not-older',
  弟: 'not-younger',
  妹: 'not-younger',
};

const RULE: Record<Direction, { rule: string; says: string }> = {
  younger: { rule: 'household.child-not-younger', says: 'より後でなければなりません（子は親より年少）' },
  older: { rule: 'household.parent-not-older', says: 'より前でなければなりません（親は子より年長）' },
  'not-older': { rule: 'household.sibling-order', says: '以前でなければなりません（兄・姉は年少にならない）' },
  'not-younger': { rule: 'household.sibling-order', says: '以後でなければなりません（弟・妹は年長にならない）' },
};

/** `birthDate` compared with `anchor`'s as `direction` requires (ISO dates compare as strings). */
const holds = (direction: Direction, birthDate: string, anchor: string): boolean =>
  direction === 'younger' ? birthDate > anchor : direction === 'older' ? birthDate < anchor : direction === 'not-older' ? birthDate <= anchor : birthDate >= anchor;

function ageFindings(parsed: Parsed[]): Finding[] {
  const head = parsed.find((p) => p.isHead);
  const byText = new Map<string, Parsed[]>();
  for (const p of parsed) if (p.chain) byText.set(p.text, [...(byText.get(p.text) ?? []), p]);
  const findings: Finding[] = [];
  const check = (p: Parsed, direction: Direction, anchor: Parsed | undefined, anchorName: string) => {
    const birthDate = p.member.birthDate;
    const anchorDate = anchor?.member.birthDate;
    if (!birthDate || !anchorDate || holds(direction, birthDate, anchorDate)) return;
    const { rule, says } = RULE[direction];
    findings.push(
      error(
        field(p, 'birthDate'),
        rule,
        `${who(p)}（続柄「${p.text}」）の生年月日 ${birthDate} は、${anchorName}（${anchor!.index + 1}番目の世帯員）の生年月日 ${anchorDate} ${says}`,
      ),
    );
  };
  for (const p of parsed) {
    if (!p.chain) continue;
    const last = p.chain.at(-1)!;
    const direction = DIRECTION[last];
    if (!direction) continue;
    const prefix = p.chain.slice(0, -1).join('の');
    const anchors = prefix === '' ? (head ? [head] : []) : (byText.get(prefix) ?? []);
    if (anchors.length === 1) check(p, direction, anchors[0], prefix === '' ? '世帯主' : `「${prefix}」`);
    // A chain of 子 only is a descendant of the 世帯主, of 父・母 only an ancestor: compare with the
    // head too, even when the intermediate generation is not in the household.
    if (prefix !== '' && head) {
      if (p.chain.every((t) => t === '子')) check(p, 'younger', head, '世帯主');
      else if (p.chain.every((t) => t === '父' || t === '母')) check(p, 'older', head, '世帯主');
    }
  }
  return findings;
}
