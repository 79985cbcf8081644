-- 利用量: what each 団体 uses of the platform, per business and Japan-time day, measured by the running
-- system (issue #11). The counters (API requests, job CPU, certificates) grow as the work happens; the
-- stored rows and bytes are the last snapshot of the day. A tenant table like any other: a 団体 may be
-- shown its own usage, and the operator reads each 団体's rows in that 団体's transaction.
CREATE TABLE usage_daily (
  tenant_code text NOT NULL REFERENCES tenant,
  day date NOT NULL,
  -- A module id (resident-registry …) or 'platform' for the common kernel (accounts, audit, events, jobs).
  business text NOT NULL CHECK (business ~ '^[a-z][a-z0-9-]*$'),
  stored_rows bigint NOT NULL DEFAULT 0 CHECK (stored_rows >= 0),
  stored_bytes bigint NOT NULL DEFAULT 0 CHECK (stored_bytes >= 0),
  api_requests bigint NOT NULL DEFAULT 0 CHECK (api_requests >= 0),
  job_cpu_ms bigint NOT NULL DEFAULT 0 CHECK (job_cpu_ms >= 0),
  certificates bigint NOT NULL DEFAULT 0 CHECK (certificates >= 0),
  -- When stored_rows/stored_bytes/certificates were last measured; NULL while only counters were added.
  measured_at timestamptz,
  PRIMARY KEY (tenant_code, day, business)
);
ALTER TABLE usage_daily ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON usage_daily USING (tenant_code = current_tenant()) WITH CHECK (tenant_code = current_tenant());
