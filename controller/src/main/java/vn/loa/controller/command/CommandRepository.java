package vn.loa.controller.command;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import vn.loa.controller.storage.Jdbc;

public final class CommandRepository {
    private final Jdbc jdbc;

    /** Checked in the writes only the leader makes (docs/architecture.md#leadership); none on H2. */
    private volatile vn.loa.controller.leadership.Fence fence = vn.loa.controller.leadership.Fence.NONE;

    /** The fence of this node's leadership: a paused old leader's command result or deadline is refused. */
    public void fenceWith(vn.loa.controller.leadership.Fence fence) {
        this.fence = fence;
    }

    public CommandRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long stationId, CommandType type, String paramsJson, String requestedBy, Instant at, Instant deadline) {
        return jdbc.insert("INSERT INTO station_command (station_id, command_type, params_json, state, requested_by, "
                + "requested_at, deadline_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", stationId, type.name(),
                paramsJson, CommandState.SENT.name(), requestedBy, at, deadline, at);
    }

    /** Moves a command on, unless it has already reached a final state; false when it had. */
    boolean update(long id, CommandState state, String message, String resultJson, Instant at) {
        return jdbc.inTransaction(c -> {
            fence.check(c);
            return Jdbc.update(c, "UPDATE station_command SET state = ?, message = ?, result_json = "
                    + "COALESCE(?, result_json), updated_at = ? WHERE id = ? AND state IN ('SENT', 'RUNNING')",
                    state.name(), cut(message, 1000), resultJson, at, id) == 1;
        });
    }

    public Optional<StationCommand> find(long id) {
        return jdbc.queryOne("SELECT * FROM station_command WHERE id = ?", CommandRepository::command, id);
    }

    public List<StationCommand> ofStation(long stationId, int limit) {
        return jdbc.query("SELECT * FROM station_command WHERE station_id = ? ORDER BY id DESC LIMIT ?",
                CommandRepository::command, stationId, limit);
    }

    List<StationCommand> unfinished() {
        return jdbc.query("SELECT * FROM station_command WHERE state IN ('SENT', 'RUNNING') ORDER BY id",
                CommandRepository::command);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static StationCommand command(ResultSet rs) throws SQLException {
        return new StationCommand(rs.getLong("id"), rs.getLong("station_id"),
                CommandType.valueOf(rs.getString("command_type")), rs.getString("params_json"),
                CommandState.valueOf(rs.getString("state")), rs.getString("message"), rs.getString("result_json"),
                rs.getString("requested_by"), Jdbc.instant(rs, "requested_at"), Jdbc.instant(rs, "deadline_at"),
                Jdbc.instant(rs, "updated_at"));
    }
}
