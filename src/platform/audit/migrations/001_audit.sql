-- 監査ログ (DESIGN §5, 標準仕様 10.2 アクセスログ管理): one append-only, hash-chained log per tenant.
-- Each entry's hash covers all of its fields and the previous entry's hash (computed in TypeScript by
-- the same function that `yakuba audit verify` uses), so a changed, removed or reordered entry breaks
-- the chain from that point on. Entries name what was touched by internal id only: no names, no
-- addresses, no 個人番号, not even the number that was searched for (lookup_by_number says only that
-- the search key was a number).
CREATE TABLE audit_log (
  tenant_code text NOT NULL REFERENCES tenant,
  -- 1, 2, 3 … per tenant with no gap: a gap is how verification sees a deleted entry.
  seq bigint NOT NULL CHECK (seq > 0),
  id uuid NOT NULL,
  -- Stored at millisecond precision, exactly as hashed.
  occurred_at timestamptz NOT NULL,
  actor_kind text NOT NULL CHECK (actor_kind IN ('staff', 'operator', 'client', 'system')),
  actor_id text NOT NULL,
  -- The staff member's display name at the time (操作者), never a resident's.
  actor_name text,
  terminal text,
  -- Client IP address as text: inet would rewrite it on output and the stored value must be what was hashed.
  address text,
  -- NULL for the CLI and batch runs, which reach the database from no network zone.
  zone text CHECK (zone IN ('individual-number', 'lgwan', 'internet')),
  module text NOT NULL,
  function text NOT NULL,
  -- 操作ログ ①〜⑨ (inquiry … extract, hardcopy), 認証ログ (auth), 設定変更ログ (setting), エラーログ (error).
  category text NOT NULL CHECK (category IN (
    'inquiry', 'issue', 'record', 'correct', 'delete', 'batch-print', 'batch-update', 'hardcopy', 'extract',
    'auth', 'setting', 'error')),
  -- [{"kind": "resident", "id": "<uuid>"}, …]
  targets jsonb NOT NULL CHECK (jsonb_typeof(targets) = 'array'),
  my_number_accessed boolean NOT NULL,
  -- The search key was a number (宛名番号, 個人番号 …): 宛名番号等から該当者の検索実行一覧.
  lookup_by_number boolean NOT NULL,
  -- Rows a search returned: 大量検索実行一覧.
  search_count int CHECK (search_count >= 0),
  outcome text NOT NULL CHECK (outcome IN ('success', 'denied', 'failed')),
  detail jsonb,
  prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  PRIMARY KEY (tenant_code, seq),
  UNIQUE (tenant_code, id)
);
-- Every analysis and the list filter by period first.
CREATE INDEX audit_log_time ON audit_log (tenant_code, occurred_at);

-- The chain's head: the last entry's seq and hash, one row per tenant.
--
-- Why a locked head row and not pg_advisory_xact_lock: an append must read the previous hash and write
-- the next entry with no other append in between, across many connections, and hold that until the
-- audited transaction commits. Both serialise appends per tenant equally; the head row does it with an
-- ordinary row lock taken by `INSERT … ON CONFLICT DO UPDATE` (which also creates it on a tenant's first
-- append, race-free), needs no key space shared with other advisory-lock users, is scoped by RLS like
-- every tenant row, makes finding the previous entry a primary-key read, and lets verification see a
-- truncated tail: deleting the newest entries leaves the chain itself intact, but no longer matching
-- its head. In a REPEATABLE READ transaction a concurrent append makes the lock fail with a
-- serialisation error instead of reading a stale head, and the primary key on (tenant_code, seq)
-- refuses a duplicate in any case.
CREATE TABLE audit_head (
  tenant_code text PRIMARY KEY REFERENCES tenant,
  seq bigint NOT NULL CHECK (seq >= 0),
  hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$')
);

-- 改ざん防止措置: the application may append and read, never change or remove an entry. It must move
-- the head (UPDATE) but may not remove it.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM yakuba_app;
REVOKE DELETE, TRUNCATE ON audit_head FROM yakuba_app;

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_log USING (tenant_code = current_tenant()) WITH CHECK (tenant_code = current_tenant());
ALTER TABLE audit_head ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_head USING (tenant_code = current_tenant()) WITH CHECK (tenant_code = current_tenant());
