package vn.loa.controller.release;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import vn.loa.controller.storage.Jdbc;

/** The {@code agent_release} table. Calls block: never on an event loop. */
public final class ReleaseRepository {
    private static final String COLUMNS = "id, version, sha256, size_bytes, notes, state, uploaded_by, uploaded_at, "
            + "approved_by, approved_at, signature";

    private final Jdbc jdbc;

    public ReleaseRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(String version, String sha256, long size, String notes, long uploadedBy, Instant at) {
        return jdbc.insert("INSERT INTO agent_release (version, sha256, size_bytes, notes, state, uploaded_by, uploaded_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", version, sha256, size, notes, ReleaseState.PENDING_APPROVAL.name(),
                uploadedBy, at);
    }

    /** Approves and stores the signature only if the release is still pending; false when it was not. */
    public boolean approve(long id, long approvedBy, Instant at, byte[] signature) {
        return jdbc.update("UPDATE agent_release SET state = ?, approved_by = ?, approved_at = ?, signature = ? "
                + "WHERE id = ? AND state = ?", ReleaseState.APPROVED.name(), approvedBy, at, signature, id,
                ReleaseState.PENDING_APPROVAL.name()) == 1;
    }

    public boolean withdraw(long id) {
        return jdbc.update("UPDATE agent_release SET state = ? WHERE id = ? AND state <> ?", ReleaseState.WITHDRAWN.name(),
                id, ReleaseState.WITHDRAWN.name()) == 1;
    }

    public Optional<AgentRelease> find(long id) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM agent_release WHERE id = ?", ReleaseRepository::row, id);
    }

    public Optional<AgentRelease> byVersion(String version) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM agent_release WHERE version = ?", ReleaseRepository::row, version);
    }

    public List<AgentRelease> list() {
        return jdbc.query("SELECT " + COLUMNS + " FROM agent_release ORDER BY id DESC", ReleaseRepository::row);
    }

    private static AgentRelease row(ResultSet rs) throws SQLException {
        return new AgentRelease(rs.getLong("id"), rs.getString("version"), rs.getString("sha256"),
                rs.getLong("size_bytes"), rs.getString("notes"), ReleaseState.valueOf(rs.getString("state")),
                rs.getLong("uploaded_by"), Jdbc.instant(rs, "uploaded_at"), Jdbc.nullableLong(rs, "approved_by"),
                Jdbc.instant(rs, "approved_at"), rs.getBytes("signature"));
    }
}
