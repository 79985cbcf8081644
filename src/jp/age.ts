/**
 * Ages and school years under Japanese law (RULEBOOK §19.2).
 *
 * 年齢計算ニ関スル法律 with 民法143条: age counts from the day of birth, and one attains age N at the
 * end of the day before the N-th birthday. So on that day ("N歳に達する日") the person already is
 * N: someone whose 18th birthday is the day after an election may vote in it. For 29 February births
 * the day is 28 February in every year (民法143条②: without a corresponding day, the period ends
 * on the last day of the month).
 */
import { addDays, formatIsoDate, isLeapYear, parseIsoDate } from './date.ts';
import { fiscalYearOf } from './fiscal-year.ts';
import { JpInputError } from './result.ts';

const checkAge = (age: number): void => {
  if (!Number.isInteger(age) || age < 1 || age > 200) {
    throw new JpInputError('age.invalid', `年齢は1以上の整数で指定してください（${age}）`);
  }
};

/** N歳に達する日: the day before the N-th birthday (28 February for 29 February births). */
export function dateOfReachingAge(birthDate: string, age: number): string {
  checkAge(age);
  const { year, month, day } = parseIsoDate(birthDate);
  const y = year + age;
  if (month === 2 && day === 29 && !isLeapYear(y)) return formatIsoDate(y, 2, 28);
  return addDays(formatIsoDate(y, month, day), -1);
}

/**
 * The N-th birthday as rules that start "on the birthday" use it (後期高齢者医療 from the 75th
 * birthday, 国保 lost that day): the day after N歳に達する日, so 1 March for 29 February births in
 * common years.
 */
export const birthdayOfAge = (birthDate: string, age: number): string => addDays(dateOfReachingAge(birthDate, age), 1);

/** 満年齢 on a date, counting the day of reaching an age as already that age. */
export function ageOn(birthDate: string, date: string): number {
  const birth = parseIsoDate(birthDate);
  const on = parseIsoDate(date);
  if (date < birthDate) {
    throw new JpInputError('age.before-birth', `${date}は生年月日（${birthDate}）より前です`);
  }
  // Born on 1 January, one reaches N on 31 December of the year before the N-th birthday.
  let age = on.year - birth.year + 1;
  while (age > 0 && dateOfReachingAge(birthDate, age) > date) age -= 1;
  return age;
}

/**
 * 「N歳に達する日以後の最初の3月31日」: when 児童手当 (18), 児童扶養手当 (18), the 未就学児 軽減 (6)
 * and the 児童手当 count of children (22) end. A child who reaches N on 31 March ends that day.
 */
export function firstMarch31OnOrAfterReachingAge(birthDate: string, age: number): string {
  const reached = dateOfReachingAge(birthDate, age);
  const { year } = parseIsoDate(reached);
  const march31 = formatIsoDate(year, 3, 31);
  return reached <= march31 ? march31 : formatIsoDate(year + 1, 3, 31);
}

/**
 * 小学校 entry (学校教育法17条): 「満6歳に達した日の翌日以後における最初の学年の初め」. Children born
 * 2 April – 1 April of the next year form one grade; 1 April births reach 6 on 31 March and join
 * the earlier grade.
 */
export function schoolEntryDate(birthDate: string): string {
  const dayAfter = addDays(dateOfReachingAge(birthDate, 6), 1);
  const { year, month, day } = parseIsoDate(dayAfter);
  return month < 4 || (month === 4 && day === 1) ? formatIsoDate(year, 4, 1) : formatIsoDate(year + 1, 4, 1);
}

/**
 * 学年 on a date, counted from 小学1年 = 1: 1–6 小学校, 7–9 中学校, 10–12 高校生年代 (児童手当 uses the
 * age band, whether or not the child attends school). 0 is the year before school (5歳児), −5 the
 * 0歳児 year; the value keeps going past 12 so that callers can test "22歳年度末まで" and the like.
 */
export const schoolGrade = (birthDate: string, date: string): number =>
  fiscalYearOf(date) - fiscalYearOf(schoolEntryDate(birthDate)) + 1;

/** 小1…小6, 中1…中3, 高1…高3 (高校生年代), N歳児 for the years before school, otherwise null. */
export function schoolGradeLabel(grade: number): string | null {
  if (!Number.isInteger(grade)) return null;
  if (grade >= 1 && grade <= 6) return `小${grade}`;
  if (grade >= 7 && grade <= 9) return `中${grade - 6}`;
  if (grade >= 10 && grade <= 12) return `高${grade - 9}`;
  if (grade >= -5 && grade <= 0) return `${grade + 5}歳児`;
  return null;
}

/**
 * 保育 class age (N歳児クラス) of a 年度: 満年齢 on the day before the 年度 begins (31 March). It
 * equals schoolGrade + 5 for the years before school; a child born during the 年度 is 0歳児.
 */
export function nurseryClassAge(birthDate: string, fiscalYear: number): number {
  const dayBefore = formatIsoDate(fiscalYear, 3, 31);
  return birthDate > dayBefore ? 0 : ageOn(birthDate, dayBefore);
}
