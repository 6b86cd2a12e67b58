package vn.loa.controller.inbound;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import vn.loa.controller.inbox.Level;
import vn.loa.controller.storage.Jdbc;

/**
 * Inbound bulletins whose dispatch waits for the bulletin's approval (table {@code inbound_hold}, V28), and the
 * queries that find a decision left unfinished by a controller that stopped (a review stored but not acted on; a
 * dispatch claimed but not sent or not settled).
 */
public final class InboundHolds {
    /** What became of a held dispatch. */
    public enum State {
        HELD, RELEASED, REFUSED, REJECTED
    }

    /** One held dispatch: what {@code InboxService.send} needs once the bulletin is approved. */
    public record Held(String ref, long bulletinId, Level level, String title, Instant proposedAt, Instant respondBy,
            Duration window, List<Long> communeIds, long sentBy) {
    }

    private final Jdbc jdbc;

    public InboundHolds(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public void hold(Held h, Instant at) {
        jdbc.update("INSERT INTO inbound_hold (ref, bulletin_id, level, title, proposed_at, respond_by, window_minutes, "
                + "commune_ids, sent_by, state, held_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'HELD', ?)", h.ref(),
                h.bulletinId(), h.level().name(), h.title(), h.proposedAt(), h.respondBy(),
                h.window() == null ? null : h.window().toMinutes(),
                h.communeIds().stream().map(String::valueOf).collect(Collectors.joining(",")), h.sentBy(), at);
    }

    /** The dispatches still held for this bulletin (one bulletin may carry several refs), oldest first. */
    public List<Held> heldFor(long bulletinId) {
        return jdbc.query("SELECT * FROM inbound_hold WHERE bulletin_id = ? AND state = 'HELD' ORDER BY held_at, ref",
                InboundHolds::held, bulletinId);
    }

    private static Held held(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Held(rs.getString("ref"), rs.getLong("bulletin_id"), Level.valueOf(rs.getString("level")),
                rs.getString("title"), Jdbc.instant(rs, "proposed_at"), Jdbc.instant(rs, "respond_by"),
                Optional.ofNullable(Jdbc.nullableLong(rs, "window_minutes")).map(Duration::ofMinutes).orElse(null),
                Arrays.stream(rs.getString("commune_ids").split(",")).map(Long::valueOf).toList(),
                rs.getLong("sent_by"));
    }

    /** A held dispatch whose bulletin was decided (approved or rejected) while it stayed held. */
    public record Decided(Held held, vn.loa.controller.approval.Approval decision) {
    }

    /** The dispatches still held although their bulletin's review is stored: the decision was never acted on. */
    public List<Decided> decidedWhileHeld() {
        return jdbc.query("SELECT h.*, b.approval FROM inbound_hold h JOIN bulletin b ON b.id = h.bulletin_id "
                + "WHERE h.state = 'HELD' AND b.approval IN ('APPROVED', 'REJECTED') ORDER BY h.held_at, h.ref",
                rs -> new Decided(held(rs), vn.loa.controller.approval.Approval.valueOf(rs.getString("approval"))));
    }

    /**
     * The dispatches claimed for release before {@code decidedBefore} whose outcome was never settled: not sent, or
     * sent but not written down (the controller stopped in between).
     */
    public List<Held> releasedUnsettled(Instant decidedBefore) {
        return jdbc.query("SELECT * FROM inbound_hold WHERE state = 'RELEASED' AND dispatch_id IS NULL "
                + "AND decided_at < ? ORDER BY held_at, ref", InboundHolds::held, decidedBefore);
    }

    /** The dispatch already sent for this inbound ref, if any (V29 keeps it to one). */
    public Optional<Long> dispatchOf(String ref) {
        return jdbc.queryOne("SELECT id FROM dispatch WHERE source = 'PROVINCE_SYSTEM' AND source_ref = ?",
                rs -> rs.getLong(1), ref);
    }

    /** Claims a held row with its outcome (compare-and-set); false when another node decided it first. */
    public boolean claim(String ref, State outcome, Instant at) {
        return jdbc.update("UPDATE inbound_hold SET state = ?, decided_at = ? WHERE ref = ? AND state = 'HELD'",
                outcome.name(), at, ref) == 1;
    }

    /** The outcome of a claimed row once known: the dispatch sent, or why it could not be. */
    public void settle(String ref, State outcome, Long dispatchId, String refusal) {
        jdbc.update("UPDATE inbound_hold SET state = ?, dispatch_id = ?, refusal = ? WHERE ref = ?", outcome.name(),
                dispatchId, refusal, ref);
    }
}
