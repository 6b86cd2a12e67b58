package vn.loa.agent.link;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Redial delays: exponential from the minimum to the maximum, each one jittered uniformly in
 * [d/2, d] so that a thousand stations cut off together do not all dial again together; back to the
 * minimum after a good connection. Used on the link's event loop only.
 */
final class Backoff {
    private final long minMs;
    private final long maxMs;
    private final RandomGenerator random;
    private long currentMs;

    Backoff(Duration min, Duration max, RandomGenerator random) {
        this.minMs = min.toMillis();
        this.maxMs = Math.max(minMs, max.toMillis());
        this.random = random;
        this.currentMs = minMs;
    }

    /** The delay before the next dial; the one after it will be twice as long, up to the maximum. */
    long nextDelayMs() {
        long delay = random.nextLong(currentMs / 2, currentMs + 1);
        currentMs = Math.min(currentMs * 2, maxMs);
        return delay;
    }

    /** A good connection: the next loss is retried quickly again. */
    void reset() {
        currentMs = minMs;
    }

    /** A refusal that will not change soon (bad credentials, incompatible version): retry seldom. */
    void toMaximum() {
        currentMs = maxMs;
    }

    /** The upper bound of the next delay. */
    long currentMs() {
        return currentMs;
    }
}
