/**
 * Crash scenarios of the counter: a burst of 転入 over HTTP killed mid-burst, and the event dispatcher
 * killed while it works through the events of such a burst.
 */
import assert from 'node:assert/strict';
import { checkAddressees, checkMoveIns, drained } from './checks.ts';
import { Clerk, freshTenant, nextLine, sleep, type Harness, type Rng, type Scenario } from './crash-harness.ts';

const BASE = '/api/v1/resident-registry';
const SP = '\u3000';
const SURNAMES = [['佐藤', 'サトウ'], ['鈴木', 'スズキ'], ['高橋', 'タカハシ'], ['田中', 'タナカ'], ['伊藤', 'イトウ'], ['渡辺', 'ワタナベ'], ['山本', 'ヤマモト'], ['中村', 'ナカムラ']] as const;
const MEN = [['太郎', 'タロウ'], ['一郎', 'イチロウ'], ['健', 'ケン'], ['翔', 'ショウ']] as const;
const WOMEN = [['花子', 'ハナコ'], ['美咲', 'ミサキ'], ['陽菜', 'ヒナ'], ['結衣', 'ユイ']] as const;

const isoDay = (daysFrom1950: number) => new Date(Date.UTC(1950, 0, 1) + daysFrom1950 * 86_400_000).toISOString().slice(0, 10);
const inJapan = (offsetDays: number) => new Date(Date.now() + 9 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** A 転入 of a new household of one to three persons, each unique by 住民票コード (and by name, birth date and 転入前住所). */
export interface MoveIn { codes: string[]; body: unknown }

export function moveIn(h: Harness, rng: Rng): MoveIn {
  const n = h.serial();
  const [surname, surnameKana] = SURNAMES[n % SURNAMES.length]!;
  const man = MEN[rng.int(0, MEN.length - 1)]!;
  const woman = WOMEN[rng.int(0, WOMEN.length - 1)]!;
  const born = n * 3;
  const candidates = [
    { given: man, sex: '1', relationship: '世帯主', birthDate: isoDay(born) },
    { given: woman, sex: '2', relationship: '妻', birthDate: isoDay(born + 400) },
    ...[rng.int(0, 1) ? { given: man, sex: '1' } : { given: woman, sex: '2' }].map((c) => ({ ...c, relationship: '子', birthDate: isoDay(born + 9_500) })),
  ].slice(0, rng.int(1, 3));
  const codes = candidates.map((_, i) => String(30_000_000_000 + (n * 3 + i) * 7919));
  const previousAddress = { text: `福岡県福岡市中央区天神1丁目${n}番1号` };
  return {
    codes,
    body: {
      effectiveDate: inJapan(-3), notifiedDate: inJapan(0), kind: 'domestic',
      destination: { type: 'new', address: { text: `東京都千代田区丸の内1丁目${n}番1号` } },
      persons: candidates.map((p, i) => ({
        residentKind: 'japanese', name: `${surname}${SP}${p.given[0]}`, nameKana: `${surnameKana}${SP}${p.given[1]}`,
        registeredDomicile: '東京都千代田区千代田1番', familyRegisterHead: `${surname}${SP}${candidates[0]!.given[0]}`,
        birthDate: p.birthDate, sex: p.sex, relationship: p.relationship, previousAddress, residentCode: codes[i],
      })),
    },
  };
}

type Outcome =
  | { state: 'not-sent' }
  | { state: 'acknowledged'; addresseeNos: string[] }
  | { state: 'no-answer'; error: string };

/**
 * Sends the 転入 `concurrency` at a time and kills the server `jitterMs` after the `killAfter`-th
 * acknowledgement (0: from the start) or the `killAfter`-th transaction of the server reaching its
 * COMMIT. What was not yet sent when the kill was ordered is not sent.
 */
async function burst(h: Harness, clerk: Clerk, requests: MoveIn[], o: { concurrency: number; trigger: 'answer' | 'commit'; killAfter: number; jitterMs: number }): Promise<Outcome[]> {
  const outcomes: Outcome[] = requests.map(() => ({ state: 'not-sent' }));
  let killing: Promise<void> | undefined;
  const kill = () => (killing ??= sleep(o.jitterMs).then(() => h.crash()));
  if (o.trigger === 'commit') {
    await h.control('commits', { on: true });
    nextLine(h.server, (line) => line.commit === o.killAfter).then(kill, () => undefined);
  } else if (o.killAfter === 0) void kill();
  let next = 0;
  let acknowledged = 0;
  const sender = async () => {
    while (!h.server.killed && next < requests.length) {
      const i = next++;
      try {
        const r = await clerk.request<{ residents: { addresseeNo: string }[] }>('POST', `${BASE}/move-in`, requests[i]!.body);
        // A valid 転入 refused is a failure of its own, whatever the crash.
        assert.equal(r.status, 201, `転入 ${i} answered ${r.status}: ${JSON.stringify(r.body)}`);
        outcomes[i] = { state: 'acknowledged', addresseeNos: r.body.residents.map((p) => p.addresseeNo) };
        if (++acknowledged === o.killAfter && o.trigger === 'answer') void kill();
      } catch (error) {
        if (error instanceof assert.AssertionError) throw error;
        outcomes[i] = { state: 'no-answer', error: String(error) };
      }
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, sender));
  await kill();
  return outcomes;
}

/** How many times each request's persons are on the registry, by 住民票コード, with their 宛名番号. */
async function presence(h: Harness, tenant: string, requests: MoveIn[]): Promise<Map<string, string[]>> {
  const rows = await h.query<{ resident_code: string; addressee_no: string }>(
    'SELECT resident_code, addressee_no FROM resident WHERE tenant_code = $1 AND resident_code = ANY($2)', [tenant, requests.flatMap((r) => r.codes)]);
  const found = new Map<string, string[]>();
  for (const r of rows) found.set(r.resident_code, [...(found.get(r.resident_code) ?? []), r.addressee_no]);
  return found;
}

export const moveInBurst: Scenario = {
  id: 'move-in-burst',
  title: '転入 burst over HTTP',
  async trial(h, rng, note) {
    const tenant = await registryTenant(h);
    const clerk = await Clerk.of(h, tenant);
    const requests = Array.from({ length: rng.int(8, 16) }, () => moveIn(h, rng));
    // Half the kills follow an answer by up to 40 ms; the other half are aimed at a COMMIT (each 転入 is a
    // few transactions: numbers, the procedure, deliveries), where an unanswered 転入 may have committed.
    const plan = rng.int(0, 1)
      ? { trigger: 'answer' as const, concurrency: rng.int(1, 4), killAfter: rng.int(0, requests.length - 1), jitterMs: rng.int(0, 40) }
      : { trigger: 'commit' as const, concurrency: rng.int(1, 4), killAfter: rng.int(1, requests.length * 2), jitterMs: rng.int(0, 3) };
    note(`${requests.length} 転入 (${requests.flatMap((r) => r.codes).length} persons), ${plan.concurrency} at a time, kill ${plan.jitterMs} ms after ${plan.trigger} ${plan.killAfter}`);
    const outcomes = await burst(h, clerk, requests, plan);
    const count = (state: Outcome['state']) => outcomes.filter((o) => o.state === state).length;
    note(`acknowledged ${count('acknowledged')}, no answer ${count('no-answer')}, not sent ${count('not-sent')}`);
    await h.restart();

    const found = await presence(h, tenant, requests);
    let applied = 0;
    outcomes.forEach((o, i) => {
      const copies = requests[i]!.codes.map((c) => found.get(c) ?? []);
      if (o.state === 'acknowledged') {
        assert.deepEqual(copies, o.addresseeNos.map((no) => [no]), `acknowledged 転入 ${i} is not there exactly once as answered`);
      } else if (o.state === 'no-answer') {
        const whole = copies.every((c) => c.length === 1) || copies.every((c) => c.length === 0);
        assert.ok(whole, `unanswered 転入 ${i} is half there: ${JSON.stringify(copies)}`);
        if (copies[0]!.length) applied++;
      } else assert.ok(copies.every((c) => c.length === 0), `転入 ${i} was never sent but is there`);
    });
    if (count('no-answer')) note(`of the unanswered, ${applied} had committed`);
    await checkMoveIns(h, tenant);

    // The clerk saw no receipt for these: enters them again. One that committed is refused as the same person.
    for (const [i, o] of outcomes.entries()) {
      if (o.state === 'acknowledged') continue;
      const r = await clerk.request<{ errors?: { rule: string }[] }>('POST', `${BASE}/move-in`, requests[i]!.body);
      if (r.status === 201) continue;
      assert.equal(r.status, 422, `転入 ${i} entered again answered ${r.status}: ${JSON.stringify(r.body)}`);
      assert.ok(r.body.errors?.some((e) => e.rule === 'duplicate.identifier'), `転入 ${i} entered again refused for another reason: ${JSON.stringify(r.body)}`);
    }
    const after = await presence(h, tenant, requests);
    for (const [i, r] of requests.entries()) {
      assert.deepEqual(r.codes.map((c) => (after.get(c) ?? []).length), r.codes.map(() => 1), `転入 ${i} not there exactly once after entering it again`);
    }
    await checkMoveIns(h, tenant);
    await drained(h);
    await checkAddressees(h, tenant);
  },
};

export const eventDispatch: Scenario = {
  id: 'event-dispatch',
  title: 'event dispatch of a 転入 backlog',
  async trial(h, rng, note) {
    const tenant = await registryTenant(h);
    const clerk = await Clerk.of(h, tenant);
    // A backlog: the dispatcher is held while the counter records, then let go and killed mid-way.
    await h.control('dispatcher', { on: false });
    const requests = Array.from({ length: rng.int(5, 10) }, () => moveIn(h, rng));
    for (const r of requests) assert.equal((await clerk.request('POST', `${BASE}/move-in`, r.body)).status, 201);
    const backlog = await h.count(`SELECT count(*)::int AS n FROM event_delivery WHERE status = 'pending'`);
    // The probe receives each 転入's event and each addressee registration its handling publishes.
    const probed = requests.length + requests.flatMap((r) => r.codes).length;
    const killAfter = rng.int(1, probed - 1);
    const jitterMs = rng.int(0, 20);
    note(`${requests.length} 転入, ${backlog} deliveries pending; kill ${jitterMs} ms after the probe's delivery ${killAfter} of ${probed}`);
    let handled = 0;
    const reached = nextLine(h.server, (line) => line.handled?.tenant === tenant && ++handled >= killAfter, `the probe's delivery ${killAfter}`);
    reached.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
    await h.control('dispatcher', { on: true });
    await reached;
    await sleep(jitterMs);
    await h.crash();
    await h.restart();
    const left = await h.count(`SELECT count(*)::int AS n FROM event_delivery WHERE status = 'pending'`);
    note(`${left} deliveries pending after the restart`);
    await drained(h);
    await checkMoveIns(h, tenant);
    await checkAddressees(h, tenant);
  },
};

/** The one tenant both counter scenarios record into (created on first use). */
async function registryTenant(h: Harness): Promise<string> {
  let tenant = h.prepared.get('registry') as string | undefined;
  if (!tenant) {
    tenant = await freshTenant(h, 'city');
    await h.control('tenant', { tenant });
    h.prepared.set('registry', tenant);
  }
  return tenant;
}
