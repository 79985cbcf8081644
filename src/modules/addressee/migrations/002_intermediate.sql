-- 団体内統合宛名 → 中間サーバー (STANDARDS.md §3; 住記 7.1.2.3 j1150): which link 団体内統合宛名番号 ↔ 個人番号 was
-- last registered with the 中間サーバー, so only new and changed links are sent. The number itself is not kept:
-- `sent_lookup` is its keyed lookup hash (src/platform/my-number), enough to tell that it changed.
CREATE TABLE addressee_intermediate_link (
  tenant_code text NOT NULL REFERENCES tenant,
  addressee_id uuid NOT NULL,
  integrated_no text NOT NULL,
  sent_lookup text,
  status text NOT NULL CHECK (status IN ('registered', 'failed')),
  attempts int NOT NULL DEFAULT 1,
  last_error text,
  sent_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_code, addressee_id),
  FOREIGN KEY (tenant_code, addressee_id) REFERENCES addressee (tenant_code, id)
);
REVOKE DELETE ON addressee_intermediate_link FROM yakuba_app;
ALTER TABLE addressee_intermediate_link ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON addressee_intermediate_link USING (tenant_code = current_tenant()) WITH CHECK (tenant_code = current_tenant());
