/**
 * The version chains of the bitemporal scheme (README: Bitemporal scheme), pure: which versions are
 * live, which live version stands for a superseded one, and what comes before or after a version in
 * business-time order. Works for person and household versions alike.
 */

export interface Versioned {
  history_no: number;
  valid_from: string;
  supersedes_history_no?: unknown;
}

/** The history of one person or household in (valid_from, 履歴番号) order, the order every read uses. */
export const byTimeline = <V extends Versioned>(a: V, b: V): number =>
  a.valid_from < b.valid_from ? -1 : a.valid_from > b.valid_from ? 1 : a.history_no - b.history_no;

const supersededBy = <V extends Versioned>(history: readonly V[]): Map<number, V> =>
  new Map(history.flatMap((v) => (v.supersedes_history_no == null ? [] : [[Number(v.supersedes_history_no), v] as const])));

/** Versions no other version supersedes, in timeline order. */
export function liveVersions<V extends Versioned>(history: readonly V[]): V[] {
  const replaced = supersededBy(history);
  return history.filter((v) => !replaced.has(v.history_no)).sort(byTimeline);
}

/**
 * The live version that stands for `historyNo` now: itself, or the end of the chain of versions that
 * replaced it (a correction of a correction …). Undefined for an unknown 履歴番号.
 */
export function liveSuccessor<V extends Versioned>(history: readonly V[], historyNo: number): V | undefined {
  const replaced = supersededBy(history);
  let current = history.find((v) => v.history_no === historyNo);
  while (current && replaced.has(current.history_no)) current = replaced.get(current.history_no);
  return current;
}

/** The live versions after `version` in timeline order: the history that builds on it. */
export function liveAfter<V extends Versioned>(history: readonly V[], version: V): V[] {
  return liveVersions(history).filter((v) => byTimeline(v, version) > 0);
}

/** The live version just before `version` in timeline order: the state it replaced; undefined for a first entry. */
export function liveBefore<V extends Versioned>(history: readonly V[], version: V): V | undefined {
  return liveVersions(history).filter((v) => byTimeline(v, version) < 0).at(-1);
}

/**
 * A version a 異動の取消し wrote, or a correction's copy of one: it repeats the state before the
 * cancelled 異動, so nothing builds on it. Cancelling an earlier 異動 re-issues it with that 異動's
 * own former state instead of being blocked by it.
 */
export function isRestoration<V extends Versioned & { by_cancellation?: unknown }>(history: readonly V[], version: V): boolean {
  let current: V | undefined = version;
  while (current) {
    if (current.by_cancellation) return true;
    if (current.supersedes_history_no == null) return false;
    const replaced: number = Number(current.supersedes_history_no);
    current = history.find((v): boolean => v.history_no === replaced);
  }
  return false;
}

/** A history row as stored: without the flags the history read adds (a version's columns are copied whole). */
export function asStored<V extends object>(v: V): V {
  const { by_cancellation: _, ...stored } = v as V & { by_cancellation?: unknown };
  return stored as V;
}
