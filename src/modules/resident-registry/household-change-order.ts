/**
 * 世帯員の並び順 (5.2, j1010): the standard order of a household's members, which a 並び替え uses when
 * the operator gives none (any order may also be set by hand).
 *
 * 第1順位: 世帯主, 配偶者, 世帯主の子 not in 第2順位 (by birth date, then 宛名番号). 第2順位: each 世帯主の子
 * with their family in the household (子, 配偶者, 子の子 and below), families in the order of the 子's
 * birth. 第3順位: 父母 (筆頭者 first), 兄弟姉妹, 祖父母 (筆頭者 first). 第4順位: other relatives,
 * 縁故者, 同居人, each by birth date, then 宛名番号 (例1, 例2).
 *
 * Which 子 a 子の妻 or 子の子 belongs to is not in the 続柄; a married child heads their own 戸籍, so
 * they are matched by 筆頭者. Those no 子 matches form one family after the others. The families of
 * 4th-rank relatives (j1010's last paragraph) are not grouped: they follow the birth order.
 */
import { parseRelationship, type RelationshipTerm } from './rules/relationship.ts';

export interface OrderedMember {
  residentId: string;
  addresseeNo: string;
  relationship: string;
  /** null when 不詳 or unknown: such members follow their rank's dated ones. */
  birthDate: string | null;
  name: string | null;
  /** 筆頭者 (Japanese residents); null for foreign residents. */
  familyRegisterHead: string | null;
}

const SPOUSES = new Set<RelationshipTerm>(['夫', '妻', '夫（未届）', '妻（未届）']);
const PARENTS = new Set<RelationshipTerm>(['父', '母']);
const SIBLINGS = new Set<RelationshipTerm>(['兄', '姉', '弟', '妹']);
const NO_HEAD = new Set(['', 'なし', '不明']);

const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
const byBirth = (a: OrderedMember, b: OrderedMember) => cmp(a.birthDate ?? '9999', b.birthDate ?? '9999') || cmp(a.addresseeNo, b.addresseeNo);
const isRegisterHead = (m: OrderedMember) => m.name !== null && m.familyRegisterHead !== null && m.name === m.familyRegisterHead;
/** 筆頭者 first, then by birth (3-1, 3-3). */
const registerHeadFirst = (a: OrderedMember, b: OrderedMember) => Number(isRegisterHead(b)) - Number(isRegisterHead(a)) || byBirth(a, b);
/** 父の父・父の母 before 母の父・母の母 (the standard leaves it open; kept stable). */
const side = (m: OrderedMember) => (m.relationship.startsWith('父の') ? 0 : 1);
const registerOf = (m: OrderedMember) => (m.familyRegisterHead && !NO_HEAD.has(m.familyRegisterHead) ? m.familyRegisterHead : null);

/** The members in the standard order of 5.2. */
export function standardOrder(members: readonly OrderedMember[]): OrderedMember[] {
  const head: OrderedMember[] = [], spouses: OrderedMember[] = [], children: OrderedMember[] = [], descendants: OrderedMember[] = [];
  const parents: OrderedMember[] = [], siblings: OrderedMember[] = [], grandparents: OrderedMember[] = [];
  const relatives: OrderedMember[] = [], distant: OrderedMember[] = [], cohabitants: OrderedMember[] = [];
  for (const m of members) {
    const r = parseRelationship(m.relationship);
    if (!r.ok) relatives.push(m);
    else if (r.value.kind === 'head') head.push(m);
    else if (r.value.kind === 'distant-relative') distant.push(m);
    else if (r.value.kind === 'cohabitant') cohabitants.push(m);
    else {
      const chain = r.value.chain;
      const [first] = chain;
      if (chain.length === 1 && SPOUSES.has(first!)) spouses.push(m);
      else if (chain.length === 1 && first === '子') children.push(m);
      else if (first === '子' && (chain.length === 2 ? SPOUSES.has(chain[1]!) || chain[1] === '子' : chain.slice(1).every((t) => t === '子'))) descendants.push(m);
      else if (chain.length === 1 && PARENTS.has(first!)) parents.push(m);
      else if (chain.length === 1 && SIBLINGS.has(first!)) siblings.push(m);
      else if (chain.length === 2 && PARENTS.has(first!) && PARENTS.has(chain[1]!)) grandparents.push(m);
      else relatives.push(m);
    }
  }
  // 第2順位: each descendant joins the one 子 sharing their 筆頭者.
  const families = new Map<string, OrderedMember[]>();
  const unmatched: OrderedMember[] = [];
  for (const d of descendants) {
    const register = registerOf(d);
    const matches = register === null ? [] : children.filter((c) => registerOf(c) === register);
    if (matches.length === 1) families.set(matches[0]!.residentId, [...(families.get(matches[0]!.residentId) ?? []), d]);
    else unmatched.push(d);
  }
  const withFamily = children.filter((c) => families.has(c.residentId)).sort(byBirth);
  const family = (child: OrderedMember | null, rest: OrderedMember[]) => {
    const generation = (m: OrderedMember) => m.relationship.split('の').length;
    const spouse = (m: OrderedMember) => generation(m) === 2 && !m.relationship.endsWith('子');
    return [...(child ? [child] : []), ...rest.filter(spouse).sort(byBirth), ...rest.filter((m) => !spouse(m)).sort((a, b) => generation(a) - generation(b) || byBirth(a, b))];
  };
  return [
    ...head,
    ...spouses.sort(byBirth),
    ...children.filter((c) => !families.has(c.residentId)).sort(byBirth),
    ...withFamily.flatMap((c) => family(c, families.get(c.residentId)!)),
    ...(unmatched.length > 0 ? family(null, unmatched) : []),
    ...parents.sort(registerHeadFirst),
    ...siblings.sort(byBirth),
    ...grandparents.sort((a, b) => side(a) - side(b) || registerHeadFirst(a, b)),
    ...relatives.sort(byBirth),
    ...distant.sort(byBirth),
    ...cohabitants.sort(byBirth),
  ];
}
