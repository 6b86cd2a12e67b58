-- The controller's release-signing key (issue 17, docs/updates.md) for a cluster on PostgreSQL: the Ed25519
-- private key encrypted (AES-256-GCM) with the same key file as the station CA (--ca-key-file), so that every
-- node signs releases with one key. One row, id 1. A single controller keeps it under <data>/pki/ instead.

CREATE TABLE release_key (
    id             INTEGER        PRIMARY KEY CHECK (id = 1),
    public_key     BYTEA          NOT NULL,
    key_nonce      BYTEA          NOT NULL,
    key_ciphertext BYTEA          NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
