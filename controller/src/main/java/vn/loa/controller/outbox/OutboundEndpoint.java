package vn.loa.controller.outbox;

import java.net.URI;
import java.time.Instant;
import java.util.Set;

/**
 * One address the controller pushes to, with its shared secret and its delivery state.
 *
 * @param events        the event kinds a webhook takes (empty for the exchange endpoint: it takes every record)
 * @param failures      consecutive failed attempts; 0 after a delivery
 * @param nextAttemptAt when it may be tried again after a failure; null: now
 */
public record OutboundEndpoint(long id, Purpose purpose, URI url, String secret, Set<String> events, int failures,
        Instant nextAttemptAt, String lastError, Instant createdAt) {

    /** Whether the outbox may try it at {@code now}. */
    public boolean due(Instant now) {
        return nextAttemptAt == null || !nextAttemptAt.isAfter(now);
    }
}
