/**
 * 入力補助 (4.0.6 j510, 4.0.7 j520): candidates a screen offers while a 異動 is typed. Reads only;
 * each is audited as 照会 like any read of the register.
 *
 * - 本籍の候補 (j510): the household's 現住所, each member's 転入前住所 and 本籍 (世帯主's first), with
 *   their 筆頭者. A member under 照会抑止 (支援措置) withholds the household, as its 照会 does.
 * - 方書の候補 (j520): the 方書 recorded for current residents at the address typed (compared by its
 *   search key, so width and spacing do not matter). Persons under an active 支援措置 are left out:
 *   a 方書 says which flat someone lives in.
 */
import { sql } from 'kysely';
import { toSearchKey } from '../../jp/index.ts';
import { inTenant } from '../../platform/db/tenant-scope.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { isHead } from './members.ts';
import { audit, refuseOnErrors, todayInJapan, type Caller, type Deps } from './procedure.ts';
import { auditRefusals, guardProtected } from './protection.ts';
import { currentVersionsOf, householdBy } from './queries.ts';
import { numberFindings } from './rules/numbering.ts';

export interface DomicileCandidate {
  /** 現住所, 転入前住所, 世帯主の本籍, 世帯員の本籍. */
  source: 'address' | 'previous-address' | 'head-domicile' | 'member-domicile';
  text: string;
  familyRegisterHead: string | null;
  /** Whose item it is (none for the household's address). */
  residentId: string | null;
}

export async function domicileCandidates(deps: Deps, caller: Caller, householdNo: string): Promise<DomicileCandidate[]> {
  refuseOnErrors(numberFindings('householdNo', 'household', householdNo));
  return auditRefusals(deps, caller, () => inTenant(deps.db, caller.tenantCode, async (trx) => {
    const household = await householdBy(trx, { householdNo });
    if (!household || household.status !== 'active') throw new NotFoundError(`世帯番号 ${householdNo} の世帯は記録されていません`);
    await guardProtected(trx, caller, household.member_ids, 'inquiry', 'domicile-candidates');
    const members = (await currentVersionsOf(trx, household.member_ids)).sort((a, b) => Number(isHead(b.relationship)) - Number(isHead(a.relationship)));
    const found: DomicileCandidate[] = [];
    const add = (c: DomicileCandidate) => {
      if (c.text !== '' && !found.some((f) => f.text === c.text && f.familyRegisterHead === c.familyRegisterHead)) found.push(c);
    };
    const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
    if (members[0]) add({ source: 'address', text: text(members[0].address), familyRegisterHead: null, residentId: null });
    for (const m of members) {
      add({ source: isHead(m.relationship) ? 'head-domicile' : 'member-domicile', text: text(m.registered_domicile), familyRegisterHead: (m.family_register_head as string | null) ?? null, residentId: m.resident_id });
      add({ source: 'previous-address', text: text(m.previous_address), familyRegisterHead: null, residentId: m.resident_id });
    }
    await audit(trx, caller, { function: 'domicile-candidates', category: 'inquiry', targets: [{ kind: 'household', id: household.id }], lookupByNumber: true });
    return found;
  }));
}

export async function addressSupplementCandidates(deps: Deps, caller: Caller, address: string): Promise<{ supplement: string; residents: number }[]> {
  const key = toSearchKey(address);
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const { rows } = await sql<{ supplement: string; residents: number }>`
      WITH current AS (
        SELECT DISTINCT ON (v.resident_id) v.resident_id, v.status, v.address_key, v.address_supplement
        FROM resident_version v
        WHERE v.tenant_code = current_tenant()
          AND v.resident_id IN (SELECT resident_id FROM resident_version WHERE tenant_code = current_tenant() AND address_key = ${key})
          AND NOT EXISTS (SELECT 1 FROM resident_version s WHERE s.tenant_code = v.tenant_code AND s.resident_id = v.resident_id AND s.supersedes_history_no = v.history_no)
        ORDER BY v.resident_id, v.valid_from DESC, v.history_no DESC
      )
      SELECT address_supplement AS supplement, count(*)::int AS residents FROM current c
      WHERE c.status = 'resident' AND c.address_key = ${key} AND c.address_supplement IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM resident_protection p WHERE p.tenant_code = current_tenant() AND p.resident_id = c.resident_id
          AND p.ended_on IS NULL AND p.starts_on <= ${todayInJapan()}::date AND p.ends_on >= ${todayInJapan()}::date)
      GROUP BY address_supplement ORDER BY address_supplement`.execute(trx);
    await audit(trx, caller, { function: 'address-supplement-candidates', category: 'inquiry', targets: [], searchCount: rows.length });
    return rows;
  });
}
