-- At most one dispatch per inbound bulletin (docs/integration.md#inbound-bulletins): a dispatch held for approval and
-- released again after a controller restart (inbound_hold, V28) must not be sent twice, also when two nodes finish
-- it at once. Console dispatches have no source_ref (NULLs do not collide in a unique index, H2 and PostgreSQL).
CREATE UNIQUE INDEX dispatch_source_ref ON dispatch (source, source_ref);
