-- 課税の要確認 (individual-resident-tax): a 異動 of the resident registry recorded after a fiscal year's
-- roll was made, dated on or before its 賦課期日 (1 January), changes who lived here that day: the
-- taxpayer is listed for review (更正, or the assessment's cancellation) instead of being changed silently.
-- One row per event and person; append-only.
CREATE TABLE resident_tax_review (
  tenant_code text NOT NULL REFERENCES tenant,
  fiscal_year int NOT NULL,
  event_id uuid NOT NULL,
  resident_id uuid NOT NULL,
  addressee_no text NOT NULL,
  event_type text NOT NULL,
  effective_date date NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_code, fiscal_year, event_id, resident_id)
);
REVOKE UPDATE, DELETE ON resident_tax_review FROM yakuba_app;
ALTER TABLE resident_tax_review ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON resident_tax_review USING (tenant_code = current_tenant()) WITH CHECK (tenant_code = current_tenant());
