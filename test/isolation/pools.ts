/**
 * What a tenant's answers have shown so far: ids to forge requests with (another tenant's, harvested
 * from its own responses) and every identifying value, to recognise in the wrong tenant's answers.
 */

export interface Pools {
  addresseeNos: string[];
  householdNos: string[];
  residentIds: string[];
  householdIds: string[];
  changeIds: string[];
  draftIds: string[];
  protectionIds: string[];
  integratedNos: string[];
  certificateNos: string[];
  employerNos: string[];
  eventIds: string[];
  jobIds: string[];
  clientNames: string[];
  loginNames: string[];
  roleNames: string[];
  deliveries: { addresseeNo: string; deliveryId: string }[];
  reliefs: { addresseeNo: string; reliefId: string }[];
  feedPositions: string[];
  /** Households seen with their members (residentIds, in order). */
  households: Map<string, { householdNo: string; members: string[] }>;
  /** Latest lock version seen per residentId / householdId / protectionId / draftId. */
  versions: Map<string, number>;
  /** Every identifying value seen in this tenant's answers (uuids, long numbers, ids by key). */
  seen: Set<string>;
}

export function newPools(): Pools {
  return {
    addresseeNos: [], householdNos: [], residentIds: [], householdIds: [], changeIds: [], draftIds: [], protectionIds: [], integratedNos: [],
    certificateNos: [], employerNos: [], eventIds: [], jobIds: [], clientNames: [], loginNames: [], roleNames: [], deliveries: [], reliefs: [], feedPositions: [],
    households: new Map(), versions: new Map(), seen: new Set(),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** 宛名番号 (10), 統合宛名番号 (15), 住民票コード (11), 法人番号 (13) and the like. */
const LONG_NUMBER = /^[0-9]{10,16}$/;

const BY_KEY: Record<string, keyof Pools> = {
  addresseeNo: 'addresseeNos', householdNo: 'householdNos', residentId: 'residentIds', householdId: 'householdIds', changeId: 'changeIds',
  draftId: 'draftIds', protectionId: 'protectionIds', integratedAddresseeNo: 'integratedNos', certificateNo: 'certificateNos',
  employerNo: 'employerNos', eventId: 'eventIds', loginName: 'loginNames',
};
/** Objects whose `version` is the lock of the id they carry. */
const LOCKED_BY = ['protectionId', 'draftId', 'householdId', 'residentId'];

const add = (list: string[], value: string) => {
  if (!list.includes(value)) list.push(value);
};

/** Walks an answer and records what it shows. */
export function harvest(pools: Pools, body: unknown, foreign: ReadonlySet<string> = new Set()): void {
  if (Array.isArray(body)) {
    for (const item of body) harvest(pools, item, foreign);
    return;
  }
  if (body === null || typeof body !== 'object') return;
  const o = body as Record<string, unknown>;
  for (const [key, value] of Object.entries(o)) {
    if (typeof value === 'string' && foreign.has(value)) continue;
    if (typeof value === 'string') {
      // Client ids are `<団体コード>.<name>`; the 団体 paths name the client by its name.
      if (key === 'clientId' && value.includes('.')) add(pools.clientNames, value.slice(value.indexOf('.') + 1));
      const pool = BY_KEY[key];
      if (pool && value) add(pools[pool] as string[], value);
      if (UUID.test(value) || LONG_NUMBER.test(value) || (pool && value.length >= 6)) pools.seen.add(value);
    } else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
      // residentIds: [...], addresseeNos: [...]
      const pool = BY_KEY[key.replace(/s$/, '')];
      for (const v of value as string[]) {
        if (foreign.has(v)) continue;
        if (pool) add(pools[pool] as string[], v);
        if (UUID.test(v) || LONG_NUMBER.test(v)) pools.seen.add(v);
      }
    } else {
      harvest(pools, value, foreign);
    }
  }
  if (typeof o.householdId === 'string' && typeof o.householdNo === 'string' && Array.isArray(o.members)) {
    pools.households.set(o.householdId, { householdNo: o.householdNo, members: (o.members as { residentId: string }[]).map((m) => m.residentId) });
  }
  if (typeof o.version === 'number') {
    // GET /persons/{no} answers { person: { residentId, … }, version }: the person's lock.
    const person = o.person as Record<string, unknown> | undefined;
    if (person && typeof person.residentId === 'string' && !foreign.has(person.residentId)) pools.versions.set(person.residentId, o.version);
    else {
      const lockKey = LOCKED_BY.find((k) => typeof o[k] === 'string');
      if (lockKey && !foreign.has(o[lockKey] as string)) pools.versions.set(o[lockKey] as string, o.version);
    }
  }
}

/** A deterministic pick from a list by a generated number (fast-check shrinks the number, not the list). */
export function pick<T>(list: readonly T[], n: number): T | undefined {
  return list.length === 0 ? undefined : list[n % list.length];
}
