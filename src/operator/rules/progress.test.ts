import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { completionPercent, isDelayed, PHASE_TITLES, progressProblems, STEP_STATUS_TITLES, summarise, type Phase, type StepProgress } from './progress.ts';

const TODAY = '2025-06-15';
const row = (over: Partial<StepProgress> = {}): StepProgress => ({
  stepNo: 1, phase: 'planning', status: 'not_started', plannedStart: null, plannedEnd: null, actualStart: null, actualEnd: null, ...over,
});

describe('titles', () => {
  it('are the PMO terms', () => {
    expect(PHASE_TITLES).toEqual({ planning: '計画立案', selection: 'システム選定', migration: '移行' });
    expect(STEP_STATUS_TITLES).toEqual({ not_started: '未着手', in_progress: '作業中', completed: '完了済み', not_applicable: '対象外' });
  });
});

describe('completionPercent', () => {
  it.each([
    [1, 40, 2.5], [24, 40, 60], [25, 40, 62.5], [40, 40, 100], [0, 40, 0],
    [1, 3, 33.3], [2, 3, 66.7], [1, 6, 16.7], [1, 16, 6.3], [3, 16, 18.8], [1, 7, 14.3], [0, 0, 0],
  ])('%i of %i steps → %d %%', (completed, total, percent) => {
    expect(completionPercent(completed, total)).toBe(percent);
  });
  it.each([[-1, 3], [4, 3], [1.5, 3], [1, -1], [0, 2.5]])('throws on %d of %d', (completed, total) => {
    expect(() => completionPercent(completed, total)).toThrow(RangeError);
  });
  it('is between 0 and 100, to one decimal, and rises with the count (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000 }), fc.nat(), (total, pick) => {
      const completed = total === 0 ? 0 : pick % (total + 1);
      const p = completionPercent(completed, total);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(100);
      expect(Number.isInteger(Math.round(p * 10)) && Math.abs(p * 10 - Math.round(p * 10)) < 1e-9).toBe(true);
      if (total > 0) expect(Math.abs(p - (completed / total) * 100)).toBeLessThanOrEqual(0.05 + 1e-9);
      if (completed < total) expect(completionPercent(completed + 1, total)).toBeGreaterThanOrEqual(p);
    }), { numRuns: 500 });
  });
});

describe('isDelayed', () => {
  it.each<[string, Partial<StepProgress>, boolean]>([
    ['not started, planned end passed', { plannedEnd: '2025-06-14' }, true],
    ['in progress, planned end passed', { status: 'in_progress', actualStart: '2025-05-01', plannedEnd: '2025-06-01' }, true],
    ['planned end is today: not yet late', { status: 'in_progress', plannedEnd: TODAY }, false],
    ['planned end in the future', { plannedEnd: '2025-07-01' }, false],
    ['no planned end', { status: 'in_progress' }, false],
    ['completed on time', { status: 'completed', plannedEnd: '2025-06-01', actualEnd: '2025-06-01' }, false],
    ['completed after the planned end stays delayed', { status: 'completed', plannedEnd: '2025-06-01', actualEnd: '2025-06-02' }, true],
    ['completed, planned end passed, no actual end recorded', { status: 'completed', plannedEnd: '2025-01-01' }, false],
    ['completed without a plan', { status: 'completed', actualEnd: '2025-06-02' }, false],
  ])('%s → %s', (_name, over, delayed) => {
    expect(isDelayed(row(over), TODAY)).toBe(delayed);
  });
});

describe('summarise', () => {
  const steps: { stepNo: number; phase: Phase }[] = [
    { stepNo: 1, phase: 'planning' }, { stepNo: 2, phase: 'planning' }, { stepNo: 3, phase: 'planning' }, { stepNo: 4, phase: 'planning' },
    { stepNo: 5, phase: 'selection' }, { stepNo: 6, phase: 'selection' }, { stepNo: 7, phase: 'selection' },
    { stepNo: 8, phase: 'migration' },
  ];
  const progress = [
    row({ stepNo: 3, status: 'completed', actualEnd: '2025-01-10' }),
    row({ stepNo: 1, status: 'completed', actualEnd: '2025-01-10', plannedEnd: '2025-01-31' }),
    row({ stepNo: 2, status: 'completed', actualEnd: '2025-03-01', plannedEnd: '2025-02-28' }),
    row({ stepNo: 6, phase: 'planning', status: 'in_progress', plannedEnd: '2025-05-31' }), // phase taken from the step list
    row({ stepNo: 5, status: 'completed', actualEnd: '2025-04-01' }),
    row({ stepNo: 99, status: 'completed', actualEnd: '2025-04-01' }), // another version's step: ignored
  ];

  it('counts per phase and overall; missing rows are not started; lists delayed steps in order', () => {
    expect(summarise(steps, progress, TODAY)).toEqual({
      phases: [
        { phase: 'planning', steps: 4, completed: 3, percent: 75 },
        { phase: 'selection', steps: 3, completed: 1, percent: 33.3 },
        { phase: 'migration', steps: 1, completed: 0, percent: 0 },
      ],
      overall: { steps: 8, completed: 4, percent: 50 },
      delayed: [2, 6],
    });
  });

  it('the 40 steps of the 手順書: 25 completed is 62.5 %', () => {
    const forty = Array.from({ length: 40 }, (_, i) => ({ stepNo: i + 1, phase: (i < 10 ? 'planning' : i < 30 ? 'selection' : 'migration') as Phase }));
    const done = forty.slice(0, 25).map((s) => row({ ...s, status: 'completed', actualEnd: '2025-01-01' }));
    const summary = summarise(forty, done, TODAY);
    expect(summary.overall).toEqual({ steps: 40, completed: 25, percent: 62.5 });
    expect(summary.phases.map((p) => p.percent)).toEqual([100, 75, 0]);
  });

  it('no steps: every phase listed with 0', () => {
    expect(summarise([], [], TODAY)).toEqual({
      phases: [
        { phase: 'planning', steps: 0, completed: 0, percent: 0 },
        { phase: 'selection', steps: 0, completed: 0, percent: 0 },
        { phase: 'migration', steps: 0, completed: 0, percent: 0 },
      ],
      overall: { steps: 0, completed: 0, percent: 0 },
      delayed: [],
    });
  });

  it('throws on duplicate steps or rows', () => {
    expect(() => summarise([steps[0]!, steps[0]!], [], TODAY)).toThrow(/twice/);
    expect(() => summarise(steps, [row(), row()], TODAY)).toThrow(/two progress rows/);
  });
});

describe('progressProblems', () => {
  it.each<[string, Partial<StepProgress>]>([
    ['an empty row', {}],
    ['a plan only', { plannedStart: '2025-07-01', plannedEnd: '2025-07-01' }],
    ['started today', { status: 'in_progress', actualStart: TODAY }],
    ['completed', { status: 'completed', actualStart: '2025-01-01', actualEnd: TODAY, plannedStart: '2025-01-01', plannedEnd: '2025-12-31' }],
    ['completed without a recorded start', { status: 'completed', actualEnd: '2025-02-28' }],
  ])('accepts %s', (_name, over) => {
    expect(progressProblems(row(over), TODAY)).toEqual([]);
  });

  it.each<[string, Partial<StepProgress>, string, string]>([
    ['a date that does not exist', { plannedStart: '2025-02-29' }, 'plannedStart', 'date.invalid'],
    ['a non-ISO date', { plannedEnd: '2025/06/01' }, 'plannedEnd', 'date.invalid'],
    ['planned end before planned start', { plannedStart: '2025-07-02', plannedEnd: '2025-07-01' }, 'plannedEnd', 'progress.planned-order'],
    ['actual end before actual start', { status: 'completed', actualStart: '2025-05-02', actualEnd: '2025-05-01' }, 'actualEnd', 'progress.actual-order'],
    ['completed without actual end', { status: 'completed', actualStart: '2025-05-01' }, 'actualEnd', 'progress.actual-end-required'],
    ['actual end while in progress', { status: 'in_progress', actualStart: '2025-05-01', actualEnd: '2025-05-02' }, 'actualEnd', 'progress.actual-end-not-completed'],
    ['actual start while not started', { actualStart: '2025-05-01' }, 'actualStart', 'progress.actual-start-not-started'],
    ['actual start after today', { status: 'in_progress', actualStart: '2025-06-16' }, 'actualStart', 'progress.actual-future'],
    ['actual end after today', { status: 'completed', actualEnd: '2025-06-16' }, 'actualEnd', 'progress.actual-future'],
    ['an unknown status', { status: 'done' as never }, 'status', 'progress.unknown-status'],
    ['step number 0', { stepNo: 0 }, 'stepNo', 'progress.step-no'],
  ])('rejects %s', (_name, over, field, rule) => {
    const problems = progressProblems(row(over), TODAY);
    expect(problems).toEqual([{ field, rule, message: expect.stringMatching(/[\u3040-\u30ff\u4e00-\u9fff]/) }]);
  });

  it('prefixes fields, and skips order checks on an invalid date (one typo, one message)', () => {
    const problems = progressProblems(row({ plannedStart: '2025-13-01', plannedEnd: '2025-01-01' }), TODAY, 'rows.4.');
    expect(problems).toEqual([{ field: 'rows.4.plannedStart', rule: 'date.invalid', message: '予定開始日は実在する日付（YYYY-MM-DD）で入力してください' }]);
  });

  it('reports every problem of a row', () => {
    const rules = progressProblems(row({ status: 'not_started', actualStart: '2025-07-01', actualEnd: '2025-06-30' }), TODAY).map((p) => p.rule);
    expect(rules).toEqual(['progress.actual-order', 'progress.actual-end-not-completed', 'progress.actual-start-not-started', 'progress.actual-future', 'progress.actual-future']);
  });

  it('throws on an invalid today', () => {
    expect(() => progressProblems(row(), '2025-6-1')).toThrow(RangeError);
  });
});

describe('対象外 (not applicable), as the national dashboard counts it', () => {
  const steps = [1, 2, 3, 4].map((stepNo) => ({ stepNo, phase: 'planning' as const }));
  const row = (stepNo: number, status: 'completed' | 'not_applicable' | 'in_progress', plannedEnd: string | null = null) => ({
    stepNo, phase: 'planning' as const, status, plannedStart: null, plannedEnd, actualStart: null, actualEnd: status === 'completed' ? '2025-01-10' : null,
  });
  it('counts (完了済み + 対象外) ÷ steps', () => {
    const s = summarise(steps, [row(1, 'completed'), row(2, 'not_applicable'), row(3, 'in_progress')], '2026-01-01');
    expect(s.overall).toEqual({ steps: 4, completed: 2, percent: 50 });
  });
  it('never counts a step that does not apply as delayed, and takes no actual dates for it', () => {
    expect(isDelayed(row(2, 'not_applicable', '2025-01-01'), '2026-01-01')).toBe(false);
    expect(progressProblems({ ...row(2, 'not_applicable'), actualStart: '2025-01-01' }, '2026-01-01').map((p) => p.field)).toEqual(['actualStart']);
  });
});
