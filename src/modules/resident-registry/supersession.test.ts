import { describe, expect, it } from 'vitest';
import { isRestoration, liveAfter, liveBefore, liveSuccessor, liveVersions } from './supersession.ts';

// 1 転入 (D1), 2 転居 (D2), 3 誤記修正 of 1, 4 誤記修正 of 2, 5 取消し of the 転居 (supersedes 4), 6 correction of 5.
const v = (history_no: number, valid_from: string, supersedes_history_no: number | null = null, by_cancellation = false) => ({ history_no, valid_from, supersedes_history_no, by_cancellation });
const history = [v(1, '2026-01-01'), v(2, '2026-02-01'), v(3, '2026-01-01', 1), v(4, '2026-02-01', 2), v(5, '2026-02-01', 4, true), v(6, '2026-02-01', 5)];
const nos = (vs: { history_no: number }[]) => vs.map((x) => x.history_no);

describe('supersession (README: Bitemporal scheme)', () => {
  it('live versions are those nothing supersedes, in (valid_from, 履歴番号) order', () => {
    expect(nos(liveVersions(history))).toEqual([3, 6]);
    expect(nos(liveVersions([v(2, '2026-03-01'), v(1, '2026-01-01'), v(3, '2026-03-01')]))).toEqual([1, 2, 3]);
  });

  it('follows a chain of replacements to the live version', () => {
    expect(liveSuccessor(history, 2)?.history_no).toBe(6);
    expect(liveSuccessor(history, 1)?.history_no).toBe(3);
    expect(liveSuccessor(history, 6)?.history_no).toBe(6);
    expect(liveSuccessor(history, 9)).toBeUndefined();
  });

  it('finds the live state before and the live history after a version', () => {
    expect(liveBefore(history, history[5]!)?.history_no).toBe(3);
    expect(liveBefore(history, history[2]!)).toBeUndefined();
    expect(nos(liveAfter(history, history[2]!))).toEqual([6]);
  });

  it('a cancellation’s version and a correction of it are restorations; a corrected 異動 is not', () => {
    expect(isRestoration(history, history[4]!)).toBe(true);
    expect(isRestoration(history, history[5]!)).toBe(true);
    expect(isRestoration(history, history[3]!)).toBe(false);
    expect(isRestoration(history, history[0]!)).toBe(false);
  });
});
