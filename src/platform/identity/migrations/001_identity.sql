-- Staff identity (DESIGN §5). Staff accounts belong to one 団体 and are tenant-owned; operator accounts
-- span 団体 and live in a platform table. Sessions are a platform table keyed by the hash of an
-- unguessable token: a request must find its session before it knows its tenant.

CREATE TABLE staff_user (
  tenant_code text NOT NULL REFERENCES tenant,
  id uuid NOT NULL,
  login_name text NOT NULL CHECK (login_name ~ '^[A-Za-z0-9._@-]{3,64}$'),
  display_name text NOT NULL,
  department text,
  password_hash text NOT NULL,
  -- Set by an administrator's reset: the user must choose a new password at the next sign-in.
  must_change_password boolean NOT NULL DEFAULT false,
  totp_secret text,
  -- The last accepted TOTP time step: a code is accepted once (no replay within its window).
  totp_last_step bigint,
  roles text[] NOT NULL DEFAULT '{}',
  -- 利用期間 (j1380): outside it the account cannot sign in.
  valid_from date,
  valid_until date,
  disabled_at timestamptz,
  failed_attempts int NOT NULL DEFAULT 0,
  locked_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_code, id),
  UNIQUE (tenant_code, login_name)
);

CREATE TABLE staff_role (
  tenant_code text NOT NULL REFERENCES tenant,
  name text NOT NULL CHECK (name ~ '^[a-z][a-z0-9-]{1,63}$'),
  title text NOT NULL,
  permissions text[] NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_code, name)
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['staff_user', 'staff_role'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_code = current_tenant()) WITH CHECK (tenant_code = current_tenant())', t);
  END LOOP;
END $$;

CREATE TABLE operator_account (
  id uuid PRIMARY KEY,
  login_name text NOT NULL UNIQUE CHECK (login_name ~ '^[A-Za-z0-9._@-]{3,64}$'),
  display_name text NOT NULL,
  password_hash text NOT NULL,
  must_change_password boolean NOT NULL DEFAULT false,
  totp_secret text,
  totp_last_step bigint,
  disabled_at timestamptz,
  failed_attempts int NOT NULL DEFAULT 0,
  locked_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE auth_session (
  -- SHA-256 of the session token: the token itself is only ever in the user's cookie.
  id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('staff', 'operator')),
  tenant_code text REFERENCES tenant,
  account_id uuid NOT NULL,
  zone text NOT NULL CHECK (zone IN ('individual-number', 'lgwan', 'internet')),
  second_factor boolean NOT NULL,
  csrf_token text NOT NULL,
  address text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  CHECK ((kind = 'staff') = (tenant_code IS NOT NULL))
);
CREATE INDEX auth_session_account ON auth_session (account_id) WHERE revoked_at IS NULL;

-- Integration clients (other systems, other vendors): client credentials for short-lived tokens.
CREATE TABLE api_client (
  tenant_code text NOT NULL REFERENCES tenant,
  client_id text NOT NULL CHECK (client_id ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
  title text NOT NULL,
  secret_hash text NOT NULL,
  scopes text[] NOT NULL,
  disabled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_code, client_id)
);
ALTER TABLE api_client ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON api_client USING (tenant_code = current_tenant()) WITH CHECK (tenant_code = current_tenant());
