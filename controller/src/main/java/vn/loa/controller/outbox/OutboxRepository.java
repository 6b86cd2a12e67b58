package vn.loa.controller.outbox;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import vn.loa.controller.storage.Jdbc;

/** The outbound endpoints and the durable outbox of messages waiting for them (tables of V24). */
public final class OutboxRepository {
    private static final String ENDPOINT_COLUMNS = "id, purpose, url, secret, events, failures, next_attempt_at, "
            + "last_error, created_at";

    private final Jdbc jdbc;

    public OutboxRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Jdbc jdbc() {
        return jdbc;
    }

    /** Stores a new endpoint; returns its id. */
    public static long insertEndpoint(Connection c, Purpose purpose, URI url, String secret, Set<String> events,
            Long by, Instant now) throws SQLException {
        return Jdbc.insert(c, "INSERT INTO outbound_endpoint (purpose, url, secret, events, failures, created_by, "
                + "created_at) VALUES (?, ?, ?, ?, 0, ?, ?)", purpose.name(), url.toString(), secret,
                events.isEmpty() ? null : String.join(",", events), by, now);
    }

    /** Retires the endpoint: nothing more is queued for it or sent to it. @return whether it was live */
    public static boolean deleteEndpoint(Connection c, long id, Instant now) throws SQLException {
        return Jdbc.update(c, "UPDATE outbound_endpoint SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL",
                now, id) == 1;
    }

    /** The live endpoints, oldest first. */
    public List<OutboundEndpoint> live() {
        return jdbc.inConnection(OutboxRepository::live);
    }

    public static List<OutboundEndpoint> live(Connection c) throws SQLException {
        return Jdbc.query(c, "SELECT " + ENDPOINT_COLUMNS + " FROM outbound_endpoint WHERE deleted_at IS NULL "
                + "ORDER BY id", OutboxRepository::endpoint);
    }

    public List<OutboundEndpoint> live(Purpose purpose) {
        return live().stream().filter(e -> e.purpose() == purpose).toList();
    }

    /**
     * Queues one message for every live endpoint of {@code purpose} that takes {@code event} (webhooks name the
     * events they take; the exchange endpoint takes all). A key already queued for an endpoint is not queued again.
     */
    public static int enqueue(Connection c, Purpose purpose, String event, String key, String body, Instant now)
            throws SQLException {
        int queued = 0;
        for (OutboundEndpoint e : live(c)) {
            if (e.purpose() == purpose && (e.events().isEmpty() || event != null && e.events().contains(event))) {
                queued += enqueueFor(c, e.id(), key, body, now);
            }
        }
        return queued;
    }

    /** Queues one message for one endpoint, unless its key is already queued there. */
    public static int enqueueFor(Connection c, long endpointId, String key, String body, Instant now)
            throws SQLException {
        return Jdbc.update(c, "INSERT INTO outbox (endpoint_id, record_key, body, created_at, attempts, state) "
                + "VALUES (?, ?, ?, ?, 0, 'PENDING') ON CONFLICT DO NOTHING", endpointId, key, body, now);
    }

    /** The oldest messages still waiting for the endpoint, in the order they were queued. */
    public List<OutboxEntry> pending(long endpointId, int limit) {
        return jdbc.query("SELECT id, endpoint_id, record_key, body, attempts FROM outbox WHERE endpoint_id = ? "
                + "AND state = 'PENDING' ORDER BY id LIMIT ?", rs -> new OutboxEntry(rs.getLong("id"),
                rs.getLong("endpoint_id"), rs.getString("record_key"), rs.getString("body"), rs.getInt("attempts")),
                endpointId, limit);
    }

    /** The attempt's outcome for the message: delivered, refused for good, or still pending. */
    public void attempted(OutboxEntry entry, Verdict verdict, String error, Instant now) {
        String state = switch (verdict) {
            case DELIVERED -> "DELIVERED";
            case REFUSED -> "REFUSED";
            case RETRY -> "PENDING";
        };
        jdbc.update("UPDATE outbox SET attempts = attempts + 1, state = ?, done_at = ?, last_error = ? WHERE id = ?",
                state, verdict == Verdict.RETRY ? null : now, cut(error), entry.id());
    }

    /** The endpoint failed again: it rests until {@code next}. */
    public void endpointFailed(long endpointId, int failures, Instant next, String error) {
        jdbc.update("UPDATE outbound_endpoint SET failures = ?, next_attempt_at = ?, last_error = ? WHERE id = ?",
                failures, next, cut(error), endpointId);
    }

    /** The endpoint answered: its failure count starts over. */
    public void endpointAnswered(long endpointId) {
        jdbc.update("UPDATE outbound_endpoint SET failures = 0, next_attempt_at = NULL WHERE id = ? AND failures <> 0",
                endpointId);
    }

    /**
     * Deletes the messages done (delivered, or refused for good) before {@code before}; pending ones stay whatever
     * their age. Safe: a key is queued once, when its record or event is made, never again. @return how many
     */
    public int pruneDone(Instant before) {
        return jdbc.update("DELETE FROM outbox WHERE state IN ('DELIVERED', 'REFUSED') AND done_at < ?", before);
    }

    /** Messages per state for each endpoint (endpoint id → state → count). */
    public Map<Long, Map<String, Long>> counts() {
        record Row(long endpoint, String state, long count) {
        }
        return jdbc.query("SELECT endpoint_id, state, COUNT(*) AS n FROM outbox GROUP BY endpoint_id, state",
                rs -> new Row(rs.getLong(1), rs.getString(2), rs.getLong(3))).stream()
                .collect(Collectors.groupingBy(Row::endpoint, Collectors.toMap(Row::state, Row::count)));
    }

    /**
     * When each endpoint last took a message (endpoint id → instant), among the messages kept (delivered messages are
     * pruned after a while, so an endpoint idle for longer has none).
     */
    public Map<Long, Instant> lastDelivered() {
        record Row(long endpoint, Instant at) {
        }
        return jdbc.query("SELECT endpoint_id, MAX(done_at) AS at FROM outbox WHERE state = 'DELIVERED' "
                + "GROUP BY endpoint_id", rs -> new Row(rs.getLong(1), Jdbc.instant(rs, "at"))).stream()
                .filter(r -> r.at() != null).collect(Collectors.toMap(Row::endpoint, Row::at));
    }

    public Optional<OutboundEndpoint> find(long id) {
        return jdbc.queryOne("SELECT " + ENDPOINT_COLUMNS + " FROM outbound_endpoint WHERE id = ? AND deleted_at IS NULL",
                OutboxRepository::endpoint, id);
    }

    private static OutboundEndpoint endpoint(ResultSet rs) throws SQLException {
        String events = rs.getString("events");
        Set<String> set = events == null || events.isEmpty() ? Set.of()
                : new LinkedHashSet<>(Arrays.asList(events.split(",")));
        return new OutboundEndpoint(rs.getLong("id"), Purpose.valueOf(rs.getString("purpose")),
                URI.create(rs.getString("url")), rs.getString("secret"), Set.copyOf(set), rs.getInt("failures"),
                Jdbc.instant(rs, "next_attempt_at"), rs.getString("last_error"), Jdbc.instant(rs, "created_at"));
    }

    private static String cut(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 499) + "…";
    }
}
