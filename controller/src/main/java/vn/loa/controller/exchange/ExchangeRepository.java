package vn.loa.controller.exchange;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import vn.loa.controller.outbox.OutboxRepository;
import vn.loa.controller.outbox.Purpose;
import vn.loa.controller.playlog.PlayRecord;
import vn.loa.controller.storage.Jdbc;

/** The shared records (table {@code exchange_record}) and what the collector reads to make them. */
public final class ExchangeRepository {
    private static final String PREFIX_PLAY = "broadcast-log:";

    private final Jdbc jdbc;

    public ExchangeRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Jdbc jdbc() {
        return jdbc;
    }

    /** One record as stored; {@code seq} orders them and is the pull API's cursor. */
    public record Stored(long seq, String key, String kind, String body, Instant recordedAt) {
    }

    /**
     * Stores a record once by key and, in the same transaction, queues it for the exchange endpoint.
     *
     * @return false when the key was already stored (nothing queued)
     */
    public boolean append(String key, String kind, String body, Instant now) {
        return jdbc.inTransaction(c -> {
            if (Jdbc.update(c, "INSERT INTO exchange_record (record_key, kind, body, recorded_at) VALUES (?, ?, ?, ?) "
                    + "ON CONFLICT DO NOTHING", key, kind, body, now) != 1) {
                return false;
            }
            OutboxRepository.enqueue(c, Purpose.EXCHANGE, kind, key, body, now);
            return true;
        });
    }

    /** Whether a record with this key is stored. */
    public boolean has(String key) {
        return jdbc.queryOne("SELECT 1 FROM exchange_record WHERE record_key = ?", rs -> true, key).isPresent();
    }

    /** The stored record with this key. */
    public java.util.Optional<Stored> find(String key) {
        return jdbc.queryOne("SELECT seq, record_key, kind, body, recorded_at FROM exchange_record WHERE record_key = ?",
                rs -> new Stored(rs.getLong("seq"), rs.getString("record_key"), rs.getString("kind"), rs.getString("body"),
                        Jdbc.instant(rs, "recorded_at")), key);
    }

    /** Records after {@code since} (a seq; 0 for the first), oldest first. */
    public List<Stored> page(long since, int limit) {
        return jdbc.query("SELECT seq, record_key, kind, body, recorded_at FROM exchange_record WHERE seq > ? "
                + "ORDER BY seq LIMIT ?", rs -> new Stored(rs.getLong("seq"), rs.getString("record_key"),
                rs.getString("kind"), rs.getString("body"), Jdbc.instant(rs, "recorded_at")), since, limit);
    }

    /** Queues every record stored so far for a new exchange endpoint, in order (it gets the whole history). */
    public static int backfill(Connection c, long endpointId, Instant now) throws SQLException {
        return Jdbc.update(c, "INSERT INTO outbox (endpoint_id, record_key, body, created_at, attempts, state) "
                + "SELECT ?, record_key, body, ?, 0, 'PENDING' FROM exchange_record ORDER BY seq", endpointId, now);
    }

    /** Broadcast-log lines not yet made records, oldest received first. */
    public List<PlayRecord> unrecordedPlays(int limit) {
        return jdbc.query("SELECT play.*, bulletin.language AS language FROM play "
                + "LEFT JOIN bulletin ON bulletin.id = play.bulletin_id WHERE NOT EXISTS (SELECT 1 FROM exchange_record "
                + "e WHERE e.record_key = CONCAT(?, play.report_id)) ORDER BY play.received_at, play.report_id LIMIT ?",
                ExchangeRepository::play, PREFIX_PLAY, limit);
    }

    /** The key of a broadcast-log line's record. */
    public static String playKey(PlayRecord p) {
        return PREFIX_PLAY + p.reportId();
    }

    /** Every schedule, deleted ones too (their last record says when). */
    public List<ExchangeRecord.ScheduleEntry> schedules() {
        return jdbc.query("SELECT id, title, bulletin_id, priority, rule_json, targets_json, approval, created_at, "
                + "deleted_at FROM schedule ORDER BY id", rs -> new ExchangeRecord.ScheduleEntry(rs.getLong("id"),
                rs.getString("title"), rs.getLong("bulletin_id"), rs.getString("priority"), rs.getString("rule_json"),
                rs.getString("targets_json"), rs.getString("approval"), Jdbc.instant(rs, "created_at"),
                Jdbc.instant(rs, "deleted_at")));
    }

    /** Each bulletin's approval state (id → PENDING, APPROVED, REJECTED…). */
    public Map<Long, String> bulletinApprovals() {
        record Row(long id, String approval) {
        }
        return jdbc.query("SELECT id, approval FROM bulletin", rs -> new Row(rs.getLong(1), rs.getString(2))).stream()
                .collect(Collectors.toMap(Row::id, r -> r.approval() == null ? "APPROVED" : r.approval()));
    }

    private static PlayRecord play(ResultSet rs) throws SQLException {
        String zones = rs.getString("zone_ids");
        return new PlayRecord(rs.getString("report_id"), rs.getLong("station_id"), rs.getString("item_id"),
                Jdbc.nullableLong(rs, "schedule_id"), Jdbc.nullableLong(rs, "bulletin_id"),
                zones == null || zones.isEmpty() ? List.of() : Arrays.stream(zones.split(",")).map(Long::valueOf).toList(),
                rs.getString("priority"), Jdbc.instant(rs, "planned_at"), Jdbc.instant(rs, "started_at"),
                Jdbc.instant(rs, "ended_at"), rs.getString("outcome"), rs.getString("reason"), nullableFloat(rs, "peak_dbfs"),
                nullableFloat(rs, "rms_dbfs"), Jdbc.instant(rs, "received_at"), Jdbc.nullableLong(rs, "broadcast_id"),
                rs.getString("language"));
    }

    private static Float nullableFloat(ResultSet rs, String column) throws SQLException {
        float v = rs.getFloat(column);
        return rs.wasNull() ? null : v;
    }
}
