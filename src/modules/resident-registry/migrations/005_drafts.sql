-- 仮登録・本登録 (4.0.8 審査・決裁, j530). A 異動 entered as a draft is not history: it is kept here,
-- checked against the register as it stands, and becomes a 異動 (resident_change and versions) only
-- when approved. Drafts are not read by anything but the draft screens: other 課, certificates and other
-- businesses keep seeing the register as it was (j530 仮登録状態). 個人番号 in a draft's input are
-- sealed with the platform's key (src/platform/my-number); nothing else of the input is encrypted, as in
-- the history tables. Who approved and when are not kept (j530 【実装しない機能】); the audit log has it.
CREATE TABLE resident_change_draft (
  tenant_code text NOT NULL REFERENCES tenant,
  id uuid NOT NULL,
  -- The procedure's operation name (residentRegistry.<procedure> without the prefix), e.g. moveIn.
  procedure text NOT NULL CHECK (procedure ~ '^[a-z][A-Za-z]*$'),
  input jsonb NOT NULL,
  -- Who entered it, where, and when (入力者・入力場所, j230); for the 仮登録一覧.
  entered_by uuid NOT NULL,
  entered_location text,
  entered_at timestamptz NOT NULL DEFAULT now(),
  -- 異動日 and the persons and households it names, for the list and its filters (ids only).
  effective_date date,
  resident_ids uuid[] NOT NULL DEFAULT '{}',
  household_ids uuid[] NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'withdrawn')),
  change_id uuid,
  version int NOT NULL DEFAULT 1,
  PRIMARY KEY (tenant_code, id),
  FOREIGN KEY (tenant_code, change_id) REFERENCES resident_change (tenant_code, id),
  CHECK ((status = 'approved') = (change_id IS NOT NULL))
);
CREATE INDEX resident_change_draft_pending ON resident_change_draft (tenant_code, entered_at) WHERE status = 'pending';
REVOKE DELETE ON resident_change_draft FROM yakuba_app;
ALTER TABLE resident_change_draft ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON resident_change_draft USING (tenant_code = current_tenant()) WITH CHECK (tenant_code = current_tenant());
