/**
 * Runs one request of the catalogue as one actor, forged or not, and checks it: the status a request
 * aimed at the other tenant must get, no value of the other tenant in the answer, and no row of any
 * other tenant changed by it (a fingerprint of every tenant table per 団体, before and after).
 */
import { SignJWT } from 'jose';
import { pdfText } from '../support/pdf.ts';
import type { Session } from '../support/system.ts';
import { harvest } from './pools.ts';
import type { Req, RouteCase } from './routes.ts';
import type { TenantWorld, World } from './world.ts';

export const FORGERIES = ['none', 'query', 'header', 'body', 'token-claim', 'token-sub', 'token-tampered', 'token-wrong-key'] as const;
export type Forgery = (typeof FORGERIES)[number];

export interface Actor {
  label: string;
  tw: TenantWorld;
  ti: number;
  kind: 'staff' | 'client';
  session?: Session;
  token?: string;
}

export interface Command {
  actor: number;
  route: number;
  /** Aim at the other tenant's objects (or its 団体コード). */
  foreign: boolean;
  /** For 団体 paths: the other tenant's ids under the actor's own 団体コード instead of the other's code. */
  ownPath: boolean;
  forgery: Forgery;
  n: number;
}

export interface Outcome {
  route: string;
  actor: string;
  cross: boolean;
  forgery: Forgery;
  status: number;
  problems: string[];
  /** The request and the answer, for a failure message. */
  detail: string;
}

const STREETS = ['丸の内', '銀座'];

/** Every string a request carries: path segments, query values, body leaves. */
function stringsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsOf(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) stringsOf(v, out);
  return out;
}

/** `id` in `text` as a whole token: 0000000086 inside the 統合宛名番号 000000000000086 is not it. */
function containsToken(text: string, id: string): boolean {
  for (let at = text.indexOf(id); at >= 0; at = text.indexOf(id, at + 1)) {
    const before = text[at - 1] ?? ' ';
    const after = text[at + id.length] ?? ' ';
    if (!/[0-9A-Za-z-]/.test(before) && !/[0-9A-Za-z-]/.test(after)) return true;
  }
  return false;
}

export class Harness {
  readonly outcomes: Outcome[] = [];
  /** What each tenant's actors have sent: an echo of one's own input is no leak. */
  private readonly sent: [Set<string>, Set<string>] = [new Set(), new Set()];
  private serial = 0;
  private fingerprintSql = '';
  /** The fingerprint after the last request: the next one's "before" unless invalidated. */
  private last: Map<string, string> | undefined;

  constructor(
    private readonly world: World,
    readonly actors: Actor[],
    readonly routes: RouteCase[],
    private readonly tokenKey: Uint8Array,
    private readonly publicRoutes: ReadonlySet<string>,
  ) {}

  /**
   * Tenant tables (from the catalogue) and the platform's tenant list, hashed per 団体: the number of
   * rows and the sum of a 64-bit hash of each whole row (order-free, so no sort of every row).
   */
  async prepare(tables: string[]): Promise<void> {
    const parts = tables.map((t) => `SELECT tenant_code::text AS tenant_code, hashtextextended(t::text, 0) AS h FROM ${t} t`);
    parts.push(`SELECT '(platform)' AS tenant_code, hashtextextended(t::text, 0) AS h FROM tenant t`);
    parts.push(`SELECT '(platform)' AS tenant_code, hashtextextended(t::text, 0) AS h FROM operator_account t`);
    // Sessions are a platform table, but each belongs to a 団体: disabling a user ends its sessions, and
    // that must never happen to the other tenant's (the actor's own sessions change on every request).
    parts.push(`SELECT coalesce(tenant_code, '(operators)') AS tenant_code, hashtextextended(t::text, 0) AS h FROM auth_session t`);
    this.fingerprintSql = `SELECT tenant_code, count(*) || ':' || sum(h) AS fp FROM (${parts.join(' UNION ALL ')}) x GROUP BY tenant_code`;
  }

  /** Forgets the last fingerprint: rows changed outside run() (events dispatched, the harness's own reads). */
  invalidate(): void {
    this.last = undefined;
  }

  private async fingerprints(): Promise<Map<string, string>> {
    const { rows } = await this.world.system.db.asOwner((c) => c.query<{ tenant_code: string; fp: string }>(this.fingerprintSql));
    return new Map(rows.map((r) => [r.tenant_code, r.fp]));
  }

  /**
   * Brings the lock versions and household members of the ids already harvested up to date, read as the
   * owner (no audit rows, no fingerprint change): a request aimed at the other tenant is then one that
   * would have succeeded there, so only isolation refuses it, not a stale version (409).
   */
  private async syncLocks(): Promise<void> {
    const { rows } = await this.world.system.db.asOwner((c) => c.query<{ tenant_code: string; id: string; version: number; household_no: string | null; members: string[] | null }>(`
      SELECT tenant_code, id::text, version, NULL AS household_no, NULL::text[] AS members FROM resident
      UNION ALL SELECT tenant_code, id::text, version, NULL, NULL FROM resident_protection
      UNION ALL SELECT tenant_code, id::text, version, NULL, NULL FROM resident_change_draft
      UNION ALL SELECT h.tenant_code, h.id::text, h.version, h.household_no,
        (SELECT array_agg(m.resident_id::text ORDER BY m.member_order) FROM household_version_member m
          WHERE m.tenant_code = h.tenant_code AND m.household_id = h.id AND m.history_no = h.last_history_no)
      FROM household h`));
    for (const tw of this.world.tenants) {
      for (const r of rows.filter((x) => x.tenant_code === tw.code)) {
        if (!tw.pools.versions.has(r.id) && !tw.pools.households.has(r.id)) continue;
        tw.pools.versions.set(r.id, r.version);
        if (r.household_no !== null) {
          if (r.members?.length) tw.pools.households.set(r.id, { householdNo: r.household_no, members: r.members });
          else tw.pools.households.delete(r.id);
        }
      }
    }
  }

  async run(cmd: Command): Promise<Outcome | undefined> {
    await this.syncLocks();
    const actor = this.actors[cmd.actor % this.actors.length]!;
    const routeCase = this.routes[cmd.route % this.routes.length]!;
    const other = this.world.tenants[1 - actor.ti]!;
    const target = cmd.foreign ? other : actor.tw;
    const pathCode = cmd.foreign && !(routeCase.names === 'tenant' && cmd.ownPath) ? target.code : actor.tw.code;
    const req = routeCase.build({ actor: actor.tw, ai: actor.ti, target, n: cmd.n, serial: ++this.serial, pathCode }) || undefined;
    if (!req) return undefined;
    const forgery = cmd.forgery;
    const { url, init } = await this.request(actor, req, forgery, other);
    const sentNow = [...url.pathname.split('/').map((s) => decodeURIComponent(s)), ...url.searchParams.values(), ...stringsOf(req.body)];
    for (const s of sentNow) this.sent[actor.ti]!.add(s);

    const before = this.last ?? (await this.fingerprints());
    const response = await this.world.system.app.request(url.pathname + url.search, init, { zone: 'individual-number' });
    const after = await this.fingerprints();
    this.last = after;

    const problems: string[] = [];
    const type = response.headers.get('content-type') ?? '';
    const bytes = new Uint8Array(await response.arrayBuffer());
    let body: unknown;
    let leaves: string[];
    if (type.includes('json')) {
      body = bytes.length ? JSON.parse(Buffer.from(bytes).toString('utf8')) : undefined;
      leaves = stringsOf(body);
    } else if (type.includes('pdf') && response.status < 300) {
      leaves = [await pdfText(bytes)];
    } else {
      leaves = Buffer.from(bytes).toString('utf8').split(/[,\r\n"]/);
    }

    const status = response.status;
    const tokenForged = forgery.startsWith('token-');
    const isPublic = this.publicRoutes.has(routeCase.route);
    const cross = cmd.foreign && (routeCase.names === 'object' || (routeCase.names === 'tenant' && (pathCode !== actor.tw.code || routeCase.ids === true)));
    if (status >= 500) problems.push(`server error ${status}`);
    if (routeCase.operatorOnly && !tokenForged && status !== 403) problems.push(`the operator's route answered ${status} to ${actor.label}, not 403`);
    if (tokenForged && !isPublic && status !== 401) problems.push(`forged token (${forgery}) answered ${status}, not 401`);
    if (!tokenForged && cross) {
      if (routeCase.names === 'tenant' && pathCode !== actor.tw.code && status !== 403) problems.push(`other tenant's 団体コード in the path answered ${status}, not 403`);
      const refused = status >= 400 && status < 500 ? true : status === 200 && routeCase.refusedWhen ? routeCase.refusedWhen(body) : false;
      if (!refused) problems.push(`request naming the other tenant's objects answered ${status}`);
    }
    problems.push(...this.leaksIn(actor.ti, leaves, sentNow));
    for (const code of new Set([...before.keys(), ...after.keys()])) {
      if (code !== actor.tw.code && before.get(code) !== after.get(code)) problems.push(`rows of ${code} changed by a request of ${actor.tw.code}`);
    }
    // Values of the other tenant in the answer are echoes of the request (else reported above), not the actor's.
    if (status < 300 && !tokenForged) harvest(actor.tw.pools, body, other.pools.seen);

    const answer = JSON.stringify(body ?? leaves.join('').slice(0, 400)).slice(0, 600);
    const detail = `${actor.label} ${req.method} ${url.pathname}${url.search} (forgery ${forgery}, ${cross ? 'aimed at the other tenant' : 'own'}): ${problems.join('; ')}\n  request: ${JSON.stringify(req.body ?? null).slice(0, 400)}\n  answer ${status}: ${answer}`;
    const outcome = { route: routeCase.route, actor: actor.label, cross, forgery, status, problems, detail };
    this.outcomes.push(outcome);
    return outcome;
  }

  /** run(), failing on the first problem (for the property: fast-check then shrinks the sequence). */
  async runOrThrow(cmd: Command): Promise<void> {
    const outcome = await this.run(cmd);
    if (outcome && outcome.problems.length > 0) throw new Error(outcome.detail);
  }

  hasSent(ti: number, value: string): boolean {
    return this.sent[ti]!.has(value);
  }

  /** Values of the other tenant in an answer to `ti`: its ids, its markers (names, kana, streets). */
  leaksIn(ti: number, leaves: string[], sentNow: string[]): string[] {
    const mine = this.world.tenants[ti]!;
    const theirs = this.world.tenants[1 - ti]!;
    const sent = this.sent[ti]!;
    const markers = [theirs.marker.name, theirs.marker.kana, theirs.marker.alphabet, STREETS[1 - ti]!];
    const found: string[] = [];
    for (const leaf of leaves) {
      if (sent.has(leaf)) continue;
      for (const id of theirs.pools.seen) {
        if (mine.pools.seen.has(id) || sent.has(id)) continue;
        if (leaf === id || (leaf.length > id.length && containsToken(leaf, id))) found.push(`the other tenant's value ${id}`);
      }
      for (const m of markers) if (leaf.includes(m) && !sentNow.some((s) => s.includes(m))) found.push(`the other tenant's marker ${m} in "${leaf.slice(0, 80)}"`);
    }
    return [...new Set(found)];
  }

  private async request(actor: Actor, req: Req, forgery: Forgery, other: TenantWorld): Promise<{ url: URL; init: RequestInit }> {
    const url = new URL(req.path, 'http://yakuba.test');
    for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.set(k, v);
    const headers: Record<string, string> = {};
    let body = req.body;
    if (forgery === 'query') for (const k of ['tenantCode', 'tenant', 'tenant_code']) url.searchParams.set(k, other.code);
    if (forgery === 'header') Object.assign(headers, { 'X-Tenant-Code': other.code, 'X-Tenant': other.code, 'X-Yakuba-Tenant': other.code });
    if (forgery === 'body' && body && typeof body === 'object' && !Array.isArray(body)) body = { ...body, tenantCode: other.code, tenant: other.code, tenant_code: other.code };
    if (forgery.startsWith('token-')) headers.Authorization = `Bearer ${await this.forgedToken(actor, forgery, other)}`;
    else if (actor.kind === 'client') headers.Authorization = `Bearer ${actor.token}`;
    if (actor.session && !forgery.startsWith('token-')) {
      headers.cookie = actor.session.cookie;
      headers['X-CSRF-Token'] = actor.session.csrfToken;
    } else if (actor.session) headers.cookie = actor.session.cookie;
    const init: RequestInit = { method: req.method, headers };
    if (typeof body === 'string' && req.contentType) {
      init.body = body;
      headers['content-type'] = req.contentType;
    } else if (body !== undefined) {
      init.body = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    return { url, init };
  }

  /** Tokens that must all be refused: the other tenant in the claims, or a signature that is not the server's. */
  private async forgedToken(actor: Actor, forgery: Forgery, other: TenantWorld): Promise<string> {
    const own = actor.tw.client.id;
    const sign = (claims: Record<string, string>, sub: string, key: Uint8Array) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuer('yakuba').setAudience('yakuba').setSubject(sub).setIssuedAt().setExpirationTime('5m').sign(key);
    const zone = 'individual-number';
    if (forgery === 'token-claim') return sign({ tenant: other.code, zone, scope: 'resident-registry:read jobs:read' }, own, this.tokenKey);
    if (forgery === 'token-sub') return sign({ tenant: actor.tw.code, zone, scope: 'resident-registry:read jobs:read' }, other.client.id, this.tokenKey);
    if (forgery === 'token-wrong-key') return sign({ tenant: other.code, zone, scope: 'resident-registry:read' }, other.client.id, new TextEncoder().encode('a-key-that-is-not-the-servers-key-0123456789'));
    // A real token of the actor's client with the tenant in its payload changed; the signature is the original's.
    const real = actor.token ?? (await sign({ tenant: actor.tw.code, zone, scope: 'resident-registry:read' }, own, this.tokenKey));
    const [head, payload, signature] = real.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
    const swapped = Buffer.from(JSON.stringify({ ...claims, tenant: other.code, sub: other.client.id })).toString('base64url');
    return `${head}.${swapped}.${signature}`;
  }
}
