-- Remote agent settings (issue 17, docs/configuration.md#agent-settings): a push replaces either the station's
-- hardware file or its agent settings (station.properties). The pushed text stays in hardware_file (named for the
-- first kind of push); config_file says which file it is.

ALTER TABLE station_config_push ADD COLUMN config_file VARCHAR(20) DEFAULT 'HARDWARE_FILE' NOT NULL;
