/**
 * What must hold after every crash and restart, read from the database through the new server process.
 * Each check throws an Error naming what it found, with enough rows to see why.
 */
import assert from 'node:assert/strict';
import { PROBE, PROBED_EVENTS } from './probe.ts';
import { waitFor, type Harness } from './crash-harness.ts';

const show = (rows: unknown[]) => JSON.stringify(rows.slice(0, 5));

/** Waits until the dispatcher has delivered everything; a dead letter fails at once. */
export async function drained(h: Harness): Promise<void> {
  await waitFor('the event dispatcher to deliver every event', async () => {
    const open = await h.query<{ status: string; subscriber: string; last_error: string | null }>(
      `SELECT status, subscriber, last_error FROM event_delivery WHERE status <> 'delivered'`);
    const dead = open.filter((d) => d.status === 'dead');
    if (dead.length > 0) throw new Error(`dead letters after the restart: ${show(dead)}`);
    const failing = open.filter((d) => d.last_error);
    if (failing.length > 0) throw new Error(`deliveries failing after the restart: ${show(failing)}`);
    return open.length === 0 ? true : undefined;
  });
}

/** Every probed event applied exactly once (the probe's counter is 1), and every delivery has its inbox entry. */
export async function checkEventsOnce(h: Harness): Promise<void> {
  const wrong = await h.query(`
    SELECT o.tenant_code, o.id, o.type, e.applied FROM event_outbox o
    LEFT JOIN reliability_effect e ON e.tenant_code = o.tenant_code AND e.event_id = o.id
    WHERE o.type = ANY($1) AND e.applied IS DISTINCT FROM 1`, [PROBED_EVENTS]);
  assert.deepEqual(wrong, [], `events not applied exactly once by the probe: ${show(wrong)}`);
  const stray = await h.query(`
    SELECT e.* FROM reliability_effect e
    WHERE NOT EXISTS (SELECT 1 FROM event_outbox o WHERE o.tenant_code = e.tenant_code AND o.id = e.event_id)`);
  assert.deepEqual(stray, [], `effects of events that do not exist: ${show(stray)}`);
  const probeDeliveries = await h.query<{ n: number }>(`
    SELECT count(*)::int AS n FROM event_outbox o WHERE o.type = ANY($1)
      AND NOT EXISTS (SELECT 1 FROM event_delivery d WHERE d.tenant_code = o.tenant_code AND d.event_id = o.id AND d.subscriber = $2)`, [PROBED_EVENTS, PROBE]);
  assert.equal(probeDeliveries[0]!.n, 0, 'probed events without a delivery to the probe');
  const unmatched = await h.query(`
    SELECT d.tenant_code, d.subscriber, d.event_id, 'delivered without inbox' AS problem FROM event_delivery d
    WHERE d.status = 'delivered' AND NOT EXISTS (
      SELECT 1 FROM event_inbox i WHERE i.tenant_code = d.tenant_code AND i.subscriber = d.subscriber AND i.event_id = d.event_id)
    UNION ALL
    SELECT i.tenant_code, i.subscriber, i.event_id, 'inbox without delivery' FROM event_inbox i
    WHERE NOT EXISTS (
      SELECT 1 FROM event_delivery d WHERE d.tenant_code = i.tenant_code AND d.subscriber = i.subscriber AND d.event_id = i.event_id AND d.status = 'delivered')`);
  assert.deepEqual(unmatched, [], `deliveries and inbox disagree: ${show(unmatched)}`);
}

/** Every tenant's audit chain verifies (verifyAuditChain). */
export async function checkAuditChains(h: Harness): Promise<void> {
  for (const { tenant_code } of await h.query<{ tenant_code: string }>('SELECT tenant_code FROM tenant ORDER BY 1')) {
    const result = await h.control<{ ok: boolean; firstBroken?: unknown }>('audit', { tenant: tenant_code });
    assert.ok(result.ok, `the audit chain of ${tenant_code} does not verify: ${JSON.stringify(result)}`);
  }
}

/**
 * No job was left behind: every one ran to success (the suite submits nothing that should fail), and
 * each has the audit entry of its submission (every job of the suite is submitted over HTTP).
 */
export async function checkJobs(h: Harness): Promise<void> {
  const jobs = await h.query(`SELECT tenant_code, id, type, status, error FROM job WHERE status <> 'succeeded'`);
  assert.deepEqual(jobs, [], `jobs not succeeded: ${show(jobs)}`);
  const unaudited = await h.query(`
    SELECT j.tenant_code, j.id, j.type, (SELECT count(*)::int FROM audit_log a WHERE a.tenant_code = j.tenant_code AND a.function = 'jobs.submit'
      AND a.targets @> jsonb_build_array(jsonb_build_object('kind', 'job', 'id', j.id::text))) AS audits
    FROM job j WHERE (SELECT count(*) FROM audit_log a WHERE a.tenant_code = j.tenant_code AND a.function = 'jobs.submit'
      AND a.targets @> jsonb_build_array(jsonb_build_object('kind', 'job', 'id', j.id::text))) <> 1`);
  assert.deepEqual(unaudited, [], `jobs without exactly one audit entry of their submission: ${show(unaudited)}`);
}

/** What every trial ends with, whatever it killed: events delivered once, jobs done, audit intact. */
export async function checkInvariants(h: Harness): Promise<void> {
  await drained(h);
  await checkEventsOnce(h);
  await checkJobs(h);
  await checkAuditChains(h);
}

/**
 * Every 転入 of the tenant is whole: its 異動, one household version, a version of each person it names,
 * its event and its audit entry; and nothing exists outside a whole 転入 (a person or household without
 * a version, a version without its 異動, an event or audit entry naming a 異動 that is not there).
 */
export async function checkMoveIns(h: Harness, tenant: string): Promise<number> {
  const changes = await h.query<{ id: string; households: number; residents: number; named: number; events: number; audits: number; versions_of_named: number }>(`
    SELECT c.id,
      (SELECT count(*)::int FROM household_version v WHERE v.tenant_code = c.tenant_code AND v.change_id = c.id) AS households,
      (SELECT count(*)::int FROM resident_version v WHERE v.tenant_code = c.tenant_code AND v.change_id = c.id) AS residents,
      (SELECT count(*)::int FROM event_outbox o WHERE o.tenant_code = c.tenant_code AND o.type = 'resident-registry.moved-in' AND o.payload->>'changeId' = c.id::text) AS events,
      (SELECT count(*)::int FROM audit_log a WHERE a.tenant_code = c.tenant_code AND a.function = 'resident-registry.move-in'
         AND a.targets @> jsonb_build_array(jsonb_build_object('kind', 'resident-change', 'id', c.id::text))) AS audits,
      (SELECT max(jsonb_array_length(o.payload->'residents'))::int FROM event_outbox o
         WHERE o.tenant_code = c.tenant_code AND o.type = 'resident-registry.moved-in' AND o.payload->>'changeId' = c.id::text) AS named
    FROM resident_change c WHERE c.tenant_code = $1 AND c.procedure = 'move_in'`, [tenant]);
  const broken = changes.filter((c) => c.households !== 1 || c.events !== 1 || c.audits !== 1 || c.residents !== c.named || c.residents < 1);
  assert.deepEqual(broken, [], `転入 not recorded whole: ${show(broken)}`);
  const orphans = await h.query(`
    SELECT 'resident without version' AS problem, r.id::text FROM resident r WHERE r.tenant_code = $1
      AND NOT EXISTS (SELECT 1 FROM resident_version v WHERE v.tenant_code = r.tenant_code AND v.resident_id = r.id)
    UNION ALL SELECT 'resident history number off', r.id::text FROM resident r WHERE r.tenant_code = $1
      AND r.last_history_no <> (SELECT max(v.history_no) FROM resident_version v WHERE v.tenant_code = r.tenant_code AND v.resident_id = r.id)
    UNION ALL SELECT 'household without version', x.id::text FROM household x WHERE x.tenant_code = $1
      AND NOT EXISTS (SELECT 1 FROM household_version v WHERE v.tenant_code = x.tenant_code AND v.household_id = x.id)
    UNION ALL SELECT 'version without its change', v.change_id::text FROM resident_version v WHERE v.tenant_code = $1
      AND NOT EXISTS (SELECT 1 FROM resident_change c WHERE c.tenant_code = v.tenant_code AND c.id = v.change_id)
    UNION ALL SELECT 'event without its change', o.id::text FROM event_outbox o WHERE o.tenant_code = $1 AND o.type = 'resident-registry.moved-in'
      AND NOT EXISTS (SELECT 1 FROM resident_change c WHERE c.tenant_code = o.tenant_code AND c.id::text = o.payload->>'changeId')
    UNION ALL SELECT 'audit entry without its change', a.id::text FROM audit_log a WHERE a.tenant_code = $1 AND a.function = 'resident-registry.move-in'
      AND NOT EXISTS (SELECT 1 FROM resident_change c, jsonb_array_elements(a.targets) t
                      WHERE c.tenant_code = a.tenant_code AND t->>'kind' = 'resident-change' AND c.id::text = t->>'id')`, [tenant]);
  assert.deepEqual(orphans, [], `rows outside a whole 転入: ${show(orphans)}`);
  return changes.length;
}

/** The addressee register follows the registry by events: exactly one addressee per person, and one registration event each. */
export async function checkAddressees(h: Harness, tenant: string): Promise<void> {
  const wrong = await h.query(`
    SELECT r.id, count(a.id)::int AS addressees,
      (SELECT count(*)::int FROM event_outbox o WHERE o.tenant_code = r.tenant_code AND o.type = 'addressee.registered'
         AND o.payload->>'addresseeNo' = r.addressee_no) AS registered
    FROM resident r LEFT JOIN addressee a ON a.tenant_code = r.tenant_code AND a.resident_id = r.id
    WHERE r.tenant_code = $1 GROUP BY r.id, r.tenant_code, r.addressee_no
    HAVING count(a.id) <> 1 OR (SELECT count(*) FROM event_outbox o WHERE o.tenant_code = r.tenant_code AND o.type = 'addressee.registered'
         AND o.payload->>'addresseeNo' = r.addressee_no) <> 1`, [tenant]);
  assert.deepEqual(wrong, [], `persons not in the addressee register exactly once: ${show(wrong)}`);
}
