-- Transactional outbox (DESIGN §4). A procedure writes its rows, its events and one delivery row per
-- subscriber in one transaction; the dispatcher works through the deliveries; each subscriber records
-- what it has applied in its inbox in the same transaction as its effects.
CREATE TABLE event_outbox (
  tenant_code text NOT NULL REFERENCES tenant,
  id uuid NOT NULL,
  -- Write order across the deployment: delivery follows it within an aggregate.
  seq bigint GENERATED ALWAYS AS IDENTITY,
  type text NOT NULL,
  version int NOT NULL,
  aggregate_id text NOT NULL,
  payload jsonb NOT NULL,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_code, id)
);
CREATE INDEX event_outbox_seq ON event_outbox (tenant_code, seq);
-- History: the application may add and read events, never change them.
REVOKE UPDATE, DELETE ON event_outbox FROM yakuba_app;

CREATE TABLE event_delivery (
  tenant_code text NOT NULL REFERENCES tenant,
  subscriber text NOT NULL,
  event_id uuid NOT NULL,
  seq bigint NOT NULL,
  aggregate_id text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
  attempts int NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  delivered_at timestamptz,
  PRIMARY KEY (tenant_code, subscriber, event_id),
  FOREIGN KEY (tenant_code, event_id) REFERENCES event_outbox (tenant_code, id)
);
CREATE INDEX event_delivery_open ON event_delivery (tenant_code, subscriber, aggregate_id, seq) WHERE status <> 'delivered';
-- The dispatcher walks pending deliveries in write order; the partial index keeps that walk short.
CREATE INDEX event_delivery_pending ON event_delivery (tenant_code, seq) WHERE status = 'pending';

CREATE TABLE event_inbox (
  tenant_code text NOT NULL REFERENCES tenant,
  subscriber text NOT NULL,
  event_id uuid NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_code, subscriber, event_id)
);
REVOKE UPDATE, DELETE ON event_inbox FROM yakuba_app;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['event_outbox', 'event_delivery', 'event_inbox'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_code = current_tenant()) WITH CHECK (tenant_code = current_tenant())', t);
  END LOOP;
END $$;

-- The dispatcher must find which tenants have work without seeing any tenant's rows: this function
-- runs as the owner and reveals only tenant codes. The work itself is done inside each tenant's context.
CREATE FUNCTION tenants_with_due_deliveries() RETURNS SETOF text
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT DISTINCT tenant_code FROM event_delivery WHERE status = 'pending' AND next_attempt_at <= now()
$$;
REVOKE ALL ON FUNCTION tenants_with_due_deliveries() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tenants_with_due_deliveries() TO yakuba_app;
