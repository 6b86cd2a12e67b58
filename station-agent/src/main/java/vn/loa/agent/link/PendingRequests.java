package vn.loa.agent.link;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests sent to the controller and not yet answered, keyed by request id, each with a timeout: a
 * request whose answer does not come in time is dropped and its owner told (it may ask again). For a
 * request answered in several parts (a file's chunks) the timeout counts from the last part. When
 * the link goes down every request is dropped without a word: the owners start again on the next link.
 * The timers run on the link's event loop; requests may be added from any thread.
 */
public final class PendingRequests {
    private static final Logger log = LoggerFactory.getLogger(PendingRequests.class);

    private final ScheduledExecutorService timer;
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();

    private final class Pending {
        final long requestId;
        final Duration timeout;
        final Runnable onTimeout;
        volatile ScheduledFuture<?> deadline;

        Pending(long requestId, Duration timeout, Runnable onTimeout) {
            this.requestId = requestId;
            this.timeout = timeout;
            this.onTimeout = onTimeout;
        }

        void arm() {
            deadline = timer.schedule(this::expire, timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        void expire() {
            if (pending.remove(requestId, this)) {
                log.warn("request {}: no answer from the controller within {} s", requestId, timeout.toSeconds());
                onTimeout.run();
            }
        }
    }

    /** @param timer the link's event loop */
    public PendingRequests(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Waits for the answer to {@code requestId} at most {@code timeout}, else runs {@code onTimeout}. */
    public void add(long requestId, Duration timeout, Runnable onTimeout) {
        Pending p = new Pending(requestId, timeout, onTimeout);
        Pending previous = pending.put(requestId, p);
        if (previous != null) {
            previous.deadline.cancel(false);
        }
        p.arm();
    }

    /**
     * An answer came for {@code refersTo}.
     *
     * @param last false when more parts of the answer follow: the timeout starts again
     * @return whether it answered a pending request
     */
    public boolean answered(long refersTo, boolean last) {
        Pending p = last ? pending.remove(refersTo) : pending.get(refersTo);
        if (p == null) {
            return false;
        }
        p.deadline.cancel(false);
        if (!last) {
            p.arm();
        }
        return true;
    }

    /** The link went down: no answer will come on it. */
    public void clear() {
        pending.values().forEach(p -> p.deadline.cancel(false));
        pending.clear();
    }

    public int size() {
        return pending.size();
    }
}
