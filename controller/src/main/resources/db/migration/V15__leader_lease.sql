-- Leadership of a controller cluster on one PostgreSQL database (issue 22, docs/architecture.md#leadership):
-- one row (id 1), taken over and renewed by compare-and-set. generation is the fencing token: incremented at
-- each take-over and checked inside the writes only the leader may make. The row is created by the first node
-- that reads it (no seed row here, so migrate-db copies into an empty table). Unused on H2 (one node).

CREATE TABLE leader_lease (
    id            INTEGER      PRIMARY KEY CHECK (id = 1),
    holder        VARCHAR(200) NOT NULL,
    agent_address VARCHAR(300) NOT NULL,
    generation    BIGINT       NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
