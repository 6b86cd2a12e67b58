package vn.loa.controller.rollout;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import vn.loa.controller.storage.Jdbc;

/** Tables {@code rollout} and {@code rollout_station}. Calls block: never on an event loop. */
public final class RolloutRepository {
    private final Jdbc jdbc;

    public RolloutRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a new RUNNING rollout and its stations, wave by wave, in one transaction. */
    public long create(long releaseId, RolloutPolicy p, List<List<Long>> waves, long createdBy, Instant at) {
        return jdbc.inTransaction(c -> {
            long id = Jdbc.insert(c, "INSERT INTO rollout (release_id, state, canary, percents, max_failure_share, "
                    + "trial_limit_ms, station_timeout_ms, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    releaseId, Rollout.State.RUNNING.name(), p.canary(),
                    p.percents().stream().map(String::valueOf).collect(Collectors.joining(",")), p.maxFailureShare(),
                    p.trialLimit().toMillis(), p.stationTimeout().toMillis(), createdBy, at);
            for (int w = 0; w < waves.size(); w++) {
                for (long station : waves.get(w)) {
                    Jdbc.update(c, "INSERT INTO rollout_station (rollout_id, station_id, wave, state) VALUES (?, ?, ?, ?)",
                            id, station, w, StationUpdate.State.WAITING.name());
                }
            }
            return id;
        });
    }

    public Optional<Rollout> find(long id) {
        return jdbc.queryOne("SELECT * FROM rollout WHERE id = ?", RolloutRepository::rollout, id);
    }

    public List<Rollout> list() {
        return jdbc.query("SELECT * FROM rollout ORDER BY id DESC", RolloutRepository::rollout);
    }

    public List<Rollout> running() {
        return jdbc.query("SELECT * FROM rollout WHERE state = ? ORDER BY id", RolloutRepository::rollout,
                Rollout.State.RUNNING.name());
    }

    /** Moves the rollout from one of {@code from} to {@code to}; false when it was in none of them. */
    public boolean setState(long id, List<Rollout.State> from, Rollout.State to, String detail) {
        String in = from.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(","));
        return jdbc.update("UPDATE rollout SET state = ?, detail = ? WHERE id = ? AND state IN (" + in + ")",
                to.name(), detail, id) == 1;
    }

    /** A station's row: its wave, progress and the last detail (null online: read from the links). */
    public record Row(long stationId, int wave, StationUpdate.State state, Instant offeredAt, Instant changedAt,
            String detail) {
    }

    public List<Row> stations(long rolloutId) {
        return jdbc.query("SELECT station_id, wave, state, offered_at, changed_at, detail FROM rollout_station "
                + "WHERE rollout_id = ? ORDER BY wave, station_id", rs -> new Row(rs.getLong(1), rs.getInt(2),
                        StationUpdate.State.valueOf(rs.getString(3)), Jdbc.instant(rs, "offered_at"),
                        Jdbc.instant(rs, "changed_at"), rs.getString(6)), rolloutId);
    }

    /** One rollout as one station lived it: the release's version, the rollout's state, the station's progress. */
    public record HistoryEntry(long rolloutId, String version, Rollout.State rolloutState, Instant createdAt, int wave,
            StationUpdate.State state, Instant offeredAt, Instant changedAt, String detail) {
    }

    /** Every rollout that targeted the station, newest first: its update history. */
    public List<HistoryEntry> history(long stationId) {
        return jdbc.query("SELECT r.id, a.version, r.state AS rollout_state, r.created_at, s.wave, s.state, s.offered_at, "
                + "s.changed_at, s.detail FROM rollout_station s JOIN rollout r ON r.id = s.rollout_id "
                + "JOIN agent_release a ON a.id = r.release_id WHERE s.station_id = ? ORDER BY r.id DESC",
                rs -> new HistoryEntry(rs.getLong(1), rs.getString(2), Rollout.State.valueOf(rs.getString(3)),
                        Jdbc.instant(rs, "created_at"), rs.getInt(5), StationUpdate.State.valueOf(rs.getString(6)),
                        Jdbc.instant(rs, "offered_at"), Jdbc.instant(rs, "changed_at"), rs.getString(9)), stationId);
    }

    public void offered(long rolloutId, long stationId, Instant at) {
        jdbc.update("UPDATE rollout_station SET state = ?, offered_at = ?, changed_at = ?, detail = NULL "
                + "WHERE rollout_id = ? AND station_id = ? AND state = ?", StationUpdate.State.OFFERED.name(), at, at,
                rolloutId, stationId, StationUpdate.State.WAITING.name());
    }

    /** Records a station's outcome unless it already finished. */
    public boolean finished(long rolloutId, long stationId, StationUpdate.State state, String detail, Instant at) {
        return jdbc.update("UPDATE rollout_station SET state = ?, detail = ?, changed_at = ? WHERE rollout_id = ? "
                + "AND station_id = ? AND state IN ('WAITING', 'OFFERED')", state.name(), detail, at, rolloutId,
                stationId) == 1;
    }

    /** Failed stations go back to WAITING (a resume after the cause was fixed). */
    public int retryFailed(long rolloutId) {
        return jdbc.update("UPDATE rollout_station SET state = 'WAITING', offered_at = NULL WHERE rollout_id = ? "
                + "AND state = 'FAILED'", rolloutId);
    }

    private static Rollout rollout(ResultSet rs) throws SQLException {
        List<Integer> percents = Arrays.stream(rs.getString("percents").split(",")).filter(s -> !s.isBlank())
                .map(Integer::valueOf).toList();
        RolloutPolicy p = new RolloutPolicy(rs.getInt("canary"), percents, rs.getDouble("max_failure_share"),
                Duration.ofMillis(rs.getLong("trial_limit_ms")), Duration.ofMillis(rs.getLong("station_timeout_ms")));
        return new Rollout(rs.getLong("id"), rs.getLong("release_id"), Rollout.State.valueOf(rs.getString("state")), p,
                rs.getLong("created_by"), Jdbc.instant(rs, "created_at"), rs.getString("detail"));
    }
}
