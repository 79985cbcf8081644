/**
 * 検索 (2.1.2 j330, 2.1.3 j340): by 宛名番号, 世帯番号, 住民票コード, 個人番号 (individual-number zone
 * and resident-registry:my-number only), 氏名 (漢字・英字, with 旧氏 and 通称), フリガナ (氏名・名・旧氏・
 * 通称, あいまい検索 keys), 生年月日 (西暦 or 和暦, parsed at the edge), 性別 and 住所; prefix, partial
 * (部分一致) or exact; current residents or, with includeRemoved, 除票 too; paged with the total.
 *
 * Every search is audited (10.2): the hits by id with searchCount, lookupByNumber for a number key,
 * myNumberAccessed for a 個人番号 key, and a refused search (403, 422) in a transaction of its own
 * with outcome denied/failed. Hits under 支援措置 are flagged and, under 照会抑止 without the caller's
 * 一時解除, shown without address and household (j410 検索結果で抑止対象であることが明らか).
 */
import { ERAS, eraByLetter, toSearchKey } from '../../jp/index.ts';
import { appendAudit, appendAuditSeparately } from '../../platform/audit/index.ts';
import { inTenant } from '../../platform/db/tenant-scope.ts';
import { AppError, ValidationError, type FieldProblem } from '../../platform/errors.ts';
import { mayDiscloseMyNumber, myNumberLookupKey } from '../../platform/my-number/index.ts';
import { MODULE_ID, type Caller, type Deps } from './procedure.ts';
import { auditEntryOf, auditProtectedHits, searchProtections, type SearchProtection } from './protection.ts';
import { numberFindings } from './rules/numbering.ts';
import { searchVersions, type MatchMode, type SearchFilter, type SearchRow } from './search-query.ts';

export interface SearchCriteria {
  addresseeNo?: string | undefined;
  householdNo?: string | undefined;
  residentCode?: string | undefined;
  myNumber?: string | undefined;
  name?: string | undefined;
  kana?: string | undefined;
  birthDate?: string | undefined;
  /** 生年 alone, 西暦 (1980) or 和暦 (昭和55年, S55). */
  birthYear?: string | undefined;
  residenceCardNo?: string | undefined;
  sex?: string | undefined;
  address?: string | undefined;
  match?: MatchMode | undefined;
  includeRemoved?: boolean | undefined;
}

export interface SearchHit {
  residentId: string;
  addresseeNo: string;
  name: string | null;
  nameKana: string | null;
  birthDate: string;
  sex: string;
  /** null when withheld for a 支援措置 (see `protection`). */
  address: string | null;
  status: string;
  removalReason: string | null;
  householdNo: string | null;
  protection: SearchProtection | null;
}

export interface SearchPage {
  items: SearchHit[];
  total: number;
  hasMore: boolean;
  limit: number;
  offset: number;
}

/** Below this many characters a partial key has no trigram to use: it needs a narrowing criterion (004_search.sql). */
export const MIN_PARTIAL_LENGTH = 3;

/** 旧氏・通称 in kanji: as resident_text_key() in SQL (NFKC, upper case, no spaces). */
const textKey = (text: string) => text.normalize('NFKC').toUpperCase().replace(/\s+/g, '');

const hitOf = (r: SearchRow, protection: SearchProtection | undefined): SearchHit => ({
  residentId: r.resident_id, addresseeNo: r.addressee_no, name: r.name ?? r.name_alphabet, nameKana: (r.name_kana as string | null) ?? null,
  birthDate: r.birth_date, sex: String(r.sex), status: r.status, removalReason: (r.removal_reason as string | null) ?? null,
  address: protection?.masked ? null : String(r.address), householdNo: protection?.masked ? null : String(r.household_no),
  protection: protection ?? null,
});

const ERA_YEAR = /^(明治|大正|昭和|平成|令和|[MTSHRmtshr])\s*(元|\d{1,2})\s*年?$/;

/**
 * A year as typed, 西暦 (1980, 1980年) or 和暦 (昭和55年, S55, 令和元年), to the Western year: j340 replaces
 * each with the other. The era year must lie within the era (昭和64 yes, 昭和65 no).
 */
export function parseYear(input: string): { ok: true; year: number } | { ok: false; rule: string; message: string } {
  const text = input.normalize('NFKC').trim();
  const western = /^(\d{4})\s*年?$/.exec(text);
  if (western) return { ok: true, year: Number(western[1]) };
  const m = ERA_YEAR.exec(text);
  if (!m) return { ok: false, rule: 'date.format', message: '生年は西暦（1980）か和暦（昭和55年、S55）で入力してください' };
  const era = m[1]!.length === 1 ? eraByLetter(m[1]!)! : ERAS.find((e) => e.name === m[1])!;
  const n = m[2] === '元' ? 1 : Number(m[2]);
  const year = era.offset + n;
  const last = era.lastDay === null ? Infinity : Number(era.lastDay.slice(0, 4));
  if (n < 1 || year > last) return { ok: false, rule: 'date.not-exist', message: `${era.name}${n}年は存在しません` };
  return { ok: true, year };
}

/** Checks the criteria and makes their keys; throws 422 (every problem at once) or 403 (個人番号). */
function prepare(deps: Deps, caller: Caller, c: SearchCriteria): SearchFilter {
  const problems: FieldProblem[] = [];
  const q = (field: string) => `query.${field}`;
  if (c.addresseeNo !== undefined) problems.push(...numberFindings(q('addresseeNo'), 'addressee', c.addresseeNo));
  if (c.householdNo !== undefined) problems.push(...numberFindings(q('householdNo'), 'household', c.householdNo));
  const keyOf = (field: 'name' | 'kana' | 'address', value: string | undefined) => {
    if (value === undefined) return undefined;
    const key = toSearchKey(value);
    if (key === '') problems.push({ field: q(field), rule: 'required', message: '検索する文字を入力してください' });
    return key;
  };
  const year = c.birthYear === undefined ? undefined : parseYear(c.birthYear);
  if (year && !year.ok) problems.push({ field: q('birthYear'), rule: year.rule, message: year.message });
  const name = keyOf('name', c.name);
  const kana = keyOf('kana', c.kana);
  const address = keyOf('address', c.address);
  const match = c.match ?? 'prefix';
  const narrowing = [c.addresseeNo, c.householdNo, c.residentCode, c.myNumber, c.residenceCardNo, c.birthDate, c.birthYear].some((v) => v !== undefined);
  if (!narrowing && [name, kana, address].every((k) => k === undefined)) {
    problems.push({ field: q('name'), rule: 'search.no-criterion', message: '検索条件（宛名番号・氏名・フリガナ・生年月日・住所など）を1つ以上入力してください' });
  }
  const short = (key: string | undefined, partial: boolean) => key !== undefined && key !== '' && partial && [...key].length < MIN_PARTIAL_LENGTH;
  const texts = [['name', name, match === 'partial'], ['kana', kana, match === 'partial'], ['address', address, match !== 'exact']] as const;
  const longText = texts.some(([, key]) => key !== undefined && [...key].length >= MIN_PARTIAL_LENGTH);
  for (const [field, key, partial] of texts) {
    if (short(key, partial) && !narrowing && !longText) {
      problems.push({ field: q(field), rule: 'search.partial-too-short', message: `部分一致の検索は${MIN_PARTIAL_LENGTH}文字以上で入力するか、生年月日などの条件と組み合わせてください（2文字以下は前方一致で検索できます）` });
    }
  }
  if (problems.length > 0) throw new ValidationError(problems);
  if (c.myNumber !== undefined && !mayDiscloseMyNumber(caller, MODULE_ID)) {
    throw new AppError('my-number-forbidden', 403, '権限がありません', '個人番号による検索は、個人番号利用事務系で権限 resident-registry:my-number を持つ職員だけができます');
  }
  return {
    addresseeNo: c.addresseeNo, householdNo: c.householdNo, residentCode: c.residentCode,
    myNumberLookup: c.myNumber === undefined ? undefined : myNumberLookupKey(deps.myNumberKeys, caller.tenantCode, c.myNumber),
    name: name === undefined ? undefined : { key: name, textKey: textKey(c.name!) }, kana, address,
    birthDate: c.birthDate, birthYear: year?.ok ? year.year : undefined, residenceCardNo: c.residenceCardNo, sex: c.sex, match, includeRemoved: c.includeRemoved ?? false,
  };
}

/** Which criteria were used, by name only: the values (names, numbers) are never logged. */
const criteriaNames = (c: SearchCriteria): string[] =>
  (['addresseeNo', 'householdNo', 'residentCode', 'myNumber', 'residenceCardNo', 'name', 'kana', 'birthDate', 'birthYear', 'sex', 'address'] as const).filter((k) => c[k] !== undefined);

export async function searchResidents(deps: Deps, caller: Caller, criteria: SearchCriteria, page: { limit: number; offset: number }): Promise<SearchPage> {
  const lookupByNumber = [criteria.addresseeNo, criteria.householdNo, criteria.residentCode, criteria.myNumber, criteria.residenceCardNo].some((v) => v !== undefined);
  const detail = { criteria: criteriaNames(criteria), match: criteria.match ?? 'prefix', includeRemoved: criteria.includeRemoved ?? false };
  let filter: SearchFilter;
  try {
    filter = prepare(deps, caller, criteria);
  } catch (e) {
    if (e instanceof AppError) {
      await appendAuditSeparately(deps.db, caller.tenantCode, auditEntryOf(caller, {
        function: `${MODULE_ID}.search`, category: 'inquiry', targets: [], lookupByNumber, searchCount: 0,
        outcome: e.status === 403 ? 'denied' : 'failed', detail: { ...detail, refused: e.code },
      }));
    }
    throw e;
  }
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const rows = await searchVersions(trx, filter, page);
    // Past the last page there is no row to carry the count.
    const total = rows[0]?.total ?? (page.offset > 0 ? ((await searchVersions(trx, filter, { limit: 1, offset: 0 }))[0]?.total ?? 0) : 0);
    const flags = await searchProtections(trx, caller, rows.map((r) => r.resident_id));
    await appendAudit(trx, auditEntryOf(caller, {
      function: `${MODULE_ID}.search`, category: 'inquiry', outcome: 'success', targets: rows.map((r) => ({ kind: 'resident', id: r.resident_id })),
      lookupByNumber, myNumberAccessed: criteria.myNumber !== undefined, searchCount: rows.length, detail: { ...detail, total },
    }));
    await auditProtectedHits(trx, caller, flags);
    return { items: rows.map((r) => hitOf(r, flags.get(r.resident_id))), total, hasMore: page.offset + rows.length < total, ...page };
  });
}
