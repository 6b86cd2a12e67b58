-- CAP expiries as a leader job (docs/integration.md#cap-12-alerts): an aired alert's <expires> is stored with it, and
-- whichever controller leads stops the announcement then and records when it did; nothing is kept in memory only, so
-- an expiry survives a restart and a failover. PostgreSQL-compatible SQL (also runs on H2).

ALTER TABLE cap_alert ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE cap_alert ADD COLUMN expired_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX cap_alert_expiry ON cap_alert (expires_at);
