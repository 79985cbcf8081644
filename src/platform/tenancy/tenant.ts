import { sql } from 'kysely';
import { localGovernmentCode } from '../../jp/check-digits.ts';
import { ConflictError, ValidationError } from '../errors.ts';
import type { Trx } from '../db/tenant-scope.ts';
import { findLocalGovernment, type LocalGovernment } from './code-list.ts';

export interface Tenant {
  tenantCode: string;
  name: string;
  prefecture: string;
  kind: LocalGovernment['kind'];
  status: 'active' | 'suspended';
  addedAt: Date;
}

/**
 * Checks a 全国地方公共団体コード fully before anything is written: shape, check digit, then the
 * official list (a code with a valid check digit may still belong to no 団体).
 */
export function validateTenantCode(input: unknown, field = 'tenantCode'): LocalGovernment {
  const code = typeof input === 'string' ? input.trim() : '';
  if (!/^[0-9]{6}$/.test(code)) {
    throw new ValidationError([{ field, rule: 'format', message: '団体コードは6桁の数字で入力してください（例: 131016）' }]);
  }
  if (!localGovernmentCode.isValid(code)) {
    const expected = localGovernmentCode.checkDigit(code.slice(0, 5));
    throw new ValidationError([
      { field, rule: 'check-digit', message: `団体コード ${code} の検査数字が正しくありません（${code.slice(0, 5)} の検査数字は ${expected}）` },
    ]);
  }
  const entry = findLocalGovernment(code);
  if (!entry) {
    throw new ValidationError([{ field, rule: 'official-list', message: `団体コード ${code} は全国地方公共団体コード一覧にありません` }]);
  }
  return entry;
}

interface TenantRow {
  tenant_code: string;
  name: string;
  prefecture: string;
  kind: Tenant['kind'];
  status: Tenant['status'];
  added_at: Date;
}

const toTenant = (r: TenantRow): Tenant => ({
  tenantCode: r.tenant_code,
  name: r.name,
  prefecture: r.prefecture,
  kind: r.kind,
  status: r.status,
  addedAt: r.added_at,
});

export class TenantExistsError extends ConflictError {
  constructor(readonly tenantCode: string) {
    super(`団体コード ${tenantCode} の団体は既に登録されています`, 'tenant-exists');
  }
}

export async function insertTenant(trx: Trx, entry: LocalGovernment): Promise<Tenant> {
  const { rows } = await sql<TenantRow>`
    INSERT INTO tenant (tenant_code, name, prefecture, kind) VALUES (${entry.code}, ${entry.name}, ${entry.prefecture}, ${entry.kind})
    ON CONFLICT (tenant_code) DO NOTHING
    RETURNING *`.execute(trx);
  if (!rows[0]) throw new TenantExistsError(entry.code);
  return toTenant(rows[0]);
}

export async function listTenants(trx: Trx): Promise<Tenant[]> {
  const { rows } = await sql<TenantRow>`SELECT * FROM tenant ORDER BY tenant_code`.execute(trx);
  return rows.map(toTenant);
}

export async function findTenant(trx: Trx, tenantCode: string): Promise<Tenant | undefined> {
  const { rows } = await sql<TenantRow>`SELECT * FROM tenant WHERE tenant_code = ${tenantCode}`.execute(trx);
  return rows[0] && toTenant(rows[0]);
}
