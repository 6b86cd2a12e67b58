-- A relay's fallback (issue 15): the bulletin played in a loop while its upstream is down in a window, instead of
-- dead air. No foreign key: a bulletin deleted later only means the relay falls back to nothing (logged, shown in
-- the relay's lastError).
ALTER TABLE relay ADD COLUMN fallback_bulletin_id BIGINT;
