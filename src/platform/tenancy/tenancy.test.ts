import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/database.ts';
import type { Database } from '../db/database.ts';
import { inPlatform, inTenant } from '../db/tenant-scope.ts';
import { ValidationError } from '../errors.ts';
import { localGovernmentCode } from '../../jp/check-digits.ts';
import { allLocalGovernments, findLocalGovernment } from './code-list.ts';
import { insertTenant, listTenants, TenantExistsError, validateTenantCode } from './tenant.ts';

describe('validateTenantCode', () => {
  it.each([
    ['131016', '千代田区'],
    ['011002', '札幌市'],
    ['271403', '堺市'],
    ['472018', '那覇市'],
  ])('accepts the official code %s (%s)', (code, name) => {
    expect(validateTenantCode(code).name).toBe(name);
  });

  it.each([
    ['13101', 'format'],
    ['13101x', 'format'],
    ['', 'format'],
    [131016, 'format'],
    ['131017', 'check-digit'],
    ['999997', 'official-list'],
  ])('rejects %s by rule %s with a Japanese message', (code, rule) => {
    try {
      validateTenantCode(code);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      const problem = (error as ValidationError).errors[0]!;
      expect(problem.rule).toBe(rule);
      expect(problem.message).toMatch(/団体コード/);
    }
  });

  it('ships the whole official list, every entry with a valid check digit', () => {
    const all = allLocalGovernments();
    expect(all).toHaveLength(1965);
    expect(all.filter((g) => !localGovernmentCode.isValid(g.code)).map((g) => g.code)).toEqual([]);
    expect(findLocalGovernment('010006')?.kind).toBe('prefecture');
  });
});

describe('tenant isolation (row-level security)', () => {
  let db: Database;
  const A = '131016';
  const B = '011002';

  beforeAll(async () => {
    db = await testDatabase();
    await inPlatform(db, async (trx) => {
      await insertTenant(trx, validateTenantCode(A));
      await insertTenant(trx, validateTenantCode(B));
    });
    for (const code of [A, B]) {
      await inTenant(db, code, (trx) =>
        sql`INSERT INTO event_outbox (tenant_code, id, type, version, aggregate_id, payload)
            VALUES (${code}, gen_random_uuid(), 'tenants.test', 1, ${code}, '{}')`.execute(trx),
      );
    }
  });
  afterAll(() => db?.close());

  const countOutbox = async (trx: Parameters<Parameters<typeof inPlatform>[1]>[0]) =>
    Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM event_outbox`.execute(trx)).rows[0]!.n);

  it('runs the application as a role that is neither superuser nor able to bypass RLS', async () => {
    const { rows } = await sql<{ rolsuper: boolean; rolbypassrls: boolean }>`
      SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`.execute(db.kysely);
    expect(rows[0]).toEqual({ rolsuper: false, rolbypassrls: false });
  });

  it('lists tenants without a tenant context and refuses a second registration', async () => {
    expect((await inPlatform(db, listTenants)).map((t) => t.tenantCode)).toEqual([B, A]);
    await expect(inPlatform(db, (trx) => insertTenant(trx, validateTenantCode(A)))).rejects.toBeInstanceOf(TenantExistsError);
  });

  it('shows no tenant-owned rows to a query with no tenant set', async () => {
    expect(await inPlatform(db, countOutbox)).toBe(0);
    expect(await inTenant(db, '', countOutbox)).toBe(0);
  });

  it("shows tenant A only its own rows and refuses to write tenant B's", async () => {
    expect(await inTenant(db, A, countOutbox)).toBe(1);
    await expect(
      inTenant(db, A, (trx) =>
        sql`INSERT INTO event_outbox (tenant_code, id, type, version, aggregate_id, payload)
            VALUES (${B}, gen_random_uuid(), 'tenants.test', 1, 'x', '{}')`.execute(trx),
      ),
    ).rejects.toThrow(/row-level security/);
    const touched = await inTenant(db, A, (trx) => sql`DELETE FROM event_delivery WHERE tenant_code = ${B}`.execute(trx));
    expect(Number(touched.numAffectedRows)).toBe(0);
    expect(await inTenant(db, B, countOutbox)).toBe(1);
  });

  it('keeps the tenant context of concurrent transactions apart', async () => {
    const seen = await Promise.all(
      Array.from({ length: 40 }, (_, i) => {
        const code = i % 2 === 0 ? A : B;
        return inTenant(db, code, async (trx) => {
          await new Promise((r) => setTimeout(r, (i * 7) % 5));
          const { rows } = await sql<{ tenant: string; codes: string[] }>`
            SELECT current_setting('app.tenant', true) AS tenant,
                   coalesce(array_agg(DISTINCT tenant_code::text), '{}') AS codes FROM event_outbox`.execute(trx);
          return { code, ...rows[0]! };
        });
      }),
    );
    for (const s of seen) {
      expect(s.tenant).toBe(s.code);
      expect(s.codes).toEqual([s.code]);
    }
    // The setting is transaction-local: nothing is left behind on the connection afterwards.
    expect(await inPlatform(db, countOutbox)).toBe(0);
  });
});
