-- 個人住民税: the roll and the assessments keyed by 宛名番号, and an assessment row a tenth of its former size.
--
-- 1. Key: (tenant_code, addressee_no, fiscal_year). A 住登外 taxpayer (lived here on 1 January without
--    being registered, or owes 均等割 for a house here while registered elsewhere) has a 宛名番号 from the
--    addressee register but no resident_id, and tax systems exchange 宛名番号 anyway. The 宛名番号 leads
--    the key so that the foreign key's lookup finds the primary key even on a table with no statistics
--    yet (with the old key the planner tied it with the unique 宛名番号 key and scanned the year's roll
--    for every assessment row: docs/PERFORMANCE.md).
-- 2. Size: the breakdown is no longer stored whole. Its amounts are (`amounts`: step id → yen) and its
--    totals are columns; labels and bases are the engine's and come back by recomputing the stored
--    input (assessment.ts `storedBreakdown`). The input is stored without its defaults.

ALTER TABLE resident_tax_assessment DROP CONSTRAINT resident_tax_assessment_tenant_code_fiscal_year_resident_i_fkey;

ALTER TABLE resident_tax_taxpayer
  DROP CONSTRAINT resident_tax_taxpayer_pkey,
  DROP CONSTRAINT resident_tax_taxpayer_tenant_code_fiscal_year_addressee_no_key;
ALTER TABLE resident_tax_taxpayer
  ADD COLUMN registration text NOT NULL DEFAULT 'resident' CHECK (registration IN ('resident', 'nonResident')),
  ALTER COLUMN resident_id DROP NOT NULL,
  ADD PRIMARY KEY (tenant_code, addressee_no, fiscal_year),
  ADD CHECK ((registration = 'resident') = (resident_id IS NOT NULL));
COMMENT ON COLUMN resident_tax_taxpayer.registration IS 'resident: 住民基本台帳の住民（1月1日）; nonResident: 住登外（宛名管理の宛名）';

ALTER TABLE resident_tax_assessment
  ADD COLUMN addressee_no text,
  ADD COLUMN total_income bigint,
  ADD COLUMN total_income_etc bigint,
  ADD COLUMN taxable_income bigint,
  ADD COLUMN city_income_levy int,
  ADD COLUMN pref_income_levy int,
  ADD COLUMN city_per_capita_levy int,
  ADD COLUMN pref_per_capita_levy int,
  ADD COLUMN amounts jsonb;

UPDATE resident_tax_assessment a SET
  addressee_no = t.addressee_no,
  total_income = (a.breakdown->'totals'->>'totalIncome')::bigint,
  total_income_etc = (a.breakdown->'totals'->>'totalIncomeEtc')::bigint,
  taxable_income = (a.breakdown->'totals'->>'taxableIncome')::bigint,
  city_income_levy = (a.breakdown->'totals'->>'cityIncomeLevy')::int,
  pref_income_levy = (a.breakdown->'totals'->>'prefIncomeLevy')::int,
  city_per_capita_levy = (a.breakdown->'totals'->>'cityPerCapitaLevy')::int,
  pref_per_capita_levy = (a.breakdown->'totals'->>'prefPerCapitaLevy')::int,
  amounts = (SELECT coalesce(jsonb_object_agg(s->>'step', s->'amount'), '{}') FROM jsonb_array_elements(a.breakdown->'steps') s)
FROM resident_tax_taxpayer t
WHERE t.tenant_code = a.tenant_code AND t.fiscal_year = a.fiscal_year AND t.resident_id = a.resident_id;

ALTER TABLE resident_tax_assessment
  DROP CONSTRAINT resident_tax_assessment_pkey,
  DROP COLUMN resident_id,
  DROP COLUMN breakdown,
  DROP COLUMN city_levy,
  DROP COLUMN pref_levy,
  ALTER COLUMN addressee_no SET NOT NULL,
  ALTER COLUMN total_income SET NOT NULL,
  ALTER COLUMN total_income_etc SET NOT NULL,
  ALTER COLUMN taxable_income SET NOT NULL,
  ALTER COLUMN city_income_levy SET NOT NULL,
  ALTER COLUMN pref_income_levy SET NOT NULL,
  ALTER COLUMN city_per_capita_levy SET NOT NULL,
  ALTER COLUMN pref_per_capita_levy SET NOT NULL,
  ALTER COLUMN amounts SET NOT NULL,
  ADD CHECK (city_income_levy >= 0 AND pref_income_levy >= 0 AND city_per_capita_levy >= 0 AND pref_per_capita_levy >= 0),
  ADD PRIMARY KEY (tenant_code, addressee_no, fiscal_year, version),
  ADD FOREIGN KEY (tenant_code, addressee_no, fiscal_year) REFERENCES resident_tax_taxpayer (tenant_code, addressee_no, fiscal_year);

-- Reviews name the person by 宛名番号 too (the roll's key).
ALTER TABLE resident_tax_review DROP CONSTRAINT resident_tax_review_pkey, ADD PRIMARY KEY (tenant_code, fiscal_year, event_id, addressee_no);
