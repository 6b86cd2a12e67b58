package vn.loa.controller.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import vn.loa.controller.schedule.Targets;
import vn.loa.controller.storage.Jdbc;

/** Relays in the {@code relay} table (V4, the fallback V20); deleting marks them deleted. */
public final class RelayRepository {
    private static final String COLUMNS =
            "id, title, url, targets_json, windows_json, days, valid_from, valid_until, created_by, created_at, deleted_at, "
            + "fallback_bulletin_id";

    private final Jdbc jdbc;
    private final ObjectMapper json;

    public RelayRepository(Jdbc jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Relay create(RelayValidator.Valid v, Long createdBy, Instant now) {
        RelayCalendar c = v.calendar();
        List<Map<String, String>> windows = c.windows().stream()
                .map(w -> Map.of("start", w.start(), "end", w.end())).toList();
        try {
            long id = jdbc.insert("INSERT INTO relay (title, url, targets_json, windows_json, days, valid_from, "
                    + "valid_until, created_by, created_at, fallback_bulletin_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    v.title(), v.url().toString(), json.writeValueAsString(v.targets()),
                    json.writeValueAsString(windows), days(c.days()), c.from(), c.until(), createdBy, now,
                    v.fallbackBulletinId());
            return new Relay(id, v.title(), v.url(), v.targets(), c, createdBy, now, null, v.fallbackBulletinId());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write relay JSON", e);
        }
    }

    public List<Relay> findActive() {
        return jdbc.query("SELECT " + COLUMNS + " FROM relay WHERE deleted_at IS NULL ORDER BY id", this::map);
    }

    public Optional<Relay> find(long id) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM relay WHERE id = ?", this::map, id);
    }

    /** Marks the relay deleted; false when there was no such relay, or it was already deleted. */
    public boolean delete(long id, Instant now) {
        return jdbc.update("UPDATE relay SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL", now, id) == 1;
    }

    private static String days(Set<DayOfWeek> days) {
        return days.stream().sorted().map(d -> d.name().substring(0, 3)).collect(Collectors.joining(","));
    }

    private Relay map(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        try {
            List<Map<String, String>> w = json.readValue(rs.getString("windows_json"), new TypeReference<>() { });
            List<DailyWindow> windows = new ArrayList<>();
            for (Map<String, String> m : w) {
                windows.add(new DailyWindow(DailyWindow.parseTime(m.get("start"), false).orElseThrow(),
                        DailyWindow.parseTime(m.get("end"), true).orElseThrow()));
            }
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            Arrays.stream(rs.getString("days").split(",")).map(RelayValidator::day).forEach(d -> days.add(d.orElseThrow()));
            RelayCalendar calendar = new RelayCalendar(windows, days, rs.getObject("valid_from", LocalDate.class),
                    rs.getObject("valid_until", LocalDate.class), RelayCalendar.VIETNAM);
            return new Relay(id, rs.getString("title"), URI.create(rs.getString("url")),
                    json.readValue(rs.getString("targets_json"), Targets.class), calendar,
                    Jdbc.nullableLong(rs, "created_by"), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "deleted_at"),
                    Jdbc.nullableLong(rs, "fallback_bulletin_id"));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalStateException("relay " + id + " is stored unreadably", e);
        }
    }
}
