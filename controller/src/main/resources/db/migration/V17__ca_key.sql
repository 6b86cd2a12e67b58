-- The station CA shared by the controller nodes of a cluster on PostgreSQL (issue 22, docs/security.md): its
-- certificate, and its private key encrypted (AES-256-GCM) with a key that is NOT in the database (a file
-- given to --ca-key-file on every node). One row, id 1, written by the first node that starts with the option.

CREATE TABLE ca_key (
    id              INTEGER        PRIMARY KEY CHECK (id = 1),
    certificate_pem VARCHAR(20000) NOT NULL,
    key_nonce       BYTEA          NOT NULL,
    key_ciphertext  BYTEA          NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
