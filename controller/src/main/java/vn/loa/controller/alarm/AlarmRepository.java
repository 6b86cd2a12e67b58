package vn.loa.controller.alarm;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import vn.loa.controller.storage.Jdbc;

/** Alarms and their history. */
public final class AlarmRepository {
    private final Jdbc jdbc;

    public AlarmRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the alarm with its first event; returns it with its id. */
    Alarm insert(Alarm a, String event, String actor, String detail) {
        return jdbc.inTransaction(c -> {
            long id = Jdbc.insert(c, "INSERT INTO alarm (station_id, kind, subject, state, condition_active, detail, "
                    + "raised_at, condition_ended_at, acknowledged_at, acknowledged_by, ack_note, cleared_at, occurrences) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", a.stationId(), a.kind().name(), a.subject(),
                    a.state().name(), a.conditionActive(), cut(a.detail(), 1000), a.raisedAt(), a.conditionEndedAt(),
                    a.acknowledgedAt(), a.acknowledgedBy(), a.ackNote(), a.clearedAt(), a.occurrences());
            event(c, id, a.raisedAt(), event, actor, detail);
            return a.withId(id);
        });
    }

    /** Stores the alarm's new state with the events that led to it, in one transaction. */
    void update(Alarm a, Instant at, String actor, String detail, String... events) {
        jdbc.inTransaction(c -> {
            Jdbc.update(c, "UPDATE alarm SET state = ?, condition_active = ?, detail = ?, condition_ended_at = ?, "
                    + "acknowledged_at = ?, acknowledged_by = ?, ack_note = ?, cleared_at = ?, occurrences = ? WHERE id = ?",
                    a.state().name(), a.conditionActive(), cut(a.detail(), 1000), a.conditionEndedAt(),
                    a.acknowledgedAt(), a.acknowledgedBy(), a.ackNote(), a.clearedAt(), a.occurrences(), a.id());
            for (String e : events) {
                event(c, a.id(), at, e, actor, detail);
            }
            return null;
        });
    }

    private static void event(Connection c, long alarmId, Instant at, String kind, String actor, String detail)
            throws SQLException {
        Jdbc.update(c, "INSERT INTO alarm_event (alarm_id, at, kind, actor, detail) VALUES (?, ?, ?, ?, ?)", alarmId, at,
                kind, actor, cut(detail, 1000));
    }

    List<Alarm> findNotCleared() {
        return jdbc.query("SELECT * FROM alarm WHERE state <> 'CLEARED' ORDER BY id", AlarmRepository::alarm);
    }

    public Optional<Alarm> find(long id) {
        return jdbc.queryOne("SELECT * FROM alarm WHERE id = ?", AlarmRepository::alarm, id);
    }

    public record Filter(AlarmState state, Long stationId, AlarmKind kind, Instant from, Instant to, int limit) {
    }

    /** Newest first. {@code from}/{@code to} bound when the alarm was raised. */
    public List<Alarm> find(Filter f) {
        StringBuilder sql = new StringBuilder("SELECT * FROM alarm WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (f.state() != null) {
            sql.append(" AND state = ?");
            params.add(f.state().name());
        }
        if (f.stationId() != null) {
            sql.append(" AND station_id = ?");
            params.add(f.stationId());
        }
        if (f.kind() != null) {
            sql.append(" AND kind = ?");
            params.add(f.kind().name());
        }
        if (f.from() != null) {
            sql.append(" AND raised_at >= ?");
            params.add(f.from());
        }
        if (f.to() != null) {
            sql.append(" AND raised_at < ?");
            params.add(f.to());
        }
        sql.append(" ORDER BY raised_at DESC, id DESC LIMIT ?");
        params.add(f.limit());
        return jdbc.query(sql.toString(), AlarmRepository::alarm, params.toArray());
    }

    public List<AlarmEvent> events(long alarmId) {
        return jdbc.query("SELECT * FROM alarm_event WHERE alarm_id = ? ORDER BY id", rs -> new AlarmEvent(
                rs.getLong("id"), rs.getLong("alarm_id"), Jdbc.instant(rs, "at"), rs.getString("kind"),
                rs.getString("actor"), rs.getString("detail")), alarmId);
    }

    /** One stretch of time during which a condition held at a station; {@code end} null = still holds. */
    public record ConditionSpan(long stationId, AlarmKind kind, String subject, Instant start, Instant end) {
    }

    /** The condition spans of the given kinds that overlap [from, to). */
    public List<ConditionSpan> spans(Collection<AlarmKind> kinds, Instant from, Instant to) {
        if (kinds.isEmpty()) {
            return List.of();
        }
        String in = kinds.stream().map(k -> "'" + k.name() + "'").collect(Collectors.joining(", "));
        record Row(long alarmId, long stationId, AlarmKind kind, String subject, Instant at, String event) {
        }
        List<Row> rows = jdbc.query("SELECT a.id AS alarm_id, a.station_id, a.kind AS alarm_kind, a.subject, e.at, "
                + "e.kind AS event_kind FROM alarm_event e JOIN alarm a ON a.id = e.alarm_id WHERE a.kind IN (" + in
                + ") AND e.kind IN ('RAISED', 'RECURRED', 'RETURNED') AND e.at < ? "
                + "AND (a.condition_ended_at IS NULL OR a.condition_ended_at >= ? OR a.condition_active) "
                + "ORDER BY a.id, e.id", rs -> new Row(rs.getLong("alarm_id"), rs.getLong("station_id"),
                        AlarmKind.valueOf(rs.getString("alarm_kind")), rs.getString("subject"), Jdbc.instant(rs, "at"),
                        rs.getString("event_kind")), to, from);
        List<ConditionSpan> out = new ArrayList<>();
        Row open = null;
        long currentAlarm = -1;
        for (Row r : rows) {
            if (r.alarmId() != currentAlarm) {
                if (open != null) {
                    out.add(new ConditionSpan(open.stationId(), open.kind(), open.subject(), open.at(), null));
                }
                open = null;
                currentAlarm = r.alarmId();
            }
            if (r.event().equals(AlarmEvent.RETURNED)) {
                if (open != null) {
                    out.add(new ConditionSpan(open.stationId(), open.kind(), open.subject(), open.at(), r.at()));
                    open = null;
                }
            } else if (open == null) {
                open = r;
            }
        }
        if (open != null) {
            out.add(new ConditionSpan(open.stationId(), open.kind(), open.subject(), open.at(), null));
        }
        return out.stream().filter(s -> s.end() == null || s.end().isAfter(from)).toList();
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static Alarm alarm(ResultSet rs) throws SQLException {
        return new Alarm(rs.getLong("id"), rs.getLong("station_id"), AlarmKind.valueOf(rs.getString("kind")),
                rs.getString("subject"), AlarmState.valueOf(rs.getString("state")), rs.getBoolean("condition_active"),
                rs.getString("detail"), Jdbc.instant(rs, "raised_at"), Jdbc.instant(rs, "condition_ended_at"),
                Jdbc.instant(rs, "acknowledged_at"), rs.getString("acknowledged_by"), rs.getString("ack_note"),
                Jdbc.instant(rs, "cleared_at"), rs.getInt("occurrences"));
    }
}
