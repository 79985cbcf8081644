import { describe, expect, it } from 'vitest';
import { computeProgress, formatDuration } from './progress.ts';

describe('job progress', () => {
  it('derives percent, rate and ETA from done, total and the running time', () => {
    expect(computeProgress({ status: 'running', done: 250, total: 1000, elapsedMs: 5000 })).toEqual({
      done: 250,
      total: 1000,
      percent: 25,
      ratePerSecond: 50,
      etaSeconds: 15,
      elapsedSeconds: 5,
    });
    expect(computeProgress({ status: 'running', done: 1, total: 3, elapsedMs: 3000 })).toMatchObject({ percent: 33.3, ratePerSecond: 0.33, etaSeconds: 7 });
  });

  it('knows no rate or ETA before the first chunk', () => {
    expect(computeProgress({ status: 'queued', done: 0, total: 10, elapsedMs: 0 })).toMatchObject({ percent: 0, ratePerSecond: null, etaSeconds: null });
  });

  it('keeps percent within 100 when the data grew after the plan, and ends at 100 when succeeded', () => {
    expect(computeProgress({ status: 'running', done: 120, total: 100, elapsedMs: 1000 })).toMatchObject({ percent: 100, etaSeconds: 0 });
    expect(computeProgress({ status: 'succeeded', done: 0, total: 0, elapsedMs: 0 })).toMatchObject({ percent: 100, etaSeconds: 0 });
  });

  it('gives no ETA for a job that stopped', () => {
    for (const status of ['failed', 'cancelled'] as const) {
      expect(computeProgress({ status, done: 10, total: 100, elapsedMs: 1000 })).toMatchObject({ percent: 10, ratePerSecond: 10, etaSeconds: null });
    }
  });

  it('formats durations in Japanese', () => {
    expect([formatDuration(null), formatDuration(5.4), formatDuration(184), formatDuration(3725)]).toEqual(['—', '5秒', '3分4秒', '1時間2分']);
  });
});
