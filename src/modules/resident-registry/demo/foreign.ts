/**
 * Foreign-resident households of the demo (外国人住民, 住基法30条の45): a single worker or student, a
 * couple, or a couple with a child, of one 国籍・地域. Half of the Korean households are 特別永住者 (older,
 * no 在留資格 or 在留期間 on the 住民票); the others are 中長期在留者 with a 在留カード.
 */
import { addDays } from '../../../jp/index.ts';
import type { Dice, DemoForeignItems, Draft } from './generate.ts';
import { FOREIGN_NAMES, SP, type ForeignNameSet, type NameEntry } from './names.ts';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** 在留カード番号 shape (2 letters, 8 digits, 2 letters); random, so it matches no real card by design. */
const cardNo = (d: Dice) => {
  const letter = () => d.pick([...LETTERS]);
  return `${letter()}${letter()}${String(d.int(0, 99_999_999)).padStart(8, '0')}${letter()}${letter()}`;
};

function items(d: Dice, set: ForeignNameSet, special: boolean, asOf: string): DemoForeignItems {
  if (special) return { nationality: set.nationality, category: 'special_permanent', residenceStatus: null, periodOfStay: null, periodOfStayExpiresOn: null, residenceCardNo: cardNo(d) };
  const status = d.pick(set.residenceStatuses);
  const permanent = status === '永住者';
  return {
    nationality: set.nationality, category: 'mid_long_term', residenceStatus: status,
    periodOfStay: permanent ? '無期限' : d.pick(['1年', '3年', '5年']),
    // A demo register is current: every period of stay runs past the day it is shown.
    periodOfStayExpiresOn: permanent ? null : addDays(asOf, d.int(30, 1_500)),
    residenceCardNo: cardNo(d),
  };
}

export function generateForeignHousehold(d: Dice, asOf: string): { members: Draft[]; fromAbroad: boolean } {
  const set = FOREIGN_NAMES[d.weighted(FOREIGN_NAMES.map((f) => f.weight))]!;
  const special = set.code === 'KR' && d.chance(0.5);
  const surname = d.pick(set.surnames);
  const person = (given: NameEntry, sex: '1' | '2', age: number, relationship: string): Draft => ({
    residentKind: 'foreign', name: null, nameAlphabet: `${surname[0]} ${given[0]}`, nameKana: `${surname[1]}${SP}${given[1]}`,
    sex, birthDate: d.birthDate(asOf, age), relationship, registeredDomicile: null, familyRegisterHead: null, foreign: items(d, set, special, asOf),
  });
  const age = special ? d.int(45, 88) : d.int(20, 45);
  const kind = d.weighted([60, 20, 20]);
  const head = person(d.pick(set.givenNames), d.chance(0.6) ? '1' : '2', age, '世帯主');
  const members = [head];
  if (kind >= 1) {
    const spouse = person(d.pick(set.givenNames), head.sex === '1' ? '2' : '1', Math.max(20, age - d.int(-3, 3)), head.sex === '1' ? '妻' : '夫');
    members.push(spouse);
    if (kind === 2 && age >= 26) members.push(person(d.pick(set.givenNames), d.chance(0.5) ? '1' : '2', d.int(0, Math.min(15, age - 24)), '子'));
  }
  return { members, fromAbroad: !special && d.chance(0.7) };
}
