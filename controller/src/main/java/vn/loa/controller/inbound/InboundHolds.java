package vn.loa.controller.inbound;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import vn.loa.controller.inbox.Level;
import vn.loa.controller.storage.Jdbc;

/** Inbound bulletins whose dispatch waits for the bulletin's approval (table {@code inbound_hold}, V28). */
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
                rs -> new Held(rs.getString("ref"), rs.getLong("bulletin_id"), Level.valueOf(rs.getString("level")),
                        rs.getString("title"), Jdbc.instant(rs, "proposed_at"), Jdbc.instant(rs, "respond_by"),
                        Optional.ofNullable(Jdbc.nullableLong(rs, "window_minutes")).map(Duration::ofMinutes).orElse(null),
                        Arrays.stream(rs.getString("commune_ids").split(",")).map(Long::valueOf).toList(),
                        rs.getLong("sent_by")), bulletinId);
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
