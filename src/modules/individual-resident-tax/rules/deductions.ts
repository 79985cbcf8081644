/**
 * 所得控除 at 住民税 amounts (地方税法314条の2; RULEBOOK §1.5) and the 人的控除額の差 of 調整控除
 * (地方税法314条の6; RULEBOOK §1.6), computed together because they share every eligibility test.
 */
import { applyRate } from '../../../jp/index.ts';
import type { AssessmentInput, DependantInput, Disability } from '../model.ts';
import type { ByTaxpayerBand, Figures } from './figures/index.ts';
import { evaluateBands, lookupStep } from './figures/lookup.ts';
import type { IncomeBreakdown } from './income.ts';

export interface Deduction {
  readonly step: string;
  readonly label: string;
  readonly amount: number;
  /** 人的控除額の差 (調整控除) contributed by this deduction. */
  readonly personalDifference: number;
  readonly basis?: string;
}

export interface DeductionResult {
  readonly items: readonly Deduction[];
  readonly total: number;
  readonly personalDifference: number;
  /** 非課税限度額の n − 1: 同一生計配偶者 + 扶養親族 (年少を含み, 特定親族特別控除のみの者を除く). */
  readonly dependantCount: number;
  readonly unconfirmed: readonly string[];
}

const bandIndex = (figures: Figures, totalIncome: number): 0 | 1 | 2 | null => {
  const [a, b, c] = figures.deductions.taxpayerBands;
  return totalIncome <= a ? 0 : totalIncome <= b ? 1 : totalIncome <= c ? 2 : null;
};
const pick = (amounts: ByTaxpayerBand, i: 0 | 1 | 2): number => amounts[i];

function disabilityDeduction(f: Figures, d: Disability): [number, number] {
  const { deductions: x, adjustment: y } = f;
  if (d === 'disabled') return [x.disabled, y.disabled];
  if (d === 'speciallyDisabled') return [x.speciallyDisabled, y.speciallyDisabled];
  if (d === 'cohabitingSpeciallyDisabled') return [x.cohabitingSpeciallyDisabled, y.cohabitingSpeciallyDisabled];
  return [0, 0];
}

function dependantDeduction(f: Figures, d: DependantInput): [number, number, string] {
  const x = f.deductions;
  const y = f.adjustment;
  if (d.age < x.dependantMinAge) return [0, 0, '年少扶養親族（控除なし）'];
  if (d.age >= x.specificAges[0] && d.age <= x.specificAges[1]) return [x.dependantSpecific, y.dependantSpecific, '特定扶養親族'];
  if (d.age >= x.elderlyAge) {
    return d.livesWithTaxpayer && d.linealAscendant
      ? [x.dependantCohabitingParent, y.dependantCohabitingParent, '同居老親等']
      : [x.dependantElderly, y.dependantElderly, '老人扶養親族'];
  }
  return [x.dependantGeneral, y.dependantGeneral, '一般扶養親族'];
}

const lifeInsuranceCategory = (f: Figures, newPaid: number, oldPaid: number): number => {
  const l = f.deductions.lifeInsurance;
  const n = Math.min(evaluateBands(l.newContract, newPaid), l.newCap);
  const o = Math.min(evaluateBands(l.oldContract, oldPaid), l.oldCap);
  // 旧契約 alone may reach 35,000; 新旧 together at most 28,000 unless 旧 alone is larger.
  if (newPaid > 0 && oldPaid > 0) return Math.max(o, Math.min(n + o, l.mixedCap));
  return newPaid > 0 ? n : o;
};

export function computeDeductions(figures: Figures, input: AssessmentInput, income: IncomeBreakdown): DeductionResult {
  const x = figures.deductions;
  const y = figures.adjustment;
  const items: Deduction[] = [];
  const unconfirmed: string[] = [];
  const add = (step: string, label: string, amount: number, personalDifference = 0, basis?: string): void => {
    if (amount > 0) items.push(basis ? { step, label, amount, personalDifference, basis } : { step, label, amount, personalDifference });
  };
  const total = income.totalIncome;
  const band = bandIndex(figures, total);
  let dependantCount = 0;

  add('socialInsurance', '社会保険料控除', input.socialInsurance);
  const li = input.lifeInsurance;
  const life = Math.min(
    x.lifeInsurance.totalCap,
    lifeInsuranceCategory(figures, li.newGeneral, li.oldGeneral)
      + lifeInsuranceCategory(figures, li.medicalCare, 0)
      + lifeInsuranceCategory(figures, li.newAnnuity, li.oldAnnuity),
  );
  add('lifeInsurance', '生命保険料控除', life);
  const eq = x.earthquake;
  const quake = Math.min(eq.totalCap,
    Math.min(eq.cap, applyRate(input.earthquakeInsurance.earthquake, eq.rate, 'ceil'))
      + Math.min(eq.oldCap, evaluateBands(eq.oldLongTerm, input.earthquakeInsurance.oldLongTerm)));
  add('earthquakeInsurance', '地震保険料控除', quake);
  const m = x.medical;
  const medicalFloor = Math.min(m.floor, applyRate(income.totalIncomeEtc, m.floorRate));
  const medical = Math.min(m.cap, Math.max(0, input.medicalExpenses.paid - input.medicalExpenses.reimbursed - medicalFloor));
  add('medical', '医療費控除', medical, 0, `支払医療費 − 補填額 − ${medicalFloor}円（10万円と総所得金額等の5%の少ない方）`);

  const [selfDis, selfDisDiff] = disabilityDeduction(figures, input.disability);
  add('disabled', '障害者控除（本人）', selfDis, selfDisDiff);
  if (total <= x.widowSingleParentIncomeLimit) {
    const w = input.widowOrSingleParent;
    if (w === 'widow') add('widow', '寡婦控除', x.widow, y.widow);
    if (w === 'singleParentMother') add('singleParent', 'ひとり親控除', x.singleParent, y.singleParentMother);
    if (w === 'singleParentFather') add('singleParent', 'ひとり親控除', x.singleParent, y.singleParentFather);
  }
  if (input.workingStudent && total <= x.workingStudentIncomeLimit) add('workingStudent', '勤労学生控除', x.workingStudent, y.workingStudent);

  const spouse = input.spouse;
  if (spouse) {
    if (spouse.totalIncome <= x.spouseIncomeLimit) {
      dependantCount += 1;
      const [dis, disDiff] = disabilityDeduction(figures, spouse.disability);
      add('spouseDisabled', '障害者控除（同一生計配偶者）', dis, disDiff);
      if (band !== null) {
        const elderly = spouse.age >= x.spouseElderlyAge;
        add('spouse', elderly ? '配偶者控除（老人）' : '配偶者控除', pick(elderly ? x.spouseElderly : x.spouseGeneral, band),
          pick(elderly ? y.spouseElderly : y.spouseGeneral, band), `本人の合計所得金額 ${total}円`);
      }
    } else if (band !== null) {
      // 配偶者特別控除: spouse income above the 同一生計配偶者 limit up to the last row (133万).
      const inRange = spouse.totalIncome <= (x.spouseSpecial.at(-1)?.upTo ?? 0);
      const amount = inRange ? pick(lookupStep(x.spouseSpecial, spouse.totalIncome), band) : 0;
      const diff = inRange ? pick(lookupStep(y.spouseSpecial.value, spouse.totalIncome), band) : 0;
      if (diff > 0 && !y.spouseSpecial.confirmed) unconfirmed.push('調整控除: 配偶者特別控除の人的控除額の差');
      add('spouseSpecial', '配偶者特別控除', amount, diff, `配偶者の合計所得金額 ${spouse.totalIncome}円`);
    }
  }

  for (const [i, d] of input.dependants.entries()) {
    const no = `扶養親族${i + 1}`;
    if (d.totalIncome <= x.dependantIncomeLimit) {
      dependantCount += 1;
      const [amount, diff, kind] = dependantDeduction(figures, d);
      add(`dependant${i + 1}`, `扶養控除（${kind}）`, amount, diff, `${no}: ${d.age}歳`);
      const [dis, disDiff] = disabilityDeduction(figures, d.disability);
      add(`dependant${i + 1}Disabled`, `障害者控除（${no}）`, dis, disDiff);
    } else if (x.specificRelative && d.age >= x.specificAges[0] && d.age <= x.specificAges[1]) {
      const amount = lookupStep(x.specificRelative.value, d.totalIncome);
      const diff = y.specificRelative ? lookupStep(y.specificRelative.value, d.totalIncome) : 0;
      if (amount > 0) unconfirmed.push(`特定親族特別控除（${no}）の控除額と人的控除額の差`);
      add(`specificRelative${i + 1}`, '特定親族特別控除', amount, diff, `${no}: 合計所得金額 ${d.totalIncome}円`);
    }
  }

  add('basic', '基礎控除', lookupStep(x.basic, total), total <= y.totalIncomeLimit ? y.basic : 0, `合計所得金額 ${total}円`);
  return {
    items,
    total: items.reduce((s, d) => s + d.amount, 0),
    personalDifference: items.reduce((s, d) => s + d.personalDifference, 0),
    dependantCount,
    unconfirmed,
  };
}
