/**
 * Crash and resume (issue 10): the real server killed with SIGKILL at random moments of a 転入 burst, an
 * annual assessment, a standard-data import and event dispatch, restarted on the same database, and
 * checked (README.md). Ten kill points per run; the seed is printed, REL_SEED=<seed> repeats the run's
 * choices, and `npm run test:faults -- --trials N` runs many more.
 */
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedTestDatabase } from '../support/database.ts';
import { Harness } from './crash-harness.ts';
import { describeTrial, planTrials, runTrial, SCENARIOS, type TrialResult } from './trials.ts';

/** Kill points per scenario in the regular run: ten in all. */
const TRIALS: Record<string, number> = { 'move-in-burst': 3, 'annual-assessment': 2, 'standard-import': 2, 'event-dispatch': 3 };
const runSeed = process.env.REL_SEED ? Number(process.env.REL_SEED) : randomInt(2 ** 31);

describe('crash and resume: kill -9 of the server process', () => {
  let shared: Awaited<ReturnType<typeof sharedTestDatabase>>;
  let h: Harness;
  beforeAll(async () => {
    process.stdout.write(`crash suite seed ${runSeed} (REL_SEED=${runSeed} repeats these kill points)\n`);
    shared = await sharedTestDatabase();
    // A probe delivery holds its transaction open 5 ms: room for a kill to land inside one.
    h = new Harness({ ...shared.env, REL_PROBE_DELAY_MS: '5' });
    await h.start();
  });
  afterAll(async () => {
    await h?.close();
    await shared?.dispose();
  });

  for (const scenario of SCENARIOS) {
    it(`${scenario.title}: ${TRIALS[scenario.id]} random kill points`, { timeout: 300_000 }, async () => {
      const results: TrialResult[] = [];
      for (const { seed } of planTrials(runSeed, TRIALS[scenario.id]!, [scenario])) {
        const result = await runTrial(h, scenario, seed);
        process.stdout.write(`${describeTrial(result)}\n`);
        results.push(result);
      }
      expect(results.filter((r) => !r.ok).map(describeTrial)).toEqual([]);
    });
  }
});
