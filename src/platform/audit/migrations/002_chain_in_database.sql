-- The chain's link is computed by the database, in the same statement that takes the head (format 2).
--
-- Why: the head row stays locked from the append to the commit, so every audited write of a tenant
-- waits for the one before it. Format 1 read the head in one statement, hashed in TypeScript and wrote
-- the entry in a second: the lock was held over two round trips to the application and its commit.
-- Now the application hashes the entry's own fields before it asks (auditBodyHash in hash.ts) and one
-- statement locks the head, links the entry (SHA-256 over the format, the tenant, the previous hash, seq,
-- the time and that body hash) and writes it: the lock is held over one round trip less. Verification
-- recomputes both hashes in TypeScript (verify.ts); entries of format 1 keep being checked as before.
ALTER TABLE audit_log ADD COLUMN format smallint NOT NULL DEFAULT 1 CHECK (format IN (1, 2));

-- What the trigger needs of the entry being appended, and what it gives back to the same statement.
ALTER TABLE audit_head
  ADD COLUMN body_hash text CHECK (body_hash ~ '^[0-9a-f]{64}$'),
  ADD COLUMN prev_hash text CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  ADD COLUMN occurred_at timestamptz;

-- Runs on the head row once its lock is held: the clock is read after the lock, so the entries of one
-- tenant are stamped in chain order. occurred_at is kept if the statement gives one (imports, tests).
CREATE FUNCTION audit_head_advance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.seq := 1;
    NEW.prev_hash := repeat('0', 64);
  ELSE
    NEW.seq := OLD.seq + 1;
    NEW.prev_hash := OLD.hash;
  END IF;
  NEW.occurred_at := coalesce(date_trunc('milliseconds', NEW.occurred_at), date_trunc('milliseconds', clock_timestamp()));
  NEW.hash := encode(sha256(convert_to(concat_ws('|', 'yakuba-audit-v2', NEW.tenant_code, NEW.prev_hash, NEW.seq::text,
    to_char(NEW.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), NEW.body_hash), 'UTF8')), 'hex');
  RETURN NEW;
END $$;

CREATE TRIGGER audit_head_advance BEFORE INSERT OR UPDATE ON audit_head FOR EACH ROW EXECUTE FUNCTION audit_head_advance();
