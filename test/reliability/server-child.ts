/**
 * The crash suite's server process: the real system (every module, an HTTP listener of the
 * individual-number zone, the event dispatcher and the job worker) on the database the environment
 * names, as `yakuba start` runs it, plus
 * - the probe subscriber (probe.ts), whose counter per event shows a lost or doubled delivery;
 * - progress lines on stdout (`@rel {json}`: jobs' checkpoints, probe deliveries, commits)
 *   that the harness uses to pick its kill moment;
 * - a control channel (JSON lines on stdin) to set up tenants and data and to read the database: on
 *   PGlite only one process may have the directory open, so the harness reads it through us.
 * The harness kills this process with SIGKILL and starts another on the same database.
 */
import { createInterface } from 'node:readline';
import { sql } from 'kysely';
import { seedDemo } from '../../src/demo.ts';
import { insertIncomeDocument } from '../../src/modules/individual-resident-tax/store.ts';
import { modules } from '../../src/modules/index.ts';
import { addTenant } from '../../src/modules/tenants/index.ts';
import { verifyAuditChain } from '../../src/platform/audit/index.ts';
import type { Database } from '../../src/platform/db/database.ts';
import { inTenant } from '../../src/platform/db/tenant-scope.ts';
import { createAccount, enrollTotp } from '../../src/platform/identity/users.ts';
import { JobWorker, recoverAbandonedJobs } from '../../src/platform/jobs/index.ts';
import { defineModule } from '../../src/platform/module.ts';
import { startServer } from '../../src/server.ts';
import { openSystem, type System } from '../../src/system.ts';
import { createProbeTable, probeSubscriber } from './probe.ts';

const emit = (line: unknown) => process.stdout.write(`@rel ${JSON.stringify(line)}\n`);
const probe = probeSubscriber({
  delayMs: Number(process.env.REL_PROBE_DELAY_MS ?? 0),
  onHandle: (tenant, type) => emit({ handled: { tenant, type } }),
});

type Command = { id: number; op: string; [key: string]: unknown };
type Running = { system: System; worker: JobWorker };

/** Opens the database and starts everything `yakuba start` starts. */
async function open(command: Command): Promise<Running & { url: string; recovered: string[] }> {
  const system = await openSystem({
    modules: [...modules, defineModule({ id: 'reliability-probe', title: '障害試験の観測', kind: 'platform', subscriptions: [probe] })],
    signInPerMinute: 100_000,
  });
  await createProbeTable(system.db);
  if (system.db.engine === 'postgres' && command.killedAt) {
    // PostgreSQL ends a dead client's sessions when it next reads from their sockets: until then a COMMIT
    // already sent may still land and a job's row may still be locked. Recovery (and the harness's checks)
    // start once the server has let go of every session of the killed process.
    for (let waited = 0; ; waited += 50) {
      if (waited > 60_000) throw new Error('PostgreSQL kept sessions of the killed process for a minute');
      const { rows } = await system.db.asOwner((client) => client.query<{ n: number }>(`
        SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database()
          AND backend_type = 'client backend' AND backend_start < to_timestamp($1::float8 / 1000)`, [command.killedAt]));
      if (rows[0]!.n === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  // Whoever started us has seen the previous process die (kill -9): its running jobs are abandoned now,
  // not after the worker's 60 s staleness, which is there for runners that may still be alive elsewhere.
  const recovered = await recoverAbandonedJobs(system.db, { staleAfterMs: 0 });
  // The system's own worker class, with a hook that reports every checkpoint.
  const worker = new JobWorker(system.db, system.registry, {
    log: system.log.child({ component: 'jobs' }),
    pollMs: 200,
    onProgress: (job) => emit({ job: { tenant: job.tenantCode, id: job.id, type: job.type, done: job.done, total: job.total, status: job.status } }),
  });
  system.dispatcher.start();
  worker.start();
  const listener = await startServer(system, { port: 0, zone: 'individual-number' });
  return { system, worker, url: listener.url, recovered: recovered.map((j) => j.id) };
}

let running: Running | undefined;
let accounts = 0;
const PASSWORD = 'reliability-test-42-pass';

const handlers: Record<string, (c: Command, r: Running) => Promise<unknown>> = {
  /** Reads (or, for setup, writes) as the schema owner: every tenant's rows, whatever RLS says. */
  query: async (c, { system }) => system.db.asOwner(async (client) => (await client.query(String(c.text), (c.params as unknown[]) ?? [])).rows),
  audit: async (c, { system }) => verifyAuditChain(system.db, String(c.tenant)),
  tenant: async (c, { system }) => addTenant(system, { tenantCode: c.tenant }),
  staff: async (c, { system }) => {
    const loginName = `rel-${process.pid}-${++accounts}`;
    const secret = await inTenant(system.db, String(c.tenant), async (trx) => {
      await createAccount(trx, 'staff', { loginName, displayName: '障害試験', password: PASSWORD, roles: ['administrator'] });
      return (await enrollTotp(trx, 'staff', loginName)).secret;
    });
    return { loginName, password: PASSWORD, secret };
  },
  /** A synthetic 団体 (the modules' demo generators) and a 給与支払報告書 for every second person, each year. */
  seed: async (c, { system }) => {
    const tenant = String(c.tenant);
    await seedDemo(system, tenant, { residents: Number(c.residents), seed: Number(c.seed) });
    await inTenant(system.db, tenant, async (trx) => {
      const { rows } = await sql<{ addressee_no: string }>`SELECT addressee_no FROM resident WHERE tenant_code = current_tenant() ORDER BY addressee_no`.execute(trx);
      for (const fiscalYear of c.fiscalYears as number[]) {
        for (const [i, r] of rows.entries()) {
          if (i % 2) continue;
          const salary = 1_000_000 + ((Number(r.addressee_no) + fiscalYear) % 97) * 80_000;
          await insertIncomeDocument(trx, {
            fiscalYear, addresseeNo: r.addressee_no, source: 'salary_report', employerNo: `E-${i % 7}`, employerName: null,
            items: { salaryRevenue: salary, socialInsurance: Math.floor(salary * 0.15) } as never, receivedBy: '00000000-0000-7000-8000-000000000000',
          });
        }
      }
    });
    return null;
  },
  dispatcher: async (c, { system }) => (c.on ? system.dispatcher.start() : await system.dispatcher.stop()),
  /**
   * Reports every transaction of the process at the moment its body is done and its COMMIT goes out
   * (Database.wrapTransaction, the hook drafts use too), so that a kill can be aimed at the commit: just
   * before it (rolled back) or just after (committed, and the answer never sent).
   */
  commits: async (c, { system }) => {
    let n = 0;
    (system.db as { wrapTransaction?: Database['wrapTransaction'] }).wrapTransaction = c.on
      ? (run, fn) => run(async (trx) => {
          const result = await fn(trx);
          emit({ commit: ++n });
          return result;
        })
      : undefined;
  },
};

const respond = (id: number, work: () => Promise<unknown>) =>
  work().then(
    (result) => emit({ id, ok: true, result: result ?? null }),
    (error: unknown) => emit({ id, ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }),
  );

createInterface({ input: process.stdin })
  .on('line', (line) => {
    const command = JSON.parse(line) as Command;
    if (command.op === 'open') {
      return void respond(command.id, async () => {
        const { url, recovered, ...r } = await open(command);
        running = r;
        return { url, pid: process.pid, engine: r.system.db.engine, recovered };
      });
    }
    const handler = handlers[command.op];
    void respond(command.id, async () => {
      if (!running) throw new Error('the database is not open yet');
      if (!handler) throw new Error(`unknown op ${command.op}`);
      return handler(command, running);
    });
  })
  // The harness is gone: nobody will kill us.
  .on('close', () => process.exit(1));

emit({ standby: process.pid });
