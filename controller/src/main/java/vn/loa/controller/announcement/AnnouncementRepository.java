package vn.loa.controller.announcement;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import vn.loa.controller.storage.Jdbc;

/** Announcements and their per-station outcome, kept for the record. */
public final class AnnouncementRepository {
    /** Rows per executeBatch when an announcement's station rows are stored. */
    private static final int BATCH_ROWS = 1_000;
    private static final int REASON_CHARS = 500;
    private static final String UPDATE_STATION = "UPDATE announcement_station SET state = ?, "
            + "started_at = COALESCE(?, started_at), ended_at = COALESCE(?, ended_at), reason = COALESCE(?, reason), "
            + "underruns = ? WHERE announcement_id = ? AND station_id = ?";
    private static final String UPDATE_STATE = "UPDATE announcement SET state = ?, stopped_at = COALESCE(?, stopped_at) "
            + "WHERE id = ?";
    private final Jdbc jdbc;

    /** Checked in the leader's writes (states, abandoned announcements): a fenced-out old leader writes nothing. */
    private volatile vn.loa.controller.leadership.Fence fence = vn.loa.controller.leadership.Fence.NONE;

    /** The fence of this node's leadership (docs/architecture.md#leadership); none on H2. */
    public void fenceWith(vn.loa.controller.leadership.Fence fence) {
        this.fence = fence;
    }

    public AnnouncementRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public record NewAnnouncement(String title, String priority, AnnouncementSource source, String mediaSha256,
            boolean chime, int repeat, String targetsJson, Instant startAt, Long createdBy) {
    }

    /** The stored announcement: its id and the start instant fixed once its rows were written. */
    public record Stored(long id, Instant startAt) {
    }

    /**
     * Writes the announcement and one row per target station (one JDBC batch) in one transaction. The
     * start instant is asked for only once the rows are written, and stored in the same transaction, so
     * that the time the rows take is not taken out of the stations' lead.
     */
    public Stored create(NewAnnouncement a, Map<Long, SortedSet<Long>> zonesByStation, Map<Long, StationState> initial,
            Supplier<Instant> startAtOnceStored) {
        return jdbc.inTransaction(c -> {
            Long bulletinId = a.source() instanceof AnnouncementSource.FromBulletin b ? b.bulletinId() : null;
            String text = a.source() instanceof AnnouncementSource.FromText t ? t.text() : null;
            String voice = a.source() instanceof AnnouncementSource.FromText t ? t.voice() : null;
            long id = Jdbc.insert(c, "INSERT INTO announcement (title, priority, source_type, bulletin_id, text, voice, "
                    + "media_sha256, chime, repeat_count, targets_json, start_at, state, created_by, created_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?)", a.title(), a.priority(),
                    a.source().type(), bulletinId, text, voice, a.mediaSha256(), a.chime(), a.repeat(), a.targetsJson(),
                    a.startAt(), a.createdBy(), Instant.now());
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO announcement_station (announcement_id, "
                    + "station_id, zone_ids, state) VALUES (?, ?, ?, ?)")) {
                int inBatch = 0;
                for (var e : zonesByStation.entrySet()) {
                    ps.setLong(1, id);
                    ps.setLong(2, e.getKey());
                    ps.setString(3, e.getValue().stream().map(String::valueOf).collect(Collectors.joining(",")));
                    ps.setString(4, initial.get(e.getKey()).name());
                    ps.addBatch();
                    if (++inBatch == BATCH_ROWS) {
                        ps.executeBatch();
                        inBatch = 0;
                    }
                }
                if (inBatch > 0) {
                    ps.executeBatch();
                }
            }
            Instant startAt = startAtOnceStored.get();
            Jdbc.update(c, "UPDATE announcement SET start_at = ? WHERE id = ?", startAt, id);
            return new Stored(id, startAt);
        });
    }

    /** A change to store, queued by the {@link StateWriter}. */
    public sealed interface Change permits StationChange, AnnouncementChange {
        long announcementId();
    }

    /** One station's state in one announcement; null times and an empty reason keep what is stored. */
    public record StationChange(long announcementId, long stationId, StationState state, Instant startedAt,
            Instant endedAt, String reason, int underruns) implements Change {

        /** This change followed by {@code later}, as one: what storing both in order would leave. */
        StationChange then(StationChange later) {
            return new StationChange(announcementId, stationId, later.state,
                    later.startedAt != null ? later.startedAt : startedAt,
                    later.endedAt != null ? later.endedAt : endedAt,
                    later.reason != null && !later.reason.isEmpty() ? later.reason : reason, later.underruns);
        }
    }

    /** The announcement's own state (DONE, FAILED, STOPPED); a null stoppedAt keeps what is stored. */
    public record AnnouncementChange(long announcementId, String state, Instant stoppedAt) implements Change {
    }

    /**
     * Writes the changes: the station rows first, {@link #BATCH_ROWS} to a transaction (H2 slows down
     * with the size of a transaction: 10,000 updates in one took 2–5 s here, in 1,000s about 0.7 s), then
     * the announcements' own states, so a final state is never stored before its stations' rows. The
     * changes are applied in the order given; each is idempotent, so a batch may be written again after a
     * failure part-way.
     */
    public void apply(List<Change> changes) {
        List<StationChange> stations = new java.util.ArrayList<>();
        List<AnnouncementChange> announcements = new java.util.ArrayList<>();
        for (Change c : changes) {
            if (c instanceof StationChange s) {
                stations.add(s);
            } else if (c instanceof AnnouncementChange a) {
                announcements.add(a);
            }
        }
        for (int from = 0; from < stations.size(); from += BATCH_ROWS) {
            List<StationChange> chunk = stations.subList(from, Math.min(stations.size(), from + BATCH_ROWS));
            jdbc.inTransaction(c -> {
                fence.check(c);
                try (PreparedStatement station = c.prepareStatement(UPDATE_STATION)) {
                    for (StationChange s : chunk) {
                        station.setString(1, s.state().name());
                        setInstant(station, 2, s.startedAt());
                        setInstant(station, 3, s.endedAt());
                        station.setString(4, reason(s.reason()));
                        station.setInt(5, s.underruns());
                        station.setLong(6, s.announcementId());
                        station.setLong(7, s.stationId());
                        station.addBatch();
                    }
                    station.executeBatch();
                }
                return null;
            });
        }
        if (!announcements.isEmpty()) {
            jdbc.inTransaction(c -> {
                fence.check(c);
                for (AnnouncementChange a : announcements) {
                    Jdbc.update(c, UPDATE_STATE, a.state(), a.stoppedAt(), a.announcementId());
                }
                return null;
            });
        }
    }

    /** At most the column's 500 characters: an agent's long reason is cut, not refused with its state. */
    static String reason(String reason) {
        if (reason == null || reason.isEmpty()) {
            return null;
        }
        return reason.length() <= REASON_CHARS ? reason : reason.substring(0, REASON_CHARS - 1) + "…";
    }

    private static void setInstant(PreparedStatement ps, int index, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, t.atOffset(ZoneOffset.UTC));
        }
    }

    public void updateStation(long id, long stationId, StationState state, Instant startedAt, Instant endedAt,
            String reason, int underruns) {
        jdbc.update(UPDATE_STATION, state.name(), startedAt, endedAt, reason(reason), underruns, id, stationId);
    }

    public void updateStartAt(long id, Instant startAt) {
        jdbc.update("UPDATE announcement SET start_at = ? WHERE id = ?", startAt, id);
    }

    public void updateState(long id, String state, Instant stoppedAt) {
        jdbc.update(UPDATE_STATE, state, stoppedAt, id);
    }

    public Optional<AnnouncementView> find(long id) {
        List<AnnouncementView.Station> stations = jdbc.query("SELECT * FROM announcement_station WHERE announcement_id = ? "
                + "ORDER BY station_id", rs -> new AnnouncementView.Station(rs.getLong("station_id"),
                        ids(rs.getString("zone_ids")), StationState.valueOf(rs.getString("state")),
                        Jdbc.instant(rs, "started_at"), Jdbc.instant(rs, "ended_at"), rs.getString("reason"),
                        rs.getInt("underruns")), id);
        return jdbc.queryOne("SELECT * FROM announcement WHERE id = ?", rs -> new AnnouncementView(rs.getLong("id"),
                rs.getString("title"), rs.getString("priority"), rs.getString("source_type"), rs.getString("state"),
                Jdbc.instant(rs, "start_at"), Jdbc.instant(rs, "created_at"), stations), id);
    }

    public List<Long> recentIds(int limit) {
        return jdbc.query("SELECT id FROM announcement ORDER BY id DESC LIMIT ?", rs -> rs.getLong(1), limit);
    }

    /** Announcements left ACTIVE by a controller that stopped: they cannot go on. */
    public int closeAbandoned() {
        return jdbc.inTransaction(c -> {
            fence.check(c);
            Jdbc.update(c, "UPDATE announcement_station SET state = 'FAILED', reason = 'CONTROLLER_RESTARTED' WHERE state "
                    + "IN ('PENDING', 'RECEIVING', 'PLAYING') AND announcement_id IN (SELECT id FROM announcement WHERE "
                    + "state = 'ACTIVE')");
            return Jdbc.update(c, "UPDATE announcement SET state = 'FAILED' WHERE state = 'ACTIVE'");
        });
    }

    private static List<Long> ids(String s) {
        return s == null || s.isEmpty() ? List.of() : Arrays.stream(s.split(",")).map(Long::valueOf).toList();
    }
}
