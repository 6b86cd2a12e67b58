package vn.loa.controller.leadership;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.storage.Jdbc;

/**
 * How a change made on a standby reaches the leader: through the database. The standby
 * {@link #publish}es a row of {@code cluster_change} (on PostgreSQL with a {@code NOTIFY}, which the
 * leader's {@link ChangeListener} hears at once); the leader's {@link #poll} (on a notification, and every
 * second as the fallback) hands the rows past the last one it saw to its handler, in order. A leader starts from the
 * newest row when it takes over (its first plan rebuild and relay load cover what came before), and
 * deletes rows older than an hour.
 */
public final class ChangeFeed {
    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);
    public static final Duration POLL_EVERY = Duration.ofSeconds(1);
    /** The PostgreSQL notification channel a publish ends with ({@link ChangeListener}). */
    static final String CHANNEL = "loa_cluster_change";
    static final Duration KEEP = Duration.ofHours(1);

    private final Jdbc jdbc;
    private final Clock clock;
    private volatile Consumer<ClusterChange> handler = change -> { };
    private volatile long lastSeen = -1;
    /** The periodic poll and the listener's: one at a time, so a change is handed over once. */
    private final ReentrantLock polling = new ReentrantLock();
    private final boolean notify;

    /** Without notifications (H2): the leader polls. */
    public ChangeFeed(Jdbc jdbc, Clock clock) {
        this(jdbc, clock, false);
    }

    /** @param notify each publish ends with a PostgreSQL {@code NOTIFY} the leader's {@link ChangeListener} hears */
    public ChangeFeed(Jdbc jdbc, Clock clock, boolean notify) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.notify = notify;
    }

    /** What the leader does with each change (wired once at start). */
    public void onChange(Consumer<ClusterChange> handler) {
        this.handler = handler;
    }

    /** On a standby: records the change for the leader. */
    public void publish(ClusterChange change) {
        String topic = switch (change) {
            case ClusterChange.AllPlans a -> "PLANS";
            case ClusterChange.StationPlan s -> "STATION_PLAN";
            case ClusterChange.Relays r -> "RELAYS";
            case ClusterChange.Announcement a -> "ANNOUNCEMENT";
        };
        Long subject = switch (change) {
            case ClusterChange.StationPlan s -> s.stationId();
            case ClusterChange.Announcement a -> a.handOverId();
            default -> null;
        };
        jdbc.inTransaction(c -> {
            Jdbc.update(c, "INSERT INTO cluster_change (topic, subject, created_at) VALUES (?, ?, ?)", topic, subject,
                    clock.instant());
            if (notify) { // delivered at the commit, after the row is visible
                Jdbc.update(c, "NOTIFY " + CHANNEL);
            }
            return null;
        });
    }

    /** The leader takes over: changes up to now are covered by its first rebuild and load. */
    public void startFromNow() {
        lastSeen = jdbc.queryOne("SELECT MAX(id) FROM cluster_change", rs -> rs.getObject(1) == null ? 0L
                : rs.getLong(1)).orElse(0L);
    }

    /** On the leader: hands every change past the last seen to the handler, in order; returns how many. */
    public int poll() {
        polling.lock();
        try {
            return pollOnce();
        } finally {
            polling.unlock();
        }
    }

    private int pollOnce() {
        if (lastSeen < 0) {
            startFromNow();
        }
        List<Row> rows = jdbc.query("SELECT id, topic, subject FROM cluster_change WHERE id > ? ORDER BY id",
                rs -> new Row(rs.getLong("id"), rs.getString("topic"), Jdbc.nullableLong(rs, "subject")), lastSeen);
        for (Row r : rows) {
            lastSeen = r.id();
            ClusterChange change = switch (r.topic()) {
                case "PLANS" -> new ClusterChange.AllPlans();
                case "STATION_PLAN" -> new ClusterChange.StationPlan(r.subject() == null ? 0 : r.subject());
                case "RELAYS" -> new ClusterChange.Relays();
                case "ANNOUNCEMENT" -> new ClusterChange.Announcement(r.subject() == null ? 0 : r.subject());
                default -> null;
            };
            if (change == null) {
                log.warn("cluster change {} has an unknown topic '{}' (a newer node wrote it); ignored", r.id(), r.topic());
                continue;
            }
            handler.accept(change);
        }
        return rows.size();
    }

    /** On the leader, now and then: the rows nobody needs any more. */
    public int prune() {
        return jdbc.update("DELETE FROM cluster_change WHERE created_at < ?", clock.instant().minus(KEEP));
    }

    private record Row(long id, String topic, Long subject) {
    }
}
