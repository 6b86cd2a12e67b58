package vn.loa.controller.leadership;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.storage.Jdbc;

/**
 * On PostgreSQL, the leader hears of a standby's change at once: a standby's {@link ChangeFeed#publish}
 * ends with a {@code NOTIFY} on {@link ChangeFeed#CHANNEL}, and this listener — a leader job, one thread
 * ({@code change-listener}) holding one connection of its own that {@code LISTEN}s — polls the feed when
 * one arrives. The feed's periodic poll stays, as the fallback: it covers what was published while the
 * listener's connection was down (and H2, which has no notifications).
 */
public final class ChangeListener {
    private static final Logger log = LoggerFactory.getLogger(ChangeListener.class);
    /** How long one wait for notifications lasts: also how long a stop waits for the thread to see it. */
    private static final int WAIT_MS = 500;
    private static final long RETRY_MS = 1_000;

    private final Jdbc jdbc;
    private final ChangeFeed feed;
    private volatile boolean running;
    private volatile Thread thread;

    public ChangeListener(Jdbc jdbc, ChangeFeed feed) {
        this.jdbc = jdbc;
        this.feed = feed;
    }

    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("change-listener").daemon(true).start(this::run);
    }

    /** Stops listening; the thread ends within one wait. */
    public void stop() {
        running = false;
        Thread t = thread;
        if (t == null) {
            return;
        }
        try {
            if (!t.join(java.time.Duration.ofSeconds(5))) {
                log.warn("the change listener did not stop within 5 s; its connection is closed with the pool");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (running) {
            try {
                jdbc.inConnection(c -> {
                    listen(c);
                    return null;
                });
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("the change listener lost its connection ({}); the feed is still polled every {} s; listening "
                        + "again in {} s", e.getMessage(), ChangeFeed.POLL_EVERY.toSeconds(), RETRY_MS / 1000);
                try {
                    TimeUnit.MILLISECONDS.sleep(RETRY_MS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void listen(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("LISTEN " + ChangeFeed.CHANNEL);
        }
        try {
            PGConnection pg = c.unwrap(PGConnection.class);
            feed.poll(); // what came before this connection listened
            while (running) {
                PGNotification[] heard = pg.getNotifications(WAIT_MS);
                if (heard != null && heard.length > 0) {
                    feed.poll();
                }
            }
        } finally {
            try (Statement st = c.createStatement()) { // the connection goes back to the pool
                st.execute("UNLISTEN *");
            }
        }
    }
}
