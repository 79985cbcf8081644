/**
 * 移行の進捗: counted as the national PMO tool counts it — (完了済み + 対象外) ÷ 総ステップ数 of the 手順書
 * (40 steps, 2.5 % each; ../shared/STANDARDS.md §8; 総務省's progress dashboard,
 * https://www.soumu.go.jp/menu_seisaku/chiho/jichitaijoho_system/dashboard_00001.html) — so the figure a
 * 団体 sees here is the one it reports. Steps are not always done in order, hence a plain count.
 */
import { isIsoDate } from '../../jp/index.ts';

export const PHASES = ['planning', 'selection', 'migration'] as const; // 計画立案・システム選定・移行
export type Phase = (typeof PHASES)[number];
export const PHASE_TITLES: Record<Phase, string> = { planning: '計画立案', selection: 'システム選定', migration: '移行' };

/** 未着手・作業中・完了済み・対象外 (the PMO tool's four; a step that does not apply counts as done). */
export const STEP_STATUSES = ['not_started', 'in_progress', 'completed', 'not_applicable'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];
export const STEP_STATUS_TITLES: Record<StepStatus, string> = { not_started: '未着手', in_progress: '作業中', completed: '完了済み', not_applicable: '対象外' };

/** Counts toward the percentage: done, or not this 団体's to do. */
export const isDone = (status: StepStatus): boolean => status === 'completed' || status === 'not_applicable';

export interface StepProgress {
  stepNo: number;
  phase: Phase;
  status: StepStatus;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
}

/** One problem with a row, shown next to its field. */
export interface ProgressProblem {
  field: string;
  rule: string;
  message: string;
}

export interface PhaseSummary {
  phase: Phase;
  steps: number;
  completed: number;
  percent: number;
}
export interface ProgressSummary {
  /** one entry per phase, in PHASES order, also for a phase with no steps */
  phases: PhaseSummary[];
  overall: { steps: number; completed: number; percent: number };
  /** step numbers of the delayed steps, ascending */
  delayed: number[];
}

/** completed ÷ steps × 100 to 1 decimal (round half away from zero); totalSteps 0 → 0. */
export function completionPercent(completed: number, totalSteps: number): number {
  if (!Number.isSafeInteger(totalSteps) || totalSteps < 0) throw new RangeError(`completionPercent: totalSteps must be an integer >= 0 (${totalSteps})`);
  if (!Number.isSafeInteger(completed) || completed < 0 || completed > totalSteps) {
    throw new RangeError(`completionPercent: completed must be an integer in 0..${totalSteps} (${completed})`);
  }
  if (totalSteps === 0) return 0;
  // Tenths of a percent in integers, so 1/40 is exactly 2.5 and halves never drift.
  const n = completed * 2000 + totalSteps;
  const d = totalSteps * 2;
  return (n - (n % d)) / d / 10;
}

/**
 * 遅延: not completed and its planned end is before `today`; or completed after its planned end. A step
 * finished late stays counted as delayed, as the PMO's share of delayed systems does.
 */
export function isDelayed(step: StepProgress, today: string): boolean {
  if (step.plannedEnd === null || step.status === 'not_applicable') return false;
  if (step.status !== 'completed') return step.plannedEnd < today;
  return step.actualEnd !== null && step.actualEnd > step.plannedEnd;
}

const notStarted = (stepNo: number, phase: Phase): StepProgress => ({
  stepNo, phase, status: 'not_started', plannedStart: null, plannedEnd: null, actualStart: null, actualEnd: null,
});

/**
 * Summary over the steps of one procedure version: `steps` is the version's step list, `progress` the
 * recorded rows (a step without a row is not started; a row for a step not in the list is ignored, as
 * it belongs to another version). The phase comes from the version's step list, which defines it.
 */
export function summarise(steps: { stepNo: number; phase: Phase }[], progress: StepProgress[], today: string): ProgressSummary {
  const rows = new Map<number, StepProgress>();
  for (const row of progress) {
    if (rows.has(row.stepNo)) throw new Error(`summarise: two progress rows for step ${row.stepNo}`);
    rows.set(row.stepNo, row);
  }
  const seen = new Set<number>();
  const counts = new Map<Phase, { steps: number; completed: number }>(PHASES.map((p) => [p, { steps: 0, completed: 0 }]));
  const delayed: number[] = [];
  for (const { stepNo, phase } of steps) {
    if (seen.has(stepNo)) throw new Error(`summarise: step ${stepNo} listed twice`);
    seen.add(stepNo);
    const count = counts.get(phase);
    if (!count) throw new Error(`summarise: unknown phase ${String(phase)} for step ${stepNo}`);
    const row = { ...(rows.get(stepNo) ?? notStarted(stepNo, phase)), phase };
    count.steps += 1;
    if (isDone(row.status)) count.completed += 1;
    if (isDelayed(row, today)) delayed.push(stepNo);
  }
  const phases = PHASES.map((phase) => {
    const { steps: n, completed } = counts.get(phase) ?? { steps: 0, completed: 0 };
    return { phase, steps: n, completed, percent: completionPercent(completed, n) };
  });
  const total = phases.reduce((a, p) => a + p.steps, 0);
  const completed = phases.reduce((a, p) => a + p.completed, 0);
  return { phases, overall: { steps: total, completed, percent: completionPercent(completed, total) }, delayed: delayed.sort((x, y) => x - y) };
}

const DATE_FIELDS = ['plannedStart', 'plannedEnd', 'actualStart', 'actualEnd'] as const;
type DateField = (typeof DATE_FIELDS)[number];
export const PROGRESS_FIELD_TITLES: Record<DateField, string> = {
  plannedStart: '予定開始日',
  plannedEnd: '予定終了日',
  actualStart: '実績開始日',
  actualEnd: '実績終了日',
};

/**
 * Checks one row before it is written. `fieldPrefix` is put before each field name as given (e.g.
 * 'rows.3.'), so a whole sheet can be checked and each problem shown on its cell. Order checks are
 * made only between dates that are themselves valid, so one typo gives one message.
 */
export function progressProblems(row: StepProgress, today: string, fieldPrefix = ''): ProgressProblem[] {
  if (!isIsoDate(today)) throw new RangeError(`progressProblems: today must be an ISO date (${today})`);
  const problems: ProgressProblem[] = [];
  const add = (field: string, rule: string, message: string): void => void problems.push({ field: fieldPrefix + field, rule, message });

  if (!Number.isSafeInteger(row.stepNo) || row.stepNo < 1) add('stepNo', 'progress.step-no', 'ステップ番号は1以上の整数です');
  if (!(STEP_STATUSES as readonly unknown[]).includes(row.status)) add('status', 'progress.unknown-status', `状況「${String(row.status)}」は定義されていません`);
  const valid: Partial<Record<DateField, string>> = {};
  for (const field of DATE_FIELDS) {
    const value = row[field];
    if (value === null) continue;
    if (typeof value !== 'string' || !isIsoDate(value)) add(field, 'date.invalid', `${PROGRESS_FIELD_TITLES[field]}は実在する日付（YYYY-MM-DD）で入力してください`);
    else valid[field] = value;
  }
  const { plannedStart, plannedEnd, actualStart, actualEnd } = valid;
  if (plannedStart && plannedEnd && plannedEnd < plannedStart) add('plannedEnd', 'progress.planned-order', '予定終了日は予定開始日以降の日付にしてください');
  if (actualStart && actualEnd && actualEnd < actualStart) add('actualEnd', 'progress.actual-order', '実績終了日は実績開始日以降の日付にしてください');
  if (row.status === 'completed' && row.actualEnd === null) add('actualEnd', 'progress.actual-end-required', '完了にするには実績終了日を入力してください');
  if (row.status !== 'completed' && row.actualEnd !== null) add('actualEnd', 'progress.actual-end-not-completed', '実績終了日は状況が「完了済み」のときだけ入力できます');
  if ((row.status === 'not_started' || row.status === 'not_applicable') && row.actualStart !== null) add('actualStart', 'progress.actual-start-not-started', `状況が「${STEP_STATUS_TITLES[row.status as StepStatus]}」のときは実績開始日を入力できません`);
  for (const field of ['actualStart', 'actualEnd'] as const) {
    const value = valid[field];
    if (value && value > today) add(field, 'progress.actual-future', `${PROGRESS_FIELD_TITLES[field]}に今日（${today}）より後の日付は入力できません`);
  }
  return problems;
}
