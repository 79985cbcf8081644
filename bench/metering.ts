/**
 * 利用量の計測 (issue #11): what the operator console's usage metering costs on a large 団体, on PostgreSQL.
 *   npm run bench -- metering [--residents 1000000] [--seed 1] [--database-url …] [--reuse-database yakuba_bench_…] [--keep-database]
 * 1. Setup, not timed: a fresh database with the whole system (openFixture), N residents loaded into 団体
 *    131016 by the demo loader (COPY), VACUUM ANALYZE.
 * 2. The storage measurement, timed twice (the second with the tables cached): Metering.measure(131016) —
 *    count(*) and sum(pg_column_size(row)) of every tenant table under the 団体's RLS context, certificates
 *    from the audit log, the day's rows upserted. Printed per business: rows and bytes.
 * 3. Limit, measured in the same run: the same tables read by the owner with only count(*) WHERE
 *    tenant_code = '131016', one after another: the scan the measurement cannot avoid. Ratio measure ÷ limit.
 * 4. The request counter: 1,000,000 calls of RequestMeter.count (what each answered request adds on the hot
 *    path), ns a call, and one flush of what they counted.
 */
import pg from 'pg';
import { loadDemoResidents } from '../src/modules/resident-registry/demo/load.ts';
import { closeFixture, databaseOptions, printMachine } from './measure.ts';
import { openFixture, TENANT } from './resident-registry-setup.ts';

const option = (args: string[], name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1]! : fallback);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const secondsSince = (t: number) => (performance.now() - t) / 1000;

export async function main(args: string[]): Promise<void> {
  const residents = Number(option(args, '--residents', '1000000'));
  const seed = Number(option(args, '--seed', '1'));
  const { serverUrl, reuse, keep } = databaseOptions(args);
  printMachine(seed);
  const fixture = await openFixture(serverUrl, 0, reuse);
  const raw = new pg.Pool({ connectionString: fixture.databaseUrl, max: 2 });
  const database = new URL(fixture.databaseUrl).pathname.slice(1);
  try {
    if (reuse) console.log(`load: skipped, reusing ${reuse}`);
    else {
      const loaded = await loadDemoResidents(fixture.system.db, TENANT, { residents, seed, batchSize: 10_000 });
      console.log(`load: ${fmt(loaded.residents)} residents, ${fmt(loaded.households)} households in ${loaded.seconds.toFixed(1)} s (not timed)`);
    }
    await raw.query('VACUUM ANALYZE');
    const metering = fixture.system.metering;

    const runs = [];
    for (let i = 0; i < 2; i++) {
      const t = performance.now();
      const usage = await metering.measure(TENANT);
      runs.push({ seconds: secondsSince(t), usage });
    }
    const last = runs.at(-1)!;
    const rows = last.usage.reduce((a, u) => a + u.storedRows, 0);
    const bytes = last.usage.reduce((a, u) => a + u.storedBytes, 0);
    console.log(`\nmeasure (${TENANT}): ${runs.map((r) => `${r.seconds.toFixed(2)} s`).join(', then ')} — ${fmt(rows)} rows, ${fmt(bytes / 1e6)} MB (pg_column_size), ${fmt(rows / last.seconds)} rows/s`);
    for (const u of last.usage) console.log(`  ${u.business.padEnd(26)} ${fmt(u.storedRows).padStart(11)} rows ${fmt(u.storedBytes / 1e6).padStart(8)} MB`);

    const { rows: tables } = await raw.query<{ name: string }>(`
      SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relrowsecurity
        AND EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_code' AND NOT a.attisdropped) ORDER BY 1`);
    const t = performance.now();
    let counted = 0;
    for (const { name } of tables) counted += Number((await raw.query<{ n: string }>(`SELECT count(*) AS n FROM "${name}" WHERE tenant_code = $1`, [TENANT])).rows[0]!.n);
    const limit = secondsSince(t);
    console.log(`limit: count(*) of the same ${tables.length} tables as the owner: ${limit.toFixed(2)} s (${fmt(counted)} rows)`);
    console.log(`ratio: measure ${last.seconds.toFixed(2)} s ÷ count ${limit.toFixed(2)} s = ${(last.seconds / limit).toFixed(2)}`);

    const calls = 1_000_000;
    const c = performance.now();
    for (let i = 0; i < calls; i++) metering.requests.count(TENANT, i % 2 ? 'resident-registry' : 'platform');
    const perCall = ((performance.now() - c) * 1e6) / calls;
    const f = performance.now();
    await metering.requests.flush();
    console.log(`request counter: ${perCall.toFixed(0)} ns a call over ${fmt(calls)} calls; their flush ${(performance.now() - f).toFixed(1)} ms (2 rows upserted)`);
  } finally {
    await raw.end();
    await closeFixture(fixture, database, keep, reuse);
  }
}
