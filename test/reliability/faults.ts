/**
 * `npm run test:faults -- --trials N`: N crash trials, round robin over the scenarios, on a fresh
 * database (PGlite in a temporary directory, or a new database on the PostgreSQL server that
 * TEST_DATABASE_URL names, dropped afterwards). Prints every trial with its seed and a summary per
 * scenario; exits 1 if any trial failed.
 *   --seed S            the run's seed (default: random; printed)
 *   --scenario a,b      only these scenarios
 *   --replay id:seed    one trial of one scenario with that trial seed (as printed by a failure)
 */
import { randomBytes, randomInt } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { adminQuery, dropDatabase, withDatabase } from '../support/database.ts';
import { testKeySettings } from '../support/my-number.ts';
import { Harness } from './crash-harness.ts';
import { describeTrial, planTrials, runTrial, SCENARIOS, type TrialResult } from './trials.ts';

const print = (text: string) => process.stdout.write(`${text}\n`);

const { values } = parseArgs({
  options: { trials: { type: 'string', default: '20' }, seed: { type: 'string' }, scenario: { type: 'string' }, replay: { type: 'string' } },
});

const byId = new Map(SCENARIOS.map((s) => [s.id, s]));
const scenarioOf = (id: string) => byId.get(id) ?? fail(`unknown scenario ${id} (${[...byId.keys()].join(', ')})`);
function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const runSeed = values.seed ? Number(values.seed) : randomInt(2 ** 31);
let plan: ReturnType<typeof planTrials>;
if (values.replay) {
  const [id, seed] = values.replay.split(':');
  plan = [{ scenario: scenarioOf(id!), seed: Number(seed) }];
} else {
  const trials = Number(values.trials);
  if (!Number.isInteger(trials) || trials < 1) fail('--trials takes a positive whole number');
  plan = planTrials(runSeed, trials, values.scenario ? values.scenario.split(',').map(scenarioOf) : SCENARIOS);
}

const logDir = path.resolve('.tmp', 'faults-logs');
await mkdir(logDir, { recursive: true });
const env: Record<string, string> = {
  ...testKeySettings(),
  REL_PROBE_DELAY_MS: '5',
  YAKUBA_LOG_FILE: path.join(logDir, `run-${new Date().toISOString().replace(/[:.]/g, '-')}.log`),
};
const serverUrl = process.env.TEST_DATABASE_URL?.trim();
let dispose: () => Promise<void>;
if (serverUrl) {
  const name = `yakuba_faults_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  Object.assign(env, { DATABASE_URL: withDatabase(serverUrl, name) });
  dispose = () => dropDatabase(serverUrl, name);
} else {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'yakuba-faults-'));
  Object.assign(env, { DATABASE_URL: '', YAKUBA_DATA_DIR: dataDir });
  dispose = () => rm(dataDir, { recursive: true, force: true });
}

print(`crash trials: ${plan.length} on ${serverUrl ? 'PostgreSQL' : 'PGlite'}, run seed ${runSeed} (--seed ${runSeed} repeats the plan); server log ${env.YAKUBA_LOG_FILE}`);
const started = Date.now();
const results: TrialResult[] = [];
const h = new Harness(env);
try {
  await h.start();
  for (const [i, { scenario, seed }] of plan.entries()) {
    const result = await runTrial(h, scenario, seed);
    results.push(result);
    print(`[${i + 1}/${plan.length}] ${describeTrial(result)}`);
  }
} finally {
  await h.close();
  await dispose();
}

const seconds = (Date.now() - started) / 1000;
print(`\n${'scenario'.padEnd(20)} trials  passed  failed  failed seeds`);
for (const s of SCENARIOS) {
  const of = results.filter((r) => r.scenario === s.id);
  if (of.length === 0) continue;
  const failed = of.filter((r) => !r.ok);
  print(`${s.id.padEnd(20)} ${String(of.length).padStart(6)}  ${String(of.length - failed.length).padStart(6)}  ${String(failed.length).padStart(6)}  ${failed.map((r) => r.seed).join(' ')}`);
}
print(`${results.length} trials in ${seconds.toFixed(0)} s (${h.starts} server starts), run seed ${runSeed}`);
process.exitCode = results.every((r) => r.ok) ? 0 : 1;
