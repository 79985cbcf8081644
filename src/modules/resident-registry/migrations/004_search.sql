-- 部分一致検索 (2.1.2 j330 「文字列一致検索（完全一致・部分一致）」, 2.1.3 j340 「項目内部分検索」).
-- 001 indexes the search keys for prefix search (text_pattern_ops); a match in the middle of a name or
-- address (LIKE '%…%') needs trigram indexes. pg_trgm is a trusted extension: the schema owner may
-- create it on PostgreSQL 15 without being a superuser; PGlite loads it through the constructor
-- (src/platform/db/database.ts). A trigram index serves keys of 3 characters or more; search.ts refuses a
-- 1–2 character partial search on its own and serves it only together with a narrowing criterion.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX resident_version_name_trgm ON resident_version USING gin (name_key gin_trgm_ops);
CREATE INDEX resident_version_name_kana_trgm ON resident_version USING gin (name_kana_key gin_trgm_ops);
CREATE INDEX resident_version_former_surname_kana_trgm ON resident_version USING gin (former_surname_kana_key gin_trgm_ops)
  WHERE former_surname_kana_key IS NOT NULL;
CREATE INDEX resident_version_alias_kana_trgm ON resident_version USING gin (alias_kana_key gin_trgm_ops) WHERE alias_kana_key IS NOT NULL;
CREATE INDEX resident_version_address_trgm ON resident_version USING gin (address_key gin_trgm_ops);

-- 旧氏 and 通称 in kanji have no key column (versions are written from full snapshots, so a new column
-- would have to be written by every procedure). This key matches src/jp toSearchKey for text without
-- kana (NFKC, upper case, no spaces), and expression indexes serve it. search.ts keys the query the same way.
CREATE FUNCTION resident_text_key(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT upper(regexp_replace(normalize(t, NFKC), '\s+', '', 'g'))
$$;
CREATE INDEX resident_version_former_surname_trgm ON resident_version USING gin (resident_text_key(former_surname) gin_trgm_ops)
  WHERE former_surname IS NOT NULL;
CREATE INDEX resident_version_alias_trgm ON resident_version USING gin (resident_text_key(alias) gin_trgm_ops) WHERE alias IS NOT NULL;
-- Exact lookups by 個人番号 (past numbers too: versions keep the lookup hash) and 世帯番号.
CREATE INDEX resident_version_my_number_lookup ON resident_version (tenant_code, my_number_lookup) WHERE my_number_lookup IS NOT NULL;
CREATE INDEX resident_version_household_no ON resident_version (tenant_code, household_no);
