import { describe, expect, it } from 'vitest';
import { idleState } from './idle';

describe('the idle warning', () => {
  const start = Date.UTC(2026, 10, 29, 9, 0, 0);
  it('warns two minutes before the end of a 30-minute period, then says it has ended', () => {
    expect(idleState(start + 27 * 60_000, start, 30)).toEqual({ kind: 'active' });
    expect(idleState(start + 28 * 60_000, start, 30)).toEqual({ kind: 'warning', secondsLeft: 120 });
    expect(idleState(start + 29 * 60_000 + 59_500, start, 30)).toEqual({ kind: 'warning', secondsLeft: 1 });
    expect(idleState(start + 30 * 60_000, start, 30)).toEqual({ kind: 'expired' });
  });
  it('warns at a quarter of a short period', () => {
    expect(idleState(start + 44_000, start, 1)).toEqual({ kind: 'active' });
    expect(idleState(start + 45_000, start, 1)).toEqual({ kind: 'warning', secondsLeft: 15 });
  });
});
