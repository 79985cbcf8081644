-- A feed position for readers that poll ("changes since position P", DESIGN §4 query ports). The outbox
-- `seq` alone is not one: a transaction can draw a lower seq and commit after a reader has passed it. The
-- writing transaction's id is: every transaction older than the oldest one still running has finished,
-- so rows with xid below that horizon are final, and (xid, seq) orders them once and for all.
ALTER TABLE event_outbox ADD COLUMN xid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX event_outbox_feed ON event_outbox (tenant_code, xid, seq);
