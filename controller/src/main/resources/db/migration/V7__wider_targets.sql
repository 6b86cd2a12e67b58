-- Targets listing thousands of stations or zones (a province-wide list) must fit: 20,000 characters
-- held about 3,000 ids. Standard SQL, accepted by H2 and PostgreSQL.
ALTER TABLE schedule ALTER COLUMN targets_json SET DATA TYPE VARCHAR(1000000);
ALTER TABLE announcement ALTER COLUMN targets_json SET DATA TYPE VARCHAR(1000000);
ALTER TABLE relay ALTER COLUMN targets_json SET DATA TYPE VARCHAR(1000000);
