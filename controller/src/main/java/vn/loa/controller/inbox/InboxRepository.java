package vn.loa.controller.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import vn.loa.controller.storage.Jdbc;

/** Dispatches, inbox items and the schedules that carry them. */
public final class InboxRepository {
    private static final String DISPATCH = "SELECT id, title, bulletin_id, level, proposed_at, respond_by, window_seconds, "
            + "source, source_ref, sent_by, sent_at FROM dispatch";
    private static final String ITEM = "SELECT id, dispatch_id, commune_id, state, slots_json, reason, answered_by, "
            + "answered_at, area_review FROM inbox_item";

    private final Jdbc jdbc;
    private final ObjectMapper json;

    public InboxRepository(Jdbc jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    static long insertDispatch(Connection c, Dispatch d) throws SQLException {
        return Jdbc.insert(c, "INSERT INTO dispatch (title, bulletin_id, level, proposed_at, respond_by, window_seconds, "
                + "source, source_ref, sent_by, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", d.title(), d.bulletinId(),
                d.level().name(), d.proposedAt(), d.respondBy(), d.window() == null ? null : d.window().toSeconds(),
                d.source().name(), d.sourceRef(), d.sentBy(), d.sentAt());
    }

    static long insertItem(Connection c, long dispatchId, long communeId, ItemState state) throws SQLException {
        return Jdbc.insert(c, "INSERT INTO inbox_item (dispatch_id, commune_id, state) VALUES (?, ?, ?)", dispatchId,
                communeId, state.name());
    }

    static void linkSchedule(Connection c, long itemId, long scheduleId) throws SQLException {
        Jdbc.update(c, "INSERT INTO inbox_schedule (item_id, schedule_id) VALUES (?, ?)", itemId, scheduleId);
    }

    void answer(Connection c, long itemId, ItemState expected, ItemState state, List<Instant> slots, String reason,
            Long by, Instant at) throws SQLException {
        int n = Jdbc.update(c, "UPDATE inbox_item SET state = ?, slots_json = ?, reason = ?, answered_by = ?, answered_at = ? "
                + "WHERE id = ? AND state = ?", state.name(), write(slots), reason, by, at, itemId, expected.name());
        if (n != 1) {
            throw new IllegalStateException("inbox item " + itemId + " was answered by someone else meanwhile");
        }
    }

    public Optional<Dispatch> dispatch(long id) {
        return jdbc.queryOne(DISPATCH + " WHERE id = ?", InboxRepository::dispatch, id);
    }

    public List<Dispatch> dispatches() {
        return jdbc.query(DISPATCH + " ORDER BY id DESC", InboxRepository::dispatch);
    }

    /** The dispatches sent in [from, to). */
    public List<Dispatch> sentBetween(Instant from, Instant to) {
        return jdbc.query(DISPATCH + " WHERE sent_at >= ? AND sent_at < ? ORDER BY id", InboxRepository::dispatch, from, to);
    }

    public Optional<InboxItem> item(long id) {
        return jdbc.queryOne(ITEM + " WHERE id = ?", this::item, id);
    }

    public List<InboxItem> itemsOf(long dispatchId) {
        return jdbc.query(ITEM + " WHERE dispatch_id = ? ORDER BY id", this::item, dispatchId);
    }

    /** The items of these communes, newest first. */
    public List<InboxItem> itemsFor(Collection<Long> communeIds) {
        if (communeIds.isEmpty()) {
            return List.of();
        }
        String in = String.join(",", communeIds.stream().map(id -> "?").toList());
        return jdbc.query(ITEM + " WHERE commune_id IN (" + in + ") ORDER BY id DESC", this::item, communeIds.toArray());
    }

    public List<Long> schedulesOf(long itemId) {
        return jdbc.query("SELECT schedule_id FROM inbox_schedule WHERE item_id = ? ORDER BY schedule_id",
                rs -> rs.getLong(1), itemId);
    }

    static List<Long> schedulesOf(Connection c, long itemId) throws SQLException {
        return Jdbc.query(c, "SELECT schedule_id FROM inbox_schedule WHERE item_id = ? ORDER BY schedule_id",
                rs -> rs.getLong(1), itemId);
    }

    /** True when a schedule of this item has played (the as-run log has a finished play of it). */
    public boolean played(long itemId) {
        return jdbc.queryOne("SELECT COUNT(*) FROM play p JOIN inbox_schedule s ON s.schedule_id = p.schedule_id "
                + "WHERE s.item_id = ? AND p.outcome = 'PLAYED'", rs -> rs.getLong(1), itemId)
                .orElse(0L) > 0;
    }

    private static Dispatch dispatch(ResultSet rs) throws SQLException {
        long window = rs.getLong("window_seconds");
        Duration w = rs.wasNull() ? null : Duration.ofSeconds(window);
        return new Dispatch(rs.getLong("id"), rs.getString("title"), rs.getLong("bulletin_id"),
                Level.valueOf(rs.getString("level")), Jdbc.instant(rs, "proposed_at"), Jdbc.instant(rs, "respond_by"), w,
                Source.valueOf(rs.getString("source")), rs.getString("source_ref"), Jdbc.nullableLong(rs, "sent_by"),
                Jdbc.instant(rs, "sent_at"));
    }

    private InboxItem item(ResultSet rs) throws SQLException {
        return new InboxItem(rs.getLong("id"), rs.getLong("dispatch_id"), rs.getLong("commune_id"),
                ItemState.valueOf(rs.getString("state")), read(rs.getString("slots_json")), rs.getString("reason"),
                Jdbc.nullableLong(rs, "answered_by"), Jdbc.instant(rs, "answered_at"), rs.getString("area_review"));
    }

    private List<Instant> read(String text) {
        if (text == null) {
            return List.of();
        }
        try {
            return json.readValue(text, new TypeReference<List<String>>() { }).stream().map(Instant::parse).toList();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable inbox slots: " + text, e);
        }
    }

    private String write(List<Instant> slots) {
        if (slots.isEmpty()) {
            return null;
        }
        try {
            return json.writeValueAsString(slots.stream().map(Instant::toString).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
