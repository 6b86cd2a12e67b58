package vn.loa.controller.inbox;

import java.time.Duration;
import java.time.Instant;

/**
 * A bulletin sent down to communes.
 *
 * @param respondBy NORMAL: unanswered items expire at this instant
 * @param window    PRIORITY: a commune may move the item to [proposedAt, proposedAt + window]
 */
public record Dispatch(long id, String title, long bulletinId, Level level, Instant proposedAt, Instant respondBy,
        Duration window, Source source, String sourceRef, Long sentBy, Instant sentAt) {
}
