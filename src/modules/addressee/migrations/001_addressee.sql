-- 宛名管理・団体内統合宛名 (addressee). README.md explains the model; in short:
--   addressee               one person or corporation the 団体 deals with: 宛名番号 (the resident registry's
--                           series, so numbers never collide), 団体内統合宛名番号, link to the registry's
--                           person, 法人番号, 個人番号 of a 住登外者, merge pointer, lock
--   addressee_version       its items (name, kana, birth date, sex, address, residence) per change, append-only
--   addressee_delivery      送付先 per business and purpose with a validity period, append-only
-- A resident's items are copied from resident-registry events (their 宛名番号 is the registry's); a
-- 住登外者's or corporation's are entered here. Nothing is ever deleted: a merge points one record at
-- the other, and both numbers keep resolving.

CREATE TABLE addressee_numbering (
  tenant_code text NOT NULL REFERENCES tenant,
  series text NOT NULL CHECK (series IN ('integrated')),
  next_value bigint NOT NULL DEFAULT 1 CHECK (next_value >= 1),
  length int NOT NULL DEFAULT 15 CHECK (length BETWEEN 2 AND 16),
  PRIMARY KEY (tenant_code, series)
);

CREATE TABLE addressee (
  tenant_code text NOT NULL REFERENCES tenant,
  id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('person', 'corporation')),
  addressee_no text NOT NULL CHECK (addressee_no ~ '^[0-9]{2,20}$'),
  integrated_no text NOT NULL CHECK (integrated_no ~ '^[0-9]{2,20}$'),
  -- The resident registry's person (住民 or former 住民); NULL for a 住登外者 never registered here.
  resident_id uuid,
  corporate_no text CHECK (corporate_no ~ '^[0-9]{13}$'),
  -- 個人番号: a 住登外者's as the platform's ciphertext + keyed lookup; for a resident the lookup only,
  -- copied from the registry (which keeps the number), so both are found by 個人番号 in one place.
  my_number_token text,
  my_number_lookup text,
  -- Set when this record turned out to be the same as another: lookups by its numbers resolve there.
  merged_into uuid,
  last_history_no int NOT NULL DEFAULT 0,
  version int NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_code, id),
  UNIQUE (tenant_code, addressee_no),
  UNIQUE (tenant_code, integrated_no),
  FOREIGN KEY (tenant_code, merged_into) REFERENCES addressee (tenant_code, id),
  CHECK (my_number_token IS NULL OR my_number_lookup IS NOT NULL),
  CHECK (resident_id IS NULL OR my_number_token IS NULL),
  CHECK (kind = 'person' OR (resident_id IS NULL AND my_number_token IS NULL)),
  CHECK (kind = 'corporation' OR corporate_no IS NULL),
  CHECK (merged_into IS NULL OR merged_into <> id)
);
CREATE UNIQUE INDEX addressee_resident ON addressee (tenant_code, resident_id) WHERE resident_id IS NOT NULL;
CREATE UNIQUE INDEX addressee_corporate_no ON addressee (tenant_code, corporate_no) WHERE corporate_no IS NOT NULL AND merged_into IS NULL;
CREATE UNIQUE INDEX addressee_my_number ON addressee (tenant_code, my_number_lookup) WHERE my_number_lookup IS NOT NULL AND merged_into IS NULL;

CREATE TABLE addressee_version (
  tenant_code text NOT NULL REFERENCES tenant,
  addressee_id uuid NOT NULL,
  history_no int NOT NULL CHECK (history_no >= 1),
  -- Business date from which these items hold (for a resident: the registry's 異動日).
  valid_from date NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  reason text NOT NULL CHECK (reason IN ('registered', 'resident-registry', 'changed', 'merged')),
  operator_id uuid,
  -- 住民 (and how a former one left), or 住登外 for a person never (or no longer) known to the registry.
  residence text CHECK (residence IN ('resident', 'moved_out', 'deceased', 'removed', 'non_resident')),
  name text NOT NULL,
  name_kana text,
  birth_date date,
  sex text CHECK (sex IN ('1', '2')),
  address text NOT NULL,
  address_supplement text,
  postal_code text CHECK (postal_code ~ '^[0-9]{7}$'),
  -- src/jp toSearchKey keys: past names and addresses stay searchable.
  name_key text NOT NULL,
  name_kana_key text,
  address_key text NOT NULL,
  PRIMARY KEY (tenant_code, addressee_id, history_no),
  FOREIGN KEY (tenant_code, addressee_id) REFERENCES addressee (tenant_code, id)
);
CREATE INDEX addressee_version_timeline ON addressee_version (tenant_code, addressee_id, valid_from, history_no);
CREATE INDEX addressee_version_name_kana ON addressee_version (tenant_code, name_kana_key text_pattern_ops);
CREATE INDEX addressee_version_name ON addressee_version (tenant_code, name_key text_pattern_ops);
CREATE INDEX addressee_version_address ON addressee_version (tenant_code, address_key text_pattern_ops);
CREATE INDEX addressee_version_birth_date ON addressee_version (tenant_code, birth_date);

-- 送付先: where letters of one business (or every business, '*') go, and to whom, for a period.
-- Ending or changing one appends a row that supersedes it.
CREATE TABLE addressee_delivery (
  tenant_code text NOT NULL REFERENCES tenant,
  id uuid NOT NULL,
  addressee_id uuid NOT NULL,
  business text NOT NULL CHECK (business ~ '^(\*|[a-z][a-z0-9-]*)$'),
  purpose text NOT NULL CHECK (purpose IN ('mailing', 'tax_agent', 'guardian', 'representative')),
  recipient_name text NOT NULL,
  recipient_name_kana text,
  address text NOT NULL,
  address_supplement text,
  postal_code text CHECK (postal_code ~ '^[0-9]{7}$'),
  phone text,
  email text,
  valid_from date NOT NULL,
  valid_until date,
  supersedes uuid,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  operator_id uuid NOT NULL,
  PRIMARY KEY (tenant_code, id),
  FOREIGN KEY (tenant_code, addressee_id) REFERENCES addressee (tenant_code, id),
  FOREIGN KEY (tenant_code, supersedes) REFERENCES addressee_delivery (tenant_code, id),
  UNIQUE (tenant_code, supersedes),
  CHECK (valid_until IS NULL OR valid_until >= valid_from)
);
CREATE INDEX addressee_delivery_of ON addressee_delivery (tenant_code, addressee_id, business);

REVOKE UPDATE, DELETE ON addressee_version, addressee_delivery FROM yakuba_app;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['addressee_numbering', 'addressee', 'addressee_version', 'addressee_delivery'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_code = current_tenant()) WITH CHECK (tenant_code = current_tenant())', t);
  END LOOP;
END $$;
REVOKE DELETE ON addressee, addressee_numbering FROM yakuba_app;
