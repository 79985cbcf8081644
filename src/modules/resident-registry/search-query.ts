/**
 * The SQL of 検索 (2.1.2 j330, 2.1.3 j340). Names and addresses match any version of a person, so
 * past names (旧氏, 通称, former names) and past addresses find them (j340 「過去のものも横断的に」);
 * the hit shows the person's current state (latest live version). Keys are those of src/jp
 * toSearchKey written by snapshot.ts; 旧氏 and 通称 in kanji use resident_text_key() (004_search.sql).
 * Prefix match uses 001's text_pattern_ops indexes, partial match 004's trigram indexes.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Trx } from '../../platform/db/tenant-scope.ts';
import type { VersionRow } from './queries.ts';

export type MatchMode = 'prefix' | 'partial' | 'exact';

/** Criteria with their keys already made (search.ts); every given one must hold (AND). */
export interface SearchFilter {
  addresseeNo?: string | undefined;
  householdNo?: string | undefined;
  residentCode?: string | undefined;
  myNumberLookup?: string | undefined;
  /** toSearchKey of the 氏名 typed, and the plain text key for 旧氏・通称 in kanji. */
  name?: { key: string; textKey: string } | undefined;
  kana?: string | undefined;
  birthDate?: string | undefined;
  /** A Western year: 生年月日 within it (j340 西暦・和暦の年で検索). */
  birthYear?: number | undefined;
  residenceCardNo?: string | undefined;
  sex?: string | undefined;
  address?: string | undefined;
  match: MatchMode;
  includeRemoved: boolean;
}

const escapeLike = (key: string) => key.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Prefix match is `^@` (starts_with), not `LIKE 'x%'`: under row-level security PostgreSQL may use an
 * index only for a leakproof operator, and `LIKE` is not one, so the prefix search scanned every
 * version of every 団体 (1.4 s at 1,000,000 residents, docs/PERFORMANCE.md); `^@` is, and the planner
 * turns it into a range on the text_pattern_ops indexes.
 */
function like(column: RawBuilder<unknown>, key: string, match: MatchMode): RawBuilder<unknown> {
  if (match === 'exact') return sql`${column} = ${key}`;
  if (match === 'prefix') return sql`${column} ^@ ${key}`;
  return sql`${column} LIKE ${`%${escapeLike(key)}%`}`;
}

/** People with at least one version matching `condition`. */
const anyVersion = (condition: RawBuilder<unknown>) =>
  sql`v.resident_id IN (SELECT resident_id FROM resident_version WHERE tenant_code = current_tenant() AND ${condition})`;

function candidateFilters(f: SearchFilter): RawBuilder<unknown>[] {
  const m = f.match;
  const filters: RawBuilder<unknown>[] = [];
  if (f.addresseeNo !== undefined) filters.push(sql`v.resident_id IN (SELECT id FROM resident WHERE tenant_code = current_tenant() AND addressee_no = ${f.addresseeNo})`);
  if (f.householdNo !== undefined) filters.push(anyVersion(sql`household_no = ${f.householdNo}`));
  if (f.residentCode !== undefined) filters.push(anyVersion(sql`resident_code = ${f.residentCode}`));
  if (f.myNumberLookup !== undefined) {
    filters.push(sql`(v.resident_id IN (SELECT id FROM resident WHERE tenant_code = current_tenant() AND my_number_lookup = ${f.myNumberLookup}) OR ${anyVersion(sql`my_number_lookup = ${f.myNumberLookup}`)})`);
  }
  if (f.name !== undefined) {
    filters.push(anyVersion(sql`(${like(sql.ref('name_key'), f.name.key, m)}
      OR ${like(sql`resident_text_key(former_surname)`, f.name.textKey, m)} OR ${like(sql`resident_text_key(alias)`, f.name.textKey, m)})`));
  }
  if (f.kana !== undefined) {
    // 名のみの検索 (j330): the 名 has its own key; a prefix of it is how a 名 alone is typed.
    filters.push(anyVersion(sql`(${like(sql.ref('name_kana_key'), f.kana, m)} OR ${like(sql.ref('given_name_kana_key'), f.kana, m)}
      OR ${like(sql.ref('former_surname_kana_key'), f.kana, m)} OR ${like(sql.ref('alias_kana_key'), f.kana, m)})`));
  }
  if (f.birthDate !== undefined) filters.push(anyVersion(sql`birth_date = ${f.birthDate}`));
  if (f.birthYear !== undefined) filters.push(anyVersion(sql`birth_date >= ${`${f.birthYear}-01-01`}::date AND birth_date < ${`${f.birthYear + 1}-01-01`}::date`));
  if (f.residenceCardNo !== undefined) filters.push(anyVersion(sql`residence_card_no = ${f.residenceCardNo}`));
  if (f.address !== undefined) filters.push(anyVersion(like(sql.ref('address_key'), f.address, m === 'exact' ? 'exact' : 'partial')));
  return filters;
}

export type SearchRow = VersionRow & { total: number };

/**
 * One page of matching people in their current state, フリガナ order (then registration order: ids are
 * time-ordered), with the number of all matches. The person's row (宛名番号, lock) is joined to the
 * page only: a 氏 alone matches thousands, and joining them all made the search hash every person of
 * the 団体 (docs/PERFORMANCE.md).
 */
export async function searchVersions(trx: Trx, f: SearchFilter, page: { limit: number; offset: number }): Promise<SearchRow[]> {
  const where = sql.join(candidateFilters(f), sql` AND `);
  const current: RawBuilder<unknown>[] = [];
  if (!f.includeRemoved) current.push(sql`c.status = 'resident'`);
  if (f.householdNo !== undefined) current.push(sql`c.household_no = ${f.householdNo}`);
  if (f.sex !== undefined) current.push(sql`c.sex = ${f.sex}`);
  // Narrow rows until the page is cut (a 氏 alone matches thousands: sorting whole versions spilled to disk),
  // then the page's versions and persons in full.
  const { rows } = await sql<SearchRow>`
    WITH c AS (
      SELECT DISTINCT ON (v.resident_id) v.resident_id, v.history_no, v.status, v.household_no, v.sex, v.name_kana_key
      FROM resident_version v
      WHERE v.tenant_code = current_tenant() AND ${where}
        AND NOT EXISTS (SELECT 1 FROM resident_version s
          WHERE s.tenant_code = v.tenant_code AND s.resident_id = v.resident_id AND s.supersedes_history_no = v.history_no)
      ORDER BY v.resident_id, v.valid_from DESC, v.history_no DESC
    ), hits AS (
      SELECT c.resident_id, c.history_no, count(*) OVER ()::int AS total FROM c
      ${current.length > 0 ? sql`WHERE ${sql.join(current, sql` AND `)}` : sql``}
      ORDER BY c.name_kana_key NULLS LAST, c.resident_id LIMIT ${page.limit} OFFSET ${page.offset}
    )
    SELECT v.*, hits.total, r.addressee_no, r.version AS lock_version, r.my_number_token
    FROM hits
      JOIN resident_version v ON v.tenant_code = current_tenant() AND v.resident_id = hits.resident_id AND v.history_no = hits.history_no
      JOIN resident r ON r.tenant_code = v.tenant_code AND r.id = v.resident_id
    ORDER BY v.name_kana_key NULLS LAST, v.resident_id`.execute(trx);
  return rows;
}
