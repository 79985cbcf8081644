/**
 * The synthetic municipality of `yakuba demo`: households of residents as a pure, deterministic
 * stream (same seed, same people), so a demo or a benchmark can be rebuilt exactly and loaded batch by
 * batch without holding a million people in memory. Nothing here reads a clock: `asOf` is the day the
 * register is shown, ages and dates count back from it.
 *
 * Households follow the 2020 census shares roughly: 単独 38%, 夫婦のみ 20%, 夫婦と子 25%, ひとり親と子
 * 9%, 三世代 8%. Head ages per type are tuned so that the whole population comes out near Japan's
 * pyramid (人口推計 2023): 0–14歳 11%, 15–44歳 32%, 45–74歳 41%, 75歳以上 16% — a wide band of
 * middle-aged and young-old people over a narrow base (AGE_BANDS; generate.test.ts holds it within 4
 * points). About 3.5% of households, 2.4% of people, are foreign residents (在留外国人 ≈ 2.7% nationally).
 *
 * Everyone enters by 転入 (a demo has no 出生 history); about one household in eight moved within the
 * municipality once since (転居). 個人番号 are never generated: demo data must not look like real ones.
 */
import { addDays, seededRandom, type RandomSource } from '../../../jp/index.ts';
import { householdFindings } from '../rules/household.ts';
import { errorsOf } from '../rules/findings.ts';
import { generateForeignHousehold } from './foreign.ts';
import { FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES, PREVIOUS_MUNICIPALITIES, SP, SURNAMES, TOWN_NAMES, type NameEntry } from './names.ts';


export interface DemoForeignItems {
  nationality: string;
  category: 'mid_long_term' | 'special_permanent';
  residenceStatus: string | null;
  periodOfStay: string | null;
  periodOfStayExpiresOn: string | null;
  residenceCardNo: string;
}

export interface DemoPerson {
  residentKind: 'japanese' | 'foreign';
  /** 氏名 (日本人住民) or null (外国人住民 without a kanji name). */
  name: string | null;
  nameAlphabet: string | null;
  nameKana: string;
  sex: '1' | '2';
  birthDate: string;
  /** 続柄 to the 世帯主 (rules/relationship.ts). */
  relationship: string;
  registeredDomicile: string | null;
  familyRegisterHead: string | null;
  foreign: DemoForeignItems | null;
  /** 住民票コード, 11 digits, unique in the generated municipality. */
  residentCode: string;
}

export interface DemoMove {
  /** 異動日. */
  effectiveDate: string;
  /** 届出日: within the 14 days, never after `asOf`. */
  notifiedDate: string;
  address: string;
}

export interface DemoHousehold {
  members: DemoPerson[];
  moveIn: DemoMove & { previousAddress: string; fromAbroad: boolean };
  /** The one 転居 since, if any (whole household, same 世帯番号). */
  moveWithin: DemoMove | null;
}

export interface GenerateOptions {
  residents: number;
  seed: number;
  /** 都道府県 + 市区町村 of the demo municipality, the start of every address. */
  municipality: string;
  /** YYYY-MM-DD: the day the register is as of. */
  asOf: string;
}

/** Target population shares (人口推計 2023, rounded), [from age, to age, share]. */
export const AGE_BANDS: readonly (readonly [number, number, number])[] = [
  [0, 14, 0.11],
  [15, 44, 0.32],
  [45, 74, 0.41],
  [75, 120, 0.16],
];

/** The generator's random helpers, over one seeded stream. */
export class Dice {
  constructor(readonly random: RandomSource) {}
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.random() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.random() < p;
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)]!;
  }
  /** An index into `weights`, each chosen in proportion to its weight. */
  weighted(weights: readonly number[]): number {
    let r = this.random() * weights.reduce((a, b) => a + b, 0);
    for (const [i, w] of weights.entries()) if ((r -= w) < 0) return i;
    return weights.length - 1;
  }
  /** A birth date on which the person is `age` on `asOf`. */
  birthDate(asOf: string, age: number): string {
    return addDays(asOf, -Math.floor((age + 0.002 + this.random() * 0.99) * 365.2425));
  }
}

/** A head's age drawn from [lo, hi, weight] bands. */
const ageIn = (d: Dice, bands: readonly (readonly [number, number, number])[]) => {
  const [lo, hi] = bands[d.weighted(bands.map((b) => b[2]))]!;
  return d.int(lo, hi);
};

/** Person being built: everything but the 住民票コード, which is numbered in stream order. */
export type Draft = Omit<DemoPerson, 'residentCode'>;

const HOUSEHOLD_TYPES = ['single', 'couple', 'couple-children', 'single-parent', 'three-generations'] as const;
const TYPE_WEIGHTS = [38, 20, 25, 9, 8];

function japaneseHousehold(d: Dice, o: GenerateOptions, domicile: string): Draft[] {
  const surname = d.pick(SURNAMES);
  const person = (given: NameEntry, sex: '1' | '2', age: number, relationship: string, own: NameEntry = surname): Draft => ({
    residentKind: 'japanese', name: `${own[0]}${SP}${given[0]}`, nameAlphabet: null, nameKana: `${own[1]}${SP}${given[1]}`,
    sex, birthDate: d.birthDate(o.asOf, age), relationship, registeredDomicile: domicile, familyRegisterHead: null, foreign: null,
  });
  const male = (age: number, rel: string) => person(d.pick(MALE_GIVEN_NAMES), '1', age, rel);
  const female = (age: number, rel: string) => person(d.pick(FEMALE_GIVEN_NAMES), '2', age, rel);
  const anyone = (age: number, rel: string) => (d.chance(0.5) ? male(age, rel) : female(age, rel));
  /** Children of a mother aged `motherAge`: 24–40 years younger, at most `max`, all at least 0. */
  const children = (motherAge: number, count: number, rel: string, maxAge = 32) => {
    const ages = Array.from({ length: count }, () => Math.min(maxAge, motherAge - d.int(24, 40))).filter((a) => a >= 0);
    return ages.map((a) => anyone(a, rel));
  };
  const type = HOUSEHOLD_TYPES[d.weighted(TYPE_WEIGHTS)]!;
  const members: Draft[] = [];
  const withRegister = (list: Draft[], head: string) => list.map((m) => ({ ...m, familyRegisterHead: m.familyRegisterHead ?? head }));
  if (type === 'single') {
    const age = ageIn(d, [[19, 44, 17], [45, 64, 25], [65, 74, 20], [75, 97, 38]]);
    members.push(anyone(age, '世帯主'));
  } else if (type === 'couple') {
    const age = ageIn(d, [[24, 44, 6], [45, 64, 22], [65, 74, 32], [75, 95, 40]]);
    members.push(male(age, '世帯主'), female(Math.max(20, age - d.int(-2, 5)), '妻'));
  } else if (type === 'couple-children' || type === 'single-parent') {
    const age = ageIn(d, [[30, 44, 30], [45, 59, 48], [60, 72, 22]]);
    const count = 1 + d.weighted([50, 40, 10]);
    if (type === 'couple-children') {
      const wifeAge = Math.max(20, age - d.int(-2, 4));
      members.push(male(age, '世帯主'), female(wifeAge, '妻'), ...children(wifeAge, count, '子'));
    } else {
      members.push(d.chance(0.85) ? female(age, '世帯主') : male(age, '世帯主'), ...children(age, count, '子'));
    }
  } else if (d.chance(0.5)) {
    // 三世代: a couple with their children and the head's parent(s).
    const age = d.int(36, 56);
    const wifeAge = Math.max(20, age - d.int(-2, 4));
    const motherAge = Math.min(99, age + d.int(24, 36));
    const parents = [female(motherAge, '母'), ...(d.chance(0.45) ? [male(Math.min(100, motherAge + d.int(0, 4)), '父')] : [])];
    members.push(male(age, '世帯主'), female(wifeAge, '妻'), ...children(wifeAge, 1 + d.weighted([45, 40, 15]), '子', 25), ...parents);
    const fatherName = parents.find((p) => p.relationship === '父')?.name ?? parents[0]!.name;
    for (const p of parents) p.familyRegisterHead = fatherName;
  } else {
    // 三世代: an older couple, their son with his wife, and grandchildren (子の妻, 子の子).
    const age = d.int(60, 82);
    const wifeAge = Math.max(45, age - d.int(-2, 4));
    const sonAge = Math.max(20, wifeAge - d.int(24, 36));
    const son = male(sonAge, '子');
    const daughterInLawAge = Math.max(20, sonAge - d.int(-2, 4));
    const daughterInLaw = female(daughterInLawAge, '子の妻');
    const grandchildren = children(daughterInLawAge, 1 + d.weighted([50, 50]), '子の子', 20);
    const line = [son, daughterInLaw, ...grandchildren].map((m) => ({ ...m, familyRegisterHead: son.name }));
    members.push(male(age, '世帯主'), female(wifeAge, '妻'), ...line);
  }
  return withRegister(members, members[0]!.name!);
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A 住民票コード per stream position: an affine map mod 10^11 (multiplier coprime to 10), so never twice. */
export function demoResidentCode(index: number, seed: number): string {
  const offset = Math.floor(seededRandom(seed ^ 0x5eed)() * 1e11);
  return pad(((index + 1) * 7_919_317 + offset) % 100_000_000_000, 11);
}

const addressIn = (d: Dice, o: GenerateOptions) =>
  `${o.municipality}${d.pick(TOWN_NAMES)}${d.int(1, 5)}丁目${d.int(1, 30)}番${d.int(1, 20)}号`;

/** 転入 no earlier than the youngest member's birth and 40 years back; 届出 within 14 days, by `asOf`. */
function moves(d: Dice, o: GenerateOptions, members: readonly Draft[], fromAbroad: boolean, previous: string): Pick<DemoHousehold, 'moveIn' | 'moveWithin'> {
  const youngest = members.map((m) => m.birthDate).sort().at(-1)!;
  const earliest = [youngest, addDays(o.asOf, -40 * 365)].sort().at(-1)!;
  const span = Math.max(0, Math.round((Date.parse(o.asOf) - Date.parse(earliest)) / 86_400_000) - 14);
  const effectiveDate = addDays(earliest, d.int(0, span));
  const notified = (from: string) => [addDays(from, d.int(0, 13)), o.asOf].sort()[0]!;
  const moveIn = { effectiveDate, notifiedDate: notified(effectiveDate), address: addressIn(d, o), previousAddress: previous, fromAbroad };
  const room = Math.round((Date.parse(o.asOf) - Date.parse(moveIn.notifiedDate)) / 86_400_000) - 380;
  if (room <= 0 || !d.chance(0.125)) return { moveIn, moveWithin: null };
  const withinDate = addDays(moveIn.notifiedDate, 365 + d.int(0, room));
  return { moveIn, moveWithin: { effectiveDate: withinDate, notifiedDate: notified(withinDate), address: addressIn(d, o) } };
}

/** Whether a drafted household passes the module's own rules: the demo records nothing a procedure would refuse. */
export const householdIsValid = (members: readonly Pick<Draft, 'relationship' | 'birthDate'>[]): boolean =>
  errorsOf(householdFindings(members.map((m, i) => ({ residentId: String(i), relationship: m.relationship, birthDate: m.birthDate, order: i + 1 })))).length === 0;

/** The demo municipality's households, in a fixed order, until `residents` people (the last one may be cut short). */
export function* generateHouseholds(o: GenerateOptions): Generator<DemoHousehold> {
  const d = new Dice(seededRandom(o.seed));
  let made = 0;
  while (made < o.residents) {
    const foreign = d.chance(0.035);
    let drafts: Draft[];
    let previous: { text: string; abroad: boolean };
    do {
      if (foreign) {
        const f = generateForeignHousehold(d, o.asOf);
        drafts = f.members;
        previous = f.fromAbroad ? { text: f.members[0]!.foreign!.nationality, abroad: true } : { text: `${d.pick(PREVIOUS_MUNICIPALITIES)}${d.int(1, 9)}丁目${d.int(1, 20)}番${d.int(1, 20)}号`, abroad: false };
      } else {
        drafts = japaneseHousehold(d, o, `${o.municipality}${d.pick(TOWN_NAMES)}${d.int(1, 5)}丁目${d.int(1, 30)}番地`);
        previous = { text: `${d.pick(PREVIOUS_MUNICIPALITIES)}${d.int(1, 9)}丁目${d.int(1, 20)}番${d.int(1, 20)}号`, abroad: false };
      }
    } while (!householdIsValid(drafts)); // regenerate rather than record a household the rules refuse
    const kept = drafts.slice(0, o.residents - made);
    const members = kept.map((m, i) => ({ ...m, residentCode: demoResidentCode(made + i, o.seed) }));
    made += members.length;
    yield { members, ...moves(d, o, members, previous.abroad, previous.text) };
  }
}
