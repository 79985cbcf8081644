-- 住民基本台帳 (resident-registry). README.md explains the model; in short:
--   resident, household          identity and the current-row lock (version); the only rows ever updated
--   resident_change              one row per 異動 (procedure run): dates, operator, flags
--   resident_version             a person's full snapshot per 異動 (1.2.1: 宛名番号 + 履歴番号, all items)
--   household_version(+_member)  a household's snapshot per 異動: head and ordered members
-- History is bitemporal and append-only: valid_from is business time (異動日), recorded_at system time
-- (処理日時). A correction or cancellation never changes a row; it appends one that names the row it
-- supersedes (supersedes_history_no). "As of date D, as known at time T" is resident_version_as_of().

-- 続柄 (1.1.11, j110): 世帯主, 縁故者, 同居人, or up to four terms of ② joined by 「の」. The rule with its
-- messages is rules/relationship.ts; this is the last line of defence and must accept the same values.
CREATE DOMAIN resident_relationship AS text CHECK (
  VALUE ~ '^(世帯主|縁故者|同居人|(夫|妻|夫（未届）|妻（未届）|子|父|母|兄|姉|弟|妹)(の(夫|妻|夫（未届）|妻（未届）|子|父|母|兄|姉|弟|妹)){0,3})$'
);

-- 異動事由 (1.2.2, j210); data-list.ts CHANGE_REASONS holds the names. schema.test.ts keeps the two equal.
CREATE DOMAIN resident_change_reason AS text CHECK (VALUE IN (
  'domestic_move_in', 'move_in_from_abroad', 'birth', 'ex_officio_entry_naturalization', 'ex_officio_entry_nationality_loss',
  'ex_officio_entry', 'reissue_entry', 'remake_entry', 'cancellation_increase',
  'domestic_move_out', 'move_out_abroad', 'death', 'ex_officio_removal_naturalization', 'ex_officio_removal_nationality_loss',
  'ex_officio_removal', 'reissue_removal', 'remake_removal', 'cancellation_decrease',
  'move_within', 'minor_correction', 'ex_officio_correction', 'clerical_correction', 'my_number_change_request',
  'my_number_ex_officio_correction', 'my_number_ex_officio_entry', 'resident_code_change_request', 'resident_code_ex_officio_entry',
  'household_separation', 'household_merger', 'household_change', 'household_head_change', 'former_surname_entry',
  'former_surname_change', 'former_surname_deletion', 'alias_entry', 'alias_deletion', 'cancellation_correction'
));

-- 宛名番号・世帯番号の自動付番 (1.1.13): the next serial per series; rules/numbering.ts adds the check digit.
CREATE TABLE resident_numbering (
  tenant_code text NOT NULL REFERENCES tenant,
  series text NOT NULL CHECK (series IN ('addressee', 'household')),
  next_value bigint NOT NULL DEFAULT 1 CHECK (next_value >= 1),
  -- Total length incl. the check digit; the standard fixes none.
  length int NOT NULL DEFAULT 10 CHECK (length BETWEEN 2 AND 16),
  PRIMARY KEY (tenant_code, series)
);

-- A person on this registry, across 転出 and 再転入 (4.1.1.2 keeps the 宛名番号) and 帰化 (4.5.3 keeps it).
CREATE TABLE resident (
  tenant_code text NOT NULL REFERENCES tenant,
  id uuid NOT NULL,
  addressee_no text NOT NULL CHECK (addressee_no ~ '^[0-9]{2,20}$'),
  -- Current 住民票コード, for lookup; its history is in resident_version.
  resident_code text CHECK (resident_code ~ '^[0-9]{11}$'),
  -- 個人番号: the platform's ciphertext (src/platform/my-number encryptMyNumber) and its keyed lookup hash
  -- (myNumberLookupKey). Only here, the one row a key rotation rewrites; history rows keep the lookup only.
  my_number_token text,
  my_number_lookup text,
  -- 履歴番号 of the latest version: the next one is this + 1.
  last_history_no int NOT NULL DEFAULT 0 CHECK (last_history_no >= 0),
  -- Optimistic lock: every procedure touching the person bumps it in the same transaction.
  version int NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_code, id),
  UNIQUE (tenant_code, addressee_no),
  CHECK ((my_number_token IS NULL) = (my_number_lookup IS NULL))
);
CREATE UNIQUE INDEX resident_resident_code ON resident (tenant_code, resident_code) WHERE resident_code IS NOT NULL;
CREATE UNIQUE INDEX resident_my_number_lookup ON resident (tenant_code, my_number_lookup) WHERE my_number_lookup IS NOT NULL;

CREATE TABLE household (
  tenant_code text NOT NULL REFERENCES tenant,
  id uuid NOT NULL,
  household_no text NOT NULL CHECK (household_no ~ '^[0-9]{2,20}$'),
  last_history_no int NOT NULL DEFAULT 0 CHECK (last_history_no >= 0),
  version int NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_code, id),
  UNIQUE (tenant_code, household_no)
);

-- 異動: one run of a procedure (1.2.1). Cancellations (4.6) and corrections (4.2.3) are changes too.
CREATE TABLE resident_change (
  tenant_code text NOT NULL REFERENCES tenant,
  id uuid NOT NULL,
  procedure text NOT NULL CHECK (procedure ~ '^[a-z][a-z0-9_]*$'),
  basis text NOT NULL CHECK (basis IN ('notification', 'ex_officio', 'request', 'family_register_notice', 'claim')),
  effective_date date NOT NULL,
  -- 届出日, 戸籍届出・通知日, 申出日 or 請求日: one item, as 4.1.0.2 allows; none for 職権.
  notified_date date,
  processed_at timestamptz NOT NULL DEFAULT now(),
  -- 処理日 (4.0.3): the day in Japan, set by the application with processed_at.
  processed_on date NOT NULL,
  operator_id uuid NOT NULL,
  input_location text,
  input_terminal text,
  late_notification boolean NOT NULL DEFAULT false,
  cancels_change_id uuid,
  corrects_change_id uuid,
  remark text,
  PRIMARY KEY (tenant_code, id),
  FOREIGN KEY (tenant_code, cancels_change_id) REFERENCES resident_change (tenant_code, id),
  FOREIGN KEY (tenant_code, corrects_change_id) REFERENCES resident_change (tenant_code, id),
  CHECK (cancels_change_id IS NULL OR corrects_change_id IS NULL),
  CHECK (notified_date IS NULL OR notified_date <= processed_on),
  CHECK (basis = 'ex_officio' OR notified_date IS NOT NULL)
);
-- 除票 are kept in 処理年月日 order (1.1.5); the 異動履歴照会 walks changes by time.
CREATE INDEX resident_change_processed ON resident_change (tenant_code, processed_at);
CREATE INDEX resident_change_cancels ON resident_change (tenant_code, cancels_change_id) WHERE cancels_change_id IS NOT NULL;
CREATE INDEX resident_change_late ON resident_change (tenant_code, processed_on) WHERE late_notification;

CREATE TABLE resident_version (
  tenant_code text NOT NULL REFERENCES tenant,
  resident_id uuid NOT NULL,
  history_no int NOT NULL CHECK (history_no >= 1),
  change_id uuid NOT NULL,
  reason resident_change_reason NOT NULL,
  valid_from date NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  supersedes_history_no int CHECK (supersedes_history_no < history_no),
  resident_kind text NOT NULL CHECK (resident_kind IN ('japanese', 'foreign')),
  status text NOT NULL CHECK (status IN ('resident', 'moved_out', 'deceased', 'removed')),
  -- 世帯 items are kept per person too (1.2.1), as they read on the person's 住民票 at that time.
  household_id uuid NOT NULL,
  household_no text NOT NULL,
  household_head_name text,
  household_head_name_kana text,
  relationship resident_relationship NOT NULL,
  name text,
  name_alphabet text,
  name_kana text, name_kana_confirmed boolean NOT NULL DEFAULT false,
  former_surname text, former_surname_kana text, former_surname_kana_confirmed boolean NOT NULL DEFAULT false,
  alias text, alias_kana text, alias_kana_confirmed boolean NOT NULL DEFAULT false,
  alias_entered_on date, alias_entered_municipality text, alias_entered_municipality_code text CHECK (alias_entered_municipality_code ~ '^[0-9]{6}$'),
  alias_deleted_on date, alias_deleted_municipality text, alias_deleted_municipality_code text CHECK (alias_deleted_municipality_code ~ '^[0-9]{6}$'),
  -- Dates that may be 不詳 or not on the calendar (1.1.8) keep a calendar date plus the notation.
  birth_date date NOT NULL, birth_date_notation text,
  sex text NOT NULL CHECK (sex IN ('1', '2')),
  registered_domicile text,
  family_register_head text,
  became_resident_on date, became_resident_on_notation text,
  address text NOT NULL,
  address_supplement text,
  address_code text,
  postal_code text CHECK (postal_code ~ '^[0-9]{7}$'),
  address_set_on date NOT NULL,
  address_set_on_notation text,
  notified_on date,
  previous_address text,
  previous_address_abroad boolean NOT NULL DEFAULT false,
  previous_address_code text,
  previous_postal_code text CHECK (previous_postal_code ~ '^[0-9]{7}$'),
  last_registered_address text,
  resident_code text CHECK (resident_code ~ '^[0-9]{11}$'),
  my_number_lookup text,
  -- 外国人住民 (1.1.2)
  nationality text,
  foreign_resident_category text CHECK (foreign_resident_category IN (
    'mid_long_term', 'special_permanent', 'temporary_refuge', 'provisional_stay', 'transitional_birth', 'transitional_nationality_loss')),
  became_foreign_resident_on date, became_foreign_resident_on_notation text,
  former_alien_registration_on date, former_alien_registration_on_notation text,
  residence_status text,
  period_of_stay text,
  period_of_stay_expires_on date,
  residence_card_no text CHECK (residence_card_no ~ '^[A-Z]{2}[0-9]{8}[A-Z]{2}$'),
  landing_period text, provisional_stay_period text,
  residence_notification_made boolean NOT NULL DEFAULT false,
  moved_in_with_landing_permit boolean NOT NULL DEFAULT false,
  -- Items of other businesses on the 住民票 (法7条), fed by their events.
  electoral_roll_registered boolean NOT NULL DEFAULT false,
  nhi_insured boolean NOT NULL DEFAULT false, nhi_acquired_on date, nhi_lost_on date,
  late_elderly_insured boolean NOT NULL DEFAULT false, late_elderly_acquired_on date, late_elderly_lost_on date,
  long_term_care_insured boolean NOT NULL DEFAULT false, long_term_care_acquired_on date, long_term_care_lost_on date,
  pension_insured boolean NOT NULL DEFAULT false, pension_acquired_on date, pension_lost_on date,
  basic_pension_no text, pension_category text, pension_category_changed_on date,
  child_allowance_from text CHECK (child_allowance_from ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  child_allowance_until text CHECK (child_allowance_until ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  card_status text, adult_ward boolean NOT NULL DEFAULT false, signature_cert_serial text, user_cert_serial text,
  -- 除票 (1.1.5)
  removal_reason resident_change_reason,
  removal_event_date date,
  move_out_destination text,
  move_out_destination_abroad boolean NOT NULL DEFAULT false,
  move_out_destination_code text,
  move_out_destination_postal_code text CHECK (move_out_destination_postal_code ~ '^[0-9]{7}$'),
  move_out_confirmed_destination text,
  move_out_confirmed_destination_code text,
  move_out_confirmed_destination_postal_code text CHECK (move_out_confirmed_destination_postal_code ~ '^[0-9]{7}$'),
  move_in_notice_on date, moved_out_on date,
  -- Search keys (2.1.2, 2.1.3), written by the application with src/jp toSearchKey: past names and
  -- addresses stay searchable because every version keeps its own.
  name_key text, name_kana_key text, given_name_kana_key text, former_surname_kana_key text, alias_kana_key text, address_key text,
  PRIMARY KEY (tenant_code, resident_id, history_no),
  FOREIGN KEY (tenant_code, resident_id) REFERENCES resident (tenant_code, id),
  FOREIGN KEY (tenant_code, change_id) REFERENCES resident_change (tenant_code, id),
  FOREIGN KEY (tenant_code, household_id) REFERENCES household (tenant_code, id),
  FOREIGN KEY (tenant_code, resident_id, supersedes_history_no) REFERENCES resident_version (tenant_code, resident_id, history_no),
  -- A version is superseded at most once.
  UNIQUE (tenant_code, resident_id, supersedes_history_no),
  CHECK (name IS NOT NULL OR name_alphabet IS NOT NULL),
  CHECK ((status = 'resident') = (removal_reason IS NULL)),
  CHECK (status <> 'resident' OR resident_code IS NOT NULL),
  -- 1.1.6 空欄: 戸籍の表示 and 住民となった年月日 for 日本人住民; 区分 and 外国人住民となった年月日 for 外国人住民.
  CHECK (resident_kind <> 'japanese' OR (registered_domicile IS NOT NULL AND family_register_head IS NOT NULL
    AND became_resident_on IS NOT NULL AND foreign_resident_category IS NULL)),
  CHECK (resident_kind <> 'foreign' OR (foreign_resident_category IS NOT NULL AND became_foreign_resident_on IS NOT NULL
    AND registered_domicile IS NULL AND nationality IS NOT NULL))
);
-- As-of queries: the latest live version at or before a date, per person.
CREATE INDEX resident_version_timeline ON resident_version (tenant_code, resident_id, valid_from, history_no);
CREATE INDEX resident_version_change ON resident_version (tenant_code, change_id);
-- Prefix search (LIKE 'ヤマダ%') over current and past names and addresses, independent of collation.
CREATE INDEX resident_version_name_kana ON resident_version (tenant_code, name_kana_key text_pattern_ops);
CREATE INDEX resident_version_given_name_kana ON resident_version (tenant_code, given_name_kana_key text_pattern_ops);
CREATE INDEX resident_version_name ON resident_version (tenant_code, name_key text_pattern_ops);
CREATE INDEX resident_version_former_surname_kana ON resident_version (tenant_code, former_surname_kana_key text_pattern_ops) WHERE former_surname_kana_key IS NOT NULL;
CREATE INDEX resident_version_alias_kana ON resident_version (tenant_code, alias_kana_key text_pattern_ops) WHERE alias_kana_key IS NOT NULL;
CREATE INDEX resident_version_address ON resident_version (tenant_code, address_key text_pattern_ops);
CREATE INDEX resident_version_birth_date ON resident_version (tenant_code, birth_date);
CREATE INDEX resident_version_resident_code ON resident_version (tenant_code, resident_code) WHERE resident_code IS NOT NULL;
CREATE INDEX resident_version_residence_card ON resident_version (tenant_code, residence_card_no) WHERE residence_card_no IS NOT NULL;

CREATE TABLE household_version (
  tenant_code text NOT NULL REFERENCES tenant,
  household_id uuid NOT NULL,
  history_no int NOT NULL CHECK (history_no >= 1),
  change_id uuid NOT NULL,
  valid_from date NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  supersedes_history_no int CHECK (supersedes_history_no < history_no),
  status text NOT NULL CHECK (status IN ('active', 'dissolved')),
  -- NULL: 世帯主未設定, which the standard allows (1.1.10).
  head_resident_id uuid,
  PRIMARY KEY (tenant_code, household_id, history_no),
  FOREIGN KEY (tenant_code, household_id) REFERENCES household (tenant_code, id),
  FOREIGN KEY (tenant_code, change_id) REFERENCES resident_change (tenant_code, id),
  FOREIGN KEY (tenant_code, household_id, supersedes_history_no) REFERENCES household_version (tenant_code, household_id, history_no),
  UNIQUE (tenant_code, household_id, supersedes_history_no),
  CHECK (status = 'active' OR head_resident_id IS NULL)
);
CREATE INDEX household_version_timeline ON household_version (tenant_code, household_id, valid_from, history_no);
CREATE INDEX household_version_change ON household_version (tenant_code, change_id);

-- 世帯員 in their order (5.2) for one household version. The 続柄 is the person's own item (resident_version).
CREATE TABLE household_version_member (
  tenant_code text NOT NULL REFERENCES tenant,
  household_id uuid NOT NULL,
  history_no int NOT NULL,
  member_order int NOT NULL CHECK (member_order >= 1),
  resident_id uuid NOT NULL,
  PRIMARY KEY (tenant_code, household_id, history_no, member_order),
  UNIQUE (tenant_code, household_id, history_no, resident_id),
  FOREIGN KEY (tenant_code, household_id, history_no) REFERENCES household_version (tenant_code, household_id, history_no),
  FOREIGN KEY (tenant_code, resident_id) REFERENCES resident (tenant_code, id)
);
CREATE INDEX household_version_member_resident ON household_version_member (tenant_code, resident_id);
-- The head is one of the version's members; checked at commit, after the members are written.
ALTER TABLE household_version ADD CONSTRAINT household_version_head_is_member
  FOREIGN KEY (tenant_code, household_id, history_no, head_resident_id)
  REFERENCES household_version_member (tenant_code, household_id, history_no, resident_id)
  DEFERRABLE INITIALLY DEFERRED;

-- History: the application may add and read, never change or delete (除票 are kept 150 years, 1.1.5).
REVOKE UPDATE, DELETE ON resident_change, resident_version, household_version, household_version_member FROM yakuba_app;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['resident_numbering', 'resident', 'household', 'resident_change', 'resident_version',
                           'household_version', 'household_version_member'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_code = current_tenant()) WITH CHECK (tenant_code = current_tenant())', t);
  END LOOP;
END $$;

-- Each person's state on business date p_date as the registry knew it at p_known_at: the live version
-- (recorded by then and not superseded by then) with the latest valid_from on or before p_date; ties go
-- to the later 履歴番号. Rows the caller's tenant cannot see are invisible here too (SECURITY INVOKER).
CREATE FUNCTION resident_version_as_of(p_date date, p_known_at timestamptz DEFAULT now())
  RETURNS SETOF resident_version LANGUAGE sql STABLE AS $$
  SELECT DISTINCT ON (v.resident_id) v.*
  FROM resident_version v
  WHERE v.tenant_code = current_tenant()
    AND v.valid_from <= p_date
    AND v.recorded_at <= p_known_at
    AND NOT EXISTS (
      SELECT 1 FROM resident_version s
      WHERE s.tenant_code = v.tenant_code AND s.resident_id = v.resident_id
        AND s.supersedes_history_no = v.history_no AND s.recorded_at <= p_known_at)
  ORDER BY v.resident_id, v.valid_from DESC, v.history_no DESC
$$;

CREATE FUNCTION household_version_as_of(p_date date, p_known_at timestamptz DEFAULT now())
  RETURNS SETOF household_version LANGUAGE sql STABLE AS $$
  SELECT DISTINCT ON (v.household_id) v.*
  FROM household_version v
  WHERE v.tenant_code = current_tenant()
    AND v.valid_from <= p_date
    AND v.recorded_at <= p_known_at
    AND NOT EXISTS (
      SELECT 1 FROM household_version s
      WHERE s.tenant_code = v.tenant_code AND s.household_id = v.household_id
        AND s.supersedes_history_no = v.history_no AND s.recorded_at <= p_known_at)
  ORDER BY v.household_id, v.valid_from DESC, v.history_no DESC
$$;
