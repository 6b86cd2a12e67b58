package vn.loa.controller.quiet;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import vn.loa.controller.storage.Jdbc;
import vn.loa.protocol.quiet.QuietRule;
import vn.loa.protocol.v1.Priority;

/** Quiet-hour rules in {@code quiet_rule} and {@code quiet_rule_zone} (V11); deleting marks them deleted. */
public final class QuietRuleRepository {
    private static final String COLUMNS = "id, name, station_id, from_minute, to_minute, days, effect, gain_db, "
            + "override_from, created_by, created_at";

    private final Jdbc jdbc;

    public QuietRuleRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the rule (its id is ignored) and returns it with its new id. */
    public StationQuietRule create(Long stationId, QuietRule rule, Long createdBy, Instant now) {
        long id = jdbc.inTransaction(c -> {
            long ruleId = Jdbc.insert(c, "INSERT INTO quiet_rule (name, station_id, from_minute, to_minute, days, effect, "
                    + "gain_db, override_from, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    rule.name(), stationId, minute(rule.from()), minute(rule.to()), days(rule.days()),
                    rule.effect().name(), rule.gainDb(), rule.overrideFrom().name(), createdBy, now);
            for (long zone : rule.zoneIds().stream().sorted().toList()) {
                Jdbc.update(c, "INSERT INTO quiet_rule_zone (rule_id, zone_id) VALUES (?, ?)", ruleId, zone);
            }
            return ruleId;
        });
        return find(id).orElseThrow();
    }

    /** Every rule in force, oldest first (the order {@link vn.loa.protocol.quiet.QuietHours} reads them in). */
    public List<StationQuietRule> findActive() {
        Map<Long, Set<Long>> zones = new HashMap<>();
        jdbc.query("SELECT z.rule_id, z.zone_id FROM quiet_rule_zone z JOIN quiet_rule r ON r.id = z.rule_id "
                + "WHERE r.deleted_at IS NULL", rs -> zones.computeIfAbsent(rs.getLong(1), k -> new HashSet<>())
                .add(rs.getLong(2)));
        return jdbc.query("SELECT " + COLUMNS + " FROM quiet_rule WHERE deleted_at IS NULL ORDER BY id",
                rs -> map(rs, zones.getOrDefault(rs.getLong("id"), Set.of())));
    }

    public Optional<StationQuietRule> find(long id) {
        Set<Long> zones = new HashSet<>(jdbc.query("SELECT zone_id FROM quiet_rule_zone WHERE rule_id = ?",
                rs -> rs.getLong(1), id));
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM quiet_rule WHERE id = ? AND deleted_at IS NULL",
                rs -> map(rs, zones), id);
    }

    /** Marks the rule deleted; false when there was no such rule, or it was already deleted. */
    public boolean delete(long id, Instant now) {
        return jdbc.update("UPDATE quiet_rule SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL", now, id) == 1;
    }

    private static int minute(LocalTime t) {
        return t.getHour() * 60 + t.getMinute();
    }

    private static String days(Set<DayOfWeek> days) {
        return days.stream().sorted().map(d -> d.name().substring(0, 3)).collect(Collectors.joining(","));
    }

    private static Set<DayOfWeek> days(String stored) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        if (stored != null && !stored.isEmpty()) {
            Arrays.stream(stored.split(",")).forEach(d -> days.add(Arrays.stream(DayOfWeek.values())
                    .filter(w -> w.name().startsWith(d)).findFirst().orElseThrow()));
        }
        return days;
    }

    private static StationQuietRule map(ResultSet rs, Set<Long> zones) throws SQLException {
        int from = rs.getInt("from_minute");
        int to = rs.getInt("to_minute");
        QuietRule rule = new QuietRule(rs.getLong("id"), rs.getString("name"), LocalTime.of(from / 60, from % 60),
                LocalTime.of(to / 60, to % 60), days(rs.getString("days")), QuietRule.Effect.valueOf(rs.getString("effect")),
                rs.getDouble("gain_db"), Priority.valueOf(rs.getString("override_from")), zones);
        return new StationQuietRule(Jdbc.nullableLong(rs, "station_id"), rule, Jdbc.nullableLong(rs, "created_by"),
                Jdbc.instant(rs, "created_at"));
    }
}
