-- Batch jobs (DESIGN §1.5). One row per job: what to do (type, params), how far it got (done,
-- cursor: the checkpoint, written in the same transaction as each chunk's effects) and who is running
-- it (runner_id, heartbeat_at), so that a job whose process died can be told from one still at work.
CREATE TABLE job (
  tenant_code text NOT NULL REFERENCES tenant,
  id uuid NOT NULL,
  type text NOT NULL,
  title text NOT NULL,
  params jsonb NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  -- Counted by plan() at submission; the data may change before the run, so done may end above it.
  total bigint NOT NULL CHECK (total >= 0),
  done bigint NOT NULL DEFAULT 0 CHECK (done >= 0),
  "cursor" jsonb,
  chunk_size int NOT NULL CHECK (chunk_size > 0),
  cancel_requested boolean NOT NULL DEFAULT false,
  error text,
  -- How many times a runner has taken the job up (1 for an uninterrupted run).
  runs int NOT NULL DEFAULT 0,
  runner_id text,
  heartbeat_at timestamptz,
  -- Time spent in committed chunks, across runs: the rate is done / elapsed, unaffected by the hours a
  -- crashed job may have waited for its resume.
  elapsed_ms bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  PRIMARY KEY (tenant_code, id),
  -- A runner owns a job exactly while it runs: every chunk checks it still does (fencing).
  CONSTRAINT job_runner_while_running CHECK ((status = 'running') = (runner_id IS NOT NULL))
);
CREATE INDEX job_recent ON job (tenant_code, created_at DESC);
CREATE INDEX job_open ON job (created_at) WHERE status IN ('queued', 'running');

ALTER TABLE job ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON job USING (tenant_code = current_tenant()) WITH CHECK (tenant_code = current_tenant());

-- The worker must find work across tenants without seeing any tenant's rows: this function runs as the
-- owner and reveals only (tenant, id). Queued jobs, and running ones whose heartbeat is older than
-- stale_after_secs (their runner died between or during chunks); the claim re-checks under the row lock.
CREATE FUNCTION job_candidates(job_types text[], stale_after_secs double precision, include_queued boolean, max_rows int)
  RETURNS TABLE (tenant_code text, id uuid)
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  SELECT j.tenant_code, j.id FROM job j
  WHERE j.status IN ('queued', 'running')
    AND ((include_queued AND j.status = 'queued')
      OR (j.status = 'running' AND j.heartbeat_at < clock_timestamp() - make_interval(secs => stale_after_secs)))
    AND (job_types IS NULL OR j.type = ANY (job_types))
  ORDER BY j.created_at, j.id
  LIMIT max_rows
$$;
REVOKE ALL ON FUNCTION job_candidates(text[], double precision, boolean, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION job_candidates(text[], double precision, boolean, int) TO yakuba_app;
