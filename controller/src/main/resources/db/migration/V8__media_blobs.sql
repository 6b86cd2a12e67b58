-- Stored audio kept in the database (on PostgreSQL, docs/deployment.md), so that a second controller node
-- reads what the first one wrote; the media directory is then only a local cache. Content-addressed: the key
-- is the SHA-256 of the bytes. The bytes are split into 1 MiB chunks, so no blob is ever held whole in memory.
-- PostgreSQL-compatible SQL (also runs on H2 in PostgreSQL mode, where BYTEA is BINARY VARYING).

CREATE TABLE media_blob (
    sha256     VARCHAR(64) PRIMARY KEY,
    size_bytes BIGINT      NOT NULL,
    chunks     INTEGER     NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE media_blob_chunk (
    sha256 VARCHAR(64) NOT NULL REFERENCES media_blob (sha256) ON DELETE CASCADE,
    seq    INTEGER     NOT NULL,
    data   BYTEA       NOT NULL,
    PRIMARY KEY (sha256, seq)
);
