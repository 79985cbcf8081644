-- 個人住民税 (individual-resident-tax): two more kinds of records. README.md explains them:
--   resident_tax_employer  特別徴収義務者 (employers) of the 団体, keyed by 指定番号: every registration or change is
--                          a new version, so who changed the 所在地 and when stays answerable; the latest is current.
--                          A 給与支払報告書 naming an unknown 指定番号 registers version 1 from the report's name.
--   resident_tax_relief    非課税・減免 decisions of one taxpayer and year, and their 取消: each a new row numbered per
--                          taxpayer and year (seq), which also keeps two clerks from deciding at the same moment.
-- Both append-only. No foreign key to the roll or the assessments: a decision can precede the roll, and is
-- keyed by 宛名番号 as the 課税資料 are.

CREATE TABLE resident_tax_employer (
  tenant_code text NOT NULL REFERENCES tenant,
  employer_no text NOT NULL CHECK (employer_no ~ '^[0-9A-Za-z-]{1,20}$'),
  version int NOT NULL CHECK (version >= 1),
  -- 'income_document': registered from a 給与支払報告書, possibly without a name; staff complete it.
  source text NOT NULL CHECK (source IN ('staff', 'income_document')),
  name text,
  address text,
  postal_code text CHECK (postal_code ~ '^[0-9]{7}$'),
  corporate_number text CHECK (corporate_number ~ '^[0-9]{13}$'),
  phone text,
  department text,
  -- 送付先, when notices go elsewhere than the 所在地 (a 経理代行, a head office).
  delivery_name text,
  delivery_address text,
  delivery_postal_code text CHECK (delivery_postal_code ~ '^[0-9]{7}$'),
  -- 特別徴収税額通知 sent electronically (eLTAX) rather than on paper.
  eltax boolean NOT NULL DEFAULT false,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  recorded_by uuid,
  PRIMARY KEY (tenant_code, employer_no, version),
  CHECK (source = 'income_document' OR (name IS NOT NULL AND address IS NOT NULL)),
  CHECK ((delivery_address IS NULL) = (delivery_name IS NULL))
);

CREATE TABLE resident_tax_relief (
  tenant_code text NOT NULL REFERENCES tenant,
  fiscal_year int NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2200),
  addressee_no text NOT NULL CHECK (addressee_no ~ '^[0-9]{2,20}$'),
  seq int NOT NULL CHECK (seq >= 1),
  id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('exemption', 'reduction', 'revocation')),
  -- revocation: the decision it cancels (the one current when it was recorded).
  revokes uuid,
  reason text CHECK (reason IN ('livelihoodAssistance', 'disabilityEtc', 'lowIncome', 'disaster', 'unemployment', 'hardship', 'other')),
  reason_text text,
  -- reduction: the levies it reduces, and either a share (0, 1] or a yen amount.
  scope text CHECK (scope IN ('all', 'incomeLevy')),
  rate numeric(5, 4) CHECK (rate > 0 AND rate <= 1),
  amount int CHECK (amount > 0),
  forest_exempt boolean,
  decided_on date NOT NULL,
  decided_by text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  recorded_by uuid,
  PRIMARY KEY (tenant_code, fiscal_year, addressee_no, seq),
  UNIQUE (tenant_code, id),
  UNIQUE (tenant_code, revokes),
  CHECK ((kind = 'revocation') = (revokes IS NOT NULL)),
  CHECK (kind = 'revocation' OR (reason IS NOT NULL AND forest_exempt IS NOT NULL)),
  CHECK (kind <> 'exemption' OR (forest_exempt AND rate IS NULL AND amount IS NULL)),
  CHECK (kind <> 'reduction' OR (scope IS NOT NULL AND (rate IS NULL) <> (amount IS NULL))),
  CHECK (kind <> 'revocation' OR (reason IS NULL AND scope IS NULL AND rate IS NULL AND amount IS NULL AND reason_text IS NOT NULL))
);

REVOKE UPDATE, DELETE ON resident_tax_employer, resident_tax_relief FROM yakuba_app;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['resident_tax_employer', 'resident_tax_relief'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_code = current_tenant()) WITH CHECK (tenant_code = current_tenant())', t);
  END LOOP;
END $$;
