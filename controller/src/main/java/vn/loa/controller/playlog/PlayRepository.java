package vn.loa.controller.playlog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import vn.loa.controller.storage.Jdbc;
import vn.loa.protocol.v1.PlayReport;

/** The as-run log. Each report id is stored once, so a report sent twice is counted once. */
public final class PlayRepository {
    private final Jdbc jdbc;

    public PlayRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** @return true when newly stored, false when this report id was already there */
    public boolean store(long stationId, PlayReport r) {
        return jdbc.update("INSERT INTO play (report_id, station_id, item_id, schedule_id, bulletin_id, zone_ids, "
                + "priority, planned_at, started_at, ended_at, outcome, reason, peak_dbfs, rms_dbfs, received_at, broadcast_id) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                r.getReportId(), stationId, cut(r.getItemId(), 100), r.getScheduleId() == 0 ? null : r.getScheduleId(),
                r.getBulletinId() == 0 ? null : r.getBulletinId(),
                cut(r.getZoneIdsList().stream().map(String::valueOf).collect(Collectors.joining(",")), 2000),
                r.getPriority().name(), instantOrNull(r.getPlannedAtMs()), instantOrNull(r.getStartedAtMs()),
                instantOrNull(r.getEndedAtMs()), r.getOutcome().name(), cut(r.getReason(), 500),
                r.getStartedAtMs() == 0 ? null : r.getPeakDbfs(), r.getStartedAtMs() == 0 ? null : r.getRmsDbfs(),
                Instant.now(), r.getBroadcastId() == 0 ? null : r.getBroadcastId()) == 1;
    }

    /** @param language only plays of bulletins in this language (a code of {@code BulletinLanguage}); null: all */
    public record Filter(Long stationId, Long scheduleId, Instant from, Instant to, int limit, Long broadcastId,
            String language) {
        public Filter(Long stationId, Long scheduleId, Instant from, Instant to, int limit) {
            this(stationId, scheduleId, from, to, limit, null, null);
        }

        public Filter(Long stationId, Long scheduleId, Instant from, Instant to, int limit, Long broadcastId) {
            this(stationId, scheduleId, from, to, limit, broadcastId, null);
        }
    }

    public List<PlayRecord> find(Filter f) {
        // the bulletin's language beside each play (none for text and live announcements, relays)
        StringBuilder sql = new StringBuilder("SELECT play.*, bulletin.language AS language FROM play "
                + "LEFT JOIN bulletin ON bulletin.id = play.bulletin_id WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (f.stationId() != null) {
            sql.append(" AND station_id = ?");
            params.add(f.stationId());
        }
        if (f.scheduleId() != null) {
            sql.append(" AND schedule_id = ?");
            params.add(f.scheduleId());
        }
        if (f.broadcastId() != null) {
            sql.append(" AND broadcast_id = ?");
            params.add(f.broadcastId());
        }
        if (f.language() != null) {
            sql.append(" AND bulletin.language = ?");
            params.add(f.language());
        }
        if (f.from() != null) {
            sql.append(" AND planned_at >= ?");
            params.add(f.from());
        }
        if (f.to() != null) {
            sql.append(" AND planned_at < ?");
            params.add(f.to());
        }
        sql.append(" ORDER BY planned_at DESC, started_at DESC, station_id LIMIT ?");
        params.add(f.limit());
        return jdbc.query(sql.toString(), rs -> new PlayRecord(rs.getString("report_id"), rs.getLong("station_id"),
                rs.getString("item_id"), Jdbc.nullableLong(rs, "schedule_id"), Jdbc.nullableLong(rs, "bulletin_id"),
                parseIds(rs.getString("zone_ids")), rs.getString("priority"), Jdbc.instant(rs, "planned_at"),
                Jdbc.instant(rs, "started_at"), Jdbc.instant(rs, "ended_at"), rs.getString("outcome"),
                rs.getString("reason"), nullableFloat(rs, "peak_dbfs"), nullableFloat(rs, "rms_dbfs"),
                Jdbc.instant(rs, "received_at"), Jdbc.nullableLong(rs, "broadcast_id"), rs.getString("language")),
                params.toArray());
    }

    private static Float nullableFloat(java.sql.ResultSet rs, String c) throws java.sql.SQLException {
        float v = rs.getFloat(c);
        return rs.wasNull() ? null : v;
    }

    private static List<Long> parseIds(String s) {
        if (s == null || s.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(s.split(",")).map(Long::valueOf).toList();
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static Instant instantOrNull(long ms) {
        return ms == 0 ? null : Instant.ofEpochMilli(ms);
    }
}
