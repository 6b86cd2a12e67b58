-- Issue 15: a schedule that names its hard time WAIT ({"mode": "WAIT"}, with or without maxWaitSeconds)
-- waits for the station to be free; the default WAIT lets a higher priority interrupt. Before, only a
-- non-zero maxWaitSeconds told the two apart, so existing rows keep that meaning.
ALTER TABLE schedule ADD COLUMN wait_asked BOOLEAN DEFAULT FALSE NOT NULL;
UPDATE schedule SET wait_asked = TRUE WHERE hard_time = 'WAIT' AND max_wait_seconds > 0;
