-- 支援措置 (DV・ストーカー・児童虐待等の被害者保護; 3.4 j440, 1.1.16 j160, 2.2.4 j380) and its 抑止 (3.1 j410).
--   resident_protection          one 支援措置 (or 仮支援措置) of one person: current row, updated on 延長・終了
--   resident_protection_history  a snapshot per action (登録・延長・終了): append-only
--   resident_protection_release  一時解除 of one 抑止 for one operator until a time (j410): append-only
-- A protection is active from starts_on until it is ended (ended_on). Passing ends_on does not end it:
-- j410 「抑止の終了日を経過しても、抑止は自動的に終了しないこと」; the read shows an アラート instead (j440).
CREATE TABLE resident_protection (
  tenant_code text NOT NULL REFERENCES tenant,
  id uuid NOT NULL,
  resident_id uuid NOT NULL,
  -- support: 支援措置; provisional: 仮支援措置 (申出から開始まで, or 前住所地として継続, j440).
  kind text NOT NULL CHECK (kind IN ('support', 'provisional')),
  -- applicant: 申出者; accompanying: 併せて支援を求める者 (j160), who names the applicant and the relation.
  role text NOT NULL CHECK (role IN ('applicant', 'accompanying')),
  applicant_resident_id uuid,
  relation_to_applicant text,
  -- 申出日 and the period (j440: 1年, 開始年月日 + 1年 − 1日 by default, editable).
  requested_on date NOT NULL,
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  -- 抑止 per process (j410): NULL = none, 'error' = refused unless released, 'alert' = allowed with an アラート.
  inquiry_level text CHECK (inquiry_level IN ('error', 'alert')),
  issue_level text CHECK (issue_level IN ('error', 'alert')),
  change_level text CHECK (change_level IN ('error', 'alert')),
  -- 加害者に関する項目 (j160): 宛名番号 only when in this municipality.
  offender_name text,
  offender_addressee_no text CHECK (offender_addressee_no ~ '^[0-9]{2,20}$'),
  offender_birth_date date,
  offender_sex text CHECK (offender_sex IN ('1', '2')),
  offender_address text,
  offender_note text,
  -- 連絡先 and 抑止対象の住所等 as free text (j160 lets them live elsewhere; only the 事務 and period are required here).
  contact text,
  remark text,
  ended_on date,
  end_reason text CHECK (end_reason IN ('request', 'expired', 'not_needed', 'superseded')),
  last_history_no int NOT NULL DEFAULT 1 CHECK (last_history_no >= 1),
  version int NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_code, id),
  FOREIGN KEY (tenant_code, resident_id) REFERENCES resident (tenant_code, id),
  FOREIGN KEY (tenant_code, applicant_resident_id) REFERENCES resident (tenant_code, id),
  CHECK (starts_on <= ends_on),
  CHECK ((ended_on IS NULL) = (end_reason IS NULL)),
  CHECK (role = 'applicant' OR applicant_resident_id IS NOT NULL)
);
-- The guard runs on every read of a person: active protections by person.
CREATE INDEX resident_protection_resident ON resident_protection (tenant_code, resident_id) WHERE ended_on IS NULL;
CREATE INDEX resident_protection_ends ON resident_protection (tenant_code, ends_on);

CREATE TABLE resident_protection_history (
  tenant_code text NOT NULL REFERENCES tenant,
  protection_id uuid NOT NULL,
  history_no int NOT NULL CHECK (history_no >= 1),
  action text NOT NULL CHECK (action IN ('registered', 'extended', 'ended')),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  operator_id text NOT NULL,
  kind text NOT NULL,
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  inquiry_level text, issue_level text, change_level text,
  ended_on date,
  end_reason text,
  remark text,
  PRIMARY KEY (tenant_code, protection_id, history_no),
  FOREIGN KEY (tenant_code, protection_id) REFERENCES resident_protection (tenant_code, id)
);

-- 一時解除 (j410): granted by someone holding resident-registry:protection-release, with a reason, to one
-- operator for one process; it lapses by itself at expires_at (自動で抑止状態に戻る). It stays in this
-- module: not an event, so no other system mistakes it for the end of the 抑止 (j410).
CREATE TABLE resident_protection_release (
  tenant_code text NOT NULL REFERENCES tenant,
  id uuid NOT NULL,
  protection_id uuid NOT NULL,
  process text NOT NULL CHECK (process IN ('inquiry', 'issue', 'change')),
  granted_to text NOT NULL,
  granted_by text NOT NULL,
  reason text NOT NULL CHECK (length(reason) > 0),
  released_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_code, id),
  FOREIGN KEY (tenant_code, protection_id) REFERENCES resident_protection (tenant_code, id),
  CHECK (expires_at > released_at)
);
CREATE INDEX resident_protection_release_live ON resident_protection_release (tenant_code, protection_id, granted_to, expires_at);

REVOKE UPDATE, DELETE ON resident_protection_history, resident_protection_release FROM yakuba_app;
REVOKE DELETE ON resident_protection FROM yakuba_app;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['resident_protection', 'resident_protection_history', 'resident_protection_release'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_code = current_tenant()) WITH CHECK (tenant_code = current_tenant())', t);
  END LOOP;
END $$;
