-- 証明書の交付 (住民票の写し, 除票の写し, 記載事項証明書, 転出証明書): 発行番号 counter, 認証者 settings and
-- the 交付履歴 (j300). The history keeps what was issued, to whom and by whom, by id only: never the PDF,
-- never a name or number from it; its SHA-256 proves which document was handed out.

-- 発行番号 (5.5, j1040): the next serial per 団体 and calendar year (Japan), taken under a row lock.
CREATE TABLE certificate_numbering (
  tenant_code text NOT NULL REFERENCES tenant,
  year int NOT NULL CHECK (year BETWEEN 2000 AND 9999),
  next_value bigint NOT NULL DEFAULT 1 CHECK (next_value >= 1),
  PRIMARY KEY (tenant_code, year)
);

-- 認証者 (1.3.9, j310) and 公印 (1.3.7, j290; 5.6, j1050): the 市区町村長 and the 職務代理者 with the period the
-- deputy signs. Without a row the 職名 is derived from the tenant (都道府県名 + 団体名 + 長) and no name is printed.
CREATE TABLE certificate_setting (
  tenant_code text NOT NULL REFERENCES tenant PRIMARY KEY,
  mayor_title text CHECK (char_length(mayor_title) <= 60),
  mayor_name text CHECK (char_length(mayor_name) <= 60),
  deputy_title text CHECK (char_length(deputy_title) <= 60),
  deputy_name text CHECK (char_length(deputy_name) <= 60),
  deputy_from date,
  deputy_until date,
  -- 「この印は黒色です」 and the like (j1050: 任意の固定文言).
  seal_note text CHECK (char_length(seal_note) <= 60),
  -- The 電子公印 of the 市区町村長 and of the 職務代理者 (PNG or JPEG, black, printed ≤ 25 mm square);
  -- NULL prints a drawn placeholder.
  seal_image bytea,
  deputy_seal_image bytea,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (deputy_until IS NULL OR deputy_from IS NULL OR deputy_from <= deputy_until)
);

-- 交付履歴 (1.3.8, j300): 交付年月日時, 交付場所, 交付対象者 (certificate_issuance_target), 種別, 記載事項,
-- 枚数, 発行番号, 端末名・ユーザID; 請求者 and 請求事由 as the 窓口 took them.
CREATE TABLE certificate_issuance (
  tenant_code text NOT NULL REFERENCES tenant,
  id uuid NOT NULL,
  certificate_no text NOT NULL CHECK (certificate_no ~ '^[0-9]{4}-[0-9]{6,}$'),
  kind text NOT NULL CHECK (kind IN ('resident', 'removed', 'entries', 'move-out')),
  form text NOT NULL CHECK (form IN ('household', 'individual')),
  with_history boolean NOT NULL,
  household_id uuid,
  -- 記載事項: the optional items printed (household-head, registered-domicile, resident-code, my-number, …).
  items text[] NOT NULL,
  requester_kind text NOT NULL CHECK (requester_kind IN ('self', 'household-member', 'agent', 'third-party', 'official')),
  requester_name text CHECK (char_length(requester_name) <= 100),
  purpose text CHECK (char_length(purpose) <= 200),
  official_use boolean NOT NULL DEFAULT false,
  reissue boolean NOT NULL DEFAULT false,
  issued_at timestamptz NOT NULL DEFAULT now(),
  issued_on date NOT NULL,
  issue_location text CHECK (char_length(issue_location) <= 60),
  terminal text CHECK (char_length(terminal) <= 60),
  operator_id uuid NOT NULL,
  page_count int NOT NULL CHECK (page_count >= 1),
  pdf_sha256 text NOT NULL CHECK (pdf_sha256 ~ '^[0-9a-f]{64}$'),
  PRIMARY KEY (tenant_code, id),
  UNIQUE (tenant_code, certificate_no),
  FOREIGN KEY (tenant_code, household_id) REFERENCES household (tenant_code, id)
);
CREATE INDEX certificate_issuance_issued_on ON certificate_issuance (tenant_code, issued_on);

-- 交付対象者: one row per person printed, so 交付履歴照会 (2.2.2, j360) finds a person's issuances by index.
CREATE TABLE certificate_issuance_target (
  tenant_code text NOT NULL REFERENCES tenant,
  issuance_id uuid NOT NULL,
  resident_id uuid NOT NULL,
  PRIMARY KEY (tenant_code, issuance_id, resident_id),
  FOREIGN KEY (tenant_code, issuance_id) REFERENCES certificate_issuance (tenant_code, id),
  FOREIGN KEY (tenant_code, resident_id) REFERENCES resident (tenant_code, id)
);
CREATE INDEX certificate_issuance_target_resident ON certificate_issuance_target (tenant_code, resident_id);

-- 交付履歴 is history: added and read, never changed or deleted (j300 【実装しない機能】 削除).
REVOKE UPDATE, DELETE ON certificate_issuance, certificate_issuance_target FROM yakuba_app;
REVOKE DELETE ON certificate_numbering FROM yakuba_app;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['certificate_numbering', 'certificate_setting', 'certificate_issuance', 'certificate_issuance_target'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_code = current_tenant()) WITH CHECK (tenant_code = current_tenant())', t);
  END LOOP;
END $$;
