package vn.loa.controller.cap;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import vn.loa.controller.storage.Jdbc;

/** The {@code cap_alert} table and the CAP identifier of announcements (migration V13). */
public final class CapRepository {
    private static final String COLUMNS = "id, identifier, sender, sent, msg_type, received_by, received_at, trusted, "
            + "state, detail, announcement_id, expires_at, expired_at";
    private final Jdbc jdbc;
    /** Checked in the expiry job's write: a fenced-out old leader records no expiry. */
    private volatile vn.loa.controller.leadership.Fence fence = vn.loa.controller.leadership.Fence.NONE;

    public CapRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(CapAlert alert, String xml, Long receivedBy, Instant at, boolean trusted, CapRecord.State state,
            String detail) {
        return jdbc.insert("INSERT INTO cap_alert (identifier, sender, sent, msg_type, received_by, received_at, trusted, "
                + "state, detail, xml) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", alert.identifier(), alert.sender(),
                alert.sent(), alert.msgType().name(), receivedBy, at, trusted, state.name(), clip(detail), xml);
    }

    public void settle(long id, CapRecord.State state, String detail, Long announcementId) {
        jdbc.update("UPDATE cap_alert SET state = ?, detail = ?, announcement_id = ? WHERE id = ?", state.name(),
                clip(detail), announcementId, id);
    }

    public void reviewed(long id, String reviewer, Instant at) {
        jdbc.update("UPDATE cap_alert SET reviewed_by = ?, reviewed_at = ? WHERE id = ?", reviewer, at, id);
    }

    public Optional<CapRecord> find(long id) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM cap_alert WHERE id = ?", CapRepository::map, id);
    }

    public Optional<String> xml(long id) {
        return jdbc.queryOne("SELECT xml FROM cap_alert WHERE id = ?", rs -> rs.getString("xml"), id);
    }

    public List<CapRecord> recent(int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM cap_alert ORDER BY id DESC LIMIT ?", CapRepository::map, limit);
    }

    /** An aired alert ends at {@code at} (migration V26): the leader's expiry job stops it then. */
    public void expiresAt(long id, Instant at) {
        jdbc.update("UPDATE cap_alert SET expires_at = ? WHERE id = ?", at, id);
    }

    /** An aired alert whose end has come and that no expiry job has ended yet. */
    public record DueExpiry(long id, String identifier, long announcementId, Instant expiresAt) {
    }

    public List<DueExpiry> dueExpiries(Instant now) {
        return jdbc.query("SELECT id, identifier, announcement_id, expires_at FROM cap_alert WHERE expires_at <= ? "
                + "AND expired_at IS NULL AND announcement_id IS NOT NULL ORDER BY expires_at", rs -> new DueExpiry(
                rs.getLong("id"), rs.getString("identifier"), rs.getLong("announcement_id"),
                Jdbc.instant(rs, "expires_at")), now);
    }

    /**
     * The expiry job ended the alert at {@code at}; false when another node did meanwhile. A leader's write: fenced,
     * so a paused old leader records nothing ({@link vn.loa.controller.leadership.FencedOut}).
     */
    public boolean expired(long id, Instant at) {
        return jdbc.inTransaction(c -> {
            fence.check(c);
            return Jdbc.update(c, "UPDATE cap_alert SET expired_at = ? WHERE id = ? AND expired_at IS NULL", at, id) == 1;
        });
    }

    /** The fence of this node's leadership (docs/architecture.md#leadership); none on H2. */
    public void fenceWith(vn.loa.controller.leadership.Fence fence) {
        this.fence = fence;
    }

    /** Marks the announcement an alert aired as. */
    public void tagAnnouncement(long announcementId, String identifier) {
        jdbc.update("UPDATE announcement SET cap_identifier = ? WHERE id = ?", identifier, announcementId);
    }

    /** The announcements that aired the alert with this identifier, newest first. */
    public List<Long> announcementsOf(String identifier) {
        return jdbc.query("SELECT id FROM announcement WHERE cap_identifier = ? ORDER BY id DESC",
                rs -> rs.getLong("id"), identifier);
    }

    private static CapRecord map(ResultSet rs) throws SQLException {
        return new CapRecord(rs.getLong("id"), rs.getString("identifier"), rs.getString("sender"),
                Jdbc.instant(rs, "sent"), rs.getString("msg_type"), Jdbc.nullableLong(rs, "received_by"),
                Jdbc.instant(rs, "received_at"), rs.getBoolean("trusted"), CapRecord.State.valueOf(rs.getString("state")),
                rs.getString("detail"), Jdbc.nullableLong(rs, "announcement_id"), Jdbc.instant(rs, "expires_at"),
                Jdbc.instant(rs, "expired_at"));
    }

    private static String clip(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 997) + "…";
    }
}
