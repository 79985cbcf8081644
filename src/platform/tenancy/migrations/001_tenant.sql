-- 団体: the municipalities and prefectures this deployment serves. A platform table (not tenant-owned):
-- the directory itself, readable by the application role; every tenant-owned table refers to it.
CREATE TABLE tenant (
  tenant_code text PRIMARY KEY CHECK (tenant_code ~ '^[0-9]{6}$'),
  name text NOT NULL,
  prefecture text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('prefecture', 'designated_city', 'city', 'special_ward', 'designated_ward', 'town', 'village')),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
  added_at timestamptz NOT NULL DEFAULT now()
);
REVOKE DELETE ON tenant FROM yakuba_app;

-- tenant_code is text (not char(6)) everywhere: a policy comparing char(6) with the text setting casts the
-- column and can no longer use the tenant-first indexes. The CHECK here and the foreign keys keep its shape.

-- Helper for policies: the tenant of the current transaction, NULL when none is set.
-- A missing or empty setting means "no tenant" and matches no row.
CREATE FUNCTION current_tenant() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('app.tenant', true), '')
$$;
