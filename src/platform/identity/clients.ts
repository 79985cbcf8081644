import { createHash, randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../db/database.ts';
import { inTenant, type Trx } from '../db/tenant-scope.ts';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import type { IdentityContext } from './context.ts';
import { hashPassword, verifyPassword } from './password.ts';
import type { Principal, Zone } from './principal.ts';
import { appendAuditSeparately } from '../audit/index.ts';

/**
 * Integration clients (連携: other systems of the 団体, other vendors) use the OAuth 2.0 client
 * credentials grant. The public client id is `<団体コード>.<name>`, so the token endpoint knows the
 * tenant before it reads the client. Tokens are short-lived JWTs bound to one tenant, one zone and
 * the client's scopes (permissions), and are rechecked against the client on every use.
 */
export const TOKEN_TTL_SECONDS = 15 * 60;
const ISSUER = 'yakuba';

export interface ApiClient {
  clientId: string;
  title: string;
  scopes: string[];
  disabled: boolean;
}

export function tokenKeyFromEnv(env: NodeJS.ProcessEnv = process.env): Uint8Array {
  const configured = env.YAKUBA_TOKEN_SECRET;
  if (!configured) return randomBytes(32); // tokens then end with the process, at most 15 minutes early
  const key = Buffer.from(configured, 'base64');
  if (key.length < 32) throw new Error('YAKUBA_TOKEN_SECRET は32バイト以上をBase64で指定してください');
  return key;
}

/** RFC 4122 namespace of client actor ids (a fixed random UUID). */
const CLIENT_NAMESPACE = Buffer.from('6f1d2c9e8b7a4e3f9c5d0a1b2c3d4e5f', 'hex');

/**
 * A client's actor id. Business records name who entered them by a uuid (resident_change.operator_id,
 * received_by …), and a client id (`131016.tax-system`) is none: a client's write failed there with a
 * database error (500). A name-based UUID (RFC 4122 v5) of the client id is the same for every token
 * and process; the audit log keeps the client id as the actor's name.
 */
export function clientActorId(clientId: string): string {
  const hash = createHash('sha1').update(CLIENT_NAMESPACE).update(clientId).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function parseClientId(clientId: string): { tenantCode: string; name: string } | undefined {
  const m = /^([0-9]{6})\.([a-z0-9][a-z0-9._-]{2,63})$/.exec(clientId);
  return m ? { tenantCode: m[1]!, name: m[2]! } : undefined;
}

/** Registers a client in the caller's tenant; the secret is returned this once. */
export async function createClient(trx: Trx, catalogue: ReadonlyMap<string, string>, editor: ReadonlySet<string>, input: { name: string; title: string; scopes: string[] }): Promise<{ client: ApiClient; clientSecret: string }> {
  const problems = [];
  if (!/^[a-z0-9][a-z0-9._-]{2,63}$/.test(input.name)) problems.push({ field: 'name', rule: 'format', message: 'クライアント名は英小文字・数字・. _ - の3〜64文字で指定してください' });
  for (const [i, s] of input.scopes.entries()) {
    if (!catalogue.has(s)) problems.push({ field: `scopes.${i}`, rule: 'unknown', message: `スコープ ${s} はありません` });
    else if (!editor.has(s)) problems.push({ field: `scopes.${i}`, rule: 'not-held', message: `自分が持たない権限 ${s} はスコープにできません` });
  }
  if (problems.length > 0) throw new ValidationError(problems);
  const secret = randomBytes(32).toString('base64url');
  const inserted = await sql`
    INSERT INTO api_client (tenant_code, client_id, title, secret_hash, scopes) VALUES (current_tenant(), ${input.name}, ${input.title}, ${await hashPassword(secret)}, ${input.scopes})
    ON CONFLICT DO NOTHING`.execute(trx);
  if (Number(inserted.numAffectedRows ?? 0) === 0) throw new ConflictError(`クライアント ${input.name} は既に登録されています`, 'client-exists');
  const { rows } = await sql<{ tenant: string }>`SELECT current_tenant() AS tenant`.execute(trx);
  return { client: { clientId: `${rows[0]!.tenant}.${input.name}`, title: input.title, scopes: input.scopes, disabled: false }, clientSecret: secret };
}

export async function disableClient(trx: Trx, name: string): Promise<void> {
  const r = await sql`UPDATE api_client SET disabled_at = now() WHERE client_id = ${name} AND disabled_at IS NULL`.execute(trx);
  if (Number(r.numAffectedRows ?? 0) === 0) throw new NotFoundError(`有効なクライアント ${name} はありません`);
}

export class TokenRefused extends AppError {
  constructor() {
    super('invalid-client', 401, 'トークンを発行できません', 'クライアントIDまたはクライアントシークレットが正しくないか、このクライアントは停止されています');
  }
}

interface ClientRow {
  client_id: string;
  secret_hash: string;
  scopes: string[];
  disabled_at: Date | null;
}

async function findClient(db: Database, tenantCode: string, name: string): Promise<ClientRow | undefined> {
  return inTenant(db, tenantCode, async (trx) => (await sql<ClientRow>`SELECT client_id, secret_hash, scopes, disabled_at FROM api_client WHERE client_id = ${name}`.execute(trx)).rows[0]);
}

/** The client credentials grant: a signed token for the client's tenant, scopes and zone. */
export async function issueToken(
  ctx: IdentityContext,
  key: Uint8Array,
  clientId: string,
  clientSecret: string,
  request: { zone: Zone; address: string | null },
): Promise<{ access_token: string; token_type: 'Bearer'; expires_in: number; scope: string }> {
  const { zone } = request;
  const parsed = parseClientId(clientId);
  const client = parsed && (await findClient(ctx.db, parsed.tenantCode, parsed.name).catch(() => undefined));
  const ok = await verifyPassword(client?.secret_hash ?? null, clientSecret);
  const refused = !parsed || !client || !ok || client.disabled_at;
  // 認証ログ of the client's 団体; an id naming no 団体 has no chain to go to.
  if (client && parsed) {
    await appendAuditSeparately(ctx.db, parsed.tenantCode, {
      actor: { kind: 'client', id: clientActorId(clientId), name: clientId },
      address: request.address,
      zone,
      module: 'identity',
      function: 'auth.token',
      category: 'auth',
      outcome: refused ? (client.disabled_at ? 'denied' : 'failed') : 'success',
    });
  }
  if (refused) throw new TokenRefused();
  const scope = client.scopes.join(' ');
  const token = await new SignJWT({ tenant: parsed.tenantCode, zone, scope })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(ISSUER)
    .setSubject(clientId)
    .setJti(uuidv7())
    .setIssuedAt()
    .setExpirationTime(`${TOKEN_TTL_SECONDS}s`)
    .sign(key);
  return { access_token: token, token_type: 'Bearer', expires_in: TOKEN_TTL_SECONDS, scope };
}

/** The principal behind a bearer token, or nothing (bad signature, expired, other zone, client disabled). */
export async function principalFromToken(ctx: IdentityContext, key: Uint8Array, token: string, zone: Zone): Promise<Principal | undefined> {
  try {
    const { payload } = await jwtVerify(token, key, { issuer: ISSUER, audience: ISSUER, algorithms: ['HS256'] });
    const parsed = typeof payload.sub === 'string' ? parseClientId(payload.sub) : undefined;
    if (!parsed || payload.tenant !== parsed.tenantCode || payload.zone !== zone || typeof payload.scope !== 'string') return undefined;
    const client = await findClient(ctx.db, parsed.tenantCode, parsed.name);
    if (!client || client.disabled_at) return undefined;
    // Scopes are the intersection of the token's and the client's current ones: narrowing a client bites at once.
    const scopes = payload.scope.split(' ').filter((s) => client.scopes.includes(s) && ctx.permissions.has(s));
    return { kind: 'client', id: clientActorId(payload.sub!), name: payload.sub!, tenantCode: parsed.tenantCode, permissions: new Set(scopes), secondFactor: false };
  } catch {
    return undefined;
  }
}
