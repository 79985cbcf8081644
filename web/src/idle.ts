/**
 * The session's idle end as the screen sees it: the server ends a session after `idleMinutes` without
 * a request (it notes activity at most once a minute, so it may end up to a minute later). The warning
 * comes two minutes before, or at a quarter of the period when that is shorter.
 */
export type IdleState = { kind: 'active' } | { kind: 'warning'; secondsLeft: number } | { kind: 'expired' };

export function idleState(now: number, lastActivity: number, idleMinutes: number): IdleState {
  const left = Math.ceil((lastActivity + idleMinutes * 60_000 - now) / 1000);
  if (left <= 0) return { kind: 'expired' };
  return left <= Math.min(120, idleMinutes * 15) ? { kind: 'warning', secondsLeft: left } : { kind: 'active' };
}
