-- 個人住民税 (individual-resident-tax): the records of one fiscal year (年度) each. README.md explains them:
--   resident_tax_income      課税資料 as received, one row per document (給与支払報告書, 公的年金等支払報告書,
--                            住民税申告, 確定申告) with its items in the engine's input shape; append-only
--   resident_tax_taxpayer    the roll: who lived here on 1 January (賦課期日), read from the resident registry
--                            by the annual assessment, with the items a notice needs
--   resident_tax_assessment  every assessment of a taxpayer: 当初課税 is version 1, each 更正 a new version
--                            with its difference to the one before; append-only, never overwritten

CREATE TABLE resident_tax_income (
  tenant_code text NOT NULL REFERENCES tenant,
  id uuid NOT NULL,
  fiscal_year int NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2200),
  addressee_no text NOT NULL CHECK (addressee_no ~ '^[0-9]{2,20}$'),
  source text NOT NULL CHECK (source IN ('salary_report', 'pension_report', 'declaration', 'final_return')),
  -- 特別徴収義務者 (給与支払者の指定番号) of a 給与支払報告書.
  employer_no text,
  employer_name text,
  items jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  received_by uuid,
  PRIMARY KEY (tenant_code, id),
  CHECK (source = 'salary_report' OR employer_no IS NULL)
);
CREATE INDEX resident_tax_income_of ON resident_tax_income (tenant_code, fiscal_year, addressee_no);

CREATE TABLE resident_tax_taxpayer (
  tenant_code text NOT NULL REFERENCES tenant,
  fiscal_year int NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2200),
  resident_id uuid NOT NULL,
  addressee_no text NOT NULL,
  name text,
  birth_date date NOT NULL,
  address text,
  PRIMARY KEY (tenant_code, fiscal_year, resident_id),
  UNIQUE (tenant_code, fiscal_year, addressee_no)
);

CREATE TABLE resident_tax_assessment (
  tenant_code text NOT NULL REFERENCES tenant,
  fiscal_year int NOT NULL,
  resident_id uuid NOT NULL,
  version int NOT NULL CHECK (version >= 1),
  kind text NOT NULL CHECK (kind IN ('initial', 'reassessment')),
  collection text NOT NULL CHECK (collection IN ('salary', 'pension', 'ordinary')),
  employer_no text,
  total int NOT NULL CHECK (total >= 0),
  city_levy int NOT NULL CHECK (city_levy >= 0),
  pref_levy int NOT NULL CHECK (pref_levy >= 0),
  forest_environment_tax int NOT NULL CHECK (forest_environment_tax >= 0),
  exemption text NOT NULL CHECK (exemption IN ('none', 'incomeLevy', 'all')),
  -- What changed against the version before (0 for 当初課税): the 更正's 増減.
  difference int NOT NULL,
  input jsonb NOT NULL,
  breakdown jsonb NOT NULL,
  assessed_at timestamptz NOT NULL DEFAULT now(),
  assessed_by uuid,
  PRIMARY KEY (tenant_code, fiscal_year, resident_id, version),
  FOREIGN KEY (tenant_code, fiscal_year, resident_id) REFERENCES resident_tax_taxpayer (tenant_code, fiscal_year, resident_id),
  CHECK ((version = 1) = (kind = 'initial'))
);
CREATE INDEX resident_tax_assessment_employer ON resident_tax_assessment (tenant_code, fiscal_year, employer_no) WHERE employer_no IS NOT NULL;

REVOKE UPDATE, DELETE ON resident_tax_income, resident_tax_assessment FROM yakuba_app;
REVOKE DELETE ON resident_tax_taxpayer FROM yakuba_app;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['resident_tax_income', 'resident_tax_taxpayer', 'resident_tax_assessment'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_code = current_tenant()) WITH CHECK (tenant_code = current_tenant())', t);
  END LOOP;
END $$;
