/** The scenarios, and one trial of one: workload, kill, restart, the scenario's checks and the invariants. */
import { checkInvariants } from './checks.ts';
import { Rng, trialSeed, type Harness, type Scenario } from './crash-harness.ts';
import { annualAssessment, standardImport } from './scenarios-jobs.ts';
import { eventDispatch, moveInBurst } from './scenarios-registry.ts';

export const SCENARIOS: Scenario[] = [moveInBurst, annualAssessment, standardImport, eventDispatch];

export interface TrialResult {
  scenario: string;
  seed: number;
  ok: boolean;
  ms: number;
  notes: string[];
  error?: string;
}

export async function runTrial(h: Harness, scenario: Scenario, seed: number): Promise<TrialResult> {
  const notes: string[] = [];
  const started = Date.now();
  try {
    await scenario.trial(h, new Rng(seed), (text) => notes.push(`${((Date.now() - started) / 1000).toFixed(1)} s ${text}`));
    await checkInvariants(h);
    return { scenario: scenario.id, seed, ok: true, ms: Date.now() - started, notes };
  } catch (error) {
    // Whatever state the failed trial left the server in (a dispatcher held, a job waiting), the next
    // trial starts from a fresh process.
    await h.crash().then(() => h.restart()).catch(() => undefined);
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return { scenario: scenario.id, seed, ok: false, ms: Date.now() - started, notes, error: text };
  }
}

/** `total` trials, round robin over the scenarios, each with its own seed derived from the run's. */
export function planTrials(runSeed: number, total: number, scenarios: Scenario[] = SCENARIOS): { scenario: Scenario; seed: number }[] {
  return Array.from({ length: total }, (_, i) => {
    const scenario = scenarios[i % scenarios.length]!;
    return { scenario, seed: trialSeed(runSeed, scenario.id, Math.floor(i / scenarios.length)) };
  });
}

export const describeTrial = (r: TrialResult): string =>
  `${r.scenario} seed ${r.seed}: ${r.ok ? 'passed' : 'FAILED'} in ${(r.ms / 1000).toFixed(1)} s${r.notes.length ? ` — ${r.notes.join('; ')}` : ''}` +
  (r.error ? `\n${r.error}\nreplay: npm run test:faults -- --replay ${r.scenario}:${r.seed}` : '');
