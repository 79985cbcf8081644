import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { inPlatform, type Trx } from '../db/tenant-scope.ts';
import type { Zone } from './principal.ts';

export interface SessionPolicy {
  /** Signed out after this long without a request (default 30 min). */
  idleMinutes: number;
  /** Signed out this long after sign-in whatever happens (default 10 h, a working day). */
  absoluteHours: number;
}

export function sessionPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): SessionPolicy {
  return { idleMinutes: Number(env.YAKUBA_SESSION_IDLE_MINUTES ?? 30), absoluteHours: Number(env.YAKUBA_SESSION_ABSOLUTE_HOURS ?? 10) };
}

export interface SessionRow {
  id: string;
  kind: 'staff' | 'operator';
  tenant_code: string | null;
  account_id: string;
  zone: Zone;
  second_factor: boolean;
  csrf_token: string;
  last_seen_at: Date;
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Creates a session; returns the token for the cookie (only its hash is stored). */
export async function createSession(
  trx: Trx,
  policy: SessionPolicy,
  s: { kind: 'staff' | 'operator'; tenantCode: string | null; accountId: string; zone: Zone; secondFactor: boolean; address: string | null },
): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await sql`
    INSERT INTO auth_session (id, kind, tenant_code, account_id, zone, second_factor, csrf_token, address, expires_at)
    VALUES (${tokenHash(token)}, ${s.kind}, ${s.tenantCode}, ${s.accountId}::uuid, ${s.zone}, ${s.secondFactor}, ${csrfToken}, ${s.address},
            now() + make_interval(hours => ${policy.absoluteHours}))`.execute(trx);
  return { token, csrfToken };
}

/**
 * The live session of a token, or nothing: unknown, revoked, past its absolute end, idle too long, or
 * presented on another zone than it was opened on (a session never crosses between segments).
 */
export async function findSession(db: Database, policy: SessionPolicy, token: string, zone: Zone): Promise<SessionRow | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  // One statement, outside any transaction (it reads and touches the platform's own table, no 団体's):
  // activity is recorded at most once a minute, as a write on every request would cost more than the
  // precision of an idle timeout measured in tens of minutes is worth.
  const { rows } = await sql<SessionRow>`
    WITH live AS (
      SELECT id, kind, tenant_code, account_id, zone, second_factor, csrf_token, last_seen_at,
             last_seen_at < now() - interval '1 minute' AS stale
      FROM auth_session
      WHERE id = ${tokenHash(token)} AND revoked_at IS NULL AND expires_at > now()
        AND last_seen_at > now() - make_interval(mins => ${policy.idleMinutes}) AND zone = ${zone}
    ), touched AS (
      UPDATE auth_session a SET last_seen_at = now() FROM live WHERE a.id = live.id AND live.stale
    )
    SELECT id, kind, tenant_code, account_id, zone, second_factor, csrf_token, last_seen_at FROM live`.execute(db.kysely);
  return rows[0];
}

export async function revokeSession(db: Database, sessionId: string): Promise<void> {
  await inPlatform(db, (trx) => sql`UPDATE auth_session SET revoked_at = now() WHERE id = ${sessionId} AND revoked_at IS NULL`.execute(trx));
}

/** サインアウト（全端末）: every session of the account, on every zone. */
export async function revokeAllSessions(trx: Trx, accountId: string): Promise<number> {
  const result = await sql`UPDATE auth_session SET revoked_at = now() WHERE account_id = ${accountId}::uuid AND revoked_at IS NULL`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}
