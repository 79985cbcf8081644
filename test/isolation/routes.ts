/**
 * The request catalogue: one builder per route of the OpenAPI document. A builder is given the
 * acting tenant and a target tenant; with the other tenant as target it names that tenant's objects
 * (宛名番号, ids, lock versions harvested from its answers) or its 団体コード in the path, exactly as
 * a request that should have worked for the target would, so that only isolation stands in the way.
 */
import { daysAgo, today } from '../support/resident-registry.ts';
import { pick } from './pools.ts';
import type { TenantWorld } from './world.ts';

export interface BuildContext {
  actor: TenantWorld;
  /** 0 for A, 1 for B: the actor's addresses and numbering. */
  ai: number;
  target: TenantWorld;
  /** A generated number: which of the target's objects to name. */
  n: number;
  /** Unique per request: fresh names, numbers and dates for what is created. */
  serial: number;
  /** The 団体コード a tenant path names (normally target.code; the actor's own when ids are forged under it). */
  pathCode: string;
}

export interface Req {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** A body sent as it is (a CSV upload) under this content type rather than as JSON. */
  contentType?: string;
}

/**
 * What a request aimed at the other tenant names: `tenant` its 団体コード in the path (403 expected),
 * `object` one of its objects (a 4xx expected), `none` nothing that could be refused (searches,
 * lists, creations): then only the answer's content and the rows are checked.
 */
export type Names = 'tenant' | 'object' | 'none';

export interface RouteCase {
  route: string;
  names: Names;
  /** A 団体 path that also names an object (a job, a user …): under the actor's own 団体コード that object is still the other's. */
  ids?: boolean;
  /** The operator's route (tenants:manage, operator:*): every staff member and client gets 403, whatever it names. */
  operatorOnly?: boolean;
  /** For a batch route that answers 200 with one result per item: whether that answer refused every item. */
  refusedWhen?(body: unknown): boolean;
  /** Nothing (undefined, '' …) when the target holds no object to name yet. */
  build(c: BuildContext): Req | undefined | '' | false;
}

export const SP = '\u3000';
export { daysAgo, today };

export const personOf = (tw: TenantWorld, n: number) => {
  const residentId = pick(tw.pools.residentIds, n);
  return residentId ? { residentId, version: tw.pools.versions.get(residentId) ?? 1 } : undefined;
};

/** A household with its lock and members; `n` picks which. */
export const householdOf = (tw: TenantWorld, n: number) => {
  const entries = [...tw.pools.households.entries()];
  const entry = pick(entries, n);
  if (!entry) return undefined;
  const [householdId, { householdNo, members }] = entry;
  return { lock: { householdId, version: tw.pools.versions.get(householdId) ?? 1 }, householdNo, members };
};

export const addresseeOf = (tw: TenantWorld, n: number) => pick(tw.pools.addresseeNos, n);

/** A name of the acting tenant: what it writes never carries the other tenant's marker. */
export const nameOf = (c: BuildContext, given = '五郎', kana = 'ゴロウ') => ({ name: `${c.actor.marker.name}${SP}${given}`, nameKana: `${c.actor.marker.kana}${SP}${kana}` });

const ADDRESS_STREETS = ['丸の内1丁目', '銀座1丁目'];
export const streetOf = (c: BuildContext, block: number) => `東京都${c.ai === 0 ? '千代田区' : '中央区'}${ADDRESS_STREETS[c.ai]}${block}番${1 + (c.serial % 9)}号`;
