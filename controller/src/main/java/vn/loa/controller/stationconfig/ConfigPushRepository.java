package vn.loa.controller.stationconfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import vn.loa.controller.storage.Jdbc;

/** Table {@code station_config_push}. Calls block: never on an event loop. */
public final class ConfigPushRepository {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Jdbc jdbc;

    public ConfigPushRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public long create(long stationId, ConfigPush.File file, String text, long pushedBy, Instant at) {
        return jdbc.inTransaction(c -> Jdbc.insert(c, "INSERT INTO station_config_push (station_id, config_file, "
                + "hardware_file, state, pushed_by, pushed_at, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)", stationId,
                file.name(), text, ConfigPush.State.SENT.name(), pushedBy, at, at));
    }

    public Optional<ConfigPush> find(long id) {
        return jdbc.queryOne("SELECT * FROM station_config_push WHERE id = ?", ConfigPushRepository::push, id);
    }

    /** The station's history, newest first. */
    public List<ConfigPush> ofStation(long stationId, int limit) {
        return jdbc.query("SELECT * FROM station_config_push WHERE station_id = ? ORDER BY id DESC LIMIT ?",
                ConfigPushRepository::push, stationId, limit);
    }

    /** Records what the station reported, unless the push already finished; false when nothing changed. */
    public boolean report(long id, long stationId, ConfigPush.State state, String reason, List<ConfigPush.LineError> errors,
            List<Long> testedZones, Instant at) {
        String errorsJson;
        try {
            errorsJson = errors.isEmpty() ? null : JSON.writeValueAsString(errors);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the errors of config push " + id, e);
        }
        return jdbc.update("UPDATE station_config_push SET state = ?, reason = ?, errors_json = ?, tested_zones = ?, "
                + "changed_at = ? WHERE id = ? AND station_id = ? AND state IN ('SENT', 'STAGED')", state.name(),
                reason == null || reason.isEmpty() ? null : truncate(reason), errorsJson,
                testedZones.isEmpty() ? null : testedZones.stream().map(String::valueOf).collect(Collectors.joining(",")),
                at, id, stationId) == 1;
    }

    private static String truncate(String s) {
        return s.length() <= 2000 ? s : s.substring(0, 1997) + "...";
    }

    private static ConfigPush push(ResultSet rs) throws SQLException {
        String errors = rs.getString("errors_json");
        String zones = rs.getString("tested_zones");
        List<ConfigPush.LineError> lineErrors;
        try {
            lineErrors = errors == null ? List.of() : JSON.readValue(errors, new TypeReference<List<ConfigPush.LineError>>() { });
        } catch (JsonProcessingException e) {
            throw new SQLException("config push " + rs.getLong("id") + ": unreadable errors_json", e);
        }
        return new ConfigPush(rs.getLong("id"), rs.getLong("station_id"),
                ConfigPush.File.valueOf(rs.getString("config_file")), rs.getString("hardware_file"),
                ConfigPush.State.valueOf(rs.getString("state")), rs.getString("reason"), lineErrors,
                zones == null ? List.of() : Arrays.stream(zones.split(",")).map(Long::parseLong).toList(),
                rs.getLong("pushed_by"), Jdbc.instant(rs, "pushed_at"), Jdbc.instant(rs, "changed_at"));
    }
}
