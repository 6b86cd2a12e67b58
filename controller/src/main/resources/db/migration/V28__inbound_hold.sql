-- Inbound bulletins (docs/integration.md#inbound-bulletins) of a NORMAL or PRIORITY level whose bulletin awaits
-- approval, as the console's would: their dispatch is held here until a reviewer decides on the bulletin. Approved:
-- the dispatch is sent (RELEASED, dispatch_id set) or, if it can no longer be sent (its proposed time or deadline
-- passed meanwhile), REFUSED with the reasons; rejected: REJECTED. Each decision goes back as an exchange receipt.
CREATE TABLE inbound_hold (
    ref            VARCHAR(200) PRIMARY KEY,
    bulletin_id    BIGINT       NOT NULL REFERENCES bulletin (id),
    level          VARCHAR(20)  NOT NULL,      -- NORMAL, PRIORITY
    title          VARCHAR(300) NOT NULL,
    proposed_at    TIMESTAMP WITH TIME ZONE,
    respond_by     TIMESTAMP WITH TIME ZONE,
    window_minutes BIGINT,
    commune_ids    VARCHAR(100000) NOT NULL,   -- comma-separated area ids
    sent_by        BIGINT       NOT NULL,
    state          VARCHAR(20)  NOT NULL,      -- HELD, RELEASED, REFUSED, REJECTED
    dispatch_id    BIGINT,
    refusal        VARCHAR(5000),
    held_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX inbound_hold_bulletin ON inbound_hold (bulletin_id);
