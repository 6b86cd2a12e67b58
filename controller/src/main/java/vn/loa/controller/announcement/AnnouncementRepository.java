package vn.loa.controller.announcement;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.stream.Collectors;
import vn.loa.controller.storage.Jdbc;

/** Announcements and their per-station outcome, kept for the record. */
public final class AnnouncementRepository {
    private final Jdbc jdbc;

    public AnnouncementRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public record NewAnnouncement(String title, String priority, AnnouncementSource source, String mediaSha256,
            boolean chime, int repeat, String targetsJson, Instant startAt, Long createdBy) {
    }

    public long create(NewAnnouncement a, Map<Long, SortedSet<Long>> zonesByStation, Map<Long, StationState> initial) {
        return jdbc.inTransaction(c -> {
            Long bulletinId = a.source() instanceof AnnouncementSource.FromBulletin b ? b.bulletinId() : null;
            String text = a.source() instanceof AnnouncementSource.FromText t ? t.text() : null;
            String voice = a.source() instanceof AnnouncementSource.FromText t ? t.voice() : null;
            long id = Jdbc.insert(c, "INSERT INTO announcement (title, priority, source_type, bulletin_id, text, voice, "
                    + "media_sha256, chime, repeat_count, targets_json, start_at, state, created_by, created_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?)", a.title(), a.priority(),
                    a.source().type(), bulletinId, text, voice, a.mediaSha256(), a.chime(), a.repeat(), a.targetsJson(),
                    a.startAt(), a.createdBy(), Instant.now());
            for (var e : zonesByStation.entrySet()) {
                Jdbc.update(c, "INSERT INTO announcement_station (announcement_id, station_id, zone_ids, state) "
                        + "VALUES (?, ?, ?, ?)", id, e.getKey(),
                        e.getValue().stream().map(String::valueOf).collect(Collectors.joining(",")),
                        initial.get(e.getKey()).name());
            }
            return id;
        });
    }

    public void updateStation(long id, long stationId, StationState state, Instant startedAt, Instant endedAt,
            String reason, int underruns) {
        jdbc.update("UPDATE announcement_station SET state = ?, started_at = COALESCE(?, started_at), "
                + "ended_at = COALESCE(?, ended_at), reason = COALESCE(?, reason), underruns = ? "
                + "WHERE announcement_id = ? AND station_id = ?", state.name(), startedAt, endedAt,
                reason == null || reason.isEmpty() ? null : reason, underruns, id, stationId);
    }

    public void updateStartAt(long id, Instant startAt) {
        jdbc.update("UPDATE announcement SET start_at = ? WHERE id = ?", startAt, id);
    }

    public void updateState(long id, String state, Instant stoppedAt) {
        jdbc.update("UPDATE announcement SET state = ?, stopped_at = COALESCE(?, stopped_at) WHERE id = ?", state,
                stoppedAt, id);
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
        jdbc.update("UPDATE announcement_station SET state = 'FAILED', reason = 'CONTROLLER_RESTARTED' WHERE state IN "
                + "('PENDING', 'RECEIVING', 'PLAYING') AND announcement_id IN (SELECT id FROM announcement WHERE state = 'ACTIVE')");
        return jdbc.update("UPDATE announcement SET state = 'FAILED' WHERE state = 'ACTIVE'");
    }

    private static List<Long> ids(String s) {
        return s == null || s.isEmpty() ? List.of() : Arrays.stream(s.split(",")).map(Long::valueOf).toList();
    }
}
