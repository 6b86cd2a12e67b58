-- The controller nodes of a cluster on one PostgreSQL database and where their console is reached (issue 22,
-- docs/architecture.md#leadership). Each node writes its row at start and every few seconds (seen_at, the
-- database's clock) and deletes it when it stops; GET /api/v1/cluster lists the nodes seen lately, so that the
-- console can name the surviving node when a live announcement ends because its node died or stopped leading.
-- Unused on H2 (one node).

CREATE TABLE controller_node (
    node        VARCHAR(200) NOT NULL PRIMARY KEY,
    console_url VARCHAR(500) NOT NULL,
    seen_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
